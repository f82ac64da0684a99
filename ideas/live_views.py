"""The HTTP side of live discussions: the catch-up endpoints that reconnecting clients and,
where websockets are blocked, polling clients ask for what they have not seen. One for an
idea's thread, one for a meeting's live room; both answer the same frames as the websocket.
A room's answer also says whether the room is open ("room_state", as in the websocket's hello
and "room" frames), so that a polling page learns when it opens or closes."""

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import live, meeting_room
from .access import get_idea_for


def _catch_up_response(request, frames_for, resume_point, **extra):
    """GET ?after=<last comment id>&since=<last "at">: the same frames the websocket sends,
    and ``extra`` fields about the discussion."""
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = -1
    since_text = request.GET.get("since")
    since = parse_datetime(since_text) if since_text else None
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


@never_cache
@require_GET
def catch_up(request, pk):
    idea = get_idea_for(request.user, pk)  # 404 for what the person may not see
    return _catch_up_response(
        request,
        lambda **kwargs: live.catch_up(idea, **kwargs),
        lambda after: live.resume_point(idea, after),
    )


@never_cache
@require_GET
def room_catch_up(request, pk):
    room = meeting_room.get_room_for(request.user, pk)  # 404 for outsiders
    return _catch_up_response(
        request,
        lambda **kwargs: live.room_catch_up(room, **kwargs),
        lambda after: live.room_resume_point(room, after),
        room_state=room.state,
    )
