"""Live idea threads: what is broadcast, and how a client catches up.

The database is the truth. A change is broadcast to the idea's group only after it is
committed (ideas.signals are sent from transaction.on_commit), and a channel layer may drop a
message, so every frame carries the comment id and the server time ``at`` of the change. A
client that reconnects, or polls over HTTP where websockets are blocked, asks for everything
after an id and since a time, and gets it in order.

Which id? Ids are given out when a comment is inserted, but transactions commit in any order:
a reader may see comment 13 while 12 is still being saved. So a catch-up also answers
``resume_after``: the newest id older than SETTLE_SECONDS, by when every earlier insert has
long committed. The client resumes from there and drops the ids it already has; a change is
likewise looked for from SETTLE_SECONDS before the time asked.

A meeting's live room (ideas.meeting_room) speaks the same protocol: its messages go out as
"comment" frames (with "room" instead of "idea", and no parent), and a "room" frame says when
it opens or closes.

Server -> client frames:
  {"type": "comment", "comment": {...}, "at": iso}          a new comment or room message
  {"type": "comment_changed", "comment": {...}, "at": iso}  edited, removed, hidden, restored
  {"type": "support", "idea": id, "supporters": n}          the idea's support count
  {"type": "room", "state": "open" | "closed", "at": iso}   a meeting room opened or closed
"""

from datetime import timedelta

from django.db.models import Max, Q
from django.dispatch import receiver
from django.utils import timezone

from accounts.groups import send_to_group

from . import meeting_room, signals
from .models import Comment, RoomMessage, Support
from .templatetags.ideas_tags import user_text

SETTLE_SECONDS = 10


def thread_group_name(idea_id):
    return f"idea-thread.{idea_id}"


def room_group_name(meeting_id):
    return f"meeting-room.{meeting_id}"


def comment_state(comment):
    if comment.deleted_at is not None:
        return "removed"
    if comment.hidden_at is not None:
        return "hidden"
    return "public"


def person_data(user):
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "role": user.role,
        "role_label": str(user.get_role_display()),
    }


def message_data(message):
    """A comment or room message as everyone watching may see it: the text of a removed or
    hidden one is never broadcast, only that it is there (so the discussion keeps its shape)."""
    state = comment_state(message)
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


def comment_data(comment):
    return {**message_data(comment), "idea": comment.idea_id, "parent": comment.parent_id}


def room_message_data(message):
    return {**message_data(message), "room": message.room_id, "parent": None}


def _data(item):
    return room_message_data(item) if isinstance(item, RoomMessage) else comment_data(item)


def frame(kind, comment, at=None):
    return {
        "type": kind,
        "comment": _data(comment),
        "at": (at or timezone.now()).isoformat(),
    }


def broadcast(idea_id, payload):
    _send(thread_group_name(idea_id), payload)


def broadcast_to_room(meeting_id, payload):
    _send(room_group_name(meeting_id), payload)


def _send(group, payload):
    send_to_group(group, {"type": "thread.frame", "frame": payload})


@receiver(signals.comment_posted, dispatch_uid="ideas.live.comment_posted")
def comment_posted(sender, comment, **kwargs):
    broadcast(comment.idea_id, frame("comment", comment))


@receiver(signals.comment_changed, dispatch_uid="ideas.live.comment_changed")
def comment_changed(sender, comment, **kwargs):
    comment.refresh_from_db()
    broadcast(comment.idea_id, frame("comment_changed", comment))


@receiver(signals.support_changed, dispatch_uid="ideas.live.support_changed")
def support_changed(sender, idea, **kwargs):
    supporters = Support.objects.filter(idea=idea).count()
    broadcast(
        idea.pk,
        {
            "type": "support",
            "idea": idea.pk,
            "supporters": supporters,
            "at": timezone.now().isoformat(),
        },
    )


@receiver(meeting_room.message_posted, dispatch_uid="ideas.live.room_message_posted")
def room_message_posted(sender, message, **kwargs):
    broadcast_to_room(message.room.meeting_id, frame("comment", message))


@receiver(meeting_room.message_changed, dispatch_uid="ideas.live.room_message_changed")
def room_message_changed(sender, message, **kwargs):
    message.refresh_from_db()
    broadcast_to_room(message.room.meeting_id, frame("comment_changed", message))


@receiver(meeting_room.room_changed, dispatch_uid="ideas.live.room_changed")
def room_changed(sender, room, **kwargs):
    broadcast_to_room(
        room.meeting_id, {"type": "room", "state": room.state, "at": timezone.now().isoformat()}
    )


# --- Catching up --------------------------------------------------------------------------


def settled_id(messages, after_id=0):
    """The id a client may next catch up from: every message of ``messages`` at or below it is
    committed."""
    settled = messages.filter(
        created_at__lte=timezone.now() - timedelta(seconds=SETTLE_SECONDS)
    ).aggregate(latest=Max("pk"))["latest"]
    return max(after_id, settled or 0)


def catch_up_frames(messages, changed_since, *, after_id=0, since=None):
    """Frames for what the client has not seen, oldest first: messages newer than ``after_id``,
    then changes since ``since`` (less the settling time) to the ones it already had.
    ``changed_since(moment)`` is the Q of a message changed after ``moment``."""
    messages = messages.select_related("author").order_by("pk")
    now = timezone.now()
    frames = [frame("comment", item, at=now) for item in messages.filter(pk__gt=after_id)]
    if since is not None:
        since -= timedelta(seconds=SETTLE_SECONDS)
        changed = messages.filter(pk__lte=after_id).filter(changed_since(since)).distinct()
        frames += [frame("comment_changed", item, at=now) for item in changed]
    return frames


def _comment_changed_since(moment):
    return (
        Q(edited_at__gt=moment)
        | Q(deleted_at__gt=moment)
        | Q(hidden_at__gt=moment)
        | Q(moderation_actions__created_at__gt=moment)
    )


def _room_message_changed_since(moment):
    # A restore leaves no time on the message itself: its moderation record has it.
    return (
        Q(edited_at__gt=moment)
        | Q(deleted_at__gt=moment)
        | Q(hidden_at__gt=moment)
        | Q(moderation_actions__created_at__gt=moment)
    )


def resume_point(idea, after_id=0):
    return settled_id(Comment.objects.filter(idea=idea), after_id)


def catch_up(idea, *, after_id=0, since=None):
    return catch_up_frames(
        Comment.objects.filter(idea=idea), _comment_changed_since, after_id=after_id, since=since
    )


def room_resume_point(room, after_id=0):
    if room.pk is None:
        return after_id
    return settled_id(RoomMessage.objects.filter(room=room), after_id)


def room_catch_up(room, *, after_id=0, since=None):
    if room.pk is None:
        return []
    return catch_up_frames(
        RoomMessage.objects.filter(room=room),
        _room_message_changed_since,
        after_id=after_id,
        since=since,
    )
