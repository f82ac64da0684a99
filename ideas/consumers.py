"""Live discussions over websockets: an idea's thread at /ws/ideas/<idea id>/ and a panel
meeting's live room at /ws/meetings/<meeting id>/room/. Both speak one protocol, implemented
once in ``LiveDiscussionConsumer``; a subclass says what the discussion is, who may see it and
how a post is saved.

Client -> server frames:
  {"type": "post", "body": str, "parent": id | null, "client_id": str}   (no parent in a room)
  {"type": "catch_up", "after": last comment id seen, "since": last "at" seen | null}
  {"type": "ping"}                                   also keeps the person in the presence list
Server -> client frames:
  {"type": "hello", "idea": id | "meeting": id, "user": {...} | null, "can_post": bool}
                                                     a room's hello also has "room_state"
  {"type": "posted", "client_id": str, "id": id}     the sender's own post was saved
  {"type": "comment" | "comment_changed" | "support" | "room", ...}   see ideas.live
  {"type": "caught_up", "last_id": id, "resume_after": id}
                                                     the catch-up frames have all been sent;
                                                     catch up from resume_after next time
  {"type": "presence", "people": [{"display_name", "role", "role_label"}]}
  {"type": "pong"}
  {"type": "error", "code": str, "message": str, ...}
A room's socket is closed with code 4403, after an error frame "forbidden", when the person
may no longer see the room (removed from the panel mid-session: ideas.room_access).

Posting here is the same action as the page's form: the same form validation, the same
service (rules checked, one transaction, broadcast after commit).
"""

import time

import rules
from channels.db import database_sync_to_async
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts.consumers import JsonFrameConsumer

from . import live, meeting_room, room_access, services
from .access import get_idea_for
from .forms import CommentForm
from .models import MeetingRoom
from .room_forms import RoomMessageForm

# A comment of the longest allowed length, JSON-escaped, fits with room to spare.
MAX_FRAME_BYTES = 16 * 1024
# People who have not been heard of for this long have left (a worker may have died).
PRESENCE_TIMEOUT_SECONDS = 70

person_data = live.person_data


def invalid_frame(form):
    return {
        "type": "error",
        "code": "invalid",
        "message": " ".join(str(e) for errors in form.errors.values() for e in errors),
        "errors": {field: [str(e) for e in errors] for field, errors in form.errors.items()},
    }


def rate_limited_frame(limited):
    return {
        "type": "error",
        "code": "rate_limited",
        "message": _("You are commenting very fast. Try again in %(seconds)s seconds.")
        % {"seconds": limited.retry_after},
        "retry_after": limited.retry_after,
    }


class LiveDiscussionConsumer(JsonFrameConsumer):
    """One live discussion: joining its group, catch-up, posting, presence, never a comment
    twice on one connection. Subclasses fill in the methods under "The discussion"; those
    marked sync run in a thread (database_sync_to_async), the only place the ORM is used."""

    max_frame_bytes = MAX_FRAME_BYTES
    # Frames may name a parent comment (idea threads); rooms are flat.
    has_replies = True

    # --- The discussion (for subclasses) ------------------------------------------------

    def load_discussion(self):
        """Sync. The discussion, if the person may see it; None otherwise."""
        raise NotImplementedError

    def group_name(self):
        raise NotImplementedError

    def hello_fields(self):
        """Sync. What the hello frame says about the discussion, besides the person."""
        raise NotImplementedError

    def can_post(self):
        """Sync."""
        raise NotImplementedError

    def catch_up(self, after_id, since):
        """Sync. Frames for what the client has not seen (ideas.live)."""
        raise NotImplementedError

    def resume_point(self, after_id):
        """Sync."""
        raise NotImplementedError

    def save_post(self, body, parent, client_id):
        """Sync. The saved comment or message, or an error frame (a dict)."""
        raise NotImplementedError

    login_to_post = ""  # the error message for anonymous posters

    # --- Connection ---------------------------------------------------------------------

    async def connect(self):
        self.user = self.scope["user"]
        self.discussion = await database_sync_to_async(self.load_discussion)()
        if self.discussion is None:
            # Not found and not allowed look the same, as on the HTML pages.
            await self.close(code=4404)
            return
        self.group = self.group_name()
        self.roster = {}  # channel name -> (person, last heard of)
        # Comments this connection has sent: one that arrives both through catch-up and live
        # (saved while the client was catching up) goes out once.
        self.sent_comment_ids = set()
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(
            {
                "type": "hello",
                **await database_sync_to_async(self.hello_fields)(),
                "user": person_data(self.user) if self.user.is_authenticated else None,
                "can_post": await database_sync_to_async(self.can_post)(),
            }
        )
        await self._announce("presence.join")

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self._announce("presence.leave")
            await self.channel_layer.group_discard(self.group, self.channel_name)

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
        frames = await database_sync_to_async(self.catch_up)(after, since_time)
        for item in frames:
            if item["type"] == "comment":
                self.sent_comment_ids.add(item["comment"]["id"])
            await self.send_json(item)
        last_id = max([after, *(item["comment"]["id"] for item in frames)])
        resume_after = await database_sync_to_async(self.resume_point)(after)
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
            return await self.send_error("forbidden", str(self.login_to_post), client_id=client_id)
        body, parent = frame.get("body"), frame.get("parent")
        parent_ok = parent is None or (self.has_replies and isinstance(parent, int))
        if not isinstance(body, str) or not parent_ok:
            return await self.send_error(
                "malformed",
                '"body" is text and "parent" a comment id or null.'
                if self.has_replies
                else '"body" is text; messages here have no parent.',
                client_id=client_id,
            )
        result = await database_sync_to_async(self.save_post)(body, parent, client_id)
        if isinstance(result, dict):
            return await self.send_json({**result, "client_id": client_id})
        await self.send_json({"type": "posted", "client_id": client_id, "id": result.pk})

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


