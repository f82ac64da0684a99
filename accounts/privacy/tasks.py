"""Building a data export in the background (Django tasks: in the request in development and
tests, by ``manage.py db_worker`` in production), so that a person with years of history does
not time out a request."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext_lazy

from accounts.models import DataExport
from accounts.notifications import notify

from .export import build_zip

# How long a built export can be downloaded, counted from when it is ready.
EXPORT_VALID_FOR = timedelta(days=7)
# The notice that a person's own export is ready (registered in accounts.apps).
DATA_EXPORT_READY = "accounts.data_export_ready"


@task
def build_data_export(export_id):
    """Write the ZIP of one requested export and tell its owner. Does nothing for an export
    already built (a retried task) or deleted since (a newer request, a deleted account)."""
    export = (
        DataExport.objects.defer("content")
        .select_related("person")
        .filter(pk=export_id, ready_at__isnull=True)
        .first()
    )
    if export is None:
        return
    content = build_zip(export.person)
    now = timezone.now()
    with transaction.atomic():
        built = DataExport.objects.filter(pk=export.pk, ready_at__isnull=True).update(
            content=content, size=len(content), ready_at=now, expires_at=now + EXPORT_VALID_FOR
        )
        # An export staff made for a request by post is theirs to hand over: the person is
        # not told, and nothing is e-mailed.
        if built and not export.made_by_staff:
            _tell_owner(export.person)


def _tell_owner(person):
    # The link in the notice and the e-mail opens the page in the person's language.
    with translation.override(person.language or settings.LANGUAGE_CODE):
        url = reverse("your_data")
    notify(
        person,
        kind=DATA_EXPORT_READY,
        message=ngettext_lazy(
            "Your data is ready to download on Kohtaamo. The download works for %(days)d day, "
            "when you are logged in.",
            "Your data is ready to download on Kohtaamo. The download works for %(days)d days, "
            "when you are logged in.",
            "days",
        )
        % {"days": EXPORT_VALID_FOR.days},
        url=url,
    )
