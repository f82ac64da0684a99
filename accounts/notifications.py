"""What a person is told, and how. Every app notifies through ``notify``.

A notice is written in the same transaction as the action it reports, so a rolled-back action
tells nobody anything. After the commit the ``unread_changed`` signal says so (the live app
pushes it to the person's open pages over ``/ws/me/``) and, if they chose so, the notice is
sent by e-mail through a task.

Apps describe the kinds of notice they send with ``register_kind`` (in their AppConfig.ready),
which gives each kind a label for the preferences page and a default delivery. An
unregistered kind is delivered in the app only.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .models import Delivery, Notification, NotificationPreference
from .signals import unread_changed


@dataclass(frozen=True)
class NotificationKind:
    name: str
    label: str
    default: str = Delivery.IN_APP


_kinds: dict[str, NotificationKind] = {}

# One kind for every moderation decision about what a person wrote (an idea, a comment, a
# message in a live room), whichever app made it: registered by accounts itself.
MODERATION = "moderation"


def register_kind(name, label, default=Delivery.IN_APP):
    """Declare a kind of notice (``label`` a lazy translation). Safe to call twice.

    A digest is something a person opts into, so a kind's default is in-app or e-mail."""
    if default not in (Delivery.IN_APP, Delivery.EMAIL):
        raise ValueError("A notification kind's default delivery is in_app or email.")
    _kinds[name] = NotificationKind(name, label, default)


def registered_kinds():
    return list(_kinds.values())


def kind_label(kind):
    """What a kind of notice is called on the page; an unregistered kind by its name."""
    registered = _kinds.get(kind)
    return registered.label if registered else kind


def delivery_for(person, kind):
    preference = NotificationPreference.objects.filter(person=person, kind=kind).first()
    if preference is not None:
        return preference.delivery
    registered = _kinds.get(kind)
    return registered.default if registered else Delivery.IN_APP


def notify(recipient, *, kind, message, url=""):
    """Tell ``recipient`` something. ``message`` may be a lazy translation (gettext_lazy,
    format_lazy): it is rendered in the recipient's own language."""
    if recipient is None or not recipient.is_active:
        return None
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        text = str(message)
    notice = Notification.objects.create(recipient=recipient, kind=kind, message=text, url=url)
    delivery = delivery_for(recipient, kind)
    transaction.on_commit(lambda: _after_commit(notice, delivery))
    return notice


def _after_commit(notice, delivery):
    push_unread_count(notice.recipient, notice=notice)
    if delivery == Delivery.EMAIL:
        from .tasks import send_notification_email

        send_notification_email.enqueue(notice.pk)


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def push_unread_count(person, notice=None):
    """Update the badge on every page the person has open (and show the new notice)."""
    unread_changed.send(
        sender=type(person), person=person, unread=unread_count(person), notice=notice
    )