class IdeaThreadConsumer(LiveDiscussionConsumer):
    """/ws/ideas/<idea id>/: anyone who may see the idea watches; those who may comment post."""

    login_to_post = _("Log in to comment.")

    @property
    def idea(self):
        return self.discussion

    def load_discussion(self):
        try:
            return get_idea_for(self.user, self.scope["url_route"]["kwargs"]["idea_id"])
        except Http404:
            return None

    def group_name(self):
        return live.thread_group_name(self.idea.pk)

    def hello_fields(self):
        return {"idea": self.idea.pk}

    def can_post(self):
        return rules.has_perm("ideas.comment_on_idea", self.user, self.idea)

    def catch_up(self, after_id, since):
        return live.catch_up(self.idea, after_id=after_id, since=since)

    def resume_point(self, after_id):
        return live.resume_point(self.idea, after_id)

    def save_post(self, body, parent, client_id):
        self.idea.refresh_from_db()
        form = CommentForm({"body": body, "parent": parent}, idea=self.idea)
        if not form.is_valid():
            return invalid_frame(form)
        try:
            return services.post_comment(
                self.user,
                self.idea,
                body=form.cleaned_data["body"],
                parent=form.cleaned_data["parent"],
                token=client_id,
            )
        except services.RateLimited as limited:
            return rate_limited_frame(limited)
        except services.NotAllowed:
            return {
                "type": "error",
                "code": "forbidden",
                "message": _("Comments cannot be posted on this idea now."),
            }


class MeetingRoomConsumer(LiveDiscussionConsumer):
    """/ws/meetings/<meeting id>/room/: the panel's inner circle watches (ideas.room_rules);
    members and those who run the room post while it is open. Whether the person may still
    post is asked again, from fresh rows, for every post: someone removed from the panel
    mid-session is refused (``forbidden``), and a closed room refuses everyone (``closed``).

    Whether they may still watch is asked again when ideas.room_access says their place in
    the panel changed: if no more, the socket says so and closes (4403), and nothing more is
    sent on it."""

    has_replies = False
    login_to_post = _("Log in to take part.")
    access_group = None
    access_ended = False

    async def connect(self):
        await super().connect()
        if self.discussion is None or not self.user.is_authenticated:
            return
        self.access_group = room_access.person_group_name(self.panel_id, self.user.pk)
        await self.channel_layer.group_add(self.access_group, self.channel_name)
        # The person may have been removed between the check on connecting and joining.
        await self.room_recheck({})

    async def disconnect(self, code):
        await super().disconnect(code)
        if self.access_group:
            await self.channel_layer.group_discard(self.access_group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        if not self.access_ended:
            await super().receive(text_data=text_data, bytes_data=bytes_data)

    async def send_json(self, payload):
        # Frames already on their way to this connection when access ended are dropped.
        if not self.access_ended:
            await super().send_json(payload)

    async def room_recheck(self, event):
        """From ideas.room_access: may this person still see the room?"""
        if self.access_ended or await database_sync_to_async(self.still_sees_room)():
            return
        await self.send_error("forbidden", _("You no longer have access to this live room."))
        self.access_ended = True
        await self._announce("presence.leave")
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await self.channel_layer.group_discard(self.access_group, self.channel_name)
        self.group = self.access_group = None
        await self.close(code=4403)

    def _meeting_id(self):
        return self.scope["url_route"]["kwargs"]["meeting_id"]

    def _fresh_room(self):
        """The room as it is now. The rules remember their answers on the panel instance, so a
        re-check needs a newly loaded one."""
        return meeting_room.get_room_for(self.user, self._meeting_id())

    def load_discussion(self):
        try:
            room = self._fresh_room()
        except Http404:
            return None
        self.panel_id = room.meeting.panel_id
        return room

    def still_sees_room(self):
        try:
            self._fresh_room()
        except Http404:
            return False
        return True

    def group_name(self):
        return live.room_group_name(self._meeting_id())

    def hello_fields(self):
        return {"meeting": self.discussion.meeting_id, "room_state": self.discussion.state}

    def can_post(self):
        return rules.has_perm("ideas.post_in_meeting_room", self.user, self.discussion)

    def catch_up(self, after_id, since):
        return live.room_catch_up(self._saved_room(), after_id=after_id, since=since)

    def resume_point(self, after_id):
        return live.room_resume_point(self._saved_room(), after_id)

    def _saved_room(self):
        """The room may have been opened since this connection began."""
        if self.discussion.pk is None:
            self.discussion = (
                MeetingRoom.objects.filter(meeting_id=self._meeting_id()).first() or self.discussion
            )
        return self.discussion

    def save_post(self, body, parent, client_id):
        form = RoomMessageForm({"body": body})
        if not form.is_valid():
            return invalid_frame(form)
        try:
            room = self._fresh_room()
        except Http404:
            room = None
        try:
            if room is None:
                raise meeting_room.NotAllowed("ideas.see_meeting_room")
            return meeting_room.post_message(
                self.user, room, body=form.cleaned_data["body"], token=client_id
            )
        except meeting_room.RateLimited as limited:
            return rate_limited_frame(limited)
        except meeting_room.RoomClosed:
            return {
                "type": "error",
                "code": "closed",
                "message": _("The live room is not open: messages cannot be posted now."),
            }
        except meeting_room.NotAllowed:
            return {
                "type": "error",
                "code": "forbidden",
                "message": _("You cannot post in this live room."),
            }
