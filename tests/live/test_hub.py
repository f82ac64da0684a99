"""live.hub: one room per discussion per worker. A broadcast reaches each worker once and is
encoded once; presence crosses workers, carries changes, and costs each watcher at most one
frame a second however many people come and go.

Two workers are two rooms of the same discussion on one channel layer, as two processes'
rooms would be on Redis; the sockets are stand-ins that keep what they are sent."""

import asyncio
import json

import pytest
from channels.layers import InMemoryChannelLayer

from live import hub
from live.catch_up import THREAD_FRAME
from tests.sockets import seen_present

GROUP = "idea-thread.1"


class Socket:
    def __init__(self):
        self.texts = []
        self.dispatched = []

    async def deliver(self, text, comment_id=None):
        self.texts.append(text)

    async def dispatch(self, message):
        self.dispatched.append(message)

    def frames(self, kind=None):
        frames = [json.loads(text) for text in self.texts]
        return [f for f in frames if kind is None or f["type"].startswith(kind)]


def person(number, name=None):
    return {
        "id": number,
        "display_name": name or f"Osallistuja {number:04}",
        "role": "participant",
        "role_label": "Osallistuja",
    }


async def worker_room(layer):
    """The room another worker would open for GROUP."""
    room = hub.Room(layer, GROUP, ("elsewhere", layer, GROUP))
    await room.open()
    return room


async def settle(seconds=0.05):
    await asyncio.sleep(seconds)


@pytest.fixture
def layer():
    return InMemoryChannelLayer(capacity=100_000)


@pytest.fixture
def fast_presence(monkeypatch):
    monkeypatch.setattr(hub, "PRESENCE_MIN_INTERVAL_SECONDS", 0.2)


async def test_a_broadcast_reaches_each_worker_once_and_is_encoded_once(layer, monkeypatch):
    here = [Socket() for _ in range(50)]
    for socket in here:
        room = await hub.join(layer, GROUP, socket, None)
    other = await worker_room(layer)
    elsewhere = [Socket() for _ in range(30)]
    for socket in elsewhere:
        await other.arrive(socket, None)
    sent = []
    real_send = layer.send

    async def counting_send(channel, message):
        sent.append(channel)
        await real_send(channel, message)

    monkeypatch.setattr(layer, "send", counting_send)
    encoded = []
    real_dumps = json.dumps
    monkeypatch.setattr(hub.json, "dumps", lambda value: encoded.append(value) or real_dumps(value))
    frame = {"type": "comment", "comment": {"id": 7, "body_html": "<p>Hei</p>"}, "at": "x"}
    await layer.group_send(GROUP, {"type": THREAD_FRAME, "frame": frame})
    await settle()
    try:
        assert sorted(sent) == sorted([room.channel, other.channel])  # one per worker
        assert encoded == [frame, frame]  # once per worker, not once per socket
        for socket in here + elsewhere:
            assert socket.frames("comment") == [frame]
        # The very same text goes to every socket of a worker.
        assert len({id(socket.texts[-1]) for socket in here}) == 1
    finally:
        for socket in here:
            await hub.leave(room, socket)
        await other.close()


async def test_anything_else_sent_to_the_group_reaches_every_socket_handler(layer):
    sockets = [Socket() for _ in range(3)]
    for socket in sockets:
        room = await hub.join(layer, GROUP, socket, None)
    await layer.group_send(GROUP, {"type": "live.recheck"})
    await settle()
    try:
        assert [socket.dispatched for socket in sockets] == [[{"type": "live.recheck"}]] * 3
    finally:
        for socket in sockets:
            await hub.leave(room, socket)


async def test_the_last_socket_out_closes_the_room_and_leaves_the_group(layer):
    socket = Socket()
    room = await hub.join(layer, GROUP, socket, person(1))
    assert room.channel in layer.groups[GROUP]
    await hub.leave(room, socket)
    assert GROUP not in layer.groups or room.channel not in layer.groups[GROUP]
    again = await hub.join(layer, GROUP, Socket(), None)
    assert again is not room


async def test_presence_crosses_workers_and_carries_changes(layer, fast_presence):
    watcher = Socket()
    room = await hub.join(layer, GROUP, watcher, person(1, "Anna"))
    other = await worker_room(layer)
    ville = Socket()
    await other.arrive(ville, person(2, "Ville"))
    await settle(0.5)
    try:
        first, *later = watcher.frames("presence")
        assert first == {"type": "presence", "people": [person(1, "Anna")], "count": 1}
        assert later == [
            {"type": "presence_changed", "joined": [person(2, "Ville")], "left": [], "count": 2}
        ]
        # The other worker's socket was told the list on arriving, then what changed.
        for frame in ville.frames("presence"):
            shown = seen_present(ville, frame)
        assert [p["display_name"] for p in shown] == ["Anna", "Ville"]
        other.remove(ville)
        await settle(0.5)
        assert watcher.frames("presence")[-1] == {
            "type": "presence_changed",
            "joined": [],
            "left": [2],
            "count": 1,
        }
    finally:
        await hub.leave(room, watcher)
        await other.close()


