"""A panel meeting's live room: the websocket through the real ASGI application (origin check,
session auth), the pages and forms that work without JavaScript, and the catch-up endpoint.

The people of one room, by how they stand to its panel, are in ``ROLES``; who may see and who
may speak is stated once (``SEES``, ``SPEAKS``) and every matrix test checks against it.
"""

import json
from dataclasses import dataclass
from unittest.mock import ANY

import pytest
from asgiref.sync import sync_to_async
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import Notification
from ideas.models import COMMENT_MAX_LENGTH, ModerationAction
from live.discussion import MAX_FRAME_BYTES
from live.models import ModerationKind
from panels import services as panel_services
from panels.meetings import services as meeting_room
from panels.meetings.consumers import MeetingRoomConsumer
from panels.meetings.models import RoomMessage, RoomModerationAction
from panels.models import Membership
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory
from tests.panels.factories import MeetingFactory
from tests.sockets import join as join_path
from tests.sockets import next_of, presence_until

db = sync_to_async

ROLES = [
    "anonymous",
    "non_member",
    "applicant",
    "member",
    "facilitator",
    "region_staff",
    "region_decision_maker",
    "other_region_staff",
    "administrator",
]
SEES = {"member", "facilitator", "region_staff", "region_decision_maker", "administrator"}
SPEAKS = {"member", "facilitator", "region_staff", "administrator"}
STATES = ["not_open", "open", "closed"]


@dataclass
class Room:
    meeting: object
    people: dict

    @property
    def room(self):
        return meeting_room.room_of_meeting(type(self.meeting).objects.get(pk=self.meeting.pk))

    def url(self, name="panels:meeting_room"):
        return reverse(name, args=[self.meeting.pk])


def make_room(state="open"):
    region = RegionFactory()
    panel = PanelFactory(region=region)
    meeting = MeetingFactory(panel=panel, title="Kehittäjäkahvila")
    people = {
        "anonymous": None,
        "non_member": UserFactory(display_name="Ulkopuolinen"),
        "applicant": MembershipFactory(panel=panel, status="applied").person,
        "member": MembershipFactory(
            panel=panel, person=UserFactory(display_name="Jäsen", expert=True)
        ).person,
        "facilitator": UserFactory(display_name="Fasilitaattori"),
        "region_staff": UserFactory(staff=True, display_name="Alueen innoagentti"),
        "region_decision_maker": UserFactory(decision_maker=True),
        "other_region_staff": UserFactory(staff=True),
        "administrator": UserFactory(administrator=True),
    }
    panel.facilitators.add(people["facilitator"])
    region.officials.add(people["region_staff"], people["region_decision_maker"])
    RegionFactory().officials.add(people["other_region_staff"])
    if state in ("open", "closed"):
        room = meeting_room.open_room(people["facilitator"], meeting)
        if state == "closed":
            meeting_room.close_room(people["facilitator"], room)
    return Room(meeting, people)


async def join(setup, user=None):
    return await join_path(f"/ws/meetings/{setup.meeting.pk}/room/", user)


def post_frame(body="Hei kaikki", client_id="c1", **extra):
    return {"type": "post", "body": body, "client_id": client_id, **extra}


