"""A page's discussion live, at /ws/discussions/<id>/ through the real ASGI application
(origin check, session auth): the same frames, catch-up, rate limits and error frames as an
idea's thread, and access that ends when cms makes the page non-public."""

import pytest
from asgiref.sync import sync_to_async

from ideas import services
from ideas.discussions import sync_page_discussion
from ideas.models import Comment
from tests.factories import UserFactory
from tests.sockets import join as join_path
from tests.sockets import next_of

from .discussion_world import comment_in, page_discussion, people

pytestmark = pytest.mark.django_db(transaction=True)

db = sync_to_async


async def join(discussion, user=None):
    return await join_path(f"/ws/discussions/{discussion.pk}/", user)


@pytest.fixture
def discussion(demo_pages, region):
    return page_discussion(region)


@pytest.fixture
def world(region):
    return people(region)


async def test_anyone_watches_and_sees_a_comment_posted_elsewhere(discussion, world):
    watcher, hello = await join(discussion)
    try:
        assert hello["discussion"] == discussion.pk
        assert hello["can_post"] is False and hello["user"] is None
        await db(services.post_comment)(world["author"], discussion, body="Hyvä kokeilu!")
        frame = await next_of(watcher, "comment")
        assert frame["comment"]["discussion"] == discussion.pk
        assert frame["comment"]["author"]["display_name"] == "Kirjoittaja"
        assert "Hyvä kokeilu!" in frame["comment"]["body_html"]
    finally:
        await watcher.disconnect()


async def test_a_comment_posted_over_the_socket_is_saved_once_and_broadcast(discussion, world):
    sender, hello = await join(discussion, world["client"])
    watcher, _ = await join(discussion)
    try:
        assert hello["can_post"] is True
        await sender.send_json_to({"type": "post", "body": "Livenä!", "client_id": "c1"})
        ack = await next_of(sender, "posted")
        seen = await next_of(watcher, "comment")
        assert seen["comment"]["id"] == ack["id"] and ack["client_id"] == "c1"
        # The same post sent again (a lost acknowledgement) is the same comment.
        await sender.send_json_to({"type": "post", "body": "Livenä!", "client_id": "c1"})
        assert (await next_of(sender, "posted"))["id"] == ack["id"]
        assert await db(Comment.objects.filter(discussion=discussion).count)() == 1
    finally:
        await sender.disconnect()
        await watcher.disconnect()


async def test_a_reply_over_the_socket_keeps_its_parent(discussion, world):
    parent = await db(comment_in)(discussion, world["author"])
    socket, _ = await join(discussion, world["client"])
    try:
        await socket.send_json_to(
            {"type": "post", "body": "Vastaus", "parent": parent.pk, "client_id": "r"}
        )
        assert (await next_of(socket, "comment"))["comment"]["parent"] == parent.pk
    finally:
        await socket.disconnect()


async def test_catch_up_by_id_sends_what_was_missed(discussion, world):
    first = await db(comment_in)(discussion, world["author"], "ensimmäinen")
    second = await db(comment_in)(discussion, world["author"], "toinen")
    socket, _ = await join(discussion)
    try:
        await socket.send_json_to({"type": "catch_up", "after": first.pk})
        frame = await next_of(socket, "comment")
        assert frame["comment"]["id"] == second.pk
        caught_up = await next_of(socket, "caught_up")
        assert caught_up["last_id"] == second.pk
    finally:
        await socket.disconnect()


@pytest.mark.parametrize(
    "frame, code",
    [
        ({"type": "post", "body": "", "client_id": "x"}, "invalid"),
        ({"type": "post", "body": 5, "client_id": "x"}, "malformed"),
        ({"type": "post", "body": "vastaus", "parent": 999999, "client_id": "x"}, "invalid"),
        ({"type": "catch_up", "after": "many"}, "malformed"),
        ({"type": "shout"}, "unknown_type"),
    ],
)
async def test_a_bad_frame_gets_an_error_frame_and_saves_nothing(discussion, world, frame, code):
    socket, _ = await join(discussion, world["client"])
    try:
        await socket.send_json_to(frame)
        error = await next_of(socket, "error")
        assert error["code"] == code and error["message"]
        assert await db(Comment.objects.count)() == 0
        await socket.send_json_to({"type": "ping"})
        await next_of(socket, "pong")
    finally:
        await socket.disconnect()


