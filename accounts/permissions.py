"""Asking the rules from a service. Every app's services call ``require_perm`` before they
change anything, so a stale page or a hand-made request is refused in one way everywhere."""

import rules
from django.core.exceptions import PermissionDenied


class NotAllowed(PermissionDenied):
    """The person may not do this (any more): the phase moved on, the idea was hidden, their
    place in the panel ended, … The permission's name is the message."""


def require_perm(user, perm, obj):
    """Raise ``NotAllowed`` unless the rule ``perm`` (django-rules, never Django's blanket
    yes for superusers) lets ``user`` act on ``obj``."""
    if not rules.has_perm(perm, user, obj):
        raise NotAllowed(perm)
