"""What happens to meetings and their live rooms, each action in one transaction.

Meetings: saving one (publishing its minutes tells the members), signing up for it, and
recording who came. Like panels.services, every ``check_*`` raises ``ValidationError`` with a
message for the form, and every action re-checks inside its transaction.

Live rooms: every change goes through these functions, whether it comes from the room page's
forms or its websocket (panels.meetings.consumers). Each checks the rules of
panels.meetings.rules itself, runs in one transaction, and announces the change through the
signals below only once it is committed; panels.meetings.live broadcasts them.
"""

import rules
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import oversharing
from accounts.follows.services import tell_followers
from accounts.notifications import MODERATION, notify

# Posting or editing a message raises PersonalDetails when it looks like someone's personal
# details and the author has not confirmed it (a valid personal identity code: whether or not
# confirmed). Checked before the post is counted against the rate limit, as for comments.
from accounts.oversharing import PersonalDetails  # noqa: F401
from accounts.permissions import NotAllowed, require_perm
from live.models import ModerationKind
from live.ratelimit import RateLimited, check_post_rate  # noqa: F401 - callers catch RateLimited
from panels.models import Membership
from panels.services import FOLLOWED_PANEL, link_for

from .models import Attendance, Meeting, MeetingRoom, RoomMessage, RoomModerationAction

# kwargs: message
message_posted = Signal()
# kwargs: message; edited, removed by its author, hidden or restored by moderation
message_changed = Signal()
# kwargs: room; opened or closed
room_changed = Signal()


class RoomClosed(NotAllowed):
    """The room is not open (yet, or any more): nothing can be posted or edited."""


def _after_commit(signal, **kwargs):
    transaction.on_commit(lambda: signal.send(sender=MeetingRoom, **kwargs))


# --- Meetings -----------------------------------------------------------------------------


@transaction.atomic
def save_meeting(meeting, *, by, publish_minutes):
    """Save a meeting; publishing minutes for the first time tells the members. The panel's
    followers hear of a new meeting to come, and of the minutes if they may read them."""
    meeting.full_clean()
    is_new = meeting.pk is None
    newly_published = (
        publish_minutes and meeting.minutes.strip() and meeting.minutes_published_at is None
    )
    if newly_published:
        meeting.minutes_published_at = timezone.now()
    elif not publish_minutes:
        meeting.minutes_published_at = None
    if is_new:
        meeting.created_by = by
    meeting.save()
    told_members = []
    if newly_published:
        members = Membership.objects.active().filter(panel=meeting.panel).select_related("person")
        for membership in members:
            told_members.append(membership.person_id)
            notify(
                membership.person,
                kind="panels.minutes_published",
                message=format_lazy(
                    gettext_lazy("The minutes of {meeting} are ready to read."),
                    meeting=meeting.title,
                ),
                url=link_for(membership.person, "panels:meeting", meeting.pk),
            )
    _tell_panel_followers(meeting, by, is_new, newly_published, told_members)
    return meeting


def _tell_panel_followers(meeting, by, is_new, newly_published, told_members):
    """A panel's public news for its followers: a meeting planned (anyone may see a meeting
    to come) and minutes published (only to those who may read them; members have just been
    told). Never the person who saved the meeting."""
    panel = meeting.panel

    def link(person):
        return link_for(person, "panels:meeting", meeting.pk)

    if is_new and not meeting.is_over():
        tell_followers(
            panel,
            kind=FOLLOWED_PANEL,
            message=format_lazy(
                gettext_lazy("{panel} has planned a meeting: {meeting}."),
                panel=panel.name,
                meeting=meeting.title,
            ),
            url=link,
            actor=by,
        )
    if newly_published:
        tell_followers(
            panel,
            kind=FOLLOWED_PANEL,
            message=format_lazy(
                gettext_lazy("The minutes of {meeting} ({panel}) are ready to read."),
                meeting=meeting.title,
                panel=panel.name,
            ),
            url=link,
            actor=by,
            exclude=told_members,
            may_see=lambda person: rules.has_perm("panels.view_minutes", person, panel),
        )


def check_can_respond(meeting, person):
    if meeting.is_over():
        raise ValidationError(_("This meeting is over."), "over")
    if not Membership.objects.active().filter(panel=meeting.panel, person=person).exists():
        raise ValidationError(_("Only the panel's members can sign up for meetings."), "member")


@transaction.atomic
def respond_to_meeting(meeting, person, response):
    check_can_respond(meeting, person)
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting, person=person, defaults={"response": response}
    )
    return attendance


