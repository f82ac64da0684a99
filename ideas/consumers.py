"""The live idea thread at /ws/ideas/<idea id>/.

Client -> server frames:
  {"type": "post", "body": str, "parent": id | null, "client_id": str}
  {"type": "catch_up", "after": last comment id seen, "since": last "at" seen | null}
  {"type": "ping"}                                   also keeps the person in the presence list
Server -> client frames:
  {"type": "hello", "idea": id, "user": {...} | null, "can_post": bool}
  {"type": "posted", "client_id": str, "id": id}     the sender's own post was saved
  {"type": "comment" | "comment_changed" | "support", ...}   see ideas.live
  {"type": "caught_up", "last_id": id, "resume_after": id}
                                                     the catch-up frames have all been sent;
                                                     catch up from resume_after next time
  {"type": "presence", "people": [{"display_name", "role", "role_label"}]}
  {"type": "pong"}
  {"type": "error", "code": str, "message": str, ...}

Posting here is the same action as the comment form: the same form validation, the same
service (rules checked, one transaction, broadcast after commit).
"""

import time

import rules
from channels.db import database_sync_to_async
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts.consumers import JsonFrameConsumer

from . import live, services
from .access import get_idea_for
from .forms import CommentForm

# A comment of the longest allowed length, JSON-escaped, fits with room to spare.
MAX_FRAME_BYTES = 16 * 1024
# People who have not been heard of for this long have left (a worker may have died).
PRESENCE_TIMEOUT_SECONDS = 70


def person_data(user):
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "role": user.role,
        "role_label": str(user.get_role_display()),
    }


class IdeaThreadConsumer(JsonFrameConsumer):
    max_frame_bytes = MAX_FRAME_BYTES

    async def connect(self):
        self.user = self.scope["user"]
        self.idea = await database_sync_to_async(self._visible_idea)()
        if self.idea is None:
            # Not found and not allowed look the same, as on the HTML pages.
            await self.close(code=4404)
            return
        self.group = live.thread_group_name(self.idea.pk)
        self.roster = {}  # channel name -> (person, last heard of)
        # Comments this connection has sent: one that arrives both through catch-up and live
        # (saved while the client was catching up) goes out once.
        self.sent_comment_ids = set()
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(
            {
                "type": "hello",
                "idea": self.idea.pk,
                "user": person_data(self.user) if self.user.is_authenticated else None,
                "can_post": await database_sync_to_async(self._can_post)(),
            }
        )
        await self._announce("presence.join")

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self._announce("presence.leave")
            await self.channel_layer.group_discard(self.group, self.channel_name)

    def _visible_idea(self):
        try:
            return get_idea_for(self.user, self.scope["url_route"]["kwargs"]["idea_id"])
        except Http404:
            return None

    def _can_post(self):
        return rules.has_perm("ideas.comment_on_idea", self.user, self.idea)

    # --- Frames from the client ---------------------------------------------------------

    async def frame_ping(self, frame):
        await self.send_json({"type": "pong"})
        await self._announce("presence.here")

    async def frame_catch_up(self, frame):
        after = frame.get("after") or 0
        since = frame.get("since")
        since_time = parse_datetime(since) if isinstance(since, str) else None
        if not isinstance(after, int) or after < 0 or (since is not None and since_time is None):
            return await self.send_error(
                "malformed", '"after" is a comment id and "since" a time from an earlier frame.'
            )
        frames = await database_sync_to_async(live.catch_up)(
            self.idea, after_id=after, since=since_time
        )
        for item in frames:
            if item["type"] == "comment":
                self.sent_comment_ids.add(item["comment"]["id"])
            await self.send_json(item)
        last_id = max([after, *(item["comment"]["id"] for item in frames)])
        resume_after = await database_sync_to_async(live.resume_point)(self.idea, after)
        await self.send_json(
            {"type": "caught_up", "last_id": last_id, "resume_after": resume_after}
        )

    async def frame_post(self, frame):
        client_id = frame.get("client_id")
        if client_id is not None and (
            not isinstance(client_id, str) or not 0 < len(client_id) <= 64
        ):
            return await self.send_error(
                "malformed", '"client_id" is a text of at most 64 characters.'
            )
        if not self.user.is_authenticated:
            return await self.send_error("forbidden", _("Log in to comment."), client_id=client_id)
        body, parent = frame.get("body"), frame.get("parent")
        if not isinstance(body, str) or not (parent is None or isinstance(parent, int)):
            return await self.send_error(
                "malformed",
                '"body" is text and "parent" a comment id or null.',
                client_id=client_id,
            )
        result = await database_sync_to_async(self._post)(body, parent, client_id)
        if isinstance(result, dict):
            return await self.send_json({**result, "client_id": client_id})
        await self.send_json({"type": "posted", "client_id": client_id, "id": result.pk})

    def _post(self, body, parent, client_id):
        """Returns the saved comment, or an error frame."""
        self.idea.refresh_from_db()
        form = CommentForm({"body": body, "parent": parent}, idea=self.idea)
        if not form.is_valid():
            return {
                "type": "error",
                "code": "invalid",
                "message": " ".join(str(e) for errors in form.errors.values() for e in errors),
                "errors": {
                    field: [str(e) for e in errors] for field, errors in form.errors.items()
                },
            }
        try:
            return services.post_comment(
                self.user,
                self.idea,
                body=form.cleaned_data["body"],
                parent=form.cleaned_data["parent"],
                token=client_id,
            )
        except services.RateLimited as limited:
            return {
                "type": "error",
                "code": "rate_limited",
                "message": _("You are commenting very fast. Try again in %(seconds)s seconds.")
                % {"seconds": limited.retry_after},
                "retry_after": limited.retry_after,
            }
        except services.NotAllowed:
            return {
                "type": "error",
                "code": "forbidden",
                "message": _("Comments cannot be posted on this idea now."),
            }

    # --- Events from the group ----------------------------------------------------------

    async def thread_frame(self, event):
        frame = event["frame"]
        if frame["type"] == "comment":
            if frame["comment"]["id"] in self.sent_comment_ids:
                return
            self.sent_comment_ids.add(frame["comment"]["id"])
        await self.send_json(frame)

    async def _announce(self, kind):
        person = person_data(self.user) if self.user.is_authenticated else None
        await self.channel_layer.group_send(
            self.group, {"type": kind, "channel": self.channel_name, "person": person}
        )

    async def presence_join(self, event):
        if event["channel"] != self.channel_name and self.user.is_authenticated:
            # Tell the newcomer that we are here too.
            await self.channel_layer.send(
                event["channel"],
                {
                    "type": "presence.here",
                    "channel": self.channel_name,
                    "person": person_data(self.user),
                },
            )
        await self.presence_here(event)

    async def presence_here(self, event):
        if event["person"] is not None:
            self.roster[event["channel"]] = (event["person"], time.monotonic())
        await self._send_presence()

    async def presence_leave(self, event):
        self.roster.pop(event["channel"], None)
        await self._send_presence()

    async def _send_presence(self):
        cutoff = time.monotonic() - PRESENCE_TIMEOUT_SECONDS
        self.roster = {ch: entry for ch, entry in self.roster.items() if entry[1] >= cutoff}
        people = {}
        for person, _heard in self.roster.values():  # one entry per person, however many tabs
            people[person["id"]] = person
        ordered = sorted(people.values(), key=lambda p: p["display_name"].lower())
        await self.send_json({"type": "presence", "people": ordered})
