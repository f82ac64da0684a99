"""Redis going away under running workers, and coming back.

Two daphne workers, started with the documented command, share a Redis server of the test's
own, which the test stops and starts again on the same port. While it is away, pages are
served, a log-in or a post whose limit cannot be counted is refused with "try again in a
moment" (never a server error, never let through), live discussions lose their connection;
once it is back, everything works again within a few seconds, without restarting a worker,
and a reconnecting discussion catches up on what it missed.

Skipped where redis-server is not installed. Runs on the suite's database (SQLite or
PostgreSQL): the workers serve the test database, as in tests/test_live_workers.py.
"""

import asyncio
import json
import time

import pytest
import websockets
from django.conf import settings
from django.test import Client

from ideas.models import Comment, Idea, Phase
from tests.factories import PASSWORD, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory
from tests.platform.cluster import Browser, RedisServer, start_workers, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not RedisServer.binary, reason="needs the redis-server program"),
]

BUSY = "Try again in a moment"
# Once Redis answers again, a worker serves as before within this many seconds.
RECOVERY_SECONDS = 8


@pytest.fixture
def redis_and_workers(transactional_db):
    redis = RedisServer().start()
    workers = []
    try:
        workers = start_workers(2, {"REDIS_URL": redis.url, "LIVE_COMMENT_RATE": "1000"})
        yield redis, workers
    finally:
        for worker in workers:
            worker.stop()
        redis.stop()


def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def signed_in(worker, user):
    browser = Browser(worker.port)
    browser.cookies[settings.SESSION_COOKIE_NAME] = session_of(user)
    return browser


def post_idea(browser, round_):
    path = f"/en/rounds/{round_.slug}/new/"
    token = browser.csrf_token(path)
    return browser.request(
        "POST",
        path,
        form={
            "csrfmiddlewaretoken": token,
            "title": "Selkokieliset kirjeet kaikille",
            "body": "Kirjeet selkokielellä auttaisivat monia ymmärtämään päätökset.",
        },
        headers={"Referer": f"http://127.0.0.1:{browser.port}{path}"},
    )


def test_without_redis_pages_are_served_and_what_is_counted_is_refused(
    redis_and_workers, demo_pages
):
    redis, workers = redis_and_workers
    round_ = IdeaRoundFactory(phase=Phase.IDEATION)
    idea = IdeaFactory(round=round_)
    person = UserFactory()
    for worker in workers:  # Wagtail's copies are in Redis now
        assert Browser(worker.port).get("/").status == 200

    redis.stop()

    for worker in workers:
        visitor = Browser(worker.port)
        assert visitor.get("/").status == 200, worker.output()[-3000:]
        assert visitor.get(f"/en/rounds/ideas/{idea.pk}/").status == 200
        assert visitor.get("/en/accounts/login/").status == 200
        # A log-in cannot be counted: refused, even with the right password.
        answer = visitor.log_in(person.email, PASSWORD)
        assert answer.status == 503, answer.text[:2000]
        assert BUSY in answer.text and answer.headers["Retry-After"] == "5"
        assert visitor.get("/en/my-impact/").status == 302, "still signed out"

    # A post whose limit cannot be counted is refused, with the reason.
    answer = post_idea(signed_in(workers[0], person), round_)
    assert answer.status in (429, 503) and BUSY in answer.text, answer.status
    assert not Idea.objects.filter(author=person).exists()

    # The health check says which check fails, and nothing about why.
    health = Browser(workers[1].port).get("/healthz")
    assert health.status == 503
    assert json.loads(health.text)["checks"] == {
        "database": {"status": "ok"},
        "channel_layer": {"status": "error"},
    }

    redis.start()
    back = time.monotonic()
    for worker in workers:
        wait_until(
            lambda worker=worker: Browser(worker.port).log_in(person.email, PASSWORD).status == 302,
            RECOVERY_SECONDS,
            0.2,
            "a log-in succeeding again",
        )
        wait_until(
            lambda worker=worker: Browser(worker.port).get("/healthz").status == 200,
            RECOVERY_SECONDS,
            0.2,
            "the health check passing again",
        )
    assert time.monotonic() - back < RECOVERY_SECONDS
    assert post_idea(signed_in(workers[1], person), round_).status == 302
    assert Idea.objects.filter(author=person).count() == 1


async def connect(worker, idea_id, session=None, timeout=3):
    headers = {"Origin": worker.url}
    if session:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={session}"
    socket = await websockets.connect(
        f"ws://127.0.0.1:{worker.port}/ws/ideas/{idea_id}/",
        additional_headers=headers,
        open_timeout=timeout,
    )
    await next_frame(socket, "hello", timeout)
    return socket


async def next_frame(socket, frame_type, timeout=8):
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await socket.recv())
            if frame["type"] == frame_type:
                return frame


async def catch_up(socket, after):
    """Ask for what came after ``after``, as the page does on every (re)connection."""
    await socket.send(json.dumps({"type": "catch_up", "after": after}))
    seen = []
    while True:
        frame = await next_frame_of(socket, {"comment", "caught_up"})
        if frame["type"] == "caught_up":
            return seen, frame["resume_after"]
        seen.append(frame["comment"]["id"])


async def next_frame_of(socket, types, timeout=8):
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await socket.recv())
            if frame["type"] in types:
                return frame


def test_a_live_discussion_reconnects_and_catches_up_when_redis_returns(redis_and_workers):
    redis, (first, second) = redis_and_workers
    idea = IdeaFactory(round=IdeaRoundFactory(phase=Phase.DEVELOPMENT))
    poster_session = session_of(UserFactory())

    async def until_redis_goes():
        reader = await connect(first, idea.pk)
        _seen, resume_after = await catch_up(reader, 0)
        await asyncio.to_thread(redis.stop)
        # The page's socket closes; the page then says it is offline and reconnecting.
        with pytest.raises(websockets.ConnectionClosed):
            async with asyncio.timeout(10):
                while True:
                    await reader.recv()
        # And it cannot connect again while Redis is away.
        with pytest.raises((websockets.InvalidStatus, websockets.ConnectionClosed)):
            await connect(first, idea.pk)
        return resume_after

    resume_after = asyncio.run(until_redis_goes())
    # Saved while the reader was away: its broadcast, if any, is lost; catch-up brings it.
    missed = CommentFactory(idea=idea, body="Sanottu katkon aikana.")

    async def after_redis_returns():
        await asyncio.to_thread(redis.start)
        back = time.monotonic()
        reader = None
        while reader is None:
            try:
                reader = await connect(first, idea.pk, timeout=2)
            except (OSError, TimeoutError, websockets.InvalidStatus, websockets.ConnectionClosed):
                assert time.monotonic() - back < RECOVERY_SECONDS, "no reconnection"
                await asyncio.sleep(0.2)
        assert time.monotonic() - back < RECOVERY_SECONDS
        try:
            seen, _resume = await catch_up(reader, resume_after)
            assert seen == [missed.pk]
            # Live again across workers: a post on the second reaches the reader on the first.
            poster = await connect(second, idea.pk, poster_session)
            try:
                await poster.send(
                    json.dumps({"type": "post", "body": "Taas yhteys.", "client_id": "back-1"})
                )
                posted = await next_frame(poster, "posted")
                live = await next_frame(reader, "comment")
                assert live["comment"]["id"] == posted["id"]
            finally:
                await poster.close()
        finally:
            await reader.close()

    asyncio.run(after_redis_returns())
    assert Comment.objects.filter(idea=idea).count() == 2
