"""What one connection can make the server do: presence only when it changes and at most one
frame a second per watcher, a budget of frames per connection, and a "since" that is shaped
like a time but is not one answered as malformed."""

import asyncio

import pytest
from asgiref.sync import sync_to_async

from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory
from tests.sockets import join as join_path
from tests.sockets import next_of, presence_until

pytestmark = pytest.mark.django_db(transaction=True)

db = sync_to_async


async def join(idea, user=None):
    return await join_path(f"/ws/ideas/{idea.pk}/", user)


async def frames_within(socket, seconds):
    """Every frame the socket receives within ``seconds``. (A receive that times out would
    stop the application under test; receive_nothing only looks.)"""
    frames = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if not await socket.receive_nothing(timeout=0.05):
            frames.append(await socket.receive_json_from())
    return frames


async def test_pings_do_not_send_presence_to_every_watcher():
    idea = await db(IdeaFactory)()
    watcher, _ = await join(idea, await db(UserFactory)(display_name="Katsoja"))
    pinger, _ = await join(idea, await db(UserFactory)(display_name="Pingaaja"))
    try:
        await presence_until(watcher, ["Katsoja", "Pingaaja"])
        for _ in range(20):
            await pinger.send_json_to({"type": "ping"})
        received = await frames_within(watcher, 1.5)
        assert [frame for frame in received if frame["type"].startswith("presence")] == []
    finally:
        await watcher.disconnect()
        await pinger.disconnect()


async def test_a_crowd_arriving_at_once_reaches_a_watcher_in_at_most_one_frame_a_second():
    idea = await db(IdeaFactory)()
    watcher, _ = await join(idea, await db(UserFactory)(display_name="Katsoja"))
    crowd = []
    try:
        await presence_until(watcher, ["Katsoja"])
        for number in range(8):
            person = await db(UserFactory)(display_name=f"Tulija {number}")
            crowd.append((await join(idea, person))[0])
        received = [
            f for f in await frames_within(watcher, 2.5) if f["type"].startswith("presence")
        ]
        # Frames go out at most once a second: within 2.5 s that is at most three. They carry
        # who came, not the whole list again; together they are the whole truth.
        assert 1 <= len(received) <= 3
        assert all(frame["type"] == "presence_changed" for frame in received)
        assert sum(len(frame["joined"]) for frame in received) == 8
        assert received[-1]["count"] == 9
    finally:
        await watcher.disconnect()
        for socket in crowd:
            await socket.disconnect()


async def test_a_connection_sending_too_many_frames_gets_an_error_and_stays_open(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "socket_frames": (5, 60)}
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea)
    try:
        for _ in range(5):
            await socket.send_json_to({"type": "ping"})
            await next_of(socket, "pong")
        await socket.send_json_to({"type": "ping"})
        error = await next_of(socket, "error")
        assert error["code"] == "rate_limited" and 0 < error["retry_after"] <= 60
        assert error["message"]
    finally:
        await socket.disconnect()


async def test_the_own_channel_has_a_frame_budget_too(settings):
    from channels.testing import WebsocketCommunicator

    from cms.asgi import application
    from tests.sockets import ORIGIN

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "socket_frames": (3, 60)}
    socket = WebsocketCommunicator(application, "/ws/me/", headers=[ORIGIN])
    assert (await socket.connect())[0]
    try:
        await next_of(socket, "hello")
        for _ in range(3):
            await socket.send_json_to({"type": "ping"})
            await next_of(socket, "pong")
        await socket.send_json_to({"type": "ping"})
        assert (await next_of(socket, "error"))["code"] == "rate_limited"
    finally:
        await socket.disconnect()


@pytest.mark.parametrize("since", ["2024-13-45T00:00:00", "2024-02-30T10:00:00+02:00", "eilen"])
async def test_a_since_that_is_not_a_time_is_malformed_over_the_socket(since):
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea)
    try:
        await socket.send_json_to({"type": "catch_up", "after": 0, "since": since})
        error = await next_of(socket, "error")
        assert error["code"] == "malformed"
        await socket.send_json_to({"type": "ping"})
        await next_of(socket, "pong")  # and the connection goes on
    finally:
        await socket.disconnect()


@pytest.mark.parametrize("since", ["2024-13-45T00:00:00", "2024-02-30T10:00:00+02:00"])
def test_a_since_that_is_not_a_time_is_a_400_over_http(client, since):
    idea = IdeaFactory()
    response = client.get(f"/rounds/ideas/{idea.pk}/live/", {"after": 0, "since": since})
    assert response.status_code == 400
    assert "since" in response.json()["error"]


async def test_a_time_without_a_zone_is_read_as_utc():
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea)
    try:
        await socket.send_json_to({"type": "catch_up", "after": 0, "since": "2024-01-01T00:00:00"})
        await next_of(socket, "caught_up")
    finally:
        await socket.disconnect()
