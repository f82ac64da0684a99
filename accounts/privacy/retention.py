"""How long Kohtaamo keeps what, as ``settings.RETENTION`` says; ``manage.py apply_retention``
applies it and is run once a day.

- Notices older than ``notifications_days`` are deleted, read or not.
- An account whose e-mail address was never verified is deleted ``unverified_account_days``
  after sign-up, unless it has been used since (a log-in in that time).
- An account nobody has logged in to for ``inactive_account_days`` is warned by e-mail; if
  nobody logs in within ``inactivity_warning_days`` after that, it is deleted as its owner
  could delete it (what they wrote stays, signed "former member"). Logging in clears the
  warning.
- A data export's ZIP is deleted when its 7 days are over (accounts.privacy.downloads).

Administrators are never deleted automatically. Not kept at all, so nothing to apply: survey
CSV exports (made when downloaded) and IP addresses (counted only in the cache, for the abuse
limits, and gone with their window).
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models import Exists, OuterRef, Q
from django.dispatch import Signal, receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.emails import absolute, send_to_address
from accounts.models import Notification

from .downloads import discard_expired
from .erasure import delete_account


def retention(name):
    return timedelta(days=settings.RETENTION[name])


# Apps that keep something of their own for a limited time (panels.pool's unconfirmed
# applications) receive this with ``now`` and return {rule: rows touched}: accounts knows
# none of them.
retention_applying = Signal()


def apply_retention(now=None):
    """Apply every rule once; return how many rows each touched."""
    now = now or timezone.now()
    counts = {
        "notifications_deleted": delete_old_notifications(now),
        "unverified_accounts_deleted": delete_unverified_accounts(now),
        "inactive_accounts_warned": warn_inactive_accounts(now),
        "inactive_accounts_deleted": delete_inactive_accounts(now),
        "data_exports_discarded": discard_expired(now),
    }
    for _receiver, result in retention_applying.send(sender=None, now=now):
        counts.update(result or {})
    return counts


def delete_old_notifications(now):
    deleted, _by_model = Notification.objects.filter(
        created_at__lt=now - retention("notifications_days")
    ).delete()
    return deleted


def _deletable_people():
    return get_user_model().objects.filter(is_superuser=False)


def delete_unverified_accounts(now):
    cutoff = now - retention("unverified_account_days")
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    unverified = (
        _deletable_people()
        .filter(date_joined__lt=cutoff)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=cutoff))
        .exclude(Exists(verified))
    )
    return _delete_each(unverified)


def _last_seen_before(cutoff):
    return Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)


def warn_inactive_accounts(now):
    cutoff = now - retention("inactive_account_days")
    deleted_on = timezone.localdate(now + retention("inactivity_warning_days"))
    warned = 0
    for person in _deletable_people().filter(
        _last_seen_before(cutoff), is_active=True, inactivity_warned_at__isnull=True
    ):
        _send_inactivity_warning(person, deleted_on)
        # Saved one by one: a failure half-way leaves the rest to be warned tomorrow.
        type(person).objects.filter(pk=person.pk).update(inactivity_warned_at=now)
        warned += 1
    return warned


def delete_inactive_accounts(now):
    warned_before = now - retention("inactivity_warning_days")
    return _delete_each(
        _deletable_people().filter(
            _last_seen_before(now - retention("inactive_account_days")),
            inactivity_warned_at__lt=warned_before,
        )
    )


def _delete_each(people):
    count = 0
    for person in people:
        delete_account(person)
        count += 1
    return count


def _send_inactivity_warning(person, deleted_on):
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = _("Your Kohtaamo account will be deleted unless you log in")
        body = render_to_string(
            "accounts/email/inactivity_warning.txt",
            {
                "person": person,
                "deleted_on": deleted_on,
                "login_url": absolute(reverse("account_login")),
                "years": settings.RETENTION["inactive_account_days"] // 365,
            },
        )
    send_to_address(person.email, subject, body)


@receiver(user_logged_in, dispatch_uid="accounts.retention.logged_in")
def clear_inactivity_warning(sender, request, user, **kwargs):
    if getattr(user, "inactivity_warned_at", None) is not None:
        type(user).objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
