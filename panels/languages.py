"""A panel that works in Northern Sámi shows its pages in Sámi to its members by default.

A member of such a panel (``Panel.working_languages`` includes ``se``) who opens the panel's
page, one of its meetings or its meeting room at the default-language address (no prefix,
Finnish) is sent to the same page under ``/se/``. What they chose themselves wins: following
the language switcher's link to the default language (``?lang=fi``) remembers that choice in
a cookie, and from then on nobody is redirected. People who are not members, and everyone
not signed in, get the address they asked for, so public pages stay cacheable and shareable.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url

from .models import Membership, MembershipStatus

SAMI = "se"
CHOICE_COOKIE = "kohtaamo_language"
CHOICE_PARAMETER = "lang"
CHOICE_MAX_AGE = 365 * 24 * 3600


def _panel_filter(view_name, kwargs):
    """How to find the panel a page belongs to, for the pages a panel's members read."""
    if view_name == "panels:detail":
        return {"panel__slug": kwargs.get("slug")}
    if view_name in ("panels:meeting", "panels:meeting_room"):
        return {"panel__meetings__pk": kwargs.get("pk")}
    return None


class PanelLanguageMiddleware:
    """Sends members of a Sámi-speaking panel to its pages in Sámi (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        chosen = getattr(request, "language_chosen", None)
        if chosen:
            response.set_cookie(CHOICE_COOKIE, chosen, max_age=CHOICE_MAX_AGE, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "GET" or not request.user.is_authenticated:
            return None
        chosen = request.GET.get(CHOICE_PARAMETER)
        if chosen in dict(settings.LANGUAGES):
            request.language_chosen = chosen
            return None
        if request.COOKIES.get(CHOICE_COOKIE) or SAMI not in dict(settings.LANGUAGES):
            return None
        if getattr(request, "LANGUAGE_CODE", None) != settings.LANGUAGE_CODE:
            return None
        match = request.resolver_match
        if match is None or not _is_sami_members_page(request.user, match):
            return None
        return HttpResponseRedirect(translate_url(request.get_full_path(), SAMI))


def _is_sami_members_page(user, match):
    lookup = _panel_filter(match.view_name, match.kwargs)
    if lookup is None:
        return False
    # The languages are a JSON list; read them rather than filter, which SQLite cannot.
    memberships = Membership.objects.filter(
        person=user, status=MembershipStatus.ACTIVE, **lookup
    ).values_list("panel__working_languages", flat=True)
    return any(SAMI in (languages or []) for languages in memberships)
