"""The /ws/me/ endpoint through the real ASGI application: origin check, session auth, frames."""

import json

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator

from cms.asgi import application
from live.person import MAX_FRAME_BYTES, person_group_name
from tests.sockets import ORIGIN, cookie_for

pytestmark = [pytest.mark.django_db(transaction=True)]


async def connect(headers=(ORIGIN,)):
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=list(headers))
    connected, _ = await communicator.connect()
    return communicator, connected


async def test_anonymous_visitor_connects_and_pings():
    communicator, connected = await connect()
    try:
        assert connected
        assert await communicator.receive_json_from() == {"type": "hello", "user": None}
        await communicator.send_json_to({"type": "ping"})
        assert await communicator.receive_json_from() == {"type": "pong", "user": None}
    finally:
        await communicator.disconnect()


async def test_foreign_origin_is_rejected():
    communicator, connected = await connect(headers=[(b"origin", b"https://evil.example")])
    assert not connected
    await communicator.disconnect()


async def test_signed_in_person_is_known_and_joins_their_group(make_user):
    from asgiref.sync import sync_to_async

    user = await sync_to_async(make_user)(display_name="Verkossa", expert=True)
    cookie = await sync_to_async(cookie_for)(user)
    communicator, connected = await connect(headers=[ORIGIN, cookie])
    try:
        assert connected
        hello = await communicator.receive_json_from()
        assert hello == {
            "type": "hello",
            "user": {"display_name": "Verkossa", "role": "expert_by_experience"},
        }
        await get_channel_layer().group_send(
            person_group_name(user.pk),
            {"type": "person.event", "payload": {"type": "badge", "unread": 3}},
        )
        assert await communicator.receive_json_from() == {"type": "badge", "unread": 3}
    finally:
        await communicator.disconnect()


@pytest.mark.parametrize(
    "frame, code",
    [
        ("not json", "malformed"),
        ("[1, 2]", "malformed"),
        ('{"no": "type"}', "malformed"),
        ('{"type": 5}', "malformed"),
        ('{"type": "launch"}', "unknown_type"),
        (json.dumps({"type": "ping", "pad": "x" * MAX_FRAME_BYTES}), "too_large"),
    ],
)
async def test_bad_frames_get_an_error_frame_and_the_socket_stays_usable(frame, code):
    communicator, _ = await connect()
    try:
        await communicator.receive_json_from()
        await communicator.send_to(text_data=frame)
        error = await communicator.receive_json_from()
        assert error["type"] == "error"
        assert error["code"] == code
        assert error["message"]
        await communicator.send_json_to({"type": "ping"})
        assert (await communicator.receive_json_from())["type"] == "pong"
    finally:
        await communicator.disconnect()


async def test_binary_frames_get_an_error_frame():
    communicator, _ = await connect()
    try:
        await communicator.receive_json_from()
        await communicator.send_to(bytes_data=b"\x00\x01")
        assert (await communicator.receive_json_from())["code"] == "binary_not_supported"
    finally:
        await communicator.disconnect()
