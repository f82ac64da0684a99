"""Filtering by municipality in a real browser: the rounds list and the response-time
dashboard with a municipality chosen, without JavaScript-only parts, pass axe; the whole
region's round is shown and marked."""

import pytest
from playwright.sync_api import expect

from ideas.models import Phase
from panels.models import Municipality
from tests.e2e.test_panels_journey import log_in
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lapland(live_url):
    region = RegionFactory(name="Lappi", slug="lappi")
    karelia = RegionFactory(name="Pohjois-Karjala", slug="pohjois-karjala")
    rovaniemi = Municipality.objects.create(region=region, name="Rovaniemi")
    Municipality.objects.create(region=region, name="Utsjoki")
    Municipality.objects.create(region=karelia, name="Joensuu")
    staff = UserFactory(staff=True, email="tyontekija@example.org", display_name="Innoagentti")
    region.officials.add(staff)
    for title, municipality in (("Rovaniemen odotusajat", rovaniemi), ("Koko Lapin kierros", None)):
        round_ = IdeaRoundFactory(
            region=region, municipality=municipality, title=title, phase=Phase.IDEATION
        )
        IdeaFactory(round=round_)
    return {"url": live_url, "rovaniemi": rovaniemi}


def test_rounds_and_dashboard_filtered_by_municipality(lapland, page, assert_accessible):
    url = lapland["url"]
    log_in(page, url, "tyontekija@example.org", "/en/rounds/")
    expect(page.locator("h1")).to_have_text("Idea rounds")
    page.locator("select#id_municipality").select_option(label="Rovaniemi")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{url}/en/rounds/?municipality={lapland['rovaniemi'].pk}")
    expect(page.get_by_text("Rovaniemen odotusajat")).to_be_visible()
    expect(page.locator(".card", has_text="Koko Lapin kierros")).to_contain_text("whole region")
    assert_accessible(page, "rounds list filtered by municipality")

    page.goto(f"{url}/en/rounds/dashboard/?municipality={lapland['rovaniemi'].pk}")
    expect(page.locator("h1")).to_have_text("Response times")
    expect(page.locator("#municipality-note")).to_contain_text("Rovaniemi")
    assert_accessible(page, "dashboard filtered by municipality")