# --- Over the websocket ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
class TestSocket:
    @pytest.mark.parametrize("state", STATES)
    @pytest.mark.parametrize("role", ROLES)
    async def test_who_may_join_and_post(self, role, state):
        setup = await db(make_room)(state)
        socket, hello = await join(setup, setup.people[role])
        if role not in SEES:
            assert socket is None and hello == 4404
            return
        try:
            may_post = role in SPEAKS and state == "open"
            assert hello["can_post"] is may_post
            assert hello["room_state"] == state and hello["meeting"] == setup.meeting.pk
            await socket.send_json_to(post_frame(client_id=f"{role}-{state}"))
            if may_post:
                ack = await next_of(socket, "posted")
                assert ack["client_id"] == f"{role}-{state}"
            else:
                error = await next_of(socket, "error")
                expected = "closed" if role in SPEAKS else "forbidden"
                assert error["code"] == expected and error["client_id"] == f"{role}-{state}"
            saved = await db(RoomMessage.objects.count)()
            assert saved == (1 if may_post else 0)
        finally:
            await socket.disconnect()

    async def test_a_message_is_saved_once_and_reaches_everyone_once(self):
        setup = await db(make_room)()
        sender, _ = await join(setup, setup.people["member"])
        watcher, _ = await join(setup, setup.people["facilitator"])
        try:
            await sender.send_json_to(post_frame("Kahvi on valmista! https://example.org"))
            ack = await next_of(sender, "posted")
            mine = await next_of(sender, "comment")
            theirs = await next_of(watcher, "comment")
            assert mine["comment"]["id"] == theirs["comment"]["id"] == ack["id"]
            message = theirs["comment"]
            assert message["author"]["display_name"] == "Jäsen"
            assert message["author"]["role"] == "expert_by_experience"
            assert message["room"] is not None and message["parent"] is None
            assert '<a href="https://example.org"' in message["body_html"]
            # Sending the same post again (a lost ack) saves nothing new and says so once.
            await sender.send_json_to(post_frame("Kahvi on valmista! https://example.org"))
            assert (await next_of(sender, "posted"))["id"] == ack["id"]
            assert await sender.receive_nothing(timeout=0.3)
            assert await db(RoomMessage.objects.count)() == 1
        finally:
            await sender.disconnect()
            await watcher.disconnect()

    async def test_a_member_removed_mid_session_can_no_longer_post(self):
        setup = await db(make_room)()
        member = setup.people["member"]
        socket, hello = await join(setup, member)
        try:
            assert hello["can_post"] is True
            membership = await db(Membership.objects.get)(person=member)
            await db(panel_services.remove_member)(
                membership, removed_by=setup.people["facilitator"], reason="Sääntöjen rikkominen"
            )
            await socket.send_json_to(post_frame("Vielä yksi"))
            assert (await next_of(socket, "error"))["code"] == "forbidden"
            assert await db(RoomMessage.objects.count)() == 0
        finally:
            await socket.disconnect()

    async def closed_for_good(self, socket):
        """The socket says why, closes with 4403 and sends nothing after that."""
        error = await next_of(socket, "error")
        assert error["code"] == "forbidden" and error["message"]
        while (output := await socket.receive_output(timeout=3))["type"] != "websocket.close":
            assert output["type"] == "websocket.send"
        assert output["code"] == 4403

    @pytest.mark.parametrize("how", ["removed", "left", "deleted"])
    async def test_a_member_whose_membership_ends_mid_session_is_closed_out(self, how):
        setup = await db(make_room)()
        member, facilitator = setup.people["member"], setup.people["facilitator"]
        socket, _ = await join(setup, member)
        watcher, _ = await join(setup, facilitator)
        try:
            await presence_until(watcher, ["Fasilitaattori", "Jäsen"])
            membership = await db(Membership.objects.get)(person=member)
            if how == "removed":
                await db(panel_services.remove_member)(
                    membership, removed_by=facilitator, reason="Sääntöjen rikkominen"
                )
            elif how == "left":
                await db(panel_services.leave_panel)(member, setup.meeting.panel)
            else:
                await db(membership.delete)()
            await self.closed_for_good(socket)
            # The others see them go; what is said afterwards never reaches them.
            await presence_until(watcher, ["Fasilitaattori"])
            room = await db(lambda: setup.room)()
            await db(meeting_room.post_message)(facilitator, room, body="Jatketaan ilman")
            await next_of(watcher, "comment")
            assert await socket.receive_nothing(timeout=0.5)
        finally:
            await socket.disconnect()
            await watcher.disconnect()

    async def test_a_facilitator_taken_off_the_panel_is_closed_out(self):
        setup = await db(make_room)()
        facilitator = setup.people["facilitator"]
        socket, _ = await join(setup, facilitator)
        try:
            await next_of(socket, "presence")  # fully connected
            await db(setup.meeting.panel.facilitators.remove)(facilitator)
            await self.closed_for_good(socket)
        finally:
            await socket.disconnect()

    async def test_someone_who_still_belongs_stays_when_their_membership_ends(self):
        """Region staff who also were members still see the room as staff."""
        setup = await db(make_room)()
        staff = setup.people["region_staff"]
        await db(MembershipFactory)(panel=setup.meeting.panel, person=staff)
        socket, _ = await join(setup, staff)
        try:
            await next_of(socket, "presence")  # fully connected
            await db(panel_services.leave_panel)(staff, setup.meeting.panel)
            await socket.send_json_to({"type": "ping"})
            await next_of(socket, "pong")
            room = await db(lambda: setup.room)()
            await db(meeting_room.post_message)(setup.people["member"], room, body="Kuuluu yhä")
            assert (await next_of(socket, "comment"))["comment"]["body_html"]
        finally:
            await socket.disconnect()

    async def test_someone_removed_while_connecting_is_closed_out(self, monkeypatch):
        """Removed after the check on connecting, before joining the group that would tell."""
        setup = await db(make_room)()
        member = setup.people["member"]
        check = MeetingRoomConsumer.load_discussion

        def check_then_remove(consumer):
            room = check(consumer)
            Membership.objects.filter(person=member).update(status="removed")
            return room

        monkeypatch.setattr(MeetingRoomConsumer, "load_discussion", check_then_remove)
        socket, hello = await join(setup, member)
        try:
            assert hello["type"] == "hello"
            await self.closed_for_good(socket)
        finally:
            await socket.disconnect()

    async def test_opening_and_closing_reach_the_room_live(self):
        setup = await db(make_room)("not_open")
        socket, hello = await join(setup, setup.people["member"])
        try:
            assert hello["room_state"] == "not_open" and hello["can_post"] is False
            await db(meeting_room.open_room)(setup.people["facilitator"], setup.meeting)
            assert (await next_of(socket, "room"))["state"] == "open"
            await socket.send_json_to(post_frame("Nyt pääsee"))
            await next_of(socket, "posted")
            await socket.send_json_to({"type": "catch_up", "after": 0})
            assert (await next_of(socket, "caught_up"))["last_id"] > 0

            room = await db(lambda: setup.room)()
            await db(meeting_room.close_room)(setup.people["facilitator"], room)
            assert (await next_of(socket, "room"))["state"] == "closed"
            await socket.send_json_to(post_frame("Myöhässä", client_id="late"))
            assert (await next_of(socket, "error"))["code"] == "closed"
            assert await db(RoomMessage.objects.count)() == 1
        finally:
            await socket.disconnect()

    async def test_edits_removals_hides_and_restores_appear_live_without_hidden_text(self):
        setup = await db(make_room)()
        member = setup.people["member"]
        socket, _ = await join(setup, setup.people["region_staff"])
        try:
            room = await db(lambda: setup.room)()
            message = await db(meeting_room.post_message)(member, room, body="Alkuperäinen")
            await next_of(socket, "comment")
            await db(meeting_room.edit_message)(member, message, body="Korjattu")
            changed = await next_of(socket, "comment_changed")
            assert changed["comment"]["edited"] and "Korjattu" in changed["comment"]["body_html"]

            await db(meeting_room.hide_message)(
                setup.people["facilitator"], message, reason="Asiaton"
            )
            hidden = await next_of(socket, "comment_changed")
            assert hidden["comment"]["state"] == "hidden" and hidden["comment"]["author"] is None
            assert "Korjattu" not in json.dumps(hidden)

            await db(meeting_room.restore_message)(
                setup.people["facilitator"], message, reason="Harkittiin uudelleen"
            )
            restored = await next_of(socket, "comment_changed")
            assert restored["comment"]["state"] == "public"
            assert "Korjattu" in restored["comment"]["body_html"]

            other = await db(meeting_room.post_message)(member, room, body="Toinen")
            await next_of(socket, "comment")
            await db(meeting_room.remove_message)(member, other)
            removed = await next_of(socket, "comment_changed")
            assert removed["comment"]["state"] == "removed" and removed["comment"]["id"] == other.pk
        finally:
            await socket.disconnect()

    async def test_catch_up_sends_what_was_missed_in_order_then_says_so(self):
        setup = await db(make_room)()
        member = setup.people["member"]
        room = await db(lambda: setup.room)()
        first = await db(meeting_room.post_message)(member, room, body="eka")
        socket, _ = await join(setup, member)
        try:
            await socket.send_json_to({"type": "catch_up", "after": 0})
            since = (await next_of(socket, "comment"))["at"]
            await next_of(socket, "caught_up")
            await socket.disconnect()

            second = await db(meeting_room.post_message)(member, room, body="toka")
            await db(meeting_room.edit_message)(member, first, body="eka, korjattu")

            socket, _ = await join(setup, member)
            await socket.send_json_to({"type": "catch_up", "after": first.pk, "since": since})
            frames = []
            while (frame := await socket.receive_json_from())["type"] != "caught_up":
                if frame["type"] in ("comment", "comment_changed"):
                    frames.append((frame["type"], frame["comment"]["id"]))
            assert frames == [("comment", second.pk), ("comment_changed", first.pk)]
            assert frame["last_id"] == second.pk
            assert frame["resume_after"] >= first.pk
        finally:
            await socket.disconnect()

    async def test_presence_lists_who_is_here_with_role_badges(self):
        setup = await db(make_room)()
        member, _ = await join(setup, setup.people["member"])
        staff, _ = await join(setup, setup.people["region_staff"])
        try:
            people = await presence_until(member, ["Alueen innoagentti", "Jäsen"])
            assert [p["role"] for p in people] == ["staff", "expert_by_experience"]
            assert all(p["role_label"] for p in people)
            await staff.disconnect()
            await presence_until(member, ["Jäsen"])
        finally:
            await member.disconnect()

    async def test_a_rolled_back_message_is_never_broadcast(self):
        setup = await db(make_room)()
        socket, _ = await join(setup, setup.people["facilitator"])
        room = await db(lambda: setup.room)()

        def post_then_fail():
            with transaction.atomic():
                meeting_room.post_message(setup.people["member"], room, body="ei koskaan")
                raise RuntimeError("the request failed after saving")

        try:
            await next_of(socket, "presence")
            with pytest.raises(RuntimeError):
                await db(post_then_fail)()
            assert await socket.receive_nothing(timeout=0.5)
            assert await db(RoomMessage.objects.count)() == 0
        finally:
            await socket.disconnect()

    @pytest.mark.parametrize(
        "frame, code",
        [
            (post_frame(""), "invalid"),
            (post_frame("   "), "invalid"),
            (post_frame("x" * (COMMENT_MAX_LENGTH + 1)), "invalid"),
            (post_frame(5), "malformed"),
            (post_frame("vastaus", parent=1), "malformed"),
            (post_frame("x", client_id="x" * 65), "malformed"),
            (post_frame("x", client_id=7), "malformed"),
            ({"type": "catch_up", "after": "many"}, "malformed"),
            ({"type": "catch_up", "after": -1}, "malformed"),
            ({"type": "catch_up", "after": 0, "since": "yesterday"}, "malformed"),
            ({"type": "shout"}, "unknown_type"),
            ({"type": "__init__"}, "unknown_type"),
            ({"no": "type"}, "malformed"),
            ([1, 2], "malformed"),
        ],
    )
    async def test_bad_frames_get_an_error_and_save_nothing(self, frame, code):
        setup = await db(make_room)()
        socket, _ = await join(setup, setup.people["member"])
        try:
            await socket.send_json_to(frame)
            error = await next_of(socket, "error")
            assert error["code"] == code and error["message"]
            assert await db(RoomMessage.objects.count)() == 0
            await socket.send_json_to({"type": "ping"})
            await next_of(socket, "pong")
        finally:
            await socket.disconnect()

    @pytest.mark.parametrize(
        "raw, code",
        [
            ({"text_data": "{not json"}, "malformed"),
            ({"text_data": json.dumps(post_frame("x" * MAX_FRAME_BYTES))}, "too_large"),
            ({"bytes_data": b"\x00\x01"}, "binary_not_supported"),
        ],
    )
    async def test_unreadable_frames_get_an_error_and_the_socket_stays(self, raw, code):
        setup = await db(make_room)()
        socket, _ = await join(setup, setup.people["member"])
        try:
            await socket.send_to(**raw)
            assert (await next_of(socket, "error"))["code"] == code
            await socket.send_json_to({"type": "ping"})
            await next_of(socket, "pong")
        finally:
            await socket.disconnect()

    async def test_one_rate_limit_for_comments_and_room_messages_form_and_socket(self, settings):
        settings.LIVE_COMMENT_RATE = 2
        settings.LIVE_COMMENT_WINDOW = 60
        setup = await db(make_room)()
        member = setup.people["member"]

        def post_with_the_form():
            client = Client()
            client.force_login(member)
            return client.post(setup.url("panels:meeting_room_post"), {"body": "Lomakkeelta"})

        assert (await db(post_with_the_form)()).status_code == 302
        socket, _ = await join(setup, member)
        try:
            await socket.send_json_to(post_frame("Socketista", client_id="1"))
            await next_of(socket, "posted")
            await socket.send_json_to(post_frame("Liian nopeasti", client_id="2"))
            error = await next_of(socket, "error")
            assert error["code"] == "rate_limited" and error["retry_after"] > 0
            assert await db(RoomMessage.objects.count)() == 2
        finally:
            await socket.disconnect()


