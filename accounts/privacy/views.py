"""The person's own data export: asking for it (a button on the profile), seeing whether it is
ready ("Your data"), and downloading it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import limits

from .downloads import discard_expired, latest_own_export, own_export, request_export, zip_response
from .tasks import EXPORT_VALID_FOR


def _your_data(request, *, error="", status=200):
    export = latest_own_export(request.user)
    return render(
        request,
        "privacy/your_data.html",
        {
            "export": export,
            "expired": export is not None and export.is_expired(),
            "valid_days": EXPORT_VALID_FOR.days,
            "error": error,
        },
        status=status,
    )


@login_required
def your_data(request):
    return _your_data(request)


def _too_often(limited):
    """The limit is per day: say so, in hours, rather than "too many times in a row"."""
    if isinstance(limited, limits.LimitUnavailable):
        return limited.message
    hours = max(1, round(limited.retry_after / 3600))
    return ngettext(
        "You have already asked for your data several times today. You can ask again in "
        "%(count)d hour; your latest export is below.",
        "You have already asked for your data several times today. You can ask again in "
        "%(count)d hours; your latest export is below.",
        hours,
    ) % {"count": hours}


@login_required
@require_POST
def request_own_export(request):
    try:
        limits.count("export", f"user:{request.user.pk}")
    except limits.RateLimited as limited:
        return _your_data(request, error=_too_often(limited), status=limited.status)
    export = request_export(request.user)
    # Built already when tasks run in the request (development); else a worker builds it.
    export.refresh_from_db(fields=["ready_at"])
    if export.is_ready:
        messages.success(request, _("Your data is ready to download."))
    else:
        messages.success(
            request,
            _(
                "Your data is being prepared. You will be told in Kohtaamo and by e-mail when "
                "it is ready to download."
            ),
        )
    return redirect("your_data")


def download_own_export(request, export_id):
    """404 to anyone but the person who asked, signed in or not (see accounts.privacy.downloads)."""
    export = own_export(request.user, export_id)
    if export is None:
        raise Http404
    now = timezone.now()
    if export.is_expired(now):
        discard_expired(now)
        return render(
            request,
            "privacy/export_gone.html",
            {"valid_days": EXPORT_VALID_FOR.days, "again_url": "your_data"},
            status=410,
        )
    if not export.is_ready:
        return redirect("your_data")
    return zip_response(export)
