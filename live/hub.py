"""One room per discussion per worker process: fan-out and presence that cost O(workers) on
the channel layer and O(sockets) in the worker, not O(people) and O(people²).

A discussion's group on the channel layer has one member per worker that has sockets
watching it: that worker's ``Room``, not each socket. A frame broadcast to the group
(live.catch_up.broadcast) reaches each worker once; the room encodes it to JSON once and
hands the same text to every socket it holds. Anything else sent to the group (a
live.access recheck, say) is handed to every socket's own handler.

Presence is kept the same way. Each room knows who is here on its worker, from the sockets
that joined and left it, and tells the other workers' rooms whenever that changes (at most
once a second) and every PRESENCE_REFRESH_SECONDS anyway; a worker not heard of for
PRESENCE_TIMEOUT_SECONDS has died, and its people have left. A socket gets the list once,
when it joins, and after that only what changed, at most once a second however busy the
room (PRESENCE_MIN_INTERVAL_SECONDS). Past PRESENCE_NAMES_LIMIT people the frames carry the
number only: nobody reads a list of a thousand names, and it would cost every watcher a
large frame for each change.

Frames a socket gets from its room:
  {"type": "presence", "people": [person, ...] | null, "count": n}
      who is here: on joining, and whenever the names start or stop being listed (null past
      PRESENCE_NAMES_LIMIT: then there are only "presence" frames, each with the new count)
  {"type": "presence_changed", "joined": [person, ...], "left": [person id, ...], "count": n}
      who came and went since the last frame (a person whose name or role changed comes
      again under "joined")
A person is counted once however many tabs they have open; anonymous watchers are not
counted.
"""

import asyncio
import json
import logging
import time

from django.conf import settings

from .catch_up import THREAD_FRAME
from .groups import UNDELIVERABLE

logger = logging.getLogger(__name__)

# A worker that has not said who is here for this long has died; its people have left.
PRESENCE_TIMEOUT_SECONDS = 70
# Each room repeats who is here on its worker this often, well inside the timeout.
PRESENCE_REFRESH_SECONDS = 30
# However busy the room, a watcher gets at most one presence frame per this many seconds,
# and a worker tells the others at most this often.
PRESENCE_MIN_INTERVAL_SECONDS = 1.0
# Past this many people the presence frames carry the number, not the names.
PRESENCE_NAMES_LIMIT = 100

PRESENCE_EVENT = "live.presence"  # between the rooms of one discussion on different workers

# Rooms by (event loop, channel layer, group): a worker has one loop, tests one per test.
_rooms = {}
_membership_lock = {}
# Tasks started here, kept until done: the loop holds only weak references to them.
_tasks = set()


def _spawn(coroutine):
    task = asyncio.ensure_future(coroutine)
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return task


async def join(layer, group, socket, person):
    """Add ``socket`` (a live.discussion consumer) to this worker's room for ``group``, as
    ``person`` (live.catch_up.person_data, or None for an anonymous watcher). The socket gets
    the presence list at once. Returns the room."""
    loop = asyncio.get_running_loop()
    key = (loop, layer, group)
    room = _rooms.get(key)
    if room is None:
        async with _lock(loop):
            room = _rooms.get(key)
            if room is None:
                room = Room(layer, group, key)
                await room.open()
                _rooms[key] = room
    await room.arrive(socket, person)
    return room


async def leave(room, socket):
    """Take ``socket`` out of ``room``. A room left empty closes on this worker after
    settings.LIVE_ROOM_LINGER_SECONDS, unless someone comes back by then: people who reload
    a page or move between ideas would otherwise open and close rooms all day."""
    if not room.remove(socket) or room.sockets:
        return
    linger = settings.LIVE_ROOM_LINGER_SECONDS
    if linger:
        if room.closing is None:
            room.closing = _spawn(_close_later(room, linger))
    else:
        await _close_if_empty(room)


async def _close_later(room, linger):
    await asyncio.sleep(linger)
    room.closing = None
    await _close_if_empty(room)


async def _close_if_empty(room):
    async with _lock(room.key[0]):
        if not room.sockets and _rooms.get(room.key) is room:
            del _rooms[room.key]
            await room.close()


