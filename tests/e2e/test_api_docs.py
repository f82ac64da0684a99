"""The open-data API's documentation in a real browser: a reader finds the endpoints and the
schema, Swagger UI runs from this server under the site's Content Security Policy, and the
open-data page points the way. axe runs on the site's pages."""

from playwright.sync_api import expect

from tests.factories import RegionFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory


def test_a_reader_finds_the_endpoints_and_tries_them(live_url, browser, assert_accessible):
    IdeaFactory(round=IdeaRoundFactory(region=RegionFactory(slug="lappi")), title="Selkokieli")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security" in message.text else None
        ),
    )

    # The API has no language prefix: its documentation is in the default language, Finnish.
    page.goto(f"{live_url}/api/v1/docs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Avoimen datan rajapinta")
    expect(page.get_by_role("heading", name="GET /api/v1/ideas/", exact=True)).to_be_visible()
    expect(
        page.get_by_role("table", name="Osoitteen /api/v1/ideas/ parametrit", exact=True)
    ).to_contain_text("changed_since")
    assert_accessible(page, "the API documentation")

    page.get_by_role("link", name="Kokeile kyselyjä Swagger UI:ssa").click()
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible(timeout=15000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/v1/ideas/")
    assert not blocked, blocked

    page.goto(f"{live_url}/en/open-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    expect(page.get_by_role("link", name="API documentation")).to_have_attribute(
        "href", "/api/v1/docs/"
    )
    assert_accessible(page, "the open-data page")
    context.close()
