"""A decision-maker responds to an idea; its author, with a page open, sees the notification
badge count up live, finds the response on "my impact" and says whether it answered."""

import re

import pytest
from playwright.sync_api import expect

from ideas.feedback.models import OfficialResponse, ResponseFeedback
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Phase
from tests.e2e.test_live_thread import logged_in_context
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory


@pytest.fixture
def scene(live_url):
    region = RegionFactory(name="Lappi", slug="lappi-e2e")
    decision_maker = UserFactory(decision_maker=True, display_name="Palvelujohtaja")
    region.officials.add(decision_maker)
    author = UserFactory(display_name="Idean tekijä")
    idea = IdeaFactory(
        round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION),
        author=author,
        title="Takaisinsoitto samalta työntekijältä",
    )
    return decision_maker, author, idea


def test_response_reaches_the_author_live(live_url, browser, scene, assert_accessible):
    decision_maker, author, idea = scene
    author_context = logged_in_context(browser, live_url, author)
    official_context = logged_in_context(browser, live_url, decision_maker)
    try:
        reader = author_context.new_page()
        reader.goto(f"{live_url}/my-impact/")
        expect(reader.get_by_role("heading", level=1)).to_have_text("Oma vaikuttavuus")
        expect(reader.locator("main")).to_contain_text("Odottanut virallista vastausta")
        badge = reader.locator("[data-unread-count]")
        expect(badge).to_be_hidden()
        assert_accessible(reader, "my impact, waiting")

        official = official_context.new_page()
        official.goto(f"{live_url}{idea.get_absolute_url()}")
        official.get_by_role("link", name="Vastaa virallisesti").click()
        assert_accessible(official, "response form")
        official.get_by_label("Päätös").select_option(IdeaStatus.UNDER_CONSIDERATION)
        official.get_by_label("Perustelut").fill("Kokeilemme mallia kahdella terveysasemalla.")
        official.get_by_label("Seuraava vaihe").fill("Kokeilu alkaa tammikuussa.")
        official.get_by_label("Vastuuyksikkö tai -henkilö").fill("Perusterveydenhuolto")
        official.get_by_role("button", name="Julkaise vastaus").click()
        expect(official.locator(".response")).to_contain_text("harkinnassa")

        # The author's open page counts the notice without a reload.
        expect(badge).to_be_visible()
        expect(badge).to_have_text("(1 uusi)")

        reader.reload()
        entry = reader.locator(".card", has_text=idea.title)
        expect(entry).to_contain_text("harkinnassa")
        expect(entry).to_contain_text("Virallinen vastaus")
        entry.get_by_role("link", name="Lue vastaus").click()
        response = OfficialResponse.objects.get(idea=idea)
        expect(reader).to_have_url(re.compile(f"#response-{response.pk}$"))
        assert_accessible(reader, "idea page with an official response")

        reader.get_by_role("link", name="Vastasiko tämä ideaan?").click()
        reader.get_by_label("ei", exact=True).check()
        reader.get_by_label("Kommentti (vapaaehtoinen)").fill("Entä muut terveysasemat?")
        reader.get_by_role("button", name="Lähetä").click()
        expect(reader.locator(".messages")).to_contain_text("Vastaajaa pyydettiin tarkentamaan")
        assert ResponseFeedback.objects.clarification_requests().count() == 1

        reader.set_viewport_size({"width": 360, "height": 740})
        reader.goto(f"{live_url}/my-impact/")
        scroll_width = reader.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"my impact scrolls sideways at 360 px ({scroll_width})"
    finally:
        author_context.close()
        official_context.close()
