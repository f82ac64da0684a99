"""The base of every live discussion over websockets, and its frame protocol.

An app plugs a discussion in by subclassing ``LiveDiscussionConsumer`` and saying what the
discussion is, who may see it and how a post is saved (ideas' threads at /ws/ideas/<id>/,
panel meetings' rooms at /ws/meetings/<id>/room/).

Client -> server frames:
  {"type": "post", "body": str, "parent": id | null, "client_id": str,
   "confirm_personal": bool}                         (no parent where the discussion is flat;
                                                     confirm_personal after a personal_details
                                                     error: post it as it is)
  {"type": "catch_up", "after": last comment id seen, "since": last "at" seen | null}
                                                     (a discussion whose frames carry another
                                                     id says which: frame_id)
  {"type": "ping"}                                   also keeps the person in the presence list
Server -> client frames:
  {"type": "hello", "user": {...} | null, "can_post": bool, ...}   and what the discussion adds
  {"type": "posted", "client_id": str, "id": id}     the sender's own post was saved
  {"type": "comment" | "comment_changed", ...}       see live.catch_up; discussions add more
  {"type": "caught_up", "last_id": id, "resume_after": id}
                                                     the catch-up frames have all been sent;
                                                     catch up from resume_after next time
  {"type": "presence", "people": [person] | null, "count": n}
  {"type": "presence_changed", "joined": [person], "left": [id], "count": n}
                                                     who is here: the list once on joining,
                                                     then what changed, at most one frame a
                                                     second (live.hub)
  {"type": "pong"}
  {"type": "error", "code": str, "message": str, ...}
  {"type": "error", "code": "personal_details", "message": str, "can_confirm": bool,
   "matches": [{"start", "end", "kind", "label"}]}  the body looks like personal details
                                                     (accounts.oversharing); start and end
                                                     count characters (code points) of the
                                                     body as sent. Send it again with
                                                     "confirm_personal": true to post it,
                                                     unless can_confirm is false (a valid
                                                     personal identity code)
A socket is closed with code 4404 when the person may not see the discussion, and with 4403,
after an error frame "forbidden", when access ends while it is open (live.access): asked
again on every catch-up and post, and whenever the app or the person's session says it may
have ended (a logout, a new password, a deactivation, a new role). It is closed with 1013
(try again later) when its worker loses the channel layer (Redis away): the page reconnects
and catches up.
"""

from channels.db import database_sync_to_async

from . import hub
from .access import person_access_group, signed_in_person
from .catch_up import parse_since, person_data
from .frames import JsonFrameConsumer
from .ratelimit import refusal_message

# A message of the longest allowed length, JSON-escaped, fits with room to spare.
MAX_FRAME_BYTES = 16 * 1024
# "Try again later": the worker lost the channel layer (live.hub); the page reconnects.
ROOM_LOST_CLOSE_CODE = 1013


def invalid_frame(form):
    return {
        "type": "error",
        "code": "invalid",
        "message": " ".join(str(e) for errors in form.errors.values() for e in errors),
        "errors": {field: [str(e) for e in errors] for field, errors in form.errors.items()},
    }


def personal_details_frame(error, sent_body):
    """The answer to a post whose text looks like personal details (accounts.oversharing),
    with where they are in ``sent_body``: the service saw it with the surrounding whitespace
    stripped (the form's CharField), the client highlights them in what it sent."""
    offset = len(sent_body) - len(sent_body.lstrip())
    return {
        "type": "error",
        "code": "personal_details",
        "message": error.message,
        "can_confirm": not error.refused,
        "matches": [match.as_frame(offset) for match in error.matches("body")],
    }