async def test_anonymous_watchers_cannot_post(discussion):
    socket, _ = await join(discussion)
    try:
        await socket.send_json_to({"type": "post", "body": "Hei", "client_id": "a"})
        error = await next_of(socket, "error")
        assert error["code"] == "forbidden" and error["client_id"] == "a"
    finally:
        await socket.disconnect()


async def test_no_posting_once_the_comments_close(discussion, region, world):
    await db(sync_page_discussion)(discussion.page, region=region, is_public=True, is_open=False)
    socket, hello = await join(discussion, world["client"])
    try:
        assert hello["can_post"] is False
        await socket.send_json_to({"type": "post", "body": "Myöhässä", "client_id": "late"})
        assert (await next_of(socket, "error"))["code"] == "forbidden"
        assert await db(Comment.objects.count)() == 0
    finally:
        await socket.disconnect()


async def test_posting_is_rate_limited_per_person(discussion, world, settings):
    settings.LIVE_COMMENT_RATE = 2
    settings.LIVE_COMMENT_WINDOW = 60
    socket, _ = await join(discussion, world["client"])
    try:
        for n in range(3):
            await socket.send_json_to({"type": "post", "body": f"viesti {n}", "client_id": str(n)})
        await next_of(socket, "posted")
        await next_of(socket, "posted")
        error = await next_of(socket, "error")
        assert error["code"] == "rate_limited" and error["retry_after"] > 0
        assert await db(Comment.objects.count)() == 2
    finally:
        await socket.disconnect()


async def test_personal_details_are_asked_about_over_the_socket(discussion, world):
    socket, _ = await join(discussion, world["client"])
    body = "Soittakaa numeroon 040 123 4567."
    try:
        await socket.send_json_to({"type": "post", "body": body, "client_id": "p"})
        error = await next_of(socket, "error")
        assert error["code"] == "personal_details" and error["can_confirm"] is True
        await socket.send_json_to(
            {"type": "post", "body": body, "client_id": "p", "confirm_personal": True}
        )
        await next_of(socket, "posted")
        comment = await db(Comment.objects.get)()
        assert comment.shared_despite_warning is True
    finally:
        await socket.disconnect()


async def test_a_discussion_that_is_not_public_refuses_all_but_its_moderators(
    demo_pages, region, world
):
    discussion = await db(page_discussion)(region, public=False)
    for actor in ("anonymous", "client", "other_staff"):
        user = None if actor == "anonymous" else world[actor]
        socket, code = await join(discussion, user)
        assert socket is None and code == 4404, actor
    socket, hello = await join(discussion, world["region_staff"])
    try:
        assert hello["can_post"] is False
    finally:
        await socket.disconnect()


async def closed_for_good(socket):
    """The socket says why, closes with 4403 and sends nothing after that."""
    error = await next_of(socket, "error")
    assert error["code"] == "forbidden" and error["message"]
    while (output := await socket.receive_output(timeout=3))["type"] != "websocket.close":
        assert output["type"] == "websocket.send"
    assert output["code"] == 4403


async def test_watchers_lose_access_when_the_page_stops_being_public(discussion, region, world):
    watchers = {}
    for actor in ("anonymous", "client", "region_staff", "administrator"):
        user = None if actor == "anonymous" else world[actor]
        watchers[actor], _ = await join(discussion, user)
        await next_of(watchers[actor], "presence")  # fully connected
    try:
        await db(sync_page_discussion)(discussion.page, region=region, is_public=False)
        await closed_for_good(watchers["anonymous"])
        await closed_for_good(watchers["client"])
        # Its moderators stay, and go on hearing the thread.
        for actor in ("region_staff", "administrator"):
            await watchers[actor].send_json_to({"type": "catch_up", "after": 0})
            await next_of(watchers[actor], "caught_up")
    finally:
        for socket in watchers.values():
            await socket.disconnect()


async def test_deleting_the_page_closes_its_thread(discussion, world):
    socket, _ = await join(discussion, await db(UserFactory)())
    try:
        await next_of(socket, "presence")
        await db(discussion.page.delete)()
        await closed_for_good(socket)
    finally:
        await socket.disconnect()