# --- Pages and forms (work without JavaScript) ----------------------------------------------


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_room_page_and_its_form_follow_the_same_rules(role, state):
    setup = make_room(state)
    client = client_for(setup.people[role])
    page = client.get(setup.url())
    posted = client.post(setup.url("panels:meeting_room_post"), {"body": "Lomakkeella"})
    if role not in SEES:
        assert page.status_code == 404
        assert posted.status_code == 404
        assert not RoomMessage.objects.exists()
        return
    assert page.status_code == 200
    form_shown = page.context["form"] is not None
    assert form_shown is (role in SPEAKS)
    if role in SPEAKS and state == "open":
        assert posted.status_code == 302
        assert RoomMessage.objects.get().body == "Lomakkeella"
    elif role in SPEAKS:
        assert posted.status_code == 200
        assert "Lomakkeella" in posted.content.decode()  # what was typed is kept
        assert posted.context["form"].non_field_errors()
    else:
        assert posted.status_code == 404
    if role not in SPEAKS or state != "open":
        assert not RoomMessage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_and_close_the_room(role):
    setup = make_room("not_open")
    client = client_for(setup.people[role])
    opened = client.post(setup.url("panels:meeting_room_open"))
    runs = role in {"facilitator", "region_staff", "administrator"}
    if runs:
        assert opened.status_code == 302 and setup.room.state == "open"
        assert client.post(setup.url("panels:meeting_room_close")).status_code == 302
        assert setup.room.state == "closed"
        assert client.post(setup.url("panels:meeting_room_open")).status_code == 302
        assert setup.room.state == "open"
    else:
        assert opened.status_code == 404
        assert setup.room.state == "not_open"


