"""The core tasks with the keyboard alone, with focus visible at every step: signing up,
posting an idea, commenting while someone else writes (announced politely, focus never
taken), answering a survey, taking part in a meeting's live room. Reduced motion is
respected, and text at 200 % loses nothing."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideas.models import Comment, Idea, Phase
from tests.e2e.test_live_thread import logged_in_context
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

# Focus inside a web component (Wagtail's userbar, for staff) is in its shadow root.
FOCUS_IS_VISIBLE = """() => {
    let element = document.activeElement;
    while (element && element.shadowRoot && element.shadowRoot.activeElement)
        element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
}"""


def tab_to(page, locator, limit=80):
    """Press Tab until ``locator`` has focus, checking at every step that focus shows."""
    for step in range(limit):
        page.keyboard.press("Tab")
        described = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e ? e.tagName + ' ' + (e.getAttribute('name') || e.textContent || '')"
            ".trim().slice(0, 40) : ''; }"
        )
        assert page.evaluate(FOCUS_IS_VISIBLE), f"focus not visible on {described}"
        if locator.evaluate("element => element === document.activeElement"):
            return step + 1
    raise AssertionError(f"Tab never reached {locator}")


def expect_announced_without_taking_focus(page, author, field, typed):
    """Someone else's words arrived: the page says so politely, and the field being written
    in keeps its focus and its text."""
    announcer = page.locator("[data-live-announcer-thread]")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_contain_text(author)
    expect(field).to_be_focused()
    expect(field).to_have_value(typed)
    return announcer


def test_sign_up_with_the_keyboard(live_url, page):
    from accounts.models import User
    from cms.demo import seed_pages
    from tests.e2e.test_experiment_journey import in_a_thread

    in_a_thread(seed_pages)
    page.goto(f"{live_url}/accounts/signup/")
    for label, text in [
        ("Sähköposti", "nappaimisto@example.org"),
        ("Nimimerkki", "Näppäilijä"),
        (re.compile(r"^Salasana:?$"), "tosi-pitkä-salasana-42"),
        ("Salasana (uudestaan)", "tosi-pitkä-salasana-42"),
    ]:
        tab_to(page, page.get_by_label(label))
        page.keyboard.type(text)
    tab_to(page, page.get_by_label(re.compile("Hyväksyn")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Rekisteröidy"))
    page.keyboard.press("Enter")
    expect(page.locator(".account-nav")).to_contain_text("Näppäilijä")
    assert User.objects.filter(email="nappaimisto@example.org").exists()


@pytest.fixture
def ideation_round(live_url):
    return IdeaRoundFactory(phase=Phase.IDEATION, slug="nappaimisto", title="Näppäimistökierros")


def test_post_an_idea_with_the_keyboard(live_url, browser, ideation_round):
    context = logged_in_context(browser, live_url, UserFactory(display_name="Näppäilijä"))
    page = context.new_page()
    try:
        page.goto(f"{live_url}/rounds/nappaimisto/")
        tab_to(page, page.get_by_role("link", name="Jätä idea"))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/new/$"))
        tab_to(page, page.get_by_label(re.compile("Otsikko")))
        page.keyboard.type("Ajanvaraus myös tekstiviestillä")
        tab_to(page, page.get_by_label(re.compile("Kuvaus")))
        page.keyboard.type("Kaikki eivät pysty soittamaan aamulla.")
        tab_to(page, page.get_by_role("button", name="Julkaise idea"))
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Ajanvaraus myös tekstiviestillä")
        assert Idea.objects.filter(title="Ajanvaraus myös tekstiviestillä").exists()
    finally:
        context.close()


def test_comment_while_someone_else_writes_focus_stays(live_url, browser):
    idea = IdeaFactory(round=IdeaRoundFactory(phase=Phase.DEVELOPMENT), title="Selkeät kirjeet")
    writer = UserFactory(display_name="Toinen")
    me = logged_in_context(browser, live_url, UserFactory(display_name="Minä"))
    other = logged_in_context(browser, live_url, writer)
    try:
        page = me.new_page()
        page.goto(f"{live_url}{idea.get_absolute_url()}")
        expect(page.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        field = page.get_by_label(re.compile("Kommenttisi"))
        tab_to(page, field)
        page.keyboard.type("Kirjoitan tätä parhaillaan")

        # Someone else's comment arrives: it is announced politely and focus stays put.
        other_page = other.new_page()
        other_page.goto(f"{live_url}{idea.get_absolute_url()}")
        other_page.get_by_label(re.compile("Kommenttisi")).fill("Toisen kommentti")
        other_page.get_by_role("button", name="Lähetä kommentti").click()
        expect(page.locator("#comments")).to_contain_text("Toisen kommentti")
        expect_announced_without_taking_focus(page, "Toinen", field, "Kirjoitan tätä parhaillaan")

        tab_to(page, page.get_by_role("button", name="Lähetä kommentti"))
        page.keyboard.press("Enter")
        expect(page.locator("#comments")).to_contain_text("Kirjoitan tätä parhaillaan")
        assert Comment.objects.filter(body="Kirjoitan tätä parhaillaan").count() == 1
    finally:
        me.close()
        other.close()


def test_answer_a_survey_with_the_keyboard(live_url, browser):
    from panels.surveys.models import QuestionKind, Survey
    from tests.factories import RegionFactory

    survey = Survey.objects.create(
        region=RegionFactory(),
        title="Näppäimistökysely",
        is_published=True,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=1),
    )
    survey.questions.create(
        kind=QuestionKind.SHORT_TEXT, text="Mikä toimi?", required=True, sort_order=0
    )
    survey.save()  # a cluster: its questions are stored with it
    context = logged_in_context(browser, live_url, UserFactory())
    page = context.new_page()
    try:
        page.goto(f"{live_url}/surveys/{survey.pk}/")
        tab_to(page, page.get_by_label(re.compile("Mikä toimi")))
        page.keyboard.type("Ajanvaraus")
        tab_to(page, page.get_by_role("button", name="Lähetä vastaukseni"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("status").or_(page.locator(".messages")).first).to_be_visible()
        assert survey.responses.count() == 1
    finally:
        context.close()


def test_take_part_in_a_meeting_live_room_with_the_keyboard(live_url, browser):
    from panels.meetings.models import RoomMessage
    from tests.factories import MembershipFactory, PanelFactory
    from tests.panels.factories import MeetingFactory

    panel = PanelFactory(name="Näppäimistöpaneeli")
    meeting = MeetingFactory(panel=panel, title="Näppäimistötapaaminen")
    facilitator = UserFactory(display_name="Vetäjä", staff=True)
    panel.facilitators.add(facilitator)
    member = MembershipFactory(panel=panel, person=UserFactory(display_name="Jäsen")).person
    host_context = logged_in_context(browser, live_url, facilitator)
    guest_context = logged_in_context(browser, live_url, member)
    try:
        # The facilitator opens the room with the keyboard.
        host = host_context.new_page()
        host.goto(f"{live_url}/panels/meetings/{meeting.pk}/")
        tab_to(host, host.get_by_role("link", name="Avaa tapaamisen live-huone"))
        host.keyboard.press("Enter")
        host.wait_for_url(re.compile(r"/room/$"))
        tab_to(host, host.get_by_role("button", name="Avaa huone"))
        host.keyboard.press("Enter")
        expect(host.locator("[data-room-state]")).to_have_attribute("data-state", "open")
        expect(host.locator("[data-connection-state]")).to_have_attribute("data-state", "live")

        # A member joins, and starts writing.
        guest = guest_context.new_page()
        guest.goto(f"{live_url}/panels/meetings/{meeting.pk}/")
        tab_to(guest, guest.get_by_role("link", name="Liity live-huoneeseen"))
        guest.keyboard.press("Enter")
        guest.wait_for_url(re.compile(r"/room/$"))
        expect(guest.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        field = guest.get_by_label(re.compile("Viestisi"))
        tab_to(guest, field)
        guest.keyboard.type("Iltavastaanotto auttaisi")

        # The facilitator's message arrives: announced politely, the member's focus and words
        # stay where they were.
        host.get_by_label(re.compile("Viestisi")).fill("Tervetuloa, aloitetaan.")
        host.get_by_role("button", name="Lähetä viesti").click()
        expect(guest.locator("#comments")).to_contain_text("Tervetuloa, aloitetaan.")
        announcer = expect_announced_without_taking_focus(
            guest, "Vetäjä", field, "Iltavastaanotto auttaisi"
        )

        tab_to(guest, guest.get_by_role("button", name="Lähetä viesti"))
        guest.keyboard.press("Enter")
        expect(host.locator("#comments")).to_contain_text("Iltavastaanotto auttaisi")
        expect(field).to_have_value("")
        assert RoomMessage.objects.filter(body="Iltavastaanotto auttaisi").count() == 1

        # The room closes while the member is in the form: focus lands on the sentence that
        # says so, not at the top of the page.
        guest.keyboard.press("Shift+Tab")  # from the send button back to the field
        expect(field).to_be_focused()
        host.reload()  # the facilitator starts again from the top of the page
        tab_to(host, host.get_by_role("button", name="Sulje huone"))
        host.keyboard.press("Enter")
        state = guest.locator("[data-room-state]")
        expect(state).to_have_attribute("data-state", "closed")
        expect(field).to_be_hidden()
        expect(state).to_be_focused()
        assert guest.evaluate(FOCUS_IS_VISIBLE)
        expect(announcer).to_contain_text("Huone on suljettu")
    finally:
        host_context.close()
        guest_context.close()


def test_reduced_motion_is_respected(live_url, page):
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_url}/rounds/")
    longest = page.evaluate(
        """() => Math.max(0, ...[...document.querySelectorAll('*')].map(e => {
            const s = getComputedStyle(e);
            return Math.max(...s.transitionDuration.split(',').map(parseFloat),
                            ...s.animationDuration.split(',').map(parseFloat));
        }))"""
    )
    assert longest <= 0.01


@pytest.mark.parametrize("path", ["/", "/rounds/", "/accounts/login/", "/panels/"])
def test_text_at_200_percent_loses_nothing(live_url, page, path):
    from cms.demo import seed_pages
    from tests.e2e.test_experiment_journey import in_a_thread

    in_a_thread(seed_pages)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}{path}")
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at 200 % text"
    expect(page.locator("h1")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Päävalikko").or_(page.locator(".site-nav")).first
    ).to_be_visible()
