"""The live idea thread through the real ASGI application (origin check, session auth)."""

import json

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from accounts.roles import INNOAGENT_BADGES, InnoagentLevel, Role
from ideas import services
from ideas.models import COMMENT_MAX_LENGTH, Comment, Phase
from live.discussion import MAX_FRAME_BYTES
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory
from tests.sockets import join as join_path
from tests.sockets import next_of, presence_until

pytestmark = pytest.mark.django_db(transaction=True)

db = sync_to_async


async def join(idea, user=None):
    return await join_path(f"/ws/ideas/{idea.pk}/", user)


async def test_anyone_may_watch_a_public_thread_and_sees_new_comments():
    idea = await db(IdeaFactory)()
    watcher, hello = await join(idea)
    try:
        assert hello["can_post"] is False and hello["user"] is None
        author = await db(UserFactory)(display_name="Kirjoittaja")
        await db(services.post_comment)(
            author, idea, body="Hyvä idea! https://example.org\n<b>rohkea</b>"
        )
        frame = await next_of(watcher, "comment")
        comment = frame["comment"]
        assert comment["author"]["display_name"] == "Kirjoittaja"
        assert comment["state"] == "public"
        assert '<a href="https://example.org"' in comment["body_html"]
        assert (
            "<b>" not in comment["body_html"]
            and "&lt;b&gt;rohkea&lt;/b&gt;" in comment["body_html"]
        )
        assert frame["at"]
    finally:
        await watcher.disconnect()


async def test_a_live_comment_carries_its_authors_innoagent_badge():
    idea = await db(IdeaFactory)()
    watcher, _hello = await join(idea)
    try:
        trained = await db(UserFactory)(role=Role.EXPERT_BY_EXPERIENCE, innoagent_level=2)
        untrained = await db(UserFactory)()
        await db(services.post_comment)(trained, idea, body="Koulutettuna sanon")
        await db(services.post_comment)(untrained, idea, body="Minä myös")
        first = (await next_of(watcher, "comment"))["comment"]["author"]
        second = (await next_of(watcher, "comment"))["comment"]["author"]
        assert first["innoagent"] == str(INNOAGENT_BADGES[InnoagentLevel.LEVEL_II])
        assert first["innoagent_title"] == str(InnoagentLevel.LEVEL_II.label)
        assert second["innoagent"] == "" and second["innoagent_title"] == ""
    finally:
        await watcher.disconnect()


@pytest.mark.parametrize("who", ["anonymous", "non-member"])
async def test_a_panel_only_thread_refuses_outsiders(who):
    panel = await db(PanelFactory)()
    idea = await db(IdeaFactory)(round=await db(IdeaRoundFactory)(panel=panel, region=panel.region))
    user = None if who == "anonymous" else await db(UserFactory)()
    socket, code = await join(idea, user)
    assert socket is None and code == 4404


async def test_a_member_of_the_panel_may_join_its_thread():
    panel = await db(PanelFactory)()
    idea = await db(IdeaFactory)(round=await db(IdeaRoundFactory)(panel=panel, region=panel.region))
    member = (await db(MembershipFactory)(panel=panel)).person
    socket, hello = await join(idea, member)
    try:
        assert hello["can_post"] is True
    finally:
        await socket.disconnect()


async def test_posting_over_the_socket_saves_once_and_reaches_everyone():
    idea = await db(IdeaFactory)(round=await db(IdeaRoundFactory)(phase=Phase.DEVELOPMENT))
    poster = await db(UserFactory)(display_name="Lähettäjä")
    sender, hello = await join(idea, poster)
    watcher, _ = await join(idea)
    try:
        assert hello["can_post"] is True
        await sender.send_json_to({"type": "post", "body": "Livenä!", "client_id": "c1"})
        ack = await next_of(sender, "posted")
        assert ack["client_id"] == "c1"
        seen_by_sender = await next_of(sender, "comment")
        seen_by_watcher = await next_of(watcher, "comment")
        assert seen_by_sender["comment"]["id"] == seen_by_watcher["comment"]["id"] == ack["id"]
        assert await db(Comment.objects.filter(idea=idea, body="Livenä!").count)() == 1
    finally:
        await sender.disconnect()
        await watcher.disconnect()


