"""A panel meeting's live room in two browsers: the facilitator opens it, a member writes,
and the facilitator sees the message without reloading. On a phone-sized screen. And where
websockets are blocked, the polling page still learns that the room opened and closed."""

import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from panels.meetings.models import MeetingRoom, RoomMessage
from panels.models import Membership
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.factories import MeetingFactory

PHONE = {"width": 360, "height": 740}


def logged_in_context(browser, live_url, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fi-FI", viewport=PHONE)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url}]
    )
    return context


def test_a_member_writes_in_the_room_the_facilitator_opened(live_url, browser, assert_accessible):
    panel = PanelFactory(name="Hämeenlinnan kehittäjäkahvila")
    meeting = MeetingFactory(panel=panel, title="Kehittäjäkahvila kirjastolla")
    facilitator = UserFactory(display_name="Kahvilan vetäjä", staff=True)
    panel.facilitators.add(facilitator)
    member = MembershipFactory(panel=panel, person=UserFactory(display_name="Kahvittelija")).person
    facilitator_context = logged_in_context(browser, live_url, facilitator)
    member_context = logged_in_context(browser, live_url, member)
    try:
        host = facilitator_context.new_page()
        host.goto(f"{live_url}/panels/meetings/{meeting.pk}/")
        host.get_by_role("link", name="Avaa tapaamisen live-huone").click()
        host.get_by_role("button", name="Avaa huone").click()
        expect(host.locator("[data-room-state]")).to_have_attribute("data-state", "open")
        expect(host.locator("[data-connection-state]")).to_have_attribute("data-state", "live")

        guest = member_context.new_page()
        guest.goto(f"{live_url}/panels/meetings/{meeting.pk}/")
        guest.get_by_role("link", name="Liity live-huoneeseen").click()
        expect(guest.locator("[data-connection-state]")).to_have_attribute("data-state", "live")
        expect(host.locator("[data-presence]")).to_contain_text("Kahvittelija")

        guest.get_by_label(re.compile("Viestisi")).fill("Iltavastaanotto auttaisi työssäkäyviä.")
        guest.get_by_role("button", name="Lähetä viesti").click()

        expect(host.locator("#comments")).to_contain_text("Iltavastaanotto auttaisi")
        message = RoomMessage.objects.get()
        expect(host.locator(f"#comment-{message.pk}")).to_contain_text("Kahvittelija")
        expect(host.locator("[data-live-announcer-thread]")).to_contain_text("Kahvittelija")
        expect(
            host.locator(f"#comment-{message.pk}").get_by_role("link", name="Piilota")
        ).to_be_visible()
        mine = guest.locator(f"#comment-{message.pk}")
        expect(mine).to_have_count(1)
        expect(mine.get_by_role("link", name="Muokkaa")).to_be_visible()
        expect(guest.get_by_label(re.compile("Viestisi"))).to_have_value("")
        assert_accessible(guest, "meeting room at 360 px with a live message")

        # Closing reaches the member's page: the form goes away, the transcript stays.
        host.get_by_role("button", name="Sulje huone").click()
        expect(guest.locator("[data-room-state]")).to_have_attribute("data-state", "closed")
        expect(guest.locator("form[data-live-post]")).to_be_hidden()
        expect(guest.locator(f"#comment-{message.pk}")).to_be_visible()
        assert guest.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        facilitator_context.close()
        member_context.close()


def test_where_websockets_are_blocked_the_room_still_opens_and_closes(live_url, browser):
    panel = PanelFactory(name="Kehittäjäkahvila ilman websocketteja")
    meeting = MeetingFactory(panel=panel, title="Kahvila palomuurin takana")
    facilitator = UserFactory(display_name="Vetäjä", staff=True)
    panel.facilitators.add(facilitator)
    member = MembershipFactory(panel=panel).person
    context = logged_in_context(browser, live_url, member)
    # As behind a proxy that refuses websockets: every attempt fails and the page polls.
    context.add_init_script("window.WebSocket = function () { throw new Error('blocked'); };")
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(live_url + reverse("panels:meeting_room", args=[meeting.pk]))
        page.clock.run_for(20_000)  # three failed attempts, with back-off
        expect(page.locator("[data-connection-state]")).to_have_attribute("data-state", "polling")
        form = page.locator("form[data-live-post]")
        expect(form).to_be_hidden()

        # Written straight to the database: nothing is broadcast, only the poll can tell.
        room = MeetingRoom.objects.create(
            meeting=meeting, opened_at=timezone.now(), opened_by=facilitator
        )
        page.clock.run_for(16_000)  # the next poll
        expect(page.locator("[data-room-state]")).to_have_attribute("data-state", "open")
        expect(form).to_be_visible()
        announcer = page.locator("[data-live-announcer-thread]")
        expect(announcer).to_contain_text("Huone on auki")

        MeetingRoom.objects.filter(pk=room.pk).update(closed_at=timezone.now())
        page.clock.run_for(16_000)
        expect(page.locator("[data-room-state]")).to_have_attribute("data-state", "closed")
        expect(form).to_be_hidden()
        expect(announcer).to_contain_text("Huone on suljettu")

        # Removed from the panel: the next poll is refused, and the page says so and stops.
        Membership.objects.filter(person=member).update(status="removed")
        page.clock.run_for(16_000)
        expect(page.locator("[data-connection-state]")).to_have_attribute("data-state", "ended")
        expect(announcer).to_contain_text("Sinulla ei ole enää pääsyä")
    finally:
        context.close()
