"""What can be followed, and who may follow it: filled by the apps above accounts.

accounts knows no rounds, ideas or panels. Each app registers its followable models in its
AppConfig.ready() with ``register_followable``, saying who may see one of them; following,
"my follows" and the notices to followers then ask the registry, never the app.
"""

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db.models.signals import post_delete
from django.utils import translation


@dataclass(frozen=True)
class Followable:
    model: type
    # May ``user`` see (and so follow, and be told of) ``obj``? Asked per person and thing.
    can_follow: Callable[[Any, Any], bool]
    # What the thing is called on "my follows" (shown only to those who may see it).
    label: Callable[[Any], str]
    # A QuerySet of the things ``user`` may see: lets "my follows" ask once per kind.
    visible_to: Callable[[Any], Any] | None
    # The heading of the kind on "my follows" (a lazy translation).
    kind_label: Any
    # What following brings, said under the button (a lazy translation, or "").
    description: Any = ""
    # Its address; None: ``get_absolute_url()``, or a Wagtail page's ``get_url()``.
    url: Callable[[Any], str] | None = None

    @property
    def key(self):
        """The kind's name in URLs: ``app_label.modelname``, e.g. ``ideas.idearound``."""
        return self.model._meta.label_lower

    def visible_ids(self, user, objects):
        """The pks of ``objects`` (pk → instance) that ``user`` may see: one query per kind
        with ``visible_to``, one question per thing without it."""
        if self.visible_to is not None:
            return set(
                self.visible_to(user).filter(pk__in=list(objects)).values_list("pk", flat=True)
            )
        return {pk for pk, obj in objects.items() if self.can_follow(user, obj)}


_followables: dict[str, Followable] = {}


def model_of(obj_or_model):
    """The model a thing is followed as. A Wagtail page counts as its specific class, also
    when it was fetched as a base ``Page``; any other instance as its own class."""
    if isinstance(obj_or_model, type):
        return obj_or_model
    return getattr(obj_or_model, "specific_class", None) or type(obj_or_model)


def register_followable(
    model,
    *,
    can_follow=None,
    label=str,
    visible_to=None,
    kind_label=None,
    description="",
    url=None,
):
    """Let people follow ``model``'s instances. Safe to call twice (the last call counts).

    ``can_follow(user, obj)``: whether the person may see the thing (a 404 otherwise).
    ``visible_to(user)``: a QuerySet of what they may see; give it to keep "my follows" at a
    fixed number of queries. One of the two is needed; either is derived from the other.
    ``label(obj)``: its name on "my follows"; ``kind_label``: the kind's heading there;
    ``description``: what a follower is told of, shown under the button; ``url(obj)``: its
    address, for a model without ``get_absolute_url``.
    Deleting a followed thing deletes its follows.
    """
    if can_follow is None and visible_to is None:
        raise TypeError("register_followable needs can_follow or visible_to.")
    if can_follow is None:

        def can_follow(user, obj):
            return visible_to(user).filter(pk=obj.pk).exists()

    entry = Followable(
        model=model,
        can_follow=can_follow,
        label=label,
        visible_to=visible_to,
        kind_label=kind_label or model._meta.verbose_name_plural,
        description=description,
        url=url,
    )
    _followables[entry.key] = entry
    post_delete.connect(_forget_follows, sender=model, dispatch_uid=f"follows.{entry.key}")
    return entry


def followable(obj_or_model):
    """The registration of a thing or a model; ``None`` if it cannot be followed."""
    return _followables.get(model_of(obj_or_model)._meta.label_lower)


def followable_by_key(key):
    return _followables.get(key)


def registered():
    """Every followable kind, in the order they were registered (rounds before ideas …)."""
    return list(_followables.values())


def url_of(obj, language=None):
    """A thing's address, in ``language`` if given (a notice's reader's language)."""
    entry = followable(obj)
    with translation.override(language) if language else nullcontext():
        if entry is not None and entry.url is not None:
            return entry.url(obj)
        if hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return obj.get_url()  # a Wagtail page


def _forget_follows(sender, instance, **kwargs):
    """A followed thing is gone: nobody follows it any more (a generic target cannot cascade)."""
    from .models import Follow

    Follow.objects.of_kind(sender._meta.label_lower, [instance.pk]).delete()
