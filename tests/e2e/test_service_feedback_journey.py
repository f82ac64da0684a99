"""A visitor gives spontaneous feedback without an account, on a phone; the region's staff
member triages it into an idea; the public page shows the answer, and the idea says where it
came from. Every new page passes axe, and the form fits 360px."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from ideas.models import Idea, Phase
from ideas.service_feedback.models import Feedback, Status
from tests.factories import ClientGroupFactory, RegionFactory, ServiceAreaFactory, UserFactory
from tests.ideas.factories import IdeaRoundFactory

PHONE = {"width": 360, "height": 740}
TEXT = "Kutsukirjeessä ei kerrottu, mistä sisäänkäynnistä vastaanotolle mennään."


@pytest.fixture
def site(live_url):
    region = RegionFactory(name="Etelä-Karjala", slug="etela-karjala")
    ServiceAreaFactory(region=region, name="Terveysasemat")
    ClientGroupFactory(region=region, name="Lapsiperheet")
    staff = UserFactory(staff=True, email="palaute@example.org", display_name="Palautevastaava")
    region.officials.add(staff)
    round_ = IdeaRoundFactory(region=region, title="Palautteesta ideoiksi", phase=Phase.IDEATION)
    return {"url": live_url, "region": region, "staff": staff, "round": round_}


def logged_in_context(browser, live_url, user, **kwargs):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fi-FI", **kwargs)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url}]
    )
    return context


def test_feedback_becomes_an_idea_and_its_answer_is_public(site, browser, assert_accessible):
    url = site["url"]
    visitor = browser.new_context(locale="fi-FI", viewport=PHONE)
    page = visitor.new_page()
    try:
        page.goto(f"{url}/en/feedback/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Give feedback on a service")
        assert_accessible(page, "the feedback form, at 360px")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the form scrolls sideways by {overflow}px at 360px"
        page.get_by_label("Region").select_option(label="Etelä-Karjala")
        page.get_by_label("Service area").select_option(label="Terveysasemat")
        # Sent without the text first: the error says so, and what was chosen stays.
        page.get_by_role("button", name="Send feedback").click()
        expect(page.get_by_text("This field is required.")).to_be_visible()
        assert_accessible(page, "the feedback form with an error")
        page.get_by_label("What happened?").fill(TEXT)
        page.get_by_label("What would be better?").fill("Sisäänkäynti tekstiviestiin.")
        page.get_by_label("Client group (optional)").select_option(label="Lapsiperheet")
        page.get_by_label("E-mail for the answer (optional)").fill("vastaus@example.org")
        page.get_by_role("button", name="Send feedback").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
        assert_accessible(page, "the confirmation")
    finally:
        visitor.close()
    item = Feedback.objects.get()
    assert item.author is None and item.client_group.name == "Lapsiperheet"

    staff = logged_in_context(browser, url, site["staff"])
    page = staff.new_page()
    try:
        page.goto(f"{url}/en/feedback/inbox/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Feedback inbox")
        assert_accessible(page, "the feedback inbox")
        page.get_by_role("link", name=re.compile("Terveysasemat")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Feedback on Terveysasemat")
        assert_accessible(page, "the triage page")
        page.get_by_role("radio", name="turned into an idea").check()
        page.get_by_label("Public answer").fill("Kiitos! Teimme tästä idean, jota voit seurata.")
        page.get_by_label("Idea round (turned into an idea)").select_option(
            label="Palautteesta ideoiksi"
        )
        page.get_by_label("Idea title").fill("Sisäänkäynnin tiedot kutsukirjeeseen")
        page.get_by_label("Show the feedback and the answer on the public page").check()
        page.get_by_role("button", name="Send the answer").click()
        expect(page.get_by_text("The feedback was answered.")).to_be_visible()
    finally:
        staff.close()
    item.refresh_from_db()
    assert item.status == Status.IDEA and item.reply_email == ""
    idea = Idea.objects.get()

    reader = browser.new_context(locale="fi-FI", viewport=PHONE)
    page = reader.new_page()
    try:
        page.goto(f"{url}/en/feedback/regions/etela-karjala/")
        expect(page.get_by_text("Kiitos! Teimme tästä idean, jota voit seurata.")).to_be_visible()
        expect(page.get_by_text(TEXT)).to_be_visible()
        assert_accessible(page, "the public feedback page, at 360px")
        page.get_by_role("link", name=re.compile("Sisäänkäynnin tiedot")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(idea.title)
        expect(page.get_by_text("Made from")).to_be_visible()
    finally:
        reader.close()
