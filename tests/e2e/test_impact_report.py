"""The demo impact report on a phone: readable, accessible, statuses written out."""

import threading

import pytest
from django.db import connection
from playwright.sync_api import expect

from cms.demo import seed_impact_reports, seed_pages
from cms.models import ImpactReportPage
from ideas.demo import seed_ideas


def _seed():
    try:
        seed_pages()
        seed_ideas()
        seed_impact_reports()
    finally:
        connection.close()


@pytest.fixture
def site(live_url):
    # Publishing the report notifies the cited ideas' authors, and a notice is pushed over the
    # channel layer with async_to_sync, which cannot run in the thread where Playwright keeps
    # its event loop: seed in a thread of its own.
    seeder = threading.Thread(target=_seed)
    seeder.start()
    seeder.join()
    return live_url


def test_the_demo_report_reads_on_a_phone(site, page, assert_accessible):
    report = ImpactReportPage.objects.get(locale__language_code="fi")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + report.url)

    expect(page.locator("h1")).to_have_text("Sanoitte, teimme – syksy 2026")
    ideas = page.locator(".cited-idea")
    expect(ideas.first).to_be_visible()
    assert ideas.count() == len(report.cited_idea_ids())
    expect(ideas.first.locator(".idea-status")).not_to_be_empty()
    no_sideways_scroll = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert no_sideways_scroll
    assert_accessible(page, "impact report")

    page.get_by_role("link", name="Sanoitte, teimme", exact=True).click()
    expect(page.locator("h1")).to_have_text("Sanoitte, teimme")
    assert_accessible(page, "impact report index")
