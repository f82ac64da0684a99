"""Following a round with the keyboard-reachable button, and unfollowing it from "my follows";
the pages pass axe and "my follows" fits a 360px phone."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Follow
from tests.factories import PASSWORD, UserFactory
from tests.ideas.factories import IdeaRoundFactory


@pytest.fixture
def round_url(live_url):
    IdeaRoundFactory(title="Asumisen ideat", slug="asuminen")
    UserFactory(email="seuraaja@example.org", display_name="Seuraaja")
    return live_url


def test_follow_a_round_and_unfollow_it_from_my_follows(
    round_url, page, browser, assert_accessible
):
    page.goto(f"{round_url}/en/rounds/asuminen/")
    login = page.get_by_role("link", name="Log in to follow")
    expect(login).to_have_attribute("href", re.compile(r"next=/en/rounds/asuminen/"))
    page.goto(f"{round_url}/accounts/login/?next=/en/rounds/asuminen/")
    page.get_by_label("Sähköposti").fill("seuraaja@example.org")
    page.get_by_label(re.compile(r"^Salasana:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()

    page.get_by_role("button", name="Follow", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Unfollow", exact=True)).to_be_visible()
    assert re.search(r"/en/rounds/asuminen/#follow-ideas-idearound-\d+$", page.url)
    assert Follow.objects.count() == 1
    assert_accessible(page, "round page, following")

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    phone.add_cookies(page.context.cookies())
    mine = phone.new_page()
    try:
        mine.goto(f"{round_url}/en/accounts/follows/")
        expect(mine.get_by_role("heading", name="Idea rounds")).to_be_visible()
        overflow = mine.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"my follows scrolls sideways by {overflow}px at 360px"
        assert_accessible(mine, "my follows at 360px")
        mine.get_by_role("button", name=re.compile(r"^Unfollow\W+Asumisen ideat$")).click()
        expect(mine.get_by_text("You follow nothing yet.")).to_be_visible()
    finally:
        phone.close()
    assert not Follow.objects.exists()
