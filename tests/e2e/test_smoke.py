"""A first visit: open home, sign up, log out, log in; every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from cms.demo import seed_pages

PASSWORD = "tosi-pitkä-salasana-42"


@pytest.fixture
def site(live_url):
    seed_pages()
    return live_url


def test_home_sign_up_log_out_log_in(site, page, assert_accessible):
    page.goto(site + "/")
    expect(page.locator("h1")).to_have_text("Kohtaamo – aktiivisen kohtaamisen foorumi")
    assert_accessible(page, "home")

    page.get_by_role("link", name="Rekisteröidy").click()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page, "sign-up form")
    page.get_by_label("Sähköposti").fill("selain@example.org")
    page.get_by_label("Nimimerkki").fill("Selainkokeilija")
    page.get_by_label(re.compile(r"^Salasana:?$")).fill(PASSWORD)
    page.get_by_label("Salasana (uudestaan)").fill(PASSWORD)
    page.get_by_label(re.compile("Hyväksyn")).check()
    page.get_by_role("button", name="Rekisteröidy").click()

    header = page.locator(".account-nav")
    expect(header).to_contain_text("Selainkokeilija")
    expect(header).to_contain_text("kehittäjäasiakas")
    user = User.objects.get(email="selain@example.org")
    assert user.role == Role.DEVELOPER_CLIENT and user.terms_accepted_at

    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page.get_by_role("link", name="Kirjaudu sisään")).to_be_visible()

    page.get_by_role("link", name="Kirjaudu sisään").click()
    assert_accessible(page, "log-in form")
    page.get_by_label("Sähköposti").fill("selain@example.org")
    page.get_by_label(re.compile(r"^Salasana:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page.locator(".account-nav")).to_contain_text("Selainkokeilija")


def test_sign_up_errors_are_announced_and_keep_what_was_typed(site, page, assert_accessible):
    page.goto(site + "/accounts/signup/")
    page.get_by_label("Sähköposti").fill("selain@example.org")
    page.get_by_label("Nimimerkki").fill("ab")
    page.get_by_role("button", name="Rekisteröidy").click()
    name = page.get_by_label("Nimimerkki")
    expect(name).to_have_value("ab")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Sähköposti")).to_have_value("selain@example.org")
    assert_accessible(page, "sign-up form with errors")


@pytest.mark.parametrize("path", ["/", "/sv/", "/en/how-kohtaamo-works/", "/accounts/login/"])
def test_pages_fit_a_phone_and_work_by_keyboard(site, browser, path, assert_accessible):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    phone = context.new_page()
    try:
        phone.goto(site + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        phone.keyboard.press("Tab")
        skip = phone.locator(".skip-link")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        phone.keyboard.press("Enter")
        expect(phone.locator("#main")).to_be_focused()
        assert_accessible(phone, f"{path} at 360px")
    finally:
        context.close()