@pytest.mark.django_db
def test_authors_edit_and_remove_their_messages_and_facilitators_hide_them():
    setup = make_room()
    member, facilitator = setup.people["member"], setup.people["facilitator"]
    message = meeting_room.post_message(member, setup.room, body="Alkuperäinen")
    other = client_for(setup.people["region_staff"])
    own = client_for(member)

    edit_url = reverse("panels:room_message_edit", args=[message.pk])
    assert other.get(edit_url).status_code == 404
    assert own.post(edit_url, {"body": "Korjattu"}).status_code == 302
    message.refresh_from_db()
    assert message.body == "Korjattu" and message.edited_at

    hide_url = reverse("panels:room_message_hide", args=[message.pk])
    assert own.get(hide_url).status_code == 404
    assert client_for(facilitator).post(hide_url, {"reason": ""}).status_code == 200
    assert client_for(facilitator).post(hide_url, {"reason": "Asiaton"}).status_code == 302
    message.refresh_from_db()
    assert message.hidden_at and message.hidden_reason == "Asiaton"
    # The author still reads it, with the reason; other members see that it was hidden.
    assert "Asiaton" in own.get(setup.url()).content.decode()
    reader = MembershipFactory(panel=setup.meeting.panel).person
    page = client_for(reader).get(setup.url()).content.decode()
    assert "Korjattu" not in page
    assert f'id="comment-{message.pk}"' in page and "comment__placeholder" in page

    second = meeting_room.post_message(member, setup.room, body="Peruttava")
    remove_url = reverse("panels:room_message_remove", args=[second.pk])
    assert own.post(remove_url).status_code == 302
    second.refresh_from_db()
    assert second.deleted_at is not None
    assert own.get(remove_url).status_code == 404  # removed once is removed


