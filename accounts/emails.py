"""Notification e-mail: one notice at once, or a day's notices in a digest.

Every message carries a link that stops that kind of e-mail without logging in, and the
List-Unsubscribe headers that mail clients turn into a one-click button (RFC 8058).

Such a link acts for the person without a password, so it is limited: it names the person by
their ``email_token_key`` (never by their id), works for ``UNSUBSCRIBE_MAX_AGE``, and stops
working as soon as the key changes (a new password, or the person asking for it on their
preferences page). Whoever holds an expired or revoked link is asked to log in instead.

Every subject passes through ``one_line``: titles and names that people write end up in
subjects, and a mail header with a line break in it cannot be sent at all.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import User

# Links from before the key existed were signed with another salt and no timestamp: they read
# as not valid rather than being mistaken for timestamped ones.
UNSUBSCRIBE_SALT = "kohtaamo.notifications.unsubscribe.v2"
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)
DIGEST = "digest"


class LinkNoLongerValid(Exception):
    """A genuine link that has expired, or whose key the person has since changed."""


def one_line(text):
    """``text`` with every run of whitespace, line breaks included, made one space."""
    return " ".join(str(text).split())


def unsubscribe_token(person, kind):
    """A signed, timestamped token naming the person's current key and the kind (or
    ``DIGEST``). It carries no user id: the payload is readable, only the signature is
    secret."""
    return signing.dumps({"s": person.email_token_key, "k": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(person, kind) for a valid token. Raises ``signing.BadSignature`` for a token that was
    tampered with or never was one, and ``LinkNoLongerValid`` for one that has expired, was
    revoked, or belongs to an account that is no longer active."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkNoLongerValid from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), str) or "k" not in data:
        raise signing.BadSignature("Not an unsubscribe token.")
    person = User.objects.filter(email_token_key=data["s"], is_active=True).first()
    if person is None:
        raise LinkNoLongerValid
    return person, data["k"]


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_to_address(address, subject, body):
    """A plain message to an address that need not belong to anyone yet (an invitation)."""
    send_mail(one_line(subject), body, None, [address])


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
            subject=one_line(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"),
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
        subject = _("Kohtaamo: %(message)s") % {"message": one_line(notice.message)[:70]}
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
