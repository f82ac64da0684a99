"""Answering "try again in a moment" (503) when a service the request needs is away.

Redis keeps the counts behind the log-in limits (allauth's) and the abuse limits
(``accounts.limits``); PostgreSQL keeps everything else. When a view cannot reach either, the
request is refused with a short page that says to try again, instead of a server error. A
refusal is the point: a limit that cannot be counted must never let the action through. Pages
that need neither are served as usual (``cms.cache`` makes the cache's copies optional).
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from accounts.limits import LimitUnavailable

from .cache import UNREACHABLE

logger = logging.getLogger(__name__)

# Why a request could not be served just now, though it may well succeed in a moment.
SERVICE_AWAY = (*UNREACHABLE, LimitUnavailable, OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def unavailable_response(request):
    """The 503 page: within the site's layout when that can be drawn, bare when not (the
    layout reads the signed-in person from the database, which may be the one that is away)."""
    try:
        content = render_to_string("cms/unavailable.html", request=request)
    except Exception:  # whatever else is away too: the bare page needs nothing
        logger.warning("the 503 page fell back to its bare form", exc_info=True)
        content = render_to_string("503.html")
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ServiceUnavailableMiddleware:
    """Turn a view's Redis or database outage into the 503 page; everything else passes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SERVICE_AWAY):
            return None
        logger.warning(
            "%s %s refused: a service it needs is unreachable",
            request.method,
            request.path,
            exc_info=exception,
        )
        return unavailable_response(request)
