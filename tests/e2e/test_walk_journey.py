"""An observation walk from a phone to an idea: an expert by experience records findings
place by place on a 360 px screen, staff of the region publish the merged report and turn a
finding into an idea with one form, and the idea names the walk.

The walk pages are visited in English (/en/), whose texts are the source strings; every new
page passes axe.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideas.models import Idea, Phase
from panels.walks.models import Finding, Walk, WalkPlace, WalkStatus, WalkTemplate
from tests.e2e.test_panels_journey import log_in
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import IdeaRoundFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ward(live_url):
    region = RegionFactory(name="Keski-Suomi", slug="keski-suomi")
    staff = UserFactory(staff=True, email="tyontekija@example.org", display_name="Koordinaattori")
    region.officials.add(staff)
    expert = UserFactory(expert=True, email="kokemus@example.org", display_name="Polkujen kulkija")
    template = WalkTemplate.objects.create(region=region, name="Sisätautien osasto")
    lobby = WalkPlace.objects.create(
        template=template, sort_order=0, name="Aula", aspects=["signage", "accessibility"]
    )
    WalkPlace.objects.create(template=template, sort_order=1, name="Kotiutus", aspects=[])
    walk = Walk.objects.create(
        template=template,
        title="Päivä elämässä -kävely",
        date=timezone.localdate(),
        status=WalkStatus.WALKING,
    )
    walk.observers.add(expert, staff)
    IdeaRoundFactory(region=region, phase=Phase.IDEATION, title="Potilaan päivä")
    return {"url": live_url, "walk": walk, "lobby": lobby}


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways at 360 px ({width})"


def test_record_publish_and_make_an_idea(ward, browser, page, assert_accessible):
    url, walk = ward["url"], ward["walk"]

    # The expert by experience walks with a phone.
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, url, "kokemus@example.org", f"/en/panels/walks/{walk.pk}/")
    expect(page.locator("h1")).to_have_text("Päivä elämässä -kävely")
    fits_the_phone(page)
    assert_accessible(page, "walk page on a phone")

    page.get_by_role("link", name=re.compile("Aula")).click()
    expect(page.locator("h1")).to_have_text("Aula")
    expect(page.get_by_text("no faces may be seen in a photo")).to_be_visible()
    fits_the_phone(page)
    assert_accessible(page, "place page on a phone")

    # Sent without a text: the form says what is missing and keeps the choice.
    page.get_by_label("signage").check()
    page.get_by_role("button", name="Save the finding").click()
    expect(page.locator(".field--error")).to_be_visible()
    expect(page.get_by_label("signage")).to_be_checked()
    assert_accessible(page, "place page with an error")

    page.get_by_label("What did you observe?").fill("Opasteet alkavat vasta hissiaulasta.")
    page.get_by_role("button", name="Save the finding").click()
    expect(page.locator(".messages")).to_contain_text("Your finding was saved.")
    expect(page.get_by_text("Opasteet alkavat vasta hissiaulasta.")).to_be_visible()

    page.get_by_role("link", name=re.compile("Kotiutus")).first.click()
    page.get_by_label("encounters").check()
    page.get_by_label("What did you observe?").fill(
        "Kotiutusohjeet annettiin paperilla juuri ennen lähtöä."
    )
    page.get_by_role("button", name="Save the finding").click()
    expect(page.locator(".messages")).to_contain_text("Your finding was saved.")
    assert Finding.objects.filter(walk=walk).count() == 2

    # Staff of the region publish the report and take a finding forward.
    staff_context = browser.new_context(locale="fi-FI")
    staff = staff_context.new_page()
    try:
        log_in(staff, url, "tyontekija@example.org", f"/en/panels/walks/{walk.pk}/observers/")
        expect(staff.locator("h1")).to_have_text("Observers")
        assert_accessible(staff, "observers page")
        staff.goto(f"{url}/en/panels/walks/photos/")
        assert_accessible(staff, "photo review queue")
        staff.goto(f"{url}/en/panels/walks/{walk.pk}/")
        staff.get_by_label("Summary of the report").fill("Opasteet ja kotiutus kuntoon.")
        staff.get_by_role("button", name="Publish the report").click()
        expect(staff.locator(".messages")).to_contain_text("The report is published.")
        expect(staff.locator("h1")).to_have_text("Report: Päivä elämässä -kävely")
        expect(staff.get_by_text("Polkujen kulkija").first).to_be_visible()
        assert_accessible(staff, "the published report")

        staff.get_by_role("link", name=re.compile(r"Turn into an idea\W+Kotiutusohjeet")).click()
        expect(staff.locator("h1")).to_have_text("Post a walk finding as an idea")
        assert_accessible(staff, "idea from a finding")
        staff.get_by_role("button", name="Post idea").click()
        expect(staff.get_by_text(re.compile("From the observation walk"))).to_be_visible()
        idea = Idea.objects.get()
        assert idea.walk_finding.text.startswith("Kotiutusohjeet")

        staff.goto(f"{url}/en/panels/walks/{walk.pk}/report/")
        expect(staff.get_by_role("link", name=re.compile("Became the idea"))).to_be_visible()
    finally:
        staff_context.close()

    # Everyone reads the published report, also signed out.
    anonymous = browser.new_context(locale="fi-FI")
    reader = anonymous.new_page()
    try:
        reader.set_viewport_size({"width": 360, "height": 740})
        reader.goto(f"{url}/en/panels/walks/")
        assert_accessible(reader, "walk list")
        reader.get_by_role("link", name="Päivä elämässä -kävely").click()
        expect(reader.locator("h1")).to_have_text("Report: Päivä elämässä -kävely")
        fits_the_phone(reader)
        assert_accessible(reader, "report on a phone")
    finally:
        anonymous.close()