@pytest.mark.django_db
def test_hiding_and_restoring_are_recorded_and_the_author_is_told_why():
    setup = make_room()
    member, facilitator = setup.people["member"], setup.people["facilitator"]
    message = meeting_room.post_message(member, setup.room, body="Kiistanalainen")
    hide_url = reverse("panels:room_message_hide", args=[message.pk])
    restore_url = reverse("panels:room_message_restore", args=[message.pk])
    runner = client_for(facilitator)
    assert runner.get(restore_url).status_code == 404  # nothing to restore yet
    assert runner.post(hide_url, {"reason": "Henkilötietoja"}).status_code == 302

    notice = Notification.objects.get(recipient=member)
    assert notice.kind == "moderation"
    assert "Henkilötietoja" in notice.message and "Kehittäjäkahvila" in notice.message
    assert notice.url == message.get_absolute_url()

    # Only those who run the room restore, and they are offered it on the page.
    for role in ("member", "region_decision_maker"):
        assert client_for(setup.people[role]).get(restore_url).status_code == 404
    assert restore_url in runner.get(setup.url()).content.decode()
    assert restore_url not in client_for(member).get(setup.url()).content.decode()
    page = runner.get(restore_url)
    assert page.status_code == 200 and "Henkilötietoja" in page.content.decode()
    assert runner.post(restore_url, {"reason": ""}).status_code == 200  # a reason is required
    assert runner.post(restore_url, {"reason": "Tiedot poistettu"}).status_code == 302

    message.refresh_from_db()
    assert message.is_public and message.hidden_reason == ""
    reader = MembershipFactory(panel=setup.meeting.panel).person
    assert "Kiistanalainen" in client_for(reader).get(setup.url()).content.decode()
    notice = Notification.objects.filter(recipient=member).order_by("-pk").first()
    assert notice.kind == "moderation" and "Tiedot poistettu" in notice.message
    history = message.moderation_actions.order_by("created_at", "pk")
    assert [(a.kind, a.moderator, a.reason) for a in history] == [
        (ModerationKind.HIDE, facilitator, "Henkilötietoja"),
        (ModerationKind.RESTORE, facilitator, "Tiedot poistettu"),
    ]
    assert runner.get(restore_url).status_code == 404  # visible already


