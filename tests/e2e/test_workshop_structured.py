"""A board's structured view by keyboard only: a member adds notes, moves one to another
region, gives it a dot, links two notes and comments — Tab, Shift+Tab, Enter, arrow keys and
typing, nothing else — with the focus visible all the way. axe checks the structured view, the
workshop page and the booklet, and the structured view fits a 360 px screen."""

import re

from playwright.sync_api import expect

from panels.workshops import services
from panels.workshops.models import Note, NoteComment, NoteLink, Vote
from tests.e2e.test_live_thread import logged_in_context
from tests.panels.workshops.conftest import build_workshop_world

FOCUS_IS_VISIBLE = """() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" && style.outlineWidth !== "0px"
        || style.boxShadow !== "none";
}"""


def tab_to(page, selector, *, backwards=False, limit=300):
    """Press Tab (or Shift+Tab) until the focus is on ``selector``."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{key} never reached {selector}")


def choose(page, value, limit=30):
    """Pick ``value`` in the focused select with the arrow keys."""
    for key in ("ArrowDown", "ArrowUp"):
        for _ in range(limit):
            if page.evaluate("() => document.activeElement.value") == value:
                return
            page.keyboard.press(key)
    raise AssertionError(f"no option {value}")


def submit(page, form_selector):
    tab_to(page, f"{form_selector} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_structured_view_by_keyboard_only(live_url, browser, assert_accessible):
    world = build_workshop_world()
    member = world.person("member")
    board = world.network
    context = logged_in_context(browser, live_url, member)
    try:
        page = context.new_page()
        page.goto(f"{live_url}{board.get_absolute_url()}list/")
        assert_accessible(page, "structured view, empty board")

        # A note for the client group.
        tab_to(page, "#region-client_group summary")
        assert page.evaluate(FOCUS_IS_VISIBLE)
        page.keyboard.press("Enter")
        tab_to(page, "#add-client_group-text")
        assert page.evaluate(FOCUS_IS_VISIBLE)
        page.keyboard.type("Nuori itse, 19 v.")
        tab_to(page, "#add-client_group-colour")
        choose(page, "works")
        submit(page, "#region-client_group form")
        first = Note.objects.get(text="Nuori itse, 19 v.")
        assert first.colour == "works"
        expect(page).to_have_url(re.compile(rf"#note-{first.pk}$"))

        # A second one, among the public services.
        tab_to(page, "#region-public_services summary")
        page.keyboard.press("Enter")
        tab_to(page, "#add-public_services-text")
        page.keyboard.type("Aikuissosiaalityö")
        submit(page, "#region-public_services form")
        second = Note.objects.get(text="Aikuissosiaalityö")

        # The first note moves to "others": back up the page with Shift+Tab.
        note = f"#note-{first.pk}"
        tab_to(page, f'{note} details:has(form[action$="/move/"]) > summary', backwards=True)
        page.keyboard.press("Enter")
        tab_to(page, f"#note-{first.pk}-move-region")
        choose(page, "others")
        submit(page, f'{note} form[action$="/move/"]')
        first.refresh_from_db()
        assert first.region == "others"
        expect(page.locator("#region-others")).to_contain_text("Nuori itse")

        # A dot for it.
        tab_to(page, f'{note} form[action$="/vote/"] button')
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert Vote.objects.filter(note=first, person=member).count() == 1
        expect(page.locator("#dots-left")).to_contain_text("4")

        # A link from it to the second note.
        tab_to(page, f'{note} a[href*="link_from"]')
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator("#link-source")).to_have_value(str(first.pk))
        tab_to(page, "#link-target")
        choose(page, str(second.pk))
        tab_to(page, "#link-label")
        page.keyboard.type("ohjaa")
        submit(page, "#links form")
        assert NoteLink.objects.filter(source=first, target=second, label="ohjaa").exists()
        expect(page.locator("#links")).to_contain_text("Nuori itse, 19 v. → Aikuissosiaalityö")

        # And a comment on it.
        tab_to(page, f'{note} details:has(form[action$="/comment/"]) > summary')
        page.keyboard.press("Enter")
        tab_to(page, f"#note-{first.pk}-comment-body")
        page.keyboard.type("Tarvitsee yhden tutun työntekijän.")
        submit(page, f'{note} form[action$="/comment/"]')
        assert NoteComment.objects.filter(note=first, author=member).exists()
        expect(page.locator(note)).to_contain_text("Tarvitsee yhden tutun työntekijän.")
        assert_accessible(page, "structured view with notes, a link, a dot and a comment")

        page.set_viewport_size({"width": 360, "height": 740})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page, "structured view at 360 px")

        page.goto(f"{live_url}{world.workshop.get_absolute_url()}")
        assert_accessible(page, "workshop page")

        facilitator = world.person("facilitator")
        services.add_decision(world.workshop, facilitator, text="Yksi tuttu työntekijä")
        services.add_next_step(world.workshop, facilitator, text="Kokeilu", owner="Sosiaalityö")
        services.publish_booklet(world.workshop, facilitator, summary="Nuoret tarvitsevat tutun.")
        page.goto(f"{live_url}/panels/workshops/{world.workshop.pk}/booklet/")
        expect(page.locator("h1")).to_contain_text(world.workshop.title)
        expect(page.locator("#boards")).to_contain_text("Nuori itse, 19 v. → Aikuissosiaalityö")
        assert_accessible(page, "booklet")
    finally:
        context.close()


def test_the_facilitators_pages_are_accessible(live_url, browser, assert_accessible):
    world = build_workshop_world()
    facilitator = world.person("facilitator")
    services.add_note(
        world.network, world.person("member"), region="own_circle", colour="gap", text="Ei tukea"
    )
    context = logged_in_context(browser, live_url, facilitator)
    try:
        page = context.new_page()
        page.goto(f"{live_url}{world.workshop.get_absolute_url()}")
        assert_accessible(page, "workshop page with the facilitator's controls")
        page.goto(f"{live_url}/panels/workshops/{world.workshop.pk}/booklet/edit/")
        assert_accessible(page, "writing the booklet")
        page.goto(f"{live_url}/panels/workshops/boards/{world.card.pk}/card/")
        assert_accessible(page, "client card")
    finally:
        context.close()