async def _abandon(room):
    """Close ``room`` and its sockets at once: its channel layer has stopped answering."""
    async with _lock(room.key[0]):
        if _rooms.get(room.key) is room:
            del _rooms[room.key]
    sockets = list(room.sockets)
    await room.close()
    for socket in sockets:
        _spawn(socket.room_lost())


def _lock(loop):
    lock = _membership_lock.get(loop)
    if lock is None:
        lock = _membership_lock[loop] = asyncio.Lock()
    return lock


def _sorted(people):
    return sorted(people, key=lambda person: (person["display_name"].lower(), person["id"]))


class Room:
    """A discussion as one worker sees it: its sockets here, and who is here everywhere."""

    def __init__(self, layer, group, key):
        self.layer, self.group, self.key = layer, group, key
        self.channel = None
        self.sockets = {}  # socket -> person or None
        self.elsewhere = {}  # another worker's room channel -> ({id: person}, heard at)
        self.shown = {}  # id -> person: what the sockets here were last told
        self.shown_at = 0.0
        self.told_at = 0.0  # when the other workers were last told who is here
        self.tasks = []
        self.show_due = None
        self.tell_due = None
        self.closing = None  # the close of a room left empty, while it lingers

    # --- Membership -----------------------------------------------------------------------

    async def open(self):
        self.channel = await self.layer.new_channel()
        await self.layer.group_add(self.group, self.channel)
        self.tasks = [_spawn(self._listen()), _spawn(self._refresh())]
        # Ask the rooms on other workers who is there; they answer with their lists.
        await self._tell(ask=True)

    async def close(self):
        for task in [*self.tasks, self.show_due, self.tell_due, self.closing]:
            if task is not None:
                task.cancel()
        self.sockets.clear()
        try:
            # Out of the group first, so that nothing more is sent to a channel nobody reads.
            await self.layer.group_discard(self.group, self.channel)
            await self._tell()  # nobody here any more
        except UNDELIVERABLE as error:
            logger.warning("could not leave %s", self.group, exc_info=error)
        # What reached the channel on its way here would wait in the layer's buffer for a
        # reader that never comes (channels_redis keeps one per channel in the process).
        buffers = getattr(self.layer, "receive_buffer", None)
        if isinstance(buffers, dict):
            buffers.pop(self.channel, None)

    async def arrive(self, socket, person):
        """Add a socket and tell it who is here. The others hear of the arrival at once when
        they have had no presence frame for a second, else with the next one."""
        if self.closing is not None:
            self.closing.cancel()  # lingering empty: open again
            self.closing = None
        self.sockets[socket] = person
        if person is not None:
            self._schedule_tell()
            if self.show_due is None and self._may_show_now():
                await self._show(skip=socket)
            else:
                self._schedule_show()
        await socket.deliver(json.dumps(self._snapshot_frame(self._people_everywhere())))

    def remove(self, socket):
        """False if the socket was not here."""
        if socket not in self.sockets:
            return False
        person = self.sockets.pop(socket)
        if person is not None:
            self._here_changed()
        return True

    # --- Frames to the sockets here ---------------------------------------------------------

    async def broadcast(self, frame):
        """Send ``frame`` to every socket here, encoded once."""
        text = json.dumps(frame)
        comment_id = frame["comment"]["id"] if frame.get("type") == "comment" else None
        for socket in list(self.sockets):
            await socket.deliver(text, comment_id)

    def _snapshot_frame(self, people):
        listed = len(people) <= PRESENCE_NAMES_LIMIT
        return {
            "type": "presence",
            "people": _sorted(people.values()) if listed else None,
            "count": len(people),
        }

    # --- Messages from the group --------------------------------------------------------------

    async def _listen(self):
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                # Redis away: nothing more reaches this room, and a socket here would wait
                # for comments that never come. The room goes, with its sockets; the pages
                # say they are offline and reconnect (catching up) once a new room can join
                # the group, which it cannot while Redis is away.
                logger.warning("live room %s cannot receive", self.group, exc_info=error)
                _spawn(_abandon(self))
                return
            try:
                await self._handle(message)
            except Exception:
                logger.exception("live room %s could not handle %s", self.group, message["type"])

    async def _handle(self, message):
        kind = message.get("type")
        if kind == THREAD_FRAME:
            await self.broadcast(message["frame"])
        elif kind == PRESENCE_EVENT:
            self._heard(message)
        else:
            # A recheck and the like: each socket handles it on its own, as if sent to it,
            # without holding up the frames for the others.
            for socket in list(self.sockets):
                _spawn(socket.dispatch(message))

    # --- Presence -------------------------------------------------------------------------

    def _people_here(self):
        """On this worker: id -> person, once however many tabs."""
        return {person["id"]: person for person in self.sockets.values() if person is not None}

    def _people_everywhere(self):
        cutoff = time.monotonic() - PRESENCE_TIMEOUT_SECONDS
        self.elsewhere = {
            channel: entry for channel, entry in self.elsewhere.items() if entry[1] >= cutoff
        }
        people = {}
        for others, _heard_at in self.elsewhere.values():
            people.update(others)
        people.update(self._people_here())
        return people

    def _heard(self, message):
        if message["origin"] == self.channel:
            return
        people = {person["id"]: person for person in message["people"]}
        if people:
            self.elsewhere[message["origin"]] = (people, time.monotonic())
        else:
            self.elsewhere.pop(message["origin"], None)
        if message.get("ask"):
            self._schedule_tell()
        self._schedule_show()

    def _here_changed(self):
        self._schedule_tell()
        self._schedule_show()

    def _schedule_show(self):
        """Tell the sockets here what changed: now, or once a second has passed since the
        last frame, with whatever is true by then."""
        if self.show_due is None:
            wait = self.shown_at + PRESENCE_MIN_INTERVAL_SECONDS - time.monotonic()
            self.show_due = _spawn(self._show_after(max(0.0, wait)))

    def _schedule_tell(self):
        if self.tell_due is None:
            wait = self.told_at + PRESENCE_MIN_INTERVAL_SECONDS - time.monotonic()
            self.tell_due = _spawn(self._tell_after(max(0.0, wait)))

    async def _show_after(self, wait):
        await asyncio.sleep(wait)
        self.show_due = None
        await self._show()

    async def _tell_after(self, wait):
        await asyncio.sleep(wait)
        self.tell_due = None
        await self._tell()

    def _may_show_now(self):
        return time.monotonic() - self.shown_at >= PRESENCE_MIN_INTERVAL_SECONDS

    async def _show(self, skip=None):
        """Tell the sockets here (but ``skip``, which is told the whole list) what changed."""
        people = self._people_everywhere()
        frame = self._change_frame(self.shown, people)
        if frame is None:
            return
        self.shown, self.shown_at = people, time.monotonic()
        text = json.dumps(frame)
        for socket in list(self.sockets):
            if socket is not skip:
                await socket.deliver(text)

    def _change_frame(self, before, after):
        """The frame that takes a watcher from ``before`` to ``after``; None if nothing
        changed that the watcher is shown."""
        if len(after) > PRESENCE_NAMES_LIMIT:
            if len(before) == len(after):
                return None
            return self._snapshot_frame(after)
        if len(before) > PRESENCE_NAMES_LIMIT:
            return self._snapshot_frame(after)
        joined = [person for pid, person in after.items() if before.get(pid) != person]
        left = sorted(pid for pid in before if pid not in after)
        if not joined and not left:
            return None
        return {
            "type": "presence_changed",
            "joined": _sorted(joined),
            "left": left,
            "count": len(after),
        }

    async def _tell(self, ask=False):
        """Tell the other workers' rooms who is here on this worker."""
        self.told_at = time.monotonic()
        try:
            await self.layer.group_send(
                self.group,
                {
                    "type": PRESENCE_EVENT,
                    "origin": self.channel,
                    "people": list(self._people_here().values()),
                    "ask": ask,
                },
            )
        except UNDELIVERABLE as error:
            logger.warning("could not tell %s who is here", self.group, exc_info=error)

    async def _refresh(self):
        """Every PRESENCE_REFRESH_SECONDS: say again who is here (and stay in the group, whose
        members a channel layer forgets after a day), and forget workers gone silent."""
        while True:
            await asyncio.sleep(PRESENCE_REFRESH_SECONDS)
            try:
                await self.layer.group_add(self.group, self.channel)
            except UNDELIVERABLE as error:
                logger.warning("could not rejoin %s", self.group, exc_info=error)
            await self._tell()
            self._schedule_show()
