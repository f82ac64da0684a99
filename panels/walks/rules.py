"""Who may do what on an observation walk, as django-rules predicates.

The object of every rule is a ``Walk`` or a ``Finding`` (asked of its walk), except
``walks.review_photos`` and ``walks.create_walk``, asked of a region:

| | anonymous, others, other regions' staff | observer | region staff, administrators |
|---|---|---|---|
| see a planned or walking walk and its draft report | no (404) | yes | yes |
| read a published report | yes | yes | yes |
| record findings | no | while walking | if also an observer, while walking |
| edit or remove a finding | no | their own, while walking | no (they review photos) |
| run the walk: observers, start, publish, findings into ideas | no | no (403) | yes |
| review photos | no | no | yes |
| see a photo | approved ones, in a report they read | own; approved | all of their region |

Decision-makers read published reports like everyone: a walk is run by staff.

Registered at start-up (rules.apps.AutodiscoverRulesConfig imports every app's rules).
"""

import rules

from panels.models import STAFF_ONLY
from panels.rules import is_region_staff, serves_region

from .models import Finding, PhotoStatus, Walk


def walk_of(obj):
    if isinstance(obj, Walk):
        return obj
    if isinstance(obj, Finding):
        return obj.walk
    raise TypeError(f"No walk for {obj!r}")


@rules.predicate
def runs_walk(user, obj):
    """Staff of the walk's region, or an administrator (remembered on the walk)."""
    return serves_region(user, walk_of(obj), STAFF_ONLY)


@rules.predicate
def is_observer(user, obj):
    if not user.is_authenticated:
        return False
    walk = walk_of(obj)
    memo = walk.__dict__.setdefault("_rules_memo", {})
    key = ("observer", user.pk)
    if key not in memo:
        memo[key] = walk.observers.filter(pk=user.pk).exists()
    return memo[key]


@rules.predicate
def is_walking(user, obj):
    return walk_of(obj).is_walking


@rules.predicate
def is_published(user, obj):
    return walk_of(obj).is_published


@rules.predicate
def wrote_it(user, finding):
    return user.is_authenticated and finding.observer_id == user.pk


@rules.predicate
def photo_is_approved(user, finding):
    return finding.photo_status == PhotoStatus.APPROVED


# Walk.objects.visible_to says the same for lists.
sees_walk = is_published | is_observer | runs_walk

rules.add_perm("walks.see_walk", sees_walk)
# The recording page: those who take part or run it (everyone else reads the report).
rules.add_perm("walks.open_walk", is_observer | runs_walk)
rules.add_perm("walks.read_report", sees_walk)
rules.add_perm("walks.run_walk", runs_walk)
rules.add_perm("walks.record_finding", is_observer & is_walking)
rules.add_perm("walks.edit_finding", wrote_it & is_observer & is_walking)
rules.add_perm("walks.turn_into_idea", runs_walk)
# Object: the finding. Its uploader and the region's staff see a photo under review.
rules.add_perm("walks.see_photo", sees_walk & (photo_is_approved | wrote_it | runs_walk))
# Object: a region.
rules.add_perm("walks.review_photos", is_region_staff)
rules.add_perm("walks.create_walk", is_region_staff)
