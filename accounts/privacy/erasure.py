"""Deleting an account at its owner's request (GDPR art. 17), at once, without a grace period.

What happens to each kind of row is decided where the row is defined: the foreign keys to the
user either cascade (the person's own settings and traces: memberships, supports, markers,
notices, preferences, exports, e-mail addresses) or are set to NULL (what they said to others:
ideas, comments, room messages, responses, feedback, named survey answers), which every page
shows as "former member". Before the row goes, ``account_erasing`` lets each app do what a
foreign key cannot: remove the person's words when they ask for it, forget invitations sent
to their address, keep an official response attributed to its role and region.

Also purged here: the person's sessions and the name the admin's history gave them.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Sent inside the deletion's transaction, before the person's row is deleted, with
# ``person`` and ``remove_words`` (True: the person asked that their words go too). A receiver
# that raises undoes the whole deletion.
account_erasing = Signal()


class LastAdministrator(Exception):
    """The only active administrator cannot delete their account: nobody could then grant
    roles or run the admin."""


def ensure_deletable(person):
    """Raise LastAdministrator if ``person`` is the only active administrator."""
    others = get_user_model().objects.filter(is_superuser=True, is_active=True)
    if person.is_superuser and not others.exclude(pk=person.pk).exists():
        raise LastAdministrator


@transaction.atomic
def delete_account(person, *, remove_words=False):
    """Delete ``person``'s account and everything that names them (see the module's text).
    Returns the number of sessions ended."""
    ensure_deletable(person)
    account_erasing.send(sender=get_user_model(), person=person, remove_words=remove_words)
    ended = end_sessions(person.pk)
    _forget_in_admin_history(person)
    # The cascades and SET_NULLs of every foreign key to the user.
    person.delete()
    return ended


def end_sessions(user_id):
    """Delete every stored session signed in as ``user_id``. Sessions are not indexed by
    person, so each live one is read: a deletion is rare, and this runs once for it."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def _forget_in_admin_history(person):
    """Wagtail's history keeps the title of what was changed (for a person, their e-mail
    address): the entries about the person stay, as about a former member."""
    from wagtail.models import ModelLogEntry

    with translation.override(settings.LANGUAGE_CODE):
        label = _("former member")
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(person, for_concrete_model=False),
        object_id=str(person.pk),
    ).update(label=label, data={})
