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
  {"type": "ping"}                                   also keeps the person in the presence list
Server -> client frames:
  {"type": "hello", "user": {...} | null, "can_post": bool, ...}   and what the discussion adds
  {"type": "posted", "client_id": str, "id": id}     the sender's own post was saved
  {"type": "comment" | "comment_changed", ...}       see live.catch_up; discussions add more
  {"type": "caught_up", "last_id": id, "resume_after": id}
                                                     the catch-up frames have all been sent;
                                                     catch up from resume_after next time
  {"type": "presence", "people": [{"display_name", "role", "role_label"}]}
                                                     only when the list changed, at most one
                                                     a second (PRESENCE_MIN_INTERVAL_SECONDS)
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
have ended (a logout, a new password, a deactivation, a new role).
"""

import asyncio
import time

from channels.db import database_sync_to_async

from .access import person_access_group, signed_in_person
from .catch_up import parse_since, person_data
from .frames import JsonFrameConsumer
from .ratelimit import refusal_message

# A message of the longest allowed length, JSON-escaped, fits with room to spare.
MAX_FRAME_BYTES = 16 * 1024
# People who have not been heard of for this long have left (a worker may have died).
PRESENCE_TIMEOUT_SECONDS = 70
# A ping says "still here" to the others at most this often; well inside the timeout.
PRESENCE_REFRESH_SECONDS = 30
# However busy the room, a watcher gets at most one presence frame per this many seconds.
PRESENCE_MIN_INTERVAL_SECONDS = 1.0


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
        self.discussion = await database_sync_to_async(self.load_discussion)()
        if self.discussion is None:
            # Not found and not allowed look the same, as on the HTML pages.
            await self.close(code=4404)
            return
        self.group = self.group_name()
        self.roster = {}  # channel name -> (person, last heard of)
        self.presence_sent = None  # the people in the last presence frame
        self.presence_sent_at = 0.0
        self.presence_flush = None  # a presence frame held back to keep to one a second
        self.announced_at = 0.0
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
        self.access_groups = await database_sync_to_async(self.access_group_names)()
        if self.user.is_authenticated:
            self.access_groups.append(person_access_group(self.user.pk))
        for name in self.access_groups:
            await self.channel_layer.group_add(name, self.channel_name)
        if self.access_groups:
            # Access may have ended between the check on connecting and joining the groups.
            await self.live_recheck({})

    async def disconnect(self, code):
        if getattr(self, "presence_flush", None):
            self.presence_flush.cancel()
        if getattr(self, "group", None):
            await self._announce("presence.leave")
            await self.channel_layer.group_discard(self.group, self.channel_name)
        for name in getattr(self, "access_groups", ()):
            await self.channel_layer.group_discard(name, self.channel_name)

    # --- Access ending while the socket is open -------------------------------------------

    access_ended = False

    async def receive(self, text_data=None, bytes_data=None):
        if not self.access_ended:
            await super().receive(text_data=text_data, bytes_data=bytes_data)

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
        await self._announce("presence.leave")
        await self.channel_layer.group_discard(self.group, self.channel_name)
        for name in self.access_groups:
            await self.channel_layer.group_discard(name, self.channel_name)
        self.group, self.access_groups = None, []
        await self.close(code=4403)
        return False

    # --- Frames from the client ---------------------------------------------------------

    async def frame_ping(self, frame):
        await self.send_json({"type": "pong"})
        # The others drop a person not heard of for PRESENCE_TIMEOUT_SECONDS; telling them
        # more often than needed would cost every watcher a frame per ping.
        if time.monotonic() - self.announced_at >= PRESENCE_REFRESH_SECONDS:
            await self._announce("presence.here")

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

    # --- Events from the group ----------------------------------------------------------

    async def thread_frame(self, event):
        frame = event["frame"]
        if frame["type"] == "comment":
            if frame["comment"]["id"] in self.sent_comment_ids:
                return
            self.sent_comment_ids.add(frame["comment"]["id"])
        await self.send_json(frame)

    async def _announce(self, kind):
        self.announced_at = time.monotonic()
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

    def _people_here(self):
        cutoff = time.monotonic() - PRESENCE_TIMEOUT_SECONDS
        self.roster = {ch: entry for ch, entry in self.roster.items() if entry[1] >= cutoff}
        people = {}
        for person, _heard in self.roster.values():  # one entry per person, however many tabs
            people[person["id"]] = person
        return sorted(people.values(), key=lambda p: p["display_name"].lower())

    async def _send_presence(self):
        """Tell this watcher who is here, if that changed: at once, or, when a frame went out
        less than a second ago, once that second is over, with whatever is true by then."""
        if self.presence_flush is not None:
            return  # a frame is already due; it will carry this change too
        wait = self.presence_sent_at + PRESENCE_MIN_INTERVAL_SECONDS - time.monotonic()
        if wait > 0:
            self.presence_flush = asyncio.ensure_future(self._send_presence_after(wait))
            return
        await self._send_presence_now()

    async def _send_presence_after(self, wait):
        await asyncio.sleep(wait)
        self.presence_flush = None
        await self._send_presence_now()

    async def _send_presence_now(self):
        people = self._people_here()
        if people == self.presence_sent:
            return
        self.presence_sent, self.presence_sent_at = people, time.monotonic()
        await self.send_json({"type": "presence", "people": people})
