"""A data export from its request to its deletion.

- A person asks for their own on their profile, at most ``settings.RATE_LIMITS["export"]``
  times in the window; a new one replaces their earlier one. Staff make one for a person whose
  request arrived by post; that one is the staff member's to download and hand over.
- The ZIP is built by a task (accounts.privacy.tasks), which starts the clock: it can be
  downloaded for ``EXPORT_VALID_FOR``, then it is deleted.
- Only whoever asked for an export downloads it. To anyone else the link does not exist
  (404), whether they are signed in or not: its address must not tell that it is there.
"""

from datetime import timedelta

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from accounts.models import DataExport

from .tasks import EXPORT_VALID_FOR, build_data_export

# The row of an expired export (its ZIP already deleted) is kept this long after, so that its
# link says "expired" rather than "not found"; then it goes too.
GONE_KEPT_FOR = timedelta(days=30)


def request_export(person, *, by=None, now=None):
    """Ask for ``person``'s data export (``by`` a staff member, or the person themselves) and
    queue its building for after the commit. Returns the new DataExport, not yet ready."""
    by = by or person
    now = now or timezone.now()
    discard_expired(now)
    if by.pk == person.pk:
        DataExport.objects.own().filter(person=person).delete()
    export = DataExport.objects.create(
        person=person, requested_by=by, created_at=now, expires_at=now + EXPORT_VALID_FOR
    )
    transaction.on_commit(lambda: build_data_export.enqueue(str(export.pk)))
    return export


def discard_expired(now=None):
    """Delete the ZIP of every expired export, and the rows that have been gone for
    ``GONE_KEPT_FOR``. Runs whenever an export is asked for, an expired one is opened or the
    admin's list is shown, so nothing is kept long past its time even without a scheduled
    job; ``apply_retention`` calls it daily. Returns how many ZIPs were deleted."""
    now = now or timezone.now()
    DataExport.objects.filter(expires_at__lte=now - GONE_KEPT_FOR).delete()
    return DataExport.objects.expired(now).filter(content__isnull=False).update(content=None)


def latest_own_export(person):
    return DataExport.objects.defer("content").own().filter(person=person).first()


def own_export(user, export_id):
    """The export ``export_id`` if ``user`` asked for it for themselves, else None."""
    if not user.is_authenticated:
        return None
    return DataExport.objects.own().filter(pk=export_id, person=user).first()


def export_made_by(user, export_id):
    """The export ``export_id`` if ``user`` made it for someone from the admin, else None."""
    if not user.is_authenticated:
        return None
    return DataExport.objects.made_by_staff().filter(pk=export_id, requested_by=user).first()


def zip_response(export):
    """The ZIP as a download that no cache or browser keeps, named for the day it was made."""
    response = HttpResponse(bytes(export.content), content_type="application/zip")
    day = timezone.localdate(export.ready_at).isoformat()
    response["Content-Disposition"] = f'attachment; filename="kohtaamo-data-{day}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
