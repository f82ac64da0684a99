"""Statistics in a real browser: a visitor reads the platform's figures and a region's, with
charts and data tables; staff pick the months, compare two regions, and are told plainly
when the period makes no sense. axe runs on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.statistics.periods import add_months, this_month
from tests.cms.statistics.conftest import respond
from tests.e2e.test_live_thread import logged_in_context
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory


@pytest.fixture
def scene(live_url):
    lappi = RegionFactory(name="Lappi", slug="lappi")
    karjala = RegionFactory(name="Karjala", slug="karjala")
    now = timezone.now()
    for region, count in [(lappi, 6), (karjala, 2)]:
        round_ = IdeaRoundFactory(region=region)
        for index in range(count):
            idea = IdeaFactory(round=round_, created_at=now - timedelta(days=3 + index))
            CommentFactory(idea=idea)
            if index % 2 == 0:
                respond(idea, 1)
    staff = UserFactory(staff=True)
    lappi.officials.add(staff)
    return staff


def test_visitors_read_the_figures_and_staff_compare_regions(
    live_url, browser, scene, assert_accessible
):
    visitor = browser.new_page()
    visitor.goto(f"{live_url}/en/terms/")
    visitor.get_by_role("contentinfo").get_by_role("link", name="Statistics").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Statistics")
    expect(visitor.locator("svg[role='img']").first).to_be_visible()
    expect(visitor.locator("input[name='start']")).to_have_count(0)
    assert_accessible(visitor, "statistics of the platform")

    visitor.get_by_role("link", name="Lappi").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Statistics: Lappi")
    ideas = visitor.locator("#figure-ideas")
    expect(ideas.locator("tfoot td")).to_have_text("6")
    # Six authors and six commenters, all developer-clients.
    expect(visitor.locator("#figure-participants-by-role tbody")).to_have_text("developer-client12")
    assert_accessible(visitor, "statistics of a region")
    visitor.close()

    context = logged_in_context(browser, live_url, scene)
    try:
        page = context.new_page()
        page.goto(f"{live_url}/en/statistics/lappi/")
        month = this_month()
        page.get_by_label("From (month)").fill(add_months(month, -2).strftime("%Y-%m"))
        page.get_by_label("To (month)").fill(month.strftime("%Y-%m"))
        page.get_by_label("Karjala").check()
        page.get_by_role("button", name="Show").click()
        ideas = page.locator("#figure-ideas")
        expect(ideas.locator("thead th")).to_have_text(["Month", "Lappi", "Karjala"])
        expect(ideas.locator("tbody tr")).to_have_count(3)
        expect(ideas.locator("tfoot td")).to_have_text(["6", "2"])
        expect(ideas.locator(".chart__legend li")).to_have_count(2)
        assert_accessible(page, "statistics compared")

        page.get_by_label("From (month)").fill(month.strftime("%Y-%m"))
        page.get_by_label("To (month)").fill(add_months(month, -1).strftime("%Y-%m"))
        page.get_by_role("button", name="Show").click()
        expect(page.locator("#id_end-error")).to_contain_text("ends before it starts")
        expect(page.get_by_label("To (month)")).to_have_attribute("aria-invalid", "true")
        assert_accessible(page, "statistics with a bad period")
    finally:
        context.close()
