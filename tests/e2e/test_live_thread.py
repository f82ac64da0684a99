"""Two people on one idea page: what one writes appears for the other without a reload."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from ideas.models import Comment, Phase
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory


def logged_in_context(browser, live_url, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fi-FI")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url}]
    )
    return context


@pytest.fixture
def idea(live_url):
    return IdeaFactory(
        round=IdeaRoundFactory(phase=Phase.DEVELOPMENT), title="Selkokieliset kirjeet"
    )


def test_a_comment_appears_live_for_the_other_reader(live_url, browser, idea, assert_accessible):
    writer_context = logged_in_context(browser, live_url, UserFactory(display_name="Kirjoittaja"))
    reader_context = logged_in_context(
        browser, live_url, UserFactory(display_name="Lukija", expert=True)
    )
    try:
        writer = writer_context.new_page()
        reader = reader_context.new_page()
        url = f"{live_url}{idea.get_absolute_url()}"
        reader.goto(url)
        writer.goto(url)
        expect(reader.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        expect(writer.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        expect(reader.locator("[data-presence]")).to_contain_text("Kirjoittaja")

        writer.get_by_label(re.compile("Kommenttisi")).fill("Tämä näkyy heti muillekin.")
        writer.get_by_role("button", name="Lähetä kommentti").click()

        expect(reader.locator("#comments")).to_contain_text("Tämä näkyy heti muillekin.")
        comment = Comment.objects.get(body="Tämä näkyy heti muillekin.")
        live = reader.locator(f"#comment-{comment.pk}")
        expect(live).to_contain_text("Kirjoittaja")
        expect(reader.locator("[data-live-announcer-thread]")).to_contain_text("Kirjoittaja")
        # The reader may reply to it and report it, not edit it: the viewer's own actions.
        expect(live.get_by_role("link", name="Vastaa")).to_be_visible()
        expect(live.get_by_role("link", name="Muokkaa")).to_have_count(0)
        # The writer sees their comment once, with the actions of its author.
        mine = writer.locator(f"#comment-{comment.pk}")
        expect(mine).to_have_count(1)
        expect(mine.get_by_role("link", name="Muokkaa")).to_be_visible()
        expect(writer.get_by_label(re.compile("Kommenttisi"))).to_have_value("")
        assert Comment.objects.filter(body="Tämä näkyy heti muillekin.").count() == 1
        # Support from one person changes the count on the other's page, in words.
        expect(reader.locator("#support-count")).to_have_text("0 kannattajaa")
        writer.get_by_role("button", name="Kannata ideaa").click()
        expect(reader.locator("#support-count")).to_have_text("1 kannattaja")
        assert_accessible(reader, "idea page with a live comment")
    finally:
        writer_context.close()
        reader_context.close()


def test_where_websockets_are_blocked_the_page_polls_and_says_so(live_url, browser, idea):
    context = browser.new_context(locale="fi-FI")
    # As behind a proxy that refuses websockets: every attempt fails.
    context.add_init_script("window.WebSocket = function () { throw new Error('blocked'); };")
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(f"{live_url}{idea.get_absolute_url()}")
        page.clock.run_for(20_000)  # three failed attempts, with back-off
        expect(page.locator("[data-connection-state]")).to_have_attribute("data-state", "polling")
        comment = Comment.objects.create(idea=idea, author=UserFactory(), body="Pollattu kommentti")
        page.clock.run_for(16_000)  # the next poll
        expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("Pollattu kommentti")
    finally:
        context.close()
