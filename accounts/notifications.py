"""What a person is told. Every app notifies through ``notify``; nothing else writes notices.

Notices are written in the same transaction as the action they report, so a rolled-back
action tells nobody anything.
"""

from .models import Notification


def notify(recipient, *, kind, message, url=""):
    """Tell ``recipient`` something in the app. ``message`` is plain text, already translated
    into the language the recipient is expected to read it in."""
    if recipient is None or not recipient.is_active:
        return None
    return Notification.objects.create(recipient=recipient, kind=kind, message=message, url=url)


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
