"""Downloading one's data in a real browser: the button on the profile, the "Your data" page,
the ZIP, and the readable page inside it, which passes axe on a phone-sized screen too."""

import io
import json
import zipfile

import pytest
from django.test import Client
from playwright.sync_api import expect

from cms.demo import seed_pages
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory


@pytest.fixture
def person(live_url):
    seed_pages()
    person = UserFactory(display_name="Viejä", email="vieja@example.org", language="en")
    IdeaFactory(author=person, title="Selkokieliset kirjeet")
    return person


def test_a_person_downloads_their_data(live_url, person, browser, assert_accessible):
    client = Client()
    client.force_login(person)
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url}]
    )
    try:
        page = context.new_page()
        page.goto(f"{live_url}/en/accounts/profile/")
        assert_accessible(page, "profile")
        page.get_by_role("button", name="Prepare a copy of my data").click()
        expect(page.locator("h1")).to_have_text("Your data")
        assert_accessible(page, "your data")

        with page.expect_download() as download:
            page.get_by_role("link", name="Download your data").click()
        with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
            data = json.loads(archive.read("data.json"))
            readable = archive.read("index.html").decode()
        assert [idea["title"] for idea in data["sections"]["ideas"]] == ["Selkokieliset kirjeet"]

        page.set_content(readable)
        expect(page.locator("h1")).to_contain_text("Your data on Kohtaamo")
        assert_accessible(page, "the export's page")
        page.set_viewport_size({"width": 360, "height": 740})
        # Wide tables scroll inside their own focusable region; the page itself does not.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page, "the export's page at 360 px")
    finally:
        context.close()


def test_a_person_takes_their_data_and_leaves(live_url, person, browser, assert_accessible):
    """The whole of it: export, find the idea in the ZIP, delete the account; the comment then
    reads as a former member's, the log-in fails, and no row holds the e-mail address."""
    from django.apps import apps
    from django.db import models

    from tests.factories import PASSWORD
    from tests.ideas.factories import CommentFactory

    others_idea = IdeaFactory(title="Toisen idea", round=person.ideas.get().round)
    CommentFactory(idea=others_idea, author=person, body="Kannatan, hyvä ajatus.")
    client = Client()
    client.force_login(person)
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url}]
    )
    try:
        page = context.new_page()
        page.goto(f"{live_url}/en/accounts/profile/")
        page.get_by_role("button", name="Prepare a copy of my data").click()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download your data").click()
        with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
            data = json.loads(archive.read("data.json"))
        assert "Selkokieliset kirjeet" in [idea["title"] for idea in data["sections"]["ideas"]]

        page.goto(f"{live_url}/en/accounts/profile/")
        page.get_by_role("link", name="Delete my account").click()
        expect(page.locator("h1")).to_have_text("Delete my account")
        assert_accessible(page, "delete my account")
        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_role("button", name="Delete my account now").click()
        expect(page.get_by_text("Your account was deleted.")).to_be_visible()

        page.goto(f"{live_url}/en/rounds/ideas/{others_idea.pk}/")
        comment = page.locator(".comment", has_text="Kannatan, hyvä ajatus.")
        expect(comment).to_contain_text("former member")
        expect(page.locator("body")).not_to_contain_text("Viejä")

        page.goto(f"{live_url}/en/accounts/login/")
        page.locator("input[name=login]").fill("vieja@example.org")
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("input[name=password]").press("Enter")
        expect(page.locator("input[name=password]")).to_be_visible()
        assert "/accounts/login/" in page.url
    finally:
        context.close()

    holding = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.EmailField)
        or (isinstance(field, models.CharField | models.TextField) and "email" in field.name)
        if model._default_manager.filter(**{f"{field.name}__icontains": "vieja@"}).exists()
    ]
    assert holding == []
