"""From a recruitment page to a filled call: a visitor without an account applies (first
sending the form half-filled), follows the link e-mailed to them, gets an account; the
region's staff filter the queue by an answer and select the person, then call the pool's
transport-service users to a task with one place; the new forerunner signs up and gets the
place, and finds the pool on their own pool page.

The pages are visited in English (/en/), whose texts are the source strings; every new page
passes axe.
"""

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Notification, User
from panels.pool.calls.models import Call
from panels.pool.calls.services import CALL_PUBLISHED
from panels.pool.models import Application, ApplicationStatus, PoolMember
from tests.e2e.test_panels_journey import log_in
from tests.panels.pool.conftest import build_pool_world

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "edellakavija@example.org"


@pytest.fixture
def world(live_url):
    return build_pool_world()


def confirmation_path(mail):
    for message in reversed(mail()):
        if message["To"] == EMAIL:
            body = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(r"https?://\S+/confirm/\S+/", body)
            assert found, body
            return urlparse(found.group(0)).path
    raise AssertionError("No confirmation e-mail was sent.")


def test_apply_confirm_and_be_selected(
    world, live_url, live_server_mail, browser, page, assert_accessible
):
    slug = world.recruitment.slug

    # A visitor reads the page and sends the form half-filled.
    page.goto(f"{live_url}/en/panels/recruitment/{slug}/")
    expect(page.locator("h1")).to_have_text(world.recruitment.title)
    assert_accessible(page, "recruitment page")
    page.get_by_label("Display name").fill("Hämeen kulkija")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Staff need your consent to contact you.")).to_be_visible()
    expect(page.get_by_label("Display name")).to_have_value("Hämeen kulkija")
    assert_accessible(page, "recruitment page with errors")

    # Then completes it.
    page.get_by_role("textbox", name="E-mail address").fill(EMAIL)
    page.get_by_label("Municipality").select_option(label="Riihimäki")
    page.get_by_label("kuljetuspalvelu").check()
    page.get_by_label("kyselyt").check()
    page.get_by_label("Mikä sinua kiinnostaa?").fill("Kyytien tilaaminen.")
    page.get_by_label("I agree that the region's staff may contact me").check()
    page.get_by_label(re.compile("I accept the terms of use")).check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.locator("h1")).to_have_text("Application sent")
    assert Application.objects.get().status == ApplicationStatus.UNVERIFIED

    # The link in the e-mail confirms the address and makes the account.
    page.goto(live_url + confirmation_path(live_server_mail))
    page.get_by_role("button", name="Confirm and send").click()
    expect(page.locator("h1")).to_have_text("Application confirmed")
    expect(page.get_by_role("link", name="Set a password")).to_be_visible()
    person = User.objects.get(email=EMAIL)
    assert Application.objects.get().person == person

    page.goto(f"{live_url}/en/accounts/profile/pool/")
    expect(page.get_by_text("received")).to_be_visible()
    assert_accessible(page, "pool profile with an application")

    # Staff of the region filter by an answer and select the person.
    staff_context = browser.new_context(locale="fi-FI")
    staff_page = staff_context.new_page()
    staff = world.person("staff_same_region")
    log_in(staff_page, live_url, staff.email, f"/en/panels/recruitment/{slug}/applications/")
    expect(staff_page.locator("h1")).to_contain_text("Applications")
    assert_accessible(staff_page, "application queue")
    staff_page.get_by_label("Mitä palveluja käytät?").select_option("kotihoito")
    staff_page.get_by_role("button", name="Show").click()
    expect(staff_page.get_by_text("No applicants here.")).to_be_visible()
    staff_page.get_by_label("Mitä palveluja käytät?").select_option("kuljetuspalvelu")
    staff_page.get_by_role("button", name="Show").click()
    card = staff_page.locator(f"#application-{Application.objects.get().pk}")
    expect(card).to_contain_text("Hämeen kulkija")
    expect(card).to_contain_text("Kyytien tilaaminen.")
    card.get_by_label("Select", exact=True).check()
    card.get_by_role("button", name=re.compile("Save the decision")).click()
    expect(staff_page.get_by_text("Decision saved")).to_be_visible()
    assert PoolMember.objects.get(person=person).pool == world.pool

    # Staff call the pool's transport-service users to a task with one place.
    today = timezone.localdate()
    staff_page.goto(f"{live_url}/en/panels/pools/{world.pool.slug}/")
    staff_page.get_by_role("link", name="New call").click()
    staff_page.get_by_label("Title").fill("Testaa kuljetuspalvelun tilausta")
    staff_page.get_by_label("The task").fill("Yksi kuljetuspalvelun käyttäjä testaamaan.")
    staff_page.get_by_label("Places").fill("1")
    staff_page.get_by_label("Starts").fill((today + timedelta(days=20)).isoformat())
    staff_page.get_by_label("Ends").fill((today + timedelta(days=30)).isoformat())
    staff_page.get_by_label("Sign up by").fill((today + timedelta(days=10)).isoformat())
    staff_page.get_by_label("costs reimbursed").check()
    staff_page.get_by_label("kuljetuspalvelu").check()
    staff_page.get_by_role("button", name="Save the draft").click()
    staff_page.get_by_role("button", name="Publish the call").click()
    expect(staff_page.locator(".messages")).to_contain_text("told")
    call = Call.objects.get()
    assert Notification.objects.filter(recipient=person, kind=CALL_PUBLISHED).count() == 1

    # The new forerunner signs up, and staff give them the place: the call is full.
    page.goto(f"{live_url}/en/panels/pools/{world.pool.slug}/calls/{call.pk}/")
    expect(page.get_by_text("1 of 1 place left")).to_be_visible()
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator(".messages")).to_contain_text("You are signed up.")
    staff_page.goto(f"{live_url}/en/panels/pools/{world.pool.slug}/calls/{call.pk}/sign-ups/")
    staff_page.get_by_role("button", name=re.compile("Confirm a place Hämeen kulkija")).click()
    expect(staff_page.get_by_text("0 of 1 place left")).to_be_visible()
    staff_context.close()
    page.reload()
    expect(page.get_by_text("0 of 1 place left")).to_be_visible()
    assert call.signups.get().person == person

    # The new forerunner finds the pool on their page, and can pause.
    page.goto(f"{live_url}/en/accounts/profile/pool/")
    expect(page.get_by_role("link", name=world.pool.name)).to_be_visible()
    assert_accessible(page, "pool profile as a member")
    page.get_by_role("button", name=re.compile("^Pause")).click()
    expect(
        page.get_by_text("Paused: you are not called to tasks until you resume.").first
    ).to_be_visible()
    assert PoolMember.objects.get(person=person).status == "paused"

    page.goto(f"{live_url}/en/panels/pools/{world.pool.slug}/")
    assert_accessible(page, "pool page")
