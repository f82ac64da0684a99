"""The production shape: several daphne workers sharing PostgreSQL and Redis.

Runs where CI's second pass sets DATABASE_URL (PostgreSQL) and REDIS_URL; on the embedded
default each worker would have its own in-memory channel layer, which is exactly why
production needs Redis.
"""

import asyncio
import json
import os
import re
import urllib.request
from http.cookiejar import CookieJar

import pytest
import websockets
from django.conf import settings
from django.db import connections
from django.test import Client

from accounts.notifications import notify
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


@pytest.fixture
def two_workers(transactional_db):
    workers = [DaphneServer().start(), DaphneServer().start()]
    yield workers
    for worker in workers:
        worker.stop()


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def next_frame(socket, frame_type, timeout=10):
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await socket.recv())
            if frame["type"] == frame_type:
                return frame


def notify_from_a_thread(*args, **kwargs):
    """notify(), in a thread of its own that closes its database connection when done."""
    try:
        return notify(*args, **kwargs)
    finally:
        connections.close_all()


def post_with_csrf(worker, path, session):
    """A logged-in form POST to one worker, with the CSRF token its form page hands out."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    page = opener.open(
        urllib.request.Request(worker.url + "/accounts/notifications/", headers=headers)
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    csrf = next(cookie.value for cookie in jar if cookie.name == settings.CSRF_COOKIE_NAME)
    cookies = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}"
    request = urllib.request.Request(
        worker.url + path,
        data=f"csrfmiddlewaretoken={token}".encode(),
        headers={
            "Cookie": cookies,
            "Referer": worker.url + "/accounts/notifications/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    return opener.open(request)


def test_an_action_on_one_worker_reaches_a_socket_on_another(two_workers, make_user):
    first, second = two_workers
    person = make_user()
    notify(person, kind="tests.kind", message="Yksi")
    notify(person, kind="tests.kind", message="Kaksi")
    session = session_cookie(person)

    async def scenario():
        async with websockets.connect(
            second.url.replace("http", "ws") + "/ws/me/",
            additional_headers={
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
                "Origin": second.url,
            },
        ) as socket:
            hello = await next_frame(socket, "hello")
            assert hello["user"]["display_name"] == person.display_name
            # Marking everything read on the first worker updates the badge on the second.
            await asyncio.to_thread(post_with_csrf, first, "/accounts/notifications/read/", session)
            assert (await next_frame(socket, "notification"))["unread"] == 0
            # And a notice written by any process arrives through Redis.
            await asyncio.to_thread(
                notify_from_a_thread, person, kind="tests.kind", message="Kolme"
            )
            frame = await next_frame(socket, "notification")
            assert frame["unread"] == 1 and frame["notification"]["message"] == "Kolme"

    asyncio.run(scenario())


def test_a_killed_worker_leaves_the_other_serving(two_workers):
    first, second = two_workers
    first.kill()
    with urllib.request.urlopen(second.url + "/healthz", timeout=5) as response:
        body = json.loads(response.read())
    assert body["status"] == "ok"
    assert body["checks"]["channel_layer"] == {"status": "ok"}
