"""What a live discussion broadcasts, and how a client catches up.

The database is the truth. A change is broadcast to the discussion's group only after it is
committed (from transaction.on_commit), and a channel layer may drop a message, so every frame
carries the message id and the server time ``at`` of the change. A client that reconnects, or
polls over HTTP where websockets are blocked, asks for everything after an id and since a
time, and gets it in order.

Which id? Ids are given out when a message is inserted, but transactions commit in any order:
a reader may see message 13 while 12 is still being saved. So a catch-up also answers
``resume_after``: the newest id older than SETTLE_SECONDS, by when every earlier insert has
long committed. The client resumes from there and drops the ids it already has; a change is
likewise looked for from SETTLE_SECONDS before the time asked.

Server -> client frames built here:
  {"type": "comment", "comment": {...}, "at": iso}          a new message
  {"type": "comment_changed", "comment": {...}, "at": iso}  edited, removed, hidden, restored
A discussion adds its own (an idea's "support", a room's "room").
"""

from datetime import UTC, timedelta

from django.db.models import Max, Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.roles import INNOAGENT_BADGES
from accounts.templatetags.accounts_tags import user_text

from .groups import send_to_group

SETTLE_SECONDS = 10
# The consumer's handler for what is broadcast to a discussion's group.
THREAD_FRAME = "thread.frame"


def person_data(user):
    badge = INNOAGENT_BADGES.get(user.innoagent_level)
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "role": user.role,
        "role_label": str(user.get_role_display()),
        # The innoagent badge beside the role badge, as the page draws it; empty without one.
        "innoagent": str(badge) if badge else "",
        "innoagent_title": str(user.get_innoagent_level_display()) if badge else "",
    }


def message_state(message):
    if message.deleted_at is not None:
        return "removed"
    if message.hidden_at is not None:
        return "hidden"
    return "public"


def message_data(message):
    """A message (live.models.SpokenWords) as everyone watching may see it: the text of a
    removed or hidden one is never broadcast, only that it is there (so the discussion keeps
    its shape)."""
    state = message_state(message)
    author = message.author if state == "public" else None
    return {
        "id": message.pk,
        "state": state,
        "author": person_data(author) if author is not None else None,
        # The page's own rendering of participants' text (escaped, links, paragraphs).
        "body_html": str(user_text(message.body)) if state == "public" else "",
        "created_at": message.created_at.isoformat(),
        "edited": message.edited_at is not None,
    }


def frame(kind, data, at=None):
    """A "comment" or "comment_changed" frame about a message already turned into ``data``."""
    return {"type": kind, "comment": data, "at": (at or timezone.now()).isoformat()}


def broadcast(group, payload):
    """Send a frame to everyone watching the discussion of ``group``. Call after the commit."""
    send_to_group(group, {"type": THREAD_FRAME, "frame": payload})


# --- Catching up --------------------------------------------------------------------------


def changed_since(moment):
    """Messages edited, removed, hidden or restored after ``moment``. A restore leaves no time
    on the message itself: its moderation record (``moderation_actions``) has it."""
    return (
        Q(edited_at__gt=moment)
        | Q(deleted_at__gt=moment)
        | Q(hidden_at__gt=moment)
        | Q(moderation_actions__created_at__gt=moment)
    )


def settled_id(messages, after_id=0):
    """The id a client may next catch up from: every message of ``messages`` at or below it is
    committed."""
    settled = messages.filter(
        created_at__lte=timezone.now() - timedelta(seconds=SETTLE_SECONDS)
    ).aggregate(latest=Max("pk"))["latest"]
    return max(after_id, settled or 0)


def parse_since(text):
    """The "since" a client sends back: a time from an earlier frame. None when it is not a
    real time (``2024-13-45T00:00:00`` is shaped like one); a time without a zone is UTC."""
    try:
        moment = parse_datetime(text)
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def catch_up_frames(messages, data, *, after_id=0, since=None):
    """Frames for what the client has not seen, oldest first: ``messages`` newer than
    ``after_id``, then changes since ``since`` (less the settling time) to the ones it already
    had. ``data(message)`` is what a frame says of a message."""
    messages = messages.select_related("author").order_by("pk")
    now = timezone.now()
    frames = [frame("comment", data(item), at=now) for item in messages.filter(pk__gt=after_id)]
    if since is not None:
        since -= timedelta(seconds=SETTLE_SECONDS)
        changed = messages.filter(pk__lte=after_id).filter(changed_since(since)).distinct()
        frames += [frame("comment_changed", data(item), at=now) for item in changed]
    return frames


def catch_up_response(request, frames_for, resume_point, **extra):
    """The HTTP side of catching up, for reconnecting and polling clients:
    GET ?after=<last message id>&since=<last "at">, answered with the same frames the
    websocket sends, and ``extra`` fields about the discussion."""
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = -1
    since_text = request.GET.get("since")
    since = parse_since(since_text) if since_text else None
    if after < 0 or (since_text and since is None):
        return JsonResponse(
            {"error": '"after" is a comment id and "since" a time from an earlier frame.'},
            status=400,
        )
    frames = frames_for(after_id=after, since=since)
    last_id = max([after, *(frame["comment"]["id"] for frame in frames)])
    return JsonResponse(
        {
            "frames": frames,
            "last_id": last_id,
            "resume_after": resume_point(after),
            "at": timezone.now().isoformat(),
            **extra,
        }
    )
