"""Every change to a meeting's live room goes through these functions, whether it comes from
the room page's forms or its websocket (ideas.consumers.MeetingRoomConsumer).

Each checks the rules of ideas.room_rules itself, runs in one transaction, and announces the
change through the signals below only once it is committed; ideas.live broadcasts them.
"""

import rules
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts.notifications import notify
from panels.models import Meeting

from . import room_rules  # noqa: F401 - registers the room's rules
from .models import MeetingRoom, ModerationAction, ModerationKind, RoomMessage
from .ratelimit import RateLimited, check_comment_rate  # noqa: F401 - callers catch RateLimited
from .services import MODERATION_NOTICE, NotAllowed

# kwargs: message
message_posted = Signal()
# kwargs: message; edited, removed by its author, hidden or restored by moderation
message_changed = Signal()
# kwargs: room; opened or closed
room_changed = Signal()


class RoomClosed(NotAllowed):
    """The room is not open (yet, or any more): nothing can be posted or edited."""


def _require(user, perm, obj):
    if not rules.has_perm(perm, user, obj):
        raise NotAllowed(perm)


def _after_commit(signal, **kwargs):
    transaction.on_commit(lambda: signal.send(sender=MeetingRoom, **kwargs))


# --- Finding a room -----------------------------------------------------------------------


def room_of_meeting(meeting):
    """The meeting's room, or an unsaved one (state "not_open") if it was never opened."""
    try:
        return meeting.live_room
    except MeetingRoom.DoesNotExist:
        return MeetingRoom(meeting=meeting)


def get_room_for(user, meeting_pk):
    """The room of a meeting ``user`` may see the room of; 404 otherwise, as for any page a
    person may not see (a non-member learns nothing, not even that a room exists)."""
    meetings = Meeting.objects.visible_to(user).select_related("panel__region", "live_room")
    meeting = get_object_or_404(meetings, pk=meeting_pk)
    room = room_of_meeting(meeting)
    if not rules.has_perm("ideas.see_meeting_room", user, room):
        raise Http404
    return room


def get_message_for(user, pk):
    messages = RoomMessage.objects.select_related("room__meeting__panel__region", "author")
    message = get_object_or_404(messages, pk=pk)
    if not rules.has_perm("ideas.see_meeting_room", user, message.room):
        raise Http404
    return message


# --- Opening and closing ------------------------------------------------------------------


@transaction.atomic
def open_room(person, meeting):
    _require(person, "ideas.run_meeting_room", room_of_meeting(meeting))
    # Two facilitators opening at once: the first creates the row, the second finds it.
    room, _created = MeetingRoom.objects.select_for_update().get_or_create(meeting=meeting)
    if room.is_open:
        return room
    if room.opened_at is None:
        room.opened_at = timezone.now()
        room.opened_by = person
    room.closed_at = None
    room.save()
    _after_commit(room_changed, room=room)
    return room


@transaction.atomic
def close_room(person, room):
    _require(person, "ideas.run_meeting_room", room)
    if not room.is_open:
        return room
    room.closed_at = timezone.now()
    room.save(update_fields=["closed_at"])
    _after_commit(room_changed, room=room)
    return room


# --- Messages -----------------------------------------------------------------------------


def post_message(author, room, *, body, token=None):
    """Post a message. The same ``token`` posts once (a client resending after a lost
    connection gets the first message back). Raises ``RateLimited`` under the same per-person
    limit as comments, so one flood limit holds for every form and socket; ``RoomClosed``
    when the room is not open; ``NotAllowed`` when the person may not speak here (any more)."""
    if token is not None:
        existing = RoomMessage.objects.filter(author=author, submission_token=token).first()
        if existing is not None:
            return existing
    check_comment_rate(author)
    try:
        return _post_message(author, room, body=body, token=token)
    except IntegrityError:
        if token is None:
            raise
        return RoomMessage.objects.get(author=author, submission_token=token)


@transaction.atomic
def _post_message(author, room, *, body, token):
    # "Closed" is an answer for those who could speak were it open; others are just refused.
    if not room.is_open and rules.has_perm("ideas.speak_in_meeting_room", author, room):
        raise RoomClosed("ideas.post_in_meeting_room")
    _require(author, "ideas.post_in_meeting_room", room)
    message = RoomMessage.objects.create(
        room=room, author=author, body=body, submission_token=token
    )
    _after_commit(message_posted, message=message)
    return message


@transaction.atomic
def edit_message(editor, message, *, body):
    _require(editor, "ideas.edit_room_message", message)
    message.body = body
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "edited_at"])
    _after_commit(message_changed, message=message)
    return message


@transaction.atomic
def remove_message(author, message):
    _require(author, "ideas.remove_room_message", message)
    message.deleted_at = timezone.now()
    message.save(update_fields=["deleted_at"])
    _after_commit(message_changed, message=message)
    return message


HIDDEN_MESSAGE = gettext_lazy(
    'Your message in the live room of "{meeting}" was hidden by moderation. Reason: {reason}'
)
RESTORED_MESSAGE = gettext_lazy(
    'Your message in the live room of "{meeting}" is visible again. Reason: {reason}'
)


def _moderate(moderator, message, kind, reason, notice):
    """Record the decision and tell the author why, as for ideas and comments
    (ideas.services): in the same transaction as the change itself."""
    now = timezone.now()
    ModerationAction.objects.create(
        kind=kind, room_message=message, moderator=moderator, reason=reason, created_at=now
    )
    notify(
        message.author,
        kind=MODERATION_NOTICE,
        message=format_lazy(notice, meeting=message.room.meeting.title, reason=reason),
        url=message.get_absolute_url(),
    )
    _after_commit(message_changed, message=message)
    return now


@transaction.atomic
def hide_message(moderator, message, *, reason):
    """Hide a message from everyone but its author and those who run the room; the author is
    told why."""
    _require(moderator, "ideas.hide_room_message", message)
    message.hidden_at = _moderate(moderator, message, ModerationKind.HIDE, reason, HIDDEN_MESSAGE)
    message.hidden_reason = reason
    message.save(update_fields=["hidden_at", "hidden_reason"])
    return message


@transaction.atomic
def restore_message(moderator, message, *, reason):
    """Show a hidden message to everyone again; the author is told why."""
    _require(moderator, "ideas.restore_room_message", message)
    _moderate(moderator, message, ModerationKind.RESTORE, reason, RESTORED_MESSAGE)
    message.hidden_at = None
    message.hidden_reason = ""
    message.save(update_fields=["hidden_at", "hidden_reason"])
    return message
