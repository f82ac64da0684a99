"""A call to the forerunner pool from the first draft to "my impact": staff of Kanta-Häme write
a call for transport-service users and publish it, a matching pool member signs up on a
phone, staff confirm the places until none is left, close the call and post its results, and
the member reads them on their "My impact" page.

The pool and its members are set up in the database (recruiting them is its own journey);
the pages are visited in English (/en/), whose texts are the source strings; every new page
passes axe.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Notification
from panels.pool.calls import services
from panels.pool.calls.models import Call, CallStatus, SignupStatus
from tests.e2e.test_panels_journey import log_in
from tests.factories import RegionFactory, UserFactory
from tests.panels.pool.calls.conftest import add_member, make_pool

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pool_world(live_url):
    region = RegionFactory(name="Kanta-Häme", slug="kanta-hame")
    staff = UserFactory(staff=True, email="tyontekija@example.org", display_name="Koordinaattori")
    region.officials.add(staff)
    pool, _question = make_pool(region)
    member = UserFactory(email="kulkija@example.org", display_name="Kyytien käyttäjä")
    add_member(pool, member, answers=["kuljetuspalvelu"], interests="Liikkuminen")
    other = UserFactory(email="toinen@example.org", display_name="Toinen kulkija")
    add_member(pool, other, answers=["kuljetuspalvelu"], availability="Aamupäivisin")
    add_member(pool, UserFactory(display_name="Kotihoidon asiakas"), answers=["kotihoito"])
    return {"url": live_url, "pool": pool, "member": member, "other": other}


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways at 360 px ({width})"


def test_write_publish_fill_close_and_report_a_call(pool_world, browser, page, assert_accessible):
    url, pool = pool_world["url"], pool_world["pool"]
    today = timezone.localdate()

    # Staff write the call on the pool's page.
    log_in(page, url, "tyontekija@example.org", f"/en/panels/pools/{pool.slug}/")
    expect(page.locator("h1")).to_have_text(pool.name)
    assert_accessible(page, "pool page with the calls, staff")
    page.get_by_role("link", name="New call").click()
    expect(page.locator("h1")).to_have_text("New call to the pool")
    assert_accessible(page, "new call form")

    page.get_by_label("Title").fill("Testaa uutta kuljetuspalvelun tilausta")
    page.get_by_label("The task").fill("Kaksi kuljetuspalvelun käyttäjää testaamaan tilausta.")
    page.get_by_label("Places").fill("0")
    page.get_by_label("Starts").fill((today + timedelta(days=20)).isoformat())
    page.get_by_label("Ends").fill((today + timedelta(days=30)).isoformat())
    page.get_by_label("Sign up by").fill((today + timedelta(days=10)).isoformat())
    page.get_by_label("costs reimbursed").check()
    page.get_by_label("kuljetuspalvelu").check()
    page.get_by_role("button", name="Save the draft").click()
    # Zero places: the form says so and keeps everything typed.
    expect(page.locator(".field--error")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Testaa uutta kuljetuspalvelun tilausta")
    expect(page.get_by_label("kuljetuspalvelu")).to_be_checked()
    assert_accessible(page, "new call form with an error")
    page.get_by_label("Places").fill("2")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("saved as a draft")
    expect(page.locator("h1")).to_have_text("Testaa uutta kuljetuspalvelun tilausta")
    expect(page.get_by_text("2 active members meet the criteria")).to_be_visible()
    assert_accessible(page, "draft call page, staff")

    page.get_by_role("button", name="Publish the call").click()
    expect(page.locator(".messages")).to_contain_text("2 members were told")
    call = Call.objects.get()
    assert call.status == CallStatus.OPEN
    assert Notification.objects.filter(kind=services.CALL_PUBLISHED).count() == 2

    # The member signs up on a phone.
    member_context = browser.new_context(locale="fi-FI")
    phone = member_context.new_page()
    try:
        phone.set_viewport_size({"width": 360, "height": 740})
        log_in(phone, url, "kulkija@example.org", f"/en/panels/pools/{pool.slug}/")
        assert_accessible(phone, "pool page with the calls, member")
        phone.get_by_role("link", name="Testaa uutta kuljetuspalvelun tilausta").click()
        expect(phone.get_by_text("2 of 2 places left")).to_be_visible()
        fits_the_phone(phone)
        assert_accessible(phone, "open call page, member on a phone")
        phone.get_by_label("Message to staff (optional)").fill("Käytän kyytejä viikoittain.")
        phone.get_by_role("button", name="Sign up").click()
        expect(phone.locator(".messages")).to_contain_text("You are signed up.")
        expect(phone.get_by_role("button", name="Withdraw my sign-up")).to_be_visible()
    finally:
        member_context.close()
    services.sign_up(call, pool_world["other"], message="")

    # Staff confirm the places until none is left, then close the call.
    page.get_by_role("link", name=re.compile("signed up: confirm the places")).click()
    expect(page.locator("h1")).to_have_text("Sign-ups")
    expect(page.get_by_text("Käytän kyytejä viikoittain.")).to_be_visible()
    assert_accessible(page, "sign-up list")
    page.get_by_role("button", name=re.compile("Confirm a place Kyytien käyttäjä")).click()
    expect(page.get_by_text("1 of 2 places left")).to_be_visible()
    page.get_by_role("button", name=re.compile("Confirm a place Toinen kulkija")).click()
    expect(page.get_by_text("0 of 2 places left")).to_be_visible()
    page.get_by_role("link", name="Testaa uutta kuljetuspalvelun tilausta").click()
    expect(page.get_by_text("0 of 2 places left")).to_be_visible()
    page.get_by_role("button", name="Close the call").click()
    expect(page.locator(".messages")).to_contain_text("The places are settled.")
    assert Notification.objects.filter(kind=services.CALL_OUTCOME).count() == 2

    # And post the results.
    page.get_by_role("link", name="Post the results").click()
    expect(page.locator("h1")).to_have_text("Results of the call")
    assert_accessible(page, "results form")
    page.get_by_label("Results").fill("Vahvistusviesti lähtee nyt heti tilauksen jälkeen.")
    page.get_by_role("button", name="Post the results").click()
    expect(page.locator(".messages")).to_contain_text("The results are posted.")
    call.refresh_from_db()
    assert call.status == CallStatus.REPORTED
    assert set(call.signups.values_list("status", flat=True)) == {SignupStatus.CONFIRMED}

    # The member reads them on "My impact".
    member_context = browser.new_context(locale="fi-FI")
    mine = member_context.new_page()
    try:
        log_in(mine, url, "kulkija@example.org", "/en/my-impact/")
        expect(mine.locator("h1")).to_have_text("My impact")
        expect(
            mine.get_by_text("Vahvistusviesti lähtee nyt heti tilauksen jälkeen.")
        ).to_be_visible()
        assert_accessible(mine, "my impact with a call's results")
    finally:
        member_context.close()