async def test_a_reply_over_the_socket_keeps_its_parent():
    idea = await db(IdeaFactory)()
    parent = await db(CommentFactory)(idea=idea)
    socket, _ = await join(idea, await db(UserFactory)())
    try:
        await socket.send_json_to(
            {"type": "post", "body": "Vastaus", "parent": parent.pk, "client_id": "r"}
        )
        frame = await next_of(socket, "comment")
        assert frame["comment"]["parent"] == parent.pk
    finally:
        await socket.disconnect()


@pytest.mark.parametrize(
    "frame, code",
    [
        ({"type": "post", "body": "", "client_id": "x"}, "invalid"),
        ({"type": "post", "body": "x" * (COMMENT_MAX_LENGTH + 1), "client_id": "x"}, "invalid"),
        ({"type": "post", "body": "vastaus", "parent": 999999, "client_id": "x"}, "invalid"),
        ({"type": "post", "body": 5, "client_id": "x"}, "malformed"),
        ({"type": "post", "body": "x", "parent": "1", "client_id": "x"}, "malformed"),
        ({"type": "catch_up", "after": "many"}, "malformed"),
        ({"type": "catch_up", "after": 0, "since": "yesterday"}, "malformed"),
        ({"type": "shout"}, "unknown_type"),
    ],
)
async def test_bad_frames_get_an_error_and_save_nothing(frame, code):
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea, await db(UserFactory)())
    try:
        await socket.send_json_to(frame)
        error = await next_of(socket, "error")
        assert error["code"] == code and error["message"]
        assert await db(Comment.objects.count)() == 0
        await socket.send_json_to({"type": "ping"})
        await next_of(socket, "pong")
    finally:
        await socket.disconnect()


@pytest.mark.parametrize(
    "raw", ["{not json", json.dumps({"type": "post", "body": "x" * MAX_FRAME_BYTES})]
)
async def test_malformed_and_oversized_frames_get_an_error(raw):
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea, await db(UserFactory)())
    try:
        await socket.send_to(text_data=raw)
        assert (await next_of(socket, "error"))["code"] in ("malformed", "too_large")
    finally:
        await socket.disconnect()


async def test_anonymous_watchers_cannot_post():
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea)
    try:
        await socket.send_json_to({"type": "post", "body": "Hei", "client_id": "a"})
        error = await next_of(socket, "error")
        assert error["code"] == "forbidden" and error["client_id"] == "a"
    finally:
        await socket.disconnect()


async def test_no_posting_once_the_round_is_closed():
    idea = await db(IdeaFactory)(round=await db(IdeaRoundFactory)(phase=Phase.CLOSED))
    socket, hello = await join(idea, await db(UserFactory)())
    try:
        assert hello["can_post"] is False
        await socket.send_json_to({"type": "post", "body": "Myöhässä", "client_id": "late"})
        assert (await next_of(socket, "error"))["code"] == "forbidden"
        assert await db(Comment.objects.count)() == 0
    finally:
        await socket.disconnect()


async def test_posting_is_rate_limited_per_person(settings):
    settings.LIVE_COMMENT_RATE = 2
    settings.LIVE_COMMENT_WINDOW = 60
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea, await db(UserFactory)())
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


async def test_catch_up_sends_what_was_missed_in_order_then_says_so():
    idea = await db(IdeaFactory)(round=await db(IdeaRoundFactory)(phase=Phase.DEVELOPMENT))
    first = await db(CommentFactory)(idea=idea, body="ensimmäinen")
    socket, _ = await join(idea)
    try:
        await socket.send_json_to({"type": "catch_up", "after": 0})
        frame = await next_of(socket, "comment")
        since = frame["at"]
        await next_of(socket, "caught_up")
        await socket.disconnect()

        # While away: two new comments, one edit, one hiding.
        author = await db(UserFactory)()
        second = await db(services.post_comment)(author, idea, body="toinen")
        third = await db(services.post_comment)(author, idea, body="kolmas")
        moderator = await db(UserFactory)(administrator=True)
        await db(services.hide)(moderator, first, reason="Loukkaava")

        socket, _ = await join(idea)
        await socket.send_json_to({"type": "catch_up", "after": first.pk, "since": since})
        frames = []
        while (frame := await socket.receive_json_from())["type"] != "caught_up":
            if frame["type"] in ("comment", "comment_changed"):
                frames.append((frame["type"], frame["comment"]["id"]))
        assert frames == [
            ("comment", second.pk),
            ("comment", third.pk),
            ("comment_changed", first.pk),
        ]
        assert frame["last_id"] == third.pk
    finally:
        await socket.disconnect()


