"""A person says which client group they belong to from their profile, by keyboard, on a
phone; the page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from panels.segments.models import SelfDescription
from tests.factories import PASSWORD, ClientGroupFactory, RegionFactory, UserFactory


@pytest.fixture
def site(live_url):
    region = RegionFactory(name="Etelä-Karjala", slug="etela-karjala")
    ClientGroupFactory(region=region, name="Omaishoitajat")
    UserFactory(email="kertoja@example.org", display_name="Kertoja")
    return live_url


def test_saying_ones_client_group_from_the_profile(site, browser, assert_accessible):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    page = context.new_page()
    try:
        page.goto(f"{site}/accounts/login/?next=/en/accounts/profile/")
        page.get_by_label("Sähköposti").fill("kertoja@example.org")
        page.get_by_label(re.compile(r"^Salasana:?$")).fill(PASSWORD)
        page.get_by_role("button", name="Kirjaudu sisään").click()
        page.get_by_role("link", name="Client group and service area").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Client group and service area")
        assert_accessible(page, "client group and service area, at 360px")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 360px"

        page.get_by_label("Client group").select_option(label="Omaishoitajat")
        page.get_by_role("button", name="Save").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_text("Only you see this about you.")).to_be_visible()
        assert SelfDescription.objects.get().client_group.name == "Omaishoitajat"
    finally:
        context.close()
