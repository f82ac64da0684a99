"""Notification e-mail: one notice at once, or a day's notices in a digest.

Every message carries a link that stops that kind of e-mail without logging in, and the
List-Unsubscribe headers that mail clients turn into a one-click button (RFC 8058).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

UNSUBSCRIBE_SALT = "kohtaamo.notifications.unsubscribe"
DIGEST = "digest"


def unsubscribe_token(person, kind):
    """A token naming the person and the kind (or ``DIGEST``). It does not expire, so it
    carries no timestamp: the same link stays valid in every e-mail."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"p": person.pk, "k": kind})


def read_unsubscribe_token(token):
    """(person id, kind), or None for a token that was tampered with."""
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return data["p"], data["k"]


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(person, subject, template, context, kind):
    with translation.override(person.language or settings.LANGUAGE_CODE):
        unsubscribe_url = absolute(reverse("unsubscribe", args=[unsubscribe_token(person, kind)]))
        body = render_to_string(
            template,
            {
                **context,
                "person": person,
                "unsubscribe_url": unsubscribe_url,
                "preferences_url": absolute(reverse("notification_preferences")),
            },
        )
        message = EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=body,
            to=[person.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.send()


def send_notice(notice):
    from django.utils.translation import gettext as _

    person = notice.recipient
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = _("Kohtaamo: %(message)s") % {"message": notice.message[:70]}
    _send(
        person,
        subject,
        "accounts/email/notification.txt",
        {"notice": notice, "url": absolute(notice.url) if notice.url.startswith("/") else ""},
        notice.kind,
    )


def send_digest(person, notices):
    from django.utils.translation import gettext as _

    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = _("Your daily summary from Kohtaamo")
    items = [
        {"notice": notice, "url": absolute(notice.url) if notice.url.startswith("/") else ""}
        for notice in notices
    ]
    _send(person, subject, "accounts/email/digest.txt", {"items": items}, DIGEST)
