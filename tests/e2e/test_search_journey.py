"""Search: a visitor types in the header's search box on the home page, submits with the
keyboard, sees the highlighted result, opens the idea and reads its official response. axe
runs on the results page, its empty-query error and its start state. In English, whose
strings need no catalogue."""

import re

import pytest
from playwright.sync_api import expect

from ideas.feedback.services import publish_response
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Phase
from tests.e2e.test_experiment_journey import in_a_thread
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

REASONS = "Kirjastoauto kiertää kylissä ensi keväästä alkaen."


@pytest.fixture
def scene(live_url):
    from cms.demo import seed_pages

    in_a_thread(seed_pages)
    region = RegionFactory(name="Lappi", slug="lappi-e2e")
    decision_maker = UserFactory(decision_maker=True, display_name="Palvelujohtaja")
    region.officials.add(decision_maker)
    idea = IdeaFactory(
        round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION),
        title="Kirjastoauto kyliin",
        body="Kirjastoauto voisi pysähtyä myös pienissä kylissä.",
    )
    in_a_thread(
        lambda: publish_response(
            decision_maker, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons=REASONS
        )
    )
    return idea


def test_from_the_home_page_through_search_to_an_idea_and_its_response(
    live_url, page, scene, assert_accessible
):
    idea = scene
    page.goto(f"{live_url}/en/")
    box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
    box.fill("kirjastoauto")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/search/\?q=kirjastoauto"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    result = page.locator(".search-result", has_text=idea.title)
    expect(result.locator("mark").first).to_have_text("Kirjastoauto")
    assert_accessible(page, "search results")

    result.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"{idea.get_absolute_url()}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(idea.title)
    expect(page.locator(".response")).to_contain_text(REASONS)


def test_the_search_page_explains_an_empty_query(live_url, page, scene, assert_accessible):
    page.goto(f"{live_url}/en/search/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    assert_accessible(page, "search, no query yet")

    page.get_by_role("search", name="Search and filter the results").get_by_role("button").click()
    expect(page.locator(".field__error")).to_be_visible()
    assert_accessible(page, "search, empty query")