async def test_a_worker_gone_silent_is_forgotten(layer, fast_presence, monkeypatch):
    watcher = Socket()
    room = await hub.join(layer, GROUP, watcher, None)
    other = await worker_room(layer)
    await other.arrive(Socket(), person(2))
    await settle(0.5)
    assert watcher.frames("presence")[-1]["count"] == 1
    # The other worker dies without a word: its room stops listening and refreshing.
    for task in other.tasks:
        task.cancel()
    monkeypatch.setattr(hub, "PRESENCE_TIMEOUT_SECONDS", 0.3)
    await settle(0.4)
    room._schedule_show()  # what the room's own refresh does every PRESENCE_REFRESH_SECONDS
    await settle(0.3)
    try:
        assert watcher.frames("presence")[-1] == {
            "type": "presence_changed",
            "joined": [],
            "left": [2],
            "count": 0,
        }
    finally:
        await hub.leave(room, watcher)


async def test_a_thousand_people_cost_each_watcher_one_small_frame_a_second(layer, monkeypatch):
    """1,000 people arrive (on two workers), ping and leave: a watcher gets at most one
    presence frame a second, and past PRESENCE_NAMES_LIMIT each is the number alone."""
    monkeypatch.setattr(hub, "PRESENCE_MIN_INTERVAL_SECONDS", 0.25)
    watcher = Socket()
    room = await hub.join(layer, GROUP, watcher, person(0, "Katsoja"))
    other = await worker_room(layer)
    crowd = []
    loop = asyncio.get_running_loop()
    started = loop.time()
    for number in range(1, 1001):
        socket = Socket()
        crowd.append(socket)
        if number % 2:
            await hub.join(layer, GROUP, socket, person(number))
        else:
            await other.arrive(socket, person(number))
        if number % 100 == 0:
            await asyncio.sleep(0.1)  # they arrive over about a second and a half
    await settle(1.0)
    frames = watcher.frames("presence")
    elapsed = loop.time() - started
    try:
        # The first is the watcher's own arrival; after it, one per 0.25 s at most.
        assert len(frames) - 1 <= elapsed / 0.25 + 1
        assert frames[-1] == {"type": "presence", "people": None, "count": 1001}
        assert max(len(text) for text in watcher.texts[1:]) < 100  # the number, not names
        # A newcomer in the crowd is told the number too, not a thousand names.
        assert json.loads(crowd[-1].texts[0])["people"] is None
    finally:
        for socket in crowd[::2]:
            await hub.leave(room, socket)
        await hub.leave(room, watcher)
        await other.close()


async def test_below_the_limit_again_the_names_come_back(layer, monkeypatch):
    monkeypatch.setattr(hub, "PRESENCE_MIN_INTERVAL_SECONDS", 0.1)
    monkeypatch.setattr(hub, "PRESENCE_NAMES_LIMIT", 2)
    watcher = Socket()
    room = await hub.join(layer, GROUP, watcher, person(1, "Anna"))
    others = [Socket(), Socket()]
    await hub.join(layer, GROUP, others[0], person(2, "Bea"))
    await settle(0.2)
    await hub.join(layer, GROUP, others[1], person(3, "Cecilia"))
    await settle(0.2)
    assert watcher.frames("presence")[-1] == {"type": "presence", "people": None, "count": 3}
    await hub.leave(room, others[1])
    await settle(0.2)
    try:
        assert watcher.frames("presence")[-1] == {
            "type": "presence",
            "people": [person(1, "Anna"), person(2, "Bea")],
            "count": 2,
        }
    finally:
        await hub.leave(room, others[0])
        await hub.leave(room, watcher)


async def test_an_emptied_room_lingers_for_whoever_comes_back_then_closes(layer, settings):
    settings.LIVE_ROOM_LINGER_SECONDS = 0.3
    first = Socket()
    room = await hub.join(layer, GROUP, first, person(1))
    await hub.leave(room, first)
    assert room.channel in layer.groups[GROUP]  # still open, for a moment
    second = Socket()
    assert await hub.join(layer, GROUP, second, person(2)) is room
    await settle(0.4)
    assert room.channel in layer.groups[GROUP]  # someone came back: it stayed
    await hub.leave(room, second)
    await settle(0.4)
    assert room.channel not in layer.groups.get(GROUP, {})
    third = Socket()
    reopened = await hub.join(layer, GROUP, third, None)
    assert reopened is not room
    settings.LIVE_ROOM_LINGER_SECONDS = 0
    await hub.leave(reopened, third)


class LayerThatStops(InMemoryChannelLayer):
    """A channel layer that stops answering, as Redis does when it goes away."""

    stopped = False

    async def receive(self, channel):
        while not self.stopped:
            await asyncio.sleep(0.01)
        raise ConnectionError("the channel layer went away")

    async def group_add(self, group, channel):
        if self.stopped:
            raise ConnectionError("the channel layer went away")
        await super().group_add(group, channel)


class ClosableSocket(Socket):
    closed = False

    async def room_lost(self):
        self.closed = True


async def test_a_room_that_loses_the_layer_closes_its_sockets_and_a_new_one_cannot_open():
    layer = LayerThatStops(capacity=100)
    sockets = [ClosableSocket() for _ in range(3)]
    for socket in sockets:
        room = await hub.join(layer, GROUP, socket, None)
    layer.stopped = True
    await settle(0.1)
    assert all(socket.closed for socket in sockets)
    assert not room.sockets
    # Nobody is told they are live while the layer is away: joining again fails.
    with pytest.raises(ConnectionError):
        await hub.join(layer, GROUP, ClosableSocket(), None)
    # Once it is back, a new room opens.
    layer.stopped = False
    again = await hub.join(layer, GROUP, ClosableSocket(), None)
    assert again is not room
    await hub.leave(again, next(iter(again.sockets)))
