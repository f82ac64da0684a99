"""Choosing the region the front page shows: a plain GET form, so that it works without
JavaScript and keeps the front page free of CSRF tokens (which would make it uncacheable)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .regions import COOKIE_MAX_AGE, COOKIE_NAME, all_regions, region_named


def _back(request):
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    # The home page of the current language (the default language has no prefix).
    default = request.LANGUAGE_CODE == settings.LANGUAGE_CODE
    return "/" if default else f"/{request.LANGUAGE_CODE}/"


@require_GET
def choose_region(request):
    slug = request.GET.get("region", "")
    response = redirect(_back(request))
    if not slug:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return response
    if region_named(slug, all_regions()) is None:
        messages.error(request, _("That region does not exist. Choose one from the list."))
        return response
    response.set_cookie(
        COOKIE_NAME,
        slug,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )
    return response
