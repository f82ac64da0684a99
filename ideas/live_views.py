"""The HTTP side of live threads: the catch-up endpoint that reconnecting clients and, where
websockets are blocked, polling clients ask for what they have not seen."""

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import live
from .access import get_idea_for


@never_cache
@require_GET
def catch_up(request, pk):
    """GET ?after=<last comment id>&since=<last "at">: the same frames the websocket sends."""
    idea = get_idea_for(request.user, pk)  # 404 for what the person may not see
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
    frames = live.catch_up(idea, after_id=after, since=since)
    last_id = max([after, *(frame["comment"]["id"] for frame in frames)])
    return JsonResponse(
        {
            "frames": frames,
            "last_id": last_id,
            "resume_after": live.resume_point(idea, after),
            "at": timezone.now().isoformat(),
        }
    )
