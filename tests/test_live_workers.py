"""Live threads across real daphne workers on PostgreSQL and Redis, with a worker killed
while people are posting. Runs where CI's second pass sets DATABASE_URL and REDIS_URL.

The clients here do what the page's script (live/static/live/live-thread.js) does: catch up
after every (re)connection from the ``resume_after`` they were given, keep comments by id, and
send an unacknowledged post again with the same client id.
"""

import asyncio
import json
import os

import pytest
import websockets
from django.conf import settings
from django.test import Client

from ideas.models import Comment, Phase
from panels.meetings import services as meeting_room
from panels.meetings.models import RoomMessage
from tests.factories import MembershipFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory
from tests.panels.factories import MeetingFactory
from tests.servers import DaphneServer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (
            os.environ.get("REDIS_URL")
            and os.environ.get("DATABASE_URL", "").startswith("postgres")
        ),
        reason="needs DATABASE_URL (PostgreSQL) and REDIS_URL, as in CI's second pass",
    ),
]

COMMENTS_PER_POSTER = 25


def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class ThreadClient:
    def __init__(self, workers, idea_id, session=None, path=None):
        self.workers = workers  # preferred first; a dead one is skipped
        self.idea_id = idea_id
        self.path = path or f"/ws/ideas/{idea_id}/"
        self.session = session
        self.comments = {}  # id -> body, as the page shows them
        self.resume_after = 0
        self.reconnects = 0
        self.socket = None

    async def connect(self):
        for worker in self.workers:
            if worker.process.poll() is not None:
                continue
            headers = {"Origin": worker.url}
            if self.session:
                headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={self.session}"
            try:
                self.socket = await websockets.connect(
                    worker.url.replace("http", "ws") + self.path,
                    additional_headers=headers,
                    max_queue=None,
                )
            except OSError:
                continue
            await self.socket.send(json.dumps({"type": "catch_up", "after": self.resume_after}))
            return
        raise RuntimeError("no worker left")

    async def send(self, payload):
        """Send, reconnecting first if the connection is gone (the page keeps the post)."""
        while True:
            try:
                return await self.socket.send(json.dumps(payload))
            except websockets.ConnectionClosed:
                self.reconnects += 1
                await asyncio.sleep(0.2)
                await self.connect()

    async def close(self):
        if self.socket is not None:
            await self.socket.close()

    def take(self, frame):
        if frame["type"] == "comment":
            self.comments.setdefault(frame["comment"]["id"], frame["comment"]["body_html"])
        elif frame["type"] == "caught_up":
            self.resume_after = max(self.resume_after, frame["resume_after"])

    async def frames(self):
        """Frames until the connection drops; then reconnect (as the page does) and go on."""
        while True:
            try:
                frame = json.loads(await self.socket.recv())
            except websockets.ConnectionClosed:
                self.reconnects += 1
                await asyncio.sleep(0.2)
                await self.connect()
                continue
            self.take(frame)
            yield frame


async def post_all(client, label, after_each=None):
    await client.connect()
    frames = client.frames()
    for n in range(COMMENTS_PER_POSTER):
        pending = {"type": "post", "body": f"{label} {n}", "client_id": f"{label}-{n}"}
        await client.send(pending)
        resent_on = client.reconnects
        async for frame in frames:
            if client.reconnects != resent_on:  # the connection was lost: send it again
                resent_on = client.reconnects
                await client.send(pending)
            if frame["type"] == "posted" and frame["client_id"] == pending["client_id"]:
                break
            assert frame["type"] != "error", frame
        if after_each:
            after_each(n)
        await asyncio.sleep(0.02)


async def listen_until(client, expected_count, timeout=60):
    await client.connect()
    async with asyncio.timeout(timeout):
        async for _frame in client.frames():
            if len(client.comments) >= expected_count:
                return


@pytest.fixture
def two_workers(transactional_db):
    env = {"LIVE_COMMENT_RATE": "100000"}
    workers = [DaphneServer(extra_env=env).start(), DaphneServer(extra_env=env).start()]
    yield workers
    for worker in workers:
        worker.stop()


def test_a_post_on_one_worker_reaches_a_reader_on_the_other(two_workers):
    first, second = two_workers
    idea = IdeaFactory(round=IdeaRoundFactory(phase=Phase.DEVELOPMENT))
    poster = ThreadClient([first], idea.pk, session_of(UserFactory()))
    reader = ThreadClient([second], idea.pk)

    async def scenario():
        try:
            listening = asyncio.create_task(listen_until(reader, 1, timeout=20))
            await asyncio.sleep(0.5)
            await poster.connect()
            await poster.socket.send(
                json.dumps({"type": "post", "body": "Toiselle", "client_id": "t"})
            )
            await listening
        finally:
            await asyncio.gather(poster.close(), reader.close())

    asyncio.run(scenario())
    assert list(reader.comments) == list(Comment.objects.values_list("pk", flat=True))


