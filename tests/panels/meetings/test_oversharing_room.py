"""Live room messages that look like personal details (accounts.oversharing): the room's form
and its websocket ask first, a confirmed message is saved and marked for those who run the
room, and a valid personal identity code is refused however it is sent."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse
from django.utils import translation

from panels.meetings import services as meeting_room
from panels.meetings.models import RoomMessage
from tests.sockets import join as join_path
from tests.sockets import next_of

from .test_room import make_room

db = sync_to_async

QUESTION = "This looks like personal information — do you want to post it publicly?"
PHONE_BODY = "Soittakaa minulle: 040 123 4567."
VALID_CODE_BODY = "Tunnukseni on 131052-308T."
CHECKBOX = 'type="checkbox" name="confirm_personal"'
MARK = "Shared despite a personal-information warning"


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def post_message(client, setup, body, **extra):
    return client.post(
        english("panels:meeting_room_post", setup.meeting.pk), {"body": body, **extra}
    )


# --- The page's form ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_message_with_a_phone_number_asks_first_and_keeps_what_was_typed():
    setup = make_room()
    client = client_for(setup.people["member"])
    page = post_message(client, setup, PHONE_BODY)
    assert page.status_code == 200
    content = page.content.decode()
    assert QUESTION in content and 'role="alert" id="personal-details-warning"' in content
    assert "<mark>040 123 4567" in content and "looks like a phone number" in content
    assert PHONE_BODY + "</textarea>" in content and CHECKBOX in content
    assert not RoomMessage.objects.exists()

    response = post_message(client, setup, PHONE_BODY, confirm_personal="on")
    assert response.status_code == 302
    message = RoomMessage.objects.get()
    assert message.body == PHONE_BODY and message.shared_despite_warning


@pytest.mark.django_db
def test_a_valid_code_is_refused_from_the_form_even_when_confirmed():
    setup = make_room()
    client = client_for(setup.people["member"])
    content = post_message(client, setup, VALID_CODE_BODY, confirm_personal="on").content.decode()
    assert "It cannot be posted" in content and CHECKBOX not in content
    assert VALID_CODE_BODY + "</textarea>" in content
    assert not RoomMessage.objects.exists()


@pytest.mark.django_db
def test_editing_a_message_asks_again_and_the_mark_follows_the_text():
    setup = make_room()
    member = setup.people["member"]
    message = meeting_room.post_message(member, setup.room, body="Hei kaikki")
    client = client_for(member)
    url = english("panels:room_message_edit", message.pk)
    content = client.post(url, {"body": PHONE_BODY}).content.decode()
    assert QUESTION in content and "Save it anyway" in content
    message.refresh_from_db()
    assert message.body == "Hei kaikki" and not message.shared_despite_warning

    assert client.post(url, {"body": PHONE_BODY, "confirm_personal": "on"}).status_code == 302
    message.refresh_from_db()
    assert message.body == PHONE_BODY and message.shared_despite_warning

    client.post(url, {"body": "Numero poistettu"})
    message.refresh_from_db()
    assert not message.shared_despite_warning


@pytest.mark.django_db
def test_those_who_run_the_room_see_which_messages_were_shared_despite_a_warning():
    setup = make_room()
    member = setup.people["member"]
    meeting_room.post_message(member, setup.room, body=PHONE_BODY, confirm_personal=True)
    meeting_room.post_message(member, setup.room, body="Tavallinen viesti")
    url = english("panels:meeting_room", setup.meeting.pk)
    facilitator_page = client_for(setup.people["facilitator"]).get(url).content.decode()
    assert facilitator_page.count(MARK) == 1
    assert MARK not in client_for(member).get(url).content.decode()


@pytest.mark.django_db
def test_the_room_page_carries_the_texts_for_the_live_question():
    setup = make_room()
    url = english("panels:meeting_room", setup.meeting.pk)
    content = client_for(setup.people["member"]).get(url).content.decode()
    assert 'data-text-post-anyway="Post anyway"' in content
    assert '<div class="form__errors" role="alert" data-live-error></div>' in content


# --- The websocket ------------------------------------------------------------------------


async def join(setup, user):
    return await join_path(f"/ws/meetings/{setup.meeting.pk}/room/", user)


@pytest.mark.django_db(transaction=True)
async def test_a_live_message_gets_a_question_frame_and_posts_once_confirmed(settings):
    # One post allowed: the question must not have used it up.
    settings.LIVE_COMMENT_RATE = 1
    setup = await db(make_room)()
    socket, hello = await join(setup, setup.people["member"])
    try:
        assert hello["can_post"] is True
        body = "Asun osoitteessa Hämeenkatu 12 B 5."
        await socket.send_json_to({"type": "post", "body": body, "client_id": "r1"})
        error = await next_of(socket, "error")
        assert error["code"] == "personal_details" and error["can_confirm"] is True
        assert [(m["kind"], body[m["start"] : m["end"]]) for m in error["matches"]] == [
            ("address", "Hämeenkatu 12 B 5")
        ]
        assert await db(RoomMessage.objects.count)() == 0

        await socket.send_json_to(
            {"type": "post", "body": body, "client_id": "r1", "confirm_personal": True}
        )
        posted = await next_of(socket, "posted")
        message = await db(RoomMessage.objects.get)()
        assert posted["id"] == message.pk and message.shared_despite_warning
    finally:
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_live_message_with_a_valid_code_is_refused_even_when_confirmed():
    setup = await db(make_room)()
    socket, _hello = await join(setup, setup.people["member"])
    try:
        await socket.send_json_to(
            {"type": "post", "body": VALID_CODE_BODY, "client_id": "h", "confirm_personal": True}
        )
        error = await next_of(socket, "error")
        assert error["code"] == "personal_details" and error["can_confirm"] is False
        later = []
        for _ in range(5):
            while not await socket.receive_nothing(timeout=0.05):
                later.append((await socket.receive_json_from())["type"])
        assert "posted" not in later and "comment" not in later
        assert await db(RoomMessage.objects.count)() == 0
    finally:
        await socket.disconnect()