@transaction.atomic
def record_attendance(meeting, *, present):
    """Record who came: everyone in ``present`` came, the panel's other members did not."""
    present_ids = {person.pk for person in present}
    member_ids = set(
        Membership.objects.active().filter(panel=meeting.panel).values_list("person", flat=True)
    )
    if not present_ids <= member_ids:
        raise ValidationError(_("Only the panel's members can be recorded."), "not_member")
    for person_id in member_ids | set(meeting.attendances.values_list("person", flat=True)):
        Attendance.objects.update_or_create(
            meeting=meeting, person_id=person_id, defaults={"attended": person_id in present_ids}
        )


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
    if not rules.has_perm("meetings.see_room", user, room):
        raise Http404
    return room


def get_message_for(user, pk):
    messages = RoomMessage.objects.select_related("room__meeting__panel__region", "author")
    message = get_object_or_404(messages, pk=pk)
    if not rules.has_perm("meetings.see_room", user, message.room):
        raise Http404
    return message


# --- Opening and closing ------------------------------------------------------------------


@transaction.atomic
def open_room(person, meeting):
    require_perm(person, "meetings.run_room", room_of_meeting(meeting))
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
    require_perm(person, "meetings.run_room", room)
    if not room.is_open:
        return room
    room.closed_at = timezone.now()
    room.save(update_fields=["closed_at"])
    _after_commit(room_changed, room=room)
    return room


# --- Messages -----------------------------------------------------------------------------


def post_message(author, room, *, body, token=None, confirm_personal=False):
    """Post a message. The same ``token`` posts once (a client resending after a lost
    connection gets the first message back). Raises ``RateLimited`` under the same per-person
    limit as comments, so one flood limit holds for every form and socket; ``RoomClosed``
    when the room is not open; ``NotAllowed`` when the person may not speak here (any more);
    ``PersonalDetails`` when the text looks like personal details that ``confirm_personal``
    does not confirm."""
    if token is not None:
        existing = RoomMessage.objects.filter(author=author, submission_token=token).first()
        if existing is not None:
            return existing
    warned = oversharing.check(confirmed=confirm_personal, body=body)
    check_post_rate(author)
    try:
        return _post_message(author, room, body=body, token=token, warned=warned)
    except IntegrityError:
        if token is None:
            raise
        return RoomMessage.objects.get(author=author, submission_token=token)


@transaction.atomic
def _post_message(author, room, *, body, token, warned):
    # "Closed" is an answer for those who could speak were it open; others are just refused.
    if not room.is_open and rules.has_perm("meetings.speak_in_room", author, room):
        raise RoomClosed("meetings.post_in_room")
    require_perm(author, "meetings.post_in_room", room)
    message = RoomMessage.objects.create(
        room=room,
        author=author,
        body=body,
        submission_token=token,
        shared_despite_warning=warned,
    )
    _after_commit(message_posted, message=message)
    return message


@transaction.atomic
def edit_message(editor, message, *, body, confirm_personal=False):
    """Edit a message. Its text is looked at again, as an edit could add what a post would
    have been warned of; the mark says whether the text as it now stands was confirmed."""
    require_perm(editor, "meetings.edit_room_message", message)
    message.shared_despite_warning = oversharing.check(confirmed=confirm_personal, body=body)
    message.body = body
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "edited_at", "shared_despite_warning"])
    _after_commit(message_changed, message=message)
    return message


@transaction.atomic
def remove_message(author, message):
    require_perm(author, "meetings.remove_room_message", message)
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
    """Record the decision and tell the author why, as for ideas and comments: in the same
    transaction as the change itself."""
    now = timezone.now()
    RoomModerationAction.objects.create(
        kind=kind, room_message=message, moderator=moderator, reason=reason, created_at=now
    )
    notify(
        message.author,
        kind=MODERATION,
        message=format_lazy(notice, meeting=message.room.meeting.title, reason=reason),
        url=message.get_absolute_url(),
    )
    _after_commit(message_changed, message=message)
    return now


@transaction.atomic
def hide_message(moderator, message, *, reason):
    """Hide a message from everyone but its author and those who run the room; the author is
    told why."""
    require_perm(moderator, "meetings.hide_room_message", message)
    message.hidden_at = _moderate(moderator, message, ModerationKind.HIDE, reason, HIDDEN_MESSAGE)
    message.hidden_reason = reason
    message.save(update_fields=["hidden_at", "hidden_reason"])
    return message


@transaction.atomic
def restore_message(moderator, message, *, reason):
    """Show a hidden message to everyone again; the author is told why."""
    require_perm(moderator, "meetings.restore_room_message", message)
    _moderate(moderator, message, ModerationKind.RESTORE, reason, RESTORED_MESSAGE)
    message.hidden_at = None
    message.hidden_reason = ""
    message.save(update_fields=["hidden_at", "hidden_reason"])
    return message