@pytest.mark.django_db
def test_a_hidden_message_its_author_removed_stays_removed():
    setup = make_room()
    member, facilitator = setup.people["member"], setup.people["facilitator"]
    message = meeting_room.post_message(member, setup.room, body="Pois")
    meeting_room.hide_message(facilitator, message, reason="Asiaton")
    meeting_room.remove_message(member, message)
    with pytest.raises(meeting_room.NotAllowed):
        meeting_room.restore_message(facilitator, message, reason="Ei sittenkään")
    message.refresh_from_db()
    assert message.deleted_at and message.hidden_at


@pytest.mark.django_db
def test_a_moderation_record_is_about_exactly_one_thing():
    setup = make_room()
    message = meeting_room.post_message(setup.people["member"], setup.room, body="Yksi")
    comment = CommentFactory()
    # A room message's record is its own, and names its message; an idea's or a comment's
    # names exactly one of the two.
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomModerationAction.objects.create(kind=ModerationKind.HIDE, reason="x")
    for targets in ({}, {"comment": comment, "idea": comment.idea}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ModerationAction.objects.create(kind=ModerationKind.HIDE, reason="x", **targets)
    RoomModerationAction.objects.create(kind=ModerationKind.HIDE, reason="x", room_message=message)
    ModerationAction.objects.create(kind=ModerationKind.HIDE, reason="x", comment=comment)


@pytest.mark.django_db
def test_after_closing_the_transcript_stays_readable_and_edits_stop():
    setup = make_room()
    member = setup.people["member"]
    message = meeting_room.post_message(member, setup.room, body="Jää talteen")
    meeting_room.close_room(setup.people["facilitator"], setup.room)
    page = client_for(member).get(setup.url())
    assert "Jää talteen" in page.content.decode()
    edit_url = reverse("panels:room_message_edit", args=[message.pk])
    assert client_for(member).get(edit_url).status_code == 404


@pytest.mark.django_db
def test_the_meeting_page_links_to_the_room_for_those_who_see_it():
    setup = make_room("not_open")
    meeting_url = reverse("panels:meeting", args=[setup.meeting.pk])
    room_url = setup.url()
    member = client_for(setup.people["member"])
    assert room_url not in member.get(meeting_url).content.decode()  # nothing to join yet
    assert room_url in client_for(setup.people["facilitator"]).get(meeting_url).content.decode()
    meeting_room.open_room(setup.people["facilitator"], setup.meeting)
    page = member.get(meeting_url).content.decode()
    assert room_url in page and "room-link--open" in page
    # The meeting is upcoming, so anyone sees it; its room is the panel's own.
    outsider = client_for(setup.people["non_member"]).get(meeting_url)
    assert outsider.status_code == 200 and room_url not in outsider.content.decode()


# --- The catch-up endpoint ------------------------------------------------------------------


@pytest.mark.django_db
def test_catch_up_over_http_returns_what_came_after_and_what_changed():
    setup = make_room()
    member = setup.people["member"]
    first, second, third = (
        meeting_room.post_message(member, setup.room, body=f"nro {n}") for n in range(3)
    )
    client = client_for(member)
    url = setup.url("panels:meeting_room_live")
    data = client.get(url, {"after": first.pk}).json()
    assert [frame["comment"]["id"] for frame in data["frames"]] == [second.pk, third.pk]
    assert data["last_id"] == third.pk and data["at"]
    meeting_room.hide_message(setup.people["facilitator"], first, reason="Asiaton")
    data = client.get(url, {"after": third.pk, "since": data["at"]}).json()
    assert [(f["type"], f["comment"]["state"]) for f in data["frames"]] == [
        ("comment_changed", "hidden")
    ]
    # A restore leaves no time on the message: the catch-up finds it all the same.
    meeting_room.restore_message(setup.people["facilitator"], first, reason="Aiheellinen")
    data = client.get(url, {"after": third.pk, "since": data["at"]}).json()
    assert [(f["type"], f["comment"]["state"]) for f in data["frames"]] == [
        ("comment_changed", "public")
    ]


@pytest.mark.django_db
def test_catch_up_over_http_says_whether_the_room_is_open():
    """A page that polls (websockets blocked) learns from it that the room opened or closed."""
    setup = make_room("not_open")
    client = client_for(setup.people["member"])
    url = setup.url("panels:meeting_room_live")
    assert client.get(url).json()["room_state"] == "not_open"
    meeting_room.open_room(setup.people["facilitator"], setup.meeting)
    data = client.get(url).json()
    assert data["room_state"] == "open"
    meeting_room.close_room(setup.people["facilitator"], setup.room)
    assert client.get(url, {"after": data["last_id"], "since": data["at"]}).json() == {
        "frames": [],
        "last_id": 0,
        "resume_after": 0,
        "at": ANY,
        "room_state": "closed",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "non_member", "applicant", "other_region_staff"])
