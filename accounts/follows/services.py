"""Following, and telling followers. Every app tells its followers through ``tell_followers``.

Followers are told only while they may still see the thing (a person who left a panel hears
nothing more of its panel-only round), never of their own action, and once for one event.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications import notify
from accounts.permissions import NotAllowed

from .models import Follow
from .registry import followable, followable_by_key, model_of, registered, url_of


def _registered(obj):
    entry = followable(obj)
    if entry is None:
        raise TypeError(f"{model_of(obj).__name__} is not registered as followable.")
    return entry


def _follows_of_target(obj):
    """The follows of ``obj``, by its content type's natural key: no ContentType lookup."""
    return Follow.objects.of_kind(model_of(obj)._meta.label_lower, [obj.pk])


# --- A person's follows --------------------------------------------------------------------


def follow(person, obj):
    """``person`` follows ``obj``; following again changes nothing. Raises ``NotAllowed``
    when they may not see it (views answer 404 before this)."""
    entry = _registered(obj)
    if not person.is_authenticated or not entry.can_follow(person, obj):
        raise NotAllowed("accounts.follow")
    content_type = ContentType.objects.get_for_model(model_of(obj))
    # get_or_create survives a double click's race: it fetches the row the other one wrote.
    Follow.objects.get_or_create(person=person, content_type=content_type, object_id=obj.pk)


def unfollow(person, obj):
    """Stop following ``obj``; allowed whether or not the person may still see it."""
    return unfollow_by_key(person, model_of(obj)._meta.label_lower, obj.pk)


def unfollow_by_key(person, key, object_id):
    """Stop following the thing of kind ``key`` (``ideas.idearound``) and ``object_id``,
    which need not exist any more. Returns whether a follow was removed."""
    deleted, _rows = Follow.objects.of_kind(key, [object_id]).filter(person=person).delete()
    return bool(deleted)


def is_following(person, obj):
    """One query (none for a visitor)."""
    if not person.is_authenticated:
        return False
    return _follows_of_target(obj).filter(person=person).exists()


def following_ids(person, objects):
    """The pks of those of ``objects`` (all of one model) that ``person`` follows, in one
    query: for a list with a button on each row."""
    objects = list(objects)
    if not objects or not person.is_authenticated:
        return set()
    key = model_of(objects[0])._meta.label_lower
    return set(
        Follow.objects.of_kind(key, [obj.pk for obj in objects])
        .filter(person=person)
        .values_list("object_id", flat=True)
    )


# --- Followers -----------------------------------------------------------------------------


def followers_of(obj):
    """The active people who follow ``obj``, as a User QuerySet (whether they may still see
    it is ``followers_who_may_see``)."""
    return get_user_model().objects.filter(
        is_active=True, pk__in=_follows_of_target(obj).values("person")
    )


def followers_who_may_see(obj, people=None):
    """Those of ``people`` (default: every follower) who may still see ``obj``. Access can
    end: a person removed from a panel no longer sees its round, and hears nothing of it."""
    entry = _registered(obj)
    people = followers_of(obj) if people is None else people
    return [person for person in people if entry.can_follow(person, obj)]


def _start_of_today():
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def tell_followers(
    obj,
    *,
    kind,
    message,
    url=None,
    actor=None,
    exclude=(),
    may_see=None,
    once_a_day=False,
):
    """Notify the followers of ``obj`` (in the caller's transaction, as ``notify`` does).

    Never ``actor``, nor anyone in ``exclude`` (ids of people told of the same event another
    way: a supporter already told, a member who gets the members' notice), nor anyone who may
    no longer see ``obj`` or, when given, what ``may_see(person)`` asks of the event itself.
    ``url``: a string, a callable(person), or by default ``obj``'s address in each reader's
    language. ``once_a_day``: a follower told of ``obj`` this way today is not told again
    until tomorrow (several new ideas in a day make one notice). Returns the people told.
    """
    with transaction.atomic():
        return _tell(obj, kind, message, url, actor, exclude, may_see, once_a_day)


def _tell(obj, kind, message, url, actor, exclude, may_see, once_a_day):
    skip = {pk for pk in exclude if pk is not None}
    if actor is not None:
        skip.add(actor.pk)
    follows = _follows_of_target(obj).filter(person__is_active=True).exclude(person__in=skip)
    if once_a_day:
        follows = follows.filter(
            Q(last_told_at__isnull=True) | Q(last_told_at__lt=_start_of_today())
        ).select_for_update(of=("self",))
    follows = list(follows.select_related("person").order_by("person_id"))
    entry = _registered(obj)
    told = []
    for entry_follow in follows:
        person = entry_follow.person
        if not entry.can_follow(person, obj) or (may_see is not None and not may_see(person)):
            continue
        if callable(url):
            link = url(person)
        elif url is None:
            link = url_of(obj, person.language or settings.LANGUAGE_CODE)
        else:
            link = url
        notify(person, kind=kind, message=message, url=link)
        told.append(entry_follow)
    if once_a_day and told:
        Follow.objects.filter(pk__in=[f.pk for f in told]).update(last_told_at=timezone.now())
    return [f.person for f in told]


# --- "My follows" --------------------------------------------------------------------------


@dataclass
class FollowedItem:
    follow: Follow
    key: str
    # None when the thing is gone or the person may no longer see it: then nothing of it,
    # not even its name, is shown.
    obj: Any = None
    label: str = ""
    url: str = ""

    @property
    def available(self):
        return self.obj is not None


@dataclass
class FollowedKind:
    label: Any
    items: list


def follows_of(person):
    """``person``'s follows grouped by kind, in the order the kinds were registered.

    One query for the follows, then per kind one for the things and one for which of them
    the person may still see: the count grows with the kinds, never with the follows.
    """
    by_key = defaultdict(list)
    for entry_follow in Follow.objects.filter(person=person).select_related("content_type"):
        content_type = entry_follow.content_type
        by_key[f"{content_type.app_label}.{content_type.model}"].append(entry_follow)
    groups = []
    for entry in registered():
        rows = by_key.pop(entry.key, [])
        if not rows:
            continue
        objects = entry.model._default_manager.in_bulk([f.object_id for f in rows])
        visible = entry.visible_ids(person, objects)
        items = []
        for entry_follow in rows:
            obj = objects.get(entry_follow.object_id)
            if obj is None or obj.pk not in visible:
                items.append(FollowedItem(entry_follow, entry.key))
            else:
                items.append(
                    FollowedItem(entry_follow, entry.key, obj, entry.label(obj), url_of(obj))
                )
        groups.append(FollowedKind(entry.kind_label, items))
    # Kinds no longer registered (an app removed): only unfollowing is left.
    leftovers = [FollowedItem(f, key) for key, rows in by_key.items() for f in rows]
    if leftovers:
        groups.append(FollowedKind(_("Other"), leftovers))
    return groups


def followable_or_none(key, object_id, person):
    """The thing of kind ``key`` and ``object_id`` if ``person`` may follow it; else None."""
    entry = followable_by_key(key)
    if entry is None:
        return None
    obj = entry.model._default_manager.filter(pk=object_id).first()
    if obj is None or not entry.can_follow(person, obj):
        return None
    return obj
