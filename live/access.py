"""Asking open sockets to check their access again, when it may have ended while they are open.

A discussion's consumer (live.discussion) checks who may watch when it connects. Where that
can change mid-session (a person removed from a panel, say), the consumer also joins
*access groups* that the app names, one per person and scope; the app sends ``recheck`` to
those groups after the change is committed, and every socket in them, in every tab and on
every worker, asks its rules again and closes (4403) if the answer is now no.

Every socket of a signed-in person also listens to the person's own group, rechecked when
they log out or their account changes (password, role, active flag): the socket then asks
the session store whether its session is still theirs, as Django asks on every request.
"""

from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .groups import send_to_group

RECHECK = "live.recheck"  # handled by LiveDiscussionConsumer.live_recheck


def recheck_later(group_names):
    """After the commit, ask the sockets in each of ``group_names`` to check their access."""
    group_names = sorted(set(group_names))
    if group_names:
        transaction.on_commit(lambda: recheck_now(group_names))


def recheck_now(group_names):
    for name in group_names:
        send_to_group(name, {"type": RECHECK})


# --- The person behind a socket -------------------------------------------------------------


def person_access_group(user_id):
    """Every socket of a signed-in person, on every live surface, listens here: a logout, a
    deactivation, a new password, a new role or region rechecks them all."""
    return f"live.access.person-{user_id}"


def recheck_person_later(user_id):
    recheck_later([person_access_group(user_id)])


def signed_in_person(scope):
    """Sync. The person as they are now, if the session this socket opened with is still the
    signed-in session of the same, active person; None if it is not. Asked from the session
    store, as Django asks on every request: a logout deletes the session, a password change
    or deactivation makes it fail the auth check. An anonymous watcher stays anonymous."""
    user = scope.get("user")
    if user is None or not user.is_authenticated:
        return user
    session = scope.get("session")
    if session is None or not session.session_key:
        return None
    fresh = import_module(settings.SESSION_ENGINE).SessionStore(session.session_key)
    current = auth.get_user(SimpleNamespace(session=fresh))
    return current if current.is_authenticated and current.pk == user.pk else None


def still_signed_in(scope):
    """Sync. See ``signed_in_person``."""
    return signed_in_person(scope) is not None


def _person_changed(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A saved person may have a new password, role or active flag: every socket of theirs
    asks again. A login only stamps last_login and changes nothing a socket depends on."""
    if created or raw or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    recheck_person_later(instance.pk)


def _person_deleted(sender, instance, **kwargs):
    recheck_person_later(instance.pk)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        recheck_person_later(user.pk)


def connect_receivers():
    """Called from LiveConfig.ready, once the user model is known."""
    post_save.connect(_person_changed, sender=get_user_model(), dispatch_uid="live.access.person")
    post_delete.connect(
        _person_deleted, sender=get_user_model(), dispatch_uid="live.access.person_deleted"
    )
    user_logged_out.connect(_logged_out, dispatch_uid="live.access.logged_out")
