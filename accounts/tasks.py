"""Background work for notifications, run by Django's tasks framework (immediately in
development; by the database backend's worker in production)."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.tasks import task
from django.utils import timezone

from .models import Delivery, Notification, NotificationPreference, User


@task
def send_notification_email(notification_id):
    from .emails import send_notice

    with transaction.atomic():
        notice = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        # Already sent (a retried task), or read in the app before the worker got to it.
        if notice is None or notice.read_at is not None or not notice.recipient.is_active:
            return
        send_notice(notice)
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])


def digest_notices(person):
    """The person's unread, not yet e-mailed notices of the kinds they get as a digest."""
    digest_kinds = NotificationPreference.objects.filter(
        person=person, delivery=Delivery.DIGEST
    ).values("kind")
    return Notification.objects.filter(
        recipient=person, read_at__isnull=True, emailed_at__isnull=True, kind__in=digest_kinds
    ).order_by("created_at")


@task
def send_daily_digests():
    """One e-mail per person with digest preferences and something unread. Returns how many."""
    from .emails import send_digest

    waiting = Notification.objects.filter(
        recipient=OuterRef("pk"),
        read_at__isnull=True,
        emailed_at__isnull=True,
        kind__in=NotificationPreference.objects.filter(
            person=OuterRef(OuterRef("pk")), delivery=Delivery.DIGEST
        ).values("kind"),
    )
    sent = 0
    for person in User.objects.filter(is_active=True).filter(Exists(waiting)):
        with transaction.atomic():
            notices = list(digest_notices(person).select_for_update())
            if not notices:
                continue
            send_digest(person, notices)
            Notification.objects.filter(pk__in=[n.pk for n in notices]).update(
                emailed_at=timezone.now()
            )
            sent += 1
    return sent