async def test_hiding_broadcasts_the_change_without_the_text():
    idea = await db(IdeaFactory)()
    comment = await db(CommentFactory)(idea=idea, body="Loukkaava teksti")
    socket, _ = await join(idea)
    try:
        moderator = await db(UserFactory)(administrator=True)
        await db(services.hide)(moderator, comment, reason="Asiaton")
        frame = await next_of(socket, "comment_changed")
        assert frame["comment"]["state"] == "hidden"
        assert frame["comment"]["body_html"] == "" and frame["comment"]["author"] is None
        assert "Loukkaava" not in json.dumps(frame)
    finally:
        await socket.disconnect()


async def test_a_rolled_back_comment_is_never_broadcast():
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea)
    author = await db(UserFactory)()

    def post_then_fail():
        with transaction.atomic():
            services.post_comment(author, idea, body="ei koskaan")
            raise RuntimeError("the request failed after saving")

    try:
        await next_of(socket, "presence")  # the socket's own arrival
        with pytest.raises(RuntimeError):
            await db(post_then_fail)()
        assert await socket.receive_nothing(timeout=0.5)
        assert await db(Comment.objects.count)() == 0
    finally:
        await socket.disconnect()


async def test_presence_lists_who_is_here_and_drops_who_leaves():
    idea = await db(IdeaFactory)()
    anna = await db(UserFactory)(display_name="Anna", expert=True)
    ville = await db(UserFactory)(display_name="Ville")
    first, _ = await join(idea, anna)
    second, _ = await join(idea, ville)
    watcher, _ = await join(idea)
    try:
        people = await presence_until(first, ["Anna", "Ville"])
        assert people[0]["role"] == "expert_by_experience"
        # Anonymous watchers see, and are not listed.
        await presence_until(watcher, ["Anna", "Ville"])
        await second.disconnect()
        await presence_until(first, ["Anna"])
    finally:
        await first.disconnect()
        await watcher.disconnect()


async def test_support_counts_are_broadcast_once_per_change():
    idea = await db(IdeaFactory)()
    socket, _ = await join(idea)
    supporter = await db(UserFactory)()
    try:
        await db(services.toggle_support)(supporter, idea, supported=True)
        assert (await next_of(socket, "support"))["supporters"] == 1
        await db(services.toggle_support)(supporter, idea, supported=True)  # a double click
        await db(services.toggle_support)(supporter, idea, supported=False)
        assert (await next_of(socket, "support"))["supporters"] == 0
    finally:
        await socket.disconnect()


async def test_sending_the_same_post_again_saves_it_once():
    """A client that lost its connection before the ack sends the post again, same client_id."""
    idea = await db(IdeaFactory)()
    poster = await db(UserFactory)()
    first, _ = await join(idea, poster)
    try:
        await first.send_json_to({"type": "post", "body": "Kerran vain", "client_id": "k-1"})
        saved = (await next_of(first, "posted"))["id"]
    finally:
        await first.disconnect()
    again, _ = await join(idea, poster)
    try:
        await again.send_json_to({"type": "post", "body": "Kerran vain", "client_id": "k-1"})
        assert (await next_of(again, "posted"))["id"] == saved
        assert await db(Comment.objects.filter(body="Kerran vain").count)() == 1
        await again.send_json_to({"type": "post", "body": "x", "client_id": "x" * 65})
        assert (await next_of(again, "error"))["code"] == "malformed"
    finally:
        await again.disconnect()
