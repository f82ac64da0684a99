"""A workshop board's visual view in two browsers: a member drags a note to another ring of
the regional network and a guest, on a phone-sized screen, sees it arrive there live. axe on
the visual view at desktop width and at 360 px."""

from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from panels.workshops import services
from panels.workshops.kinds import QUESTION
from panels.workshops.models import Note
from tests.panels.workshops.conftest import build_workshop_world

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def in_finnish(text):
    """What the Finnish page says for ``text`` (the pages here are Finnish, the default)."""
    with translation.override("fi"):
        return str(translation.gettext(text))


def logged_in_context(browser, live_url, user, viewport):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fi-FI", viewport=viewport)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url}]
    )
    return context


def drag(page, source, target):
    """Drag with the mouse as a person would: press, move in steps, release. The mouse does
    not scroll the page, so both ends are brought into view first."""
    target.evaluate("element => element.scrollIntoView({block: 'start'})")
    source.scroll_into_view_if_needed()
    start = source.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=12)
    page.mouse.up()


def test_a_note_dragged_to_another_ring_moves_for_everyone(live_url, browser, assert_accessible):
    world = build_workshop_world()
    member, guest = world.person("member"), world.person("guest")
    note = services.add_note(
        world.network, member, region="own_circle", colour="gap", text="Isovanhemmat auttavat"
    )
    other = services.add_note(
        world.network, guest, region="client_group", colour="plain", text="Nuoret aikuiset"
    )
    services.link_notes(other, note, guest, label="tukeutuu")
    url = live_url + reverse("panels:workshop_board", args=[world.network.pk])
    member_context = logged_in_context(browser, live_url, member, DESKTOP)
    guest_context = logged_in_context(browser, live_url, guest, PHONE)
    try:
        page = member_context.new_page()
        page.goto(url)
        expect(page.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        watcher = guest_context.new_page()
        watcher.goto(url)
        expect(watcher.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        expect(page.locator("[data-presence]")).to_contain_text("Vieras")
        # The workshop's list of boards says who is on which.
        expect(page.locator(f'[data-board-people="{world.network.pk}"]')).to_contain_text("Vieras")
        # The link is drawn as an arrow and listed in words.
        expect(page.locator("svg[data-links-svg] line")).to_have_count(1)
        expect(page.locator("[data-links-list]")).to_contain_text(
            "Nuoret aikuiset → Isovanhemmat auttavat (tukeutuu)"
        )
        assert_accessible(page, "visual board at desktop width")

        drag(
            page,
            page.locator(f"#note-{note.pk} .note__handle"),
            page.locator('[data-region-notes="public_services"]'),
        )

        expect(
            page.locator(f'[data-region-notes="public_services"] #note-{note.pk}')
        ).to_be_visible()
        moved = watcher.locator(f'[data-region-notes="public_services"] #note-{note.pk}')
        expect(moved).to_be_visible()
        expect(moved).to_contain_text("Isovanhemmat auttavat")
        expect(watcher.locator('[data-region-notes="own_circle"] [data-note]')).to_have_count(0)
        public_services = next(
            region.label
            for region in world.network.template.regions
            if region.key == "public_services"
        )
        with translation.override("fi"):
            public_services = str(public_services)
        expect(watcher.locator("[data-board-announcer]")).to_contain_text(public_services)
        assert Note.objects.get(pk=note.pk).region == "public_services"
        # Still one arrow, and the page never scrolls sideways: the canvas does.
        expect(watcher.locator("svg[data-links-svg] line")).to_have_count(1)
        assert watcher.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(watcher, "visual board at 360 px after a live move")
    finally:
        member_context.close()
        guest_context.close()


def test_the_keyboard_moves_and_votes_through_a_notes_actions(live_url, browser):
    world = build_workshop_world()
    member = world.person("member")
    note = services.add_note(
        world.network, member, region="others", colour="works", text="Seurakunta"
    )
    context = logged_in_context(browser, live_url, member, PHONE)
    try:
        page = context.new_page()
        page.goto(live_url + reverse("panels:workshop_board", args=[world.network.pk]))
        expect(page.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        summary = page.locator(f"#note-{note.pk} summary")
        summary.focus()
        page.keyboard.press("Enter")
        tools = page.locator(f"#note-{note.pk} [data-note-tools]")
        expect(tools).to_be_visible()
        tools.locator("[data-tool-region]").select_option("organisations")
        tools.locator('[data-tool="note_move"]').focus()
        page.keyboard.press("Enter")
        expect(page.locator(f'[data-region-notes="organisations"] #note-{note.pk}')).to_be_visible()
        tools.locator('[data-tool="vote"]').focus()
        page.keyboard.press("Enter")
        expect(page.locator(f"#note-{note.pk} [data-note-votes]")).to_have_text(in_finnish("1 dot"))
        dot_given = in_finnish("Dot given. Dots left: {count}.").split("{count}")[0]
        expect(page.locator("[data-board-announcer]")).to_contain_text(dot_given)
        # Focus stayed where the person put it.
        assert page.evaluate("document.activeElement.dataset.tool") == "vote"
        assert Note.objects.get(pk=note.pk).region == "organisations"
    finally:
        context.close()


def test_where_websockets_are_blocked_the_board_polls_and_says_so(live_url, browser):
    world = build_workshop_world()
    member = world.person("member")
    context = logged_in_context(browser, live_url, member, PHONE)
    # As behind a proxy that refuses websockets: every attempt fails and the page polls.
    context.add_init_script("window.WebSocket = function () { throw new Error('blocked'); };")
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(live_url + reverse("panels:workshop_board", args=[world.network.pk]))
        page.clock.run_for(20_000)  # three failed attempts, with back-off
        expect(page.locator("[data-connection-state]")).to_have_attribute("data-state", "polling")
        note = services.add_note(
            world.network, member, region="others", colour="question", text="Kuka soittaa?"
        )
        page.clock.run_for(16_000)  # the next poll
        expect(page.locator(f'[data-region-notes="others"] #note-{note.pk}')).to_contain_text(
            "Kuka soittaa?"
        )
        with translation.override("fi"):
            question = str(QUESTION.label)
        expect(page.locator(f"#note-{note.pk} [data-note-colour]")).to_have_text(question)
    finally:
        context.close()
