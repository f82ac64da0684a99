"""Who may do what in a panel meeting's live room, as django-rules predicates. (Who may
edit a meeting, record its attendance and sign up for it is the panel's own matrix, in
panels.rules: its object is the panel.)

The object of every rule is a ``MeetingRoom`` (possibly unsaved: a meeting whose room has not
been opened yet) or a ``RoomMessage``. The answers come from the panel's own predicates
(panels.rules), so the room and the meeting page agree on who belongs:

- see the room (watch live, read the transcript): the panel's inner circle — active members,
  facilitators, the region's staff and decision-makers, administrators;
- run it (open, close, hide or restore a message): facilitators, the region's staff, administrators;
- post: while it is open, active members and those who run it.

Registered at start-up (rules.apps.AutodiscoverRulesConfig imports every app's rules).
"""

import rules

from panels.rules import facilitates, is_in_inner_circle, is_member, is_panel_manager

from .models import RoomMessage


def room_of(obj):
    return obj.room if isinstance(obj, RoomMessage) else obj


def _on_panel(predicate):
    """``predicate`` (about a panel) asked of the panel of a room or a message."""

    @rules.predicate(name=f"room_{predicate.name}")
    def check(user, obj):
        return predicate.test(user, room_of(obj).meeting.panel)

    return check


sees_room = _on_panel(is_in_inner_circle)
runs_room = _on_panel(facilitates | is_panel_manager)
is_room_member = _on_panel(is_member)


@rules.predicate
def room_is_open(user, obj):
    return room_of(obj).is_open


@rules.predicate
def is_message_author(user, message):
    return user.is_authenticated and message.author_id == user.pk


@rules.predicate
def message_is_public(user, message):
    return message.is_public


@rules.predicate
def message_is_not_removed(user, message):
    return message.deleted_at is None


@rules.predicate
def message_is_hidden(user, message):
    return message.hidden_at is not None and message.deleted_at is None


may_speak = is_room_member | runs_room

rules.add_perm("meetings.see_room", sees_room)
rules.add_perm("meetings.run_room", runs_room)
# Speakers may post whenever the room is open; the page shows them the form for that time.
rules.add_perm("meetings.speak_in_room", sees_room & may_speak)
rules.add_perm("meetings.post_in_room", sees_room & may_speak & room_is_open)
rules.add_perm(
    "meetings.edit_room_message",
    is_message_author & message_is_public & room_is_open & may_speak,
)
# Taking back one's own words is allowed also after the room closes, as with comments.
rules.add_perm("meetings.remove_room_message", is_message_author & message_is_not_removed)
rules.add_perm("meetings.hide_room_message", runs_room & message_is_public)
# A message its author has since removed stays removed.
rules.add_perm("meetings.restore_room_message", runs_room & message_is_hidden)
rules.add_perm("meetings.read_hidden_room_message", is_message_author | runs_room)
