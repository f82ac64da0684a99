"""A meeting's live room, plugged into the live foundation (live.catch_up): what is broadcast
to the room's group when a message or the room changes, and what a client catching up is sent.

Messages go out as "comment" and "comment_changed" frames (their data has "room" and no
parent), and one frame of the room's own:
  {"type": "room", "state": "open" | "closed", "at": iso}   the room opened or closed
"""

from django.dispatch import receiver
from django.utils import timezone

from live.catch_up import broadcast, catch_up_frames, frame, message_data, settled_id

from . import services
from .models import RoomMessage


def room_group_name(meeting_id):
    return f"meeting-room.{meeting_id}"


def room_message_data(message):
    return {**message_data(message), "room": message.room_id, "parent": None}


@receiver(services.message_posted, dispatch_uid="meetings.live.message_posted")
def message_posted(sender, message, **kwargs):
    broadcast(
        room_group_name(message.room.meeting_id), frame("comment", room_message_data(message))
    )


@receiver(services.message_changed, dispatch_uid="meetings.live.message_changed")
def message_changed(sender, message, **kwargs):
    message.refresh_from_db()
    broadcast(
        room_group_name(message.room.meeting_id),
        frame("comment_changed", room_message_data(message)),
    )


@receiver(services.room_changed, dispatch_uid="meetings.live.room_changed")
def room_changed(sender, room, **kwargs):
    broadcast(
        room_group_name(room.meeting_id),
        {"type": "room", "state": room.state, "at": timezone.now().isoformat()},
    )


def resume_point(room, after_id=0):
    if room.pk is None:
        return after_id
    return settled_id(RoomMessage.objects.filter(room=room), after_id)


def catch_up(room, *, after_id=0, since=None):
    if room.pk is None:
        return []
    return catch_up_frames(
        RoomMessage.objects.filter(room=room), room_message_data, after_id=after_id, since=since
    )