def rate_limited_frame(limited):
    return {
        "type": "error",
        "code": "rate_limited",
        "message": refusal_message(limited),
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
        """Sync. Frames for what the client has not seen (live.catch_up.catch_up_frames)."""
        raise NotImplementedError

    def resume_point(self, after_id):
        """Sync."""
        raise NotImplementedError

    def frame_id(self, frame):
        """The id a catch-up frame counts towards "last_id" (what the client has seen): a
        comment's id here. A discussion whose frames are numbered otherwise (a workshop
        board's change log) says where its frames carry the id."""
        return frame["comment"]["id"]

    def save_post(self, body, parent, client_id, confirm_personal):
        """Sync. The saved comment or message, or an error frame (a dict).
        ``confirm_personal``: post it even if it looks like personal details (the person was
        warned with personal_details_frame)."""
        raise NotImplementedError

    login_to_post = ""  # the error message for anonymous posters

    def access_group_names(self):
        """Sync. The live.access groups this socket listens to for rechecks, once connected,
        besides the discussion's own group and the person's (live.access.person_access_group):
        those where the app announces that access may have ended for many at once."""
        return []

    def still_allowed(self):
        """Sync. Asked on a recheck: may the person still watch? From fresh rows."""
        return True

    access_ended_message = ""  # the error message when access ends mid-session

    # --- Connection ---------------------------------------------------------------------

    async def connect(self):
        self.user = self.scope["user"]
        opening = await database_sync_to_async(self._open)()
        if opening is None:
            # Not found and not allowed look the same, as on the HTML pages.
            await self.close(code=4404)
            return
        hello, self.access_groups = opening
        self.group = self.group_name()
        # Comments this connection has sent: one that arrives both through catch-up and live
        # (saved while the client was catching up) goes out once.
        self.sent_comment_ids = set()
        # Frames from the room wait here until the hello has gone out (and, later, while a
        # frame from the client is being answered: the answer comes first).
        self.held_frames = []
        # In this worker's room for the discussion (live.hub) before the socket is accepted,
        # as a channel-layer group would be: nothing said from here on is missed.
        self.room = await hub.join(
            self.channel_layer,
            self.group,
            self,
            person_data(self.user) if self.user.is_authenticated else None,
        )
        await self.accept()
        await self.send_json(hello)
        await self._send_held()
        for name in self.access_groups:
            await self.channel_layer.group_add(name, self.channel_name)
        if self.access_groups:
            # Access may have ended between the check on connecting and joining the groups.
            await self.live_recheck({})

    def _open(self):
        """Sync, in one trip to the database thread: the discussion if the person may see
        it, the hello frame and the access groups to listen to; None if they may not."""
        self.discussion = self.load_discussion()
        if self.discussion is None:
            return None
        hello = {
            "type": "hello",
            **self.hello_fields(),
            "user": person_data(self.user) if self.user.is_authenticated else None,
            "can_post": self.can_post(),
        }
        access_groups = self.access_group_names()
        if self.user.is_authenticated:
            access_groups.append(person_access_group(self.user.pk))
        return hello, access_groups

    async def disconnect(self, code):
        if getattr(self, "room", None) is not None:
            await hub.leave(self.room, self)
            self.room = None
        for name in getattr(self, "access_groups", ()):
            await self.channel_layer.group_discard(name, self.channel_name)

    # --- Access ending while the socket is open -------------------------------------------

    access_ended = False

    async def receive(self, text_data=None, bytes_data=None):
        if self.access_ended:
            return
        self.held_frames = []
        try:
            await super().receive(text_data=text_data, bytes_data=bytes_data)
        finally:
            await self._send_held()

    async def send_json(self, payload):
        # Frames already on their way to this connection when access ended are dropped.
        if not self.access_ended:
            await super().send_json(payload)

    def _may_stay(self):
        """Sync. Still signed in as the same active person, and still allowed to watch as the
        person is now (their role, say, read afresh rather than as it was on connecting)."""
        person = signed_in_person(self.scope)
        if person is None:
            return False
        self.user = person
        return self.still_allowed()

    async def live_recheck(self, event):
        """From live.access: may this person still watch? If not, say so and close."""
        await self.confirm_access()

    async def confirm_access(self):
        """Ask the rules again, from fresh rows; end the session here if the answer is no.
        True when the person may go on."""
        if self.access_ended:
            return False
        if await database_sync_to_async(self._may_stay)():
            return True
        await self.send_error("forbidden", str(self.access_ended_message))
        self.access_ended = True
        if self.room is not None:
            await hub.leave(self.room, self)
            self.room = None
        for name in self.access_groups:
            await self.channel_layer.group_discard(name, self.channel_name)
        self.access_groups = []
        await self.close(code=4403)
        return False

    # --- Frames from the client ---------------------------------------------------------

    async def frame_ping(self, frame):
        # Presence follows the socket itself (live.hub): a ping only keeps the line open.
        await self.send_json({"type": "pong"})

    async def frame_catch_up(self, frame):
        after = frame.get("after") or 0
        since = frame.get("since")
        since_time = parse_since(since) if isinstance(since, str) else None
        if (
            not isinstance(after, int)
            or isinstance(after, bool)
            or after < 0
            or (since is not None and since_time is None)
        ):
            return await self.send_error(
                "malformed", '"after" is a comment id and "since" a time from an earlier frame.'
            )
        if not await self.confirm_access():
            return
        frames = await database_sync_to_async(self.catch_up)(after, since_time)
        for item in frames:
            if item["type"] == "comment":
                if item["comment"]["id"] in self.sent_comment_ids:
                    continue  # came live while the catch-up was read
                self.sent_comment_ids.add(item["comment"]["id"])
            await self.send_json(item)
        last_id = max([after, *(self.frame_id(item) for item in frames)])
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
        confirm_personal = frame.get("confirm_personal", False)
        parent_ok = parent is None or (
            self.has_replies and isinstance(parent, int) and not isinstance(parent, bool)
        )
        if not isinstance(confirm_personal, bool):
            return await self.send_error(
                "malformed", '"confirm_personal" is true or false.', client_id=client_id
            )
        if not isinstance(body, str) or not parent_ok:
            return await self.send_error(
                "malformed",
                '"body" is text and "parent" a comment id or null.'
                if self.has_replies
                else '"body" is text; messages here have no parent.',
                client_id=client_id,
            )
        if not await self.confirm_access():
            return
        result = await database_sync_to_async(self.save_post)(
            body, parent, client_id, confirm_personal
        )
        if isinstance(result, dict):
            return await self.send_json({**result, "client_id": client_id})
        await self.send_json({"type": "posted", "client_id": client_id, "id": result.pk})

    # --- Frames from this worker's room (live.hub) ------------------------------------------

    async def deliver(self, text, comment_id=None):
        """Send a frame the room encoded once for all its sockets; a comment goes out once."""
        if self.access_ended:
            return
        if comment_id is not None:
            if comment_id in self.sent_comment_ids:
                return
            self.sent_comment_ids.add(comment_id)
        if self.held_frames is not None:
            self.held_frames.append(text)
            return
        await self.send(text_data=text)

    async def room_lost(self):
        """The room can no longer hear the discussion (live.hub): close, so that the page
        reconnects and catches up rather than wait for comments that would never come."""
        self.room = None
        await self.close(code=ROOM_LOST_CLOSE_CODE)

    async def _send_held(self):
        held, self.held_frames = self.held_frames, None
        for text in held or ():
            if not self.access_ended:
                await self.send(text_data=text)