def test_catch_up_over_http_is_not_found_for_outsiders(role):
    setup = make_room()
    response = client_for(setup.people[role]).get(setup.url("panels:meeting_room_live"))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"after": "x"}, {"after": "-1"}, {"since": "eilen"}])
def test_catch_up_over_http_refuses_bad_parameters(params):
    setup = make_room()
    response = client_for(setup.people["member"]).get(setup.url("panels:meeting_room_live"), params)
    assert response.status_code == 400 and response.json()["error"]


@pytest.mark.django_db
def test_catch_up_of_a_room_never_opened_is_empty():
    setup = make_room("not_open")
    data = client_for(setup.people["member"]).get(setup.url("panels:meeting_room_live")).json()
    assert data["frames"] == [] and data["resume_after"] == 0


# --- Queries --------------------------------------------------------------------------------

# Measured; the same for both sizes is the point. One of them asks whether the panel works in
# Northern Sámi for its members (panels.languages).
ROOM_PAGE_QUERIES = 12


@pytest.mark.django_db
@pytest.mark.parametrize("size", [10, 300])
def test_room_page_queries_do_not_grow(size, django_assert_num_queries):
    setup = make_room()
    people = [MembershipFactory(panel=setup.meeting.panel).person for _ in range(4)]
    RoomMessage.objects.bulk_create(
        RoomMessage(room=setup.room, author=people[n % 4], body=f"Viesti {n}") for n in range(size)
    )
    hidden = RoomMessage.objects.filter(room=setup.room).order_by("pk")[:3]
    RoomMessage.objects.filter(pk__in=list(hidden.values_list("pk", flat=True))).update(
        hidden_at=setup.room.opened_at
    )
    client = client_for(people[0])
    with django_assert_num_queries(ROOM_PAGE_QUERIES):
        response = client.get(setup.url())
    assert response.status_code == 200
    assert len(response.context["room_messages"]) == size


# --- Demo data ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_has_a_closed_room_with_a_conversation_and_an_open_room(settings):
    from django.core.management import call_command

    from panels.meetings.demo import seed_meeting_rooms
    from panels.meetings.models import MeetingRoom

    settings.DEBUG = False
    call_command("seed_demo")
    counts = (MeetingRoom.objects.count(), RoomMessage.objects.count())
    seed_meeting_rooms()
    assert (MeetingRoom.objects.count(), RoomMessage.objects.count()) == counts
    states = sorted(room.state for room in MeetingRoom.objects.all())
    assert states == ["closed", "open"]
    closed = MeetingRoom.objects.get(closed_at__isnull=False)
    assert closed.messages.count() >= 5
    assert closed.messages.values("author").distinct().count() >= 4
