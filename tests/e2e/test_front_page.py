"""The front page in a browser: what is happening now, a region chosen with the keyboard alone,
that region's landing page; axe on each, on a phone-sized screen too."""

import pytest
from playwright.sync_api import expect

from tests.cms.frontpage.world import add_region_page, build_world
from tests.e2e.test_experiment_journey import in_a_thread


@pytest.fixture
def forum(live_url):
    from cms.demo import seed_pages

    made = {}

    def build():
        seed_pages()
        made.update(build_world())
        add_region_page(made["lappi"])

    in_a_thread(build)
    return live_url


def test_front_page_and_choosing_a_region_with_the_keyboard(forum, page, assert_accessible):
    page.goto(f"{forum}/en/")
    expect(page.locator("h1")).to_have_count(1)
    now = page.get_by_role("heading", level=2, name="Happening now in all regions")
    expect(now).to_be_visible()
    expect(page.get_by_role("link", name="Selkeämmät palvelut")).to_be_visible()
    expect(page.get_by_role("link", name="Kainuun kierros")).to_be_visible()
    expect(page.get_by_text("Raadin oma kierros")).to_have_count(0)
    assert_accessible(page, "the home page")

    # Keyboard only: to the chooser, down to Lappi, to the button, Enter.
    chooser = page.get_by_label("Show the region")
    chooser.focus()
    page.keyboard.press("ArrowDown")  # Kainuu
    page.keyboard.press("ArrowDown")  # Lappi
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="Happening now in Lappi")).to_be_visible()
    expect(page.get_by_role("link", name="Kainuun kierros")).to_have_count(0)
    expect(page.get_by_label("Show the region")).to_have_value("lappi")

    # Remembered: the home page shows Lappi on the next visit too.
    page.goto(f"{forum}/en/")
    expect(page.get_by_role("heading", level=2, name="Happening now in Lappi")).to_be_visible()

    page.get_by_role("link", name="The page of Lappi").click()
    expect(page.locator("h1")).to_have_text("Kohtaamo: Lappi")
    expect(page.get_by_role("link", name="Selkeämmät palvelut")).to_be_visible()
    assert_accessible(page, "the region landing page")

    page.set_viewport_size({"width": 360, "height": 740})
    assert_accessible(page, "the region landing page on a phone")
    page.goto(f"{forum}/en/")
    assert_accessible(page, "the home page on a phone")
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