def test_presence_crosses_workers_as_changes(two_workers):
    """Who is here on one worker is shown on the other, as the list once and then changes;
    someone leaving on one worker is gone from the other."""
    first, second = two_workers
    idea = IdeaFactory()
    anna = UserFactory(display_name="Anna")
    ville = UserFactory(display_name="Ville")
    watcher = ThreadClient([second], idea.pk, session_of(anna))
    visitor = ThreadClient([first], idea.pk, session_of(ville))
    shown = {}
    kinds = []

    async def until(names):
        async with asyncio.timeout(10):
            async for frame in watcher.frames():
                if frame["type"] == "presence":
                    shown.clear()
                    shown.update({p["id"]: p["display_name"] for p in frame["people"] or ()})
                elif frame["type"] == "presence_changed":
                    for person_id in frame["left"]:
                        shown.pop(person_id, None)
                    shown.update({p["id"]: p["display_name"] for p in frame["joined"]})
                else:
                    continue
                kinds.append(frame["type"])
                if sorted(shown.values()) == names:
                    return

    async def scenario():
        try:
            await watcher.connect()
            await until(["Anna"])
            await visitor.connect()
            await until(["Anna", "Ville"])
            await visitor.close()
            await until(["Anna"])
        finally:
            await watcher.close()

    asyncio.run(scenario())
    assert kinds[0] == "presence" and set(kinds[1:]) == {"presence_changed"}


def test_a_room_message_on_one_worker_reaches_a_member_on_the_other(two_workers):
    first, second = two_workers
    meeting = MeetingFactory()
    facilitator = UserFactory()
    meeting.panel.facilitators.add(facilitator)
    meeting_room.open_room(facilitator, meeting)
    member = MembershipFactory(panel=meeting.panel).person
    path = f"/ws/meetings/{meeting.pk}/room/"
    poster = ThreadClient([first], None, session_of(member), path=path)
    reader = ThreadClient([second], None, session_of(facilitator), path=path)

    async def scenario():
        try:
            listening = asyncio.create_task(listen_until(reader, 1, timeout=20))
            await asyncio.sleep(0.5)
            await poster.connect()
            await poster.socket.send(
                json.dumps({"type": "post", "body": "Toiselle työntekijälle", "client_id": "r"})
            )
            await listening
        finally:
            await asyncio.gather(poster.close(), reader.close())

    asyncio.run(scenario())
    assert list(reader.comments) == list(RoomMessage.objects.values_list("pk", flat=True))
    assert len(reader.comments) == 1


def test_a_killed_worker_loses_nothing_and_duplicates_nothing(two_workers):
    first, second = two_workers
    idea = IdeaFactory(round=IdeaRoundFactory(phase=Phase.DEVELOPMENT))
    posters = [
        ThreadClient([first, second], idea.pk, session_of(UserFactory())),
        ThreadClient([second, first], idea.pk, session_of(UserFactory())),
    ]
    readers = [ThreadClient([first, second], idea.pk), ThreadClient([second, first], idea.pk)]
    total = 2 * COMMENTS_PER_POSTER

    def kill_first_worker_midway(n):
        if n == COMMENTS_PER_POSTER // 3:
            first.kill()

    async def scenario():
        try:
            listening = [asyncio.create_task(listen_until(reader, total)) for reader in readers]
            await asyncio.sleep(0.5)
            await asyncio.gather(
                post_all(posters[0], "A", after_each=kill_first_worker_midway),
                post_all(posters[1], "B"),
            )
            await asyncio.gather(*listening)
        finally:
            await asyncio.gather(*(client.close() for client in [*posters, *readers]))

    asyncio.run(scenario())

    saved = list(Comment.objects.filter(idea=idea).order_by("pk").values_list("pk", "body"))
    bodies = [body for _pk, body in saved]
    assert len(saved) == total and len(set(bodies)) == total, "each post saved exactly once"
    for reader in readers:
        # Every saved comment exactly once, in the order it was saved.
        assert sorted(reader.comments) == [pk for pk, _body in saved]
    assert posters[0].reconnects >= 1 and readers[0].reconnects >= 1, "the kill was felt"
