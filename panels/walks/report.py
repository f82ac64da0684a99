"""The merged report of a walk: every observer's findings, grouped by place (in the route's
order) and, within a place, by aspect, with the photos the reader may see.

The page costs the same number of queries however many findings and observers a walk has:
places and findings are read once each (with their observers, and the idea a finding became
where ideas has added that relation), and the photo rules are answered from facts remembered
on the walk.
"""

from dataclasses import dataclass, field

import rules
from django.core.exceptions import ObjectDoesNotExist

from .models import Aspect, Finding


@dataclass
class AspectGroup:
    key: str
    label: str
    findings: list = field(default_factory=list)


@dataclass
class PlaceGroup:
    place: object  # None: findings whose place was taken off the route
    aspects: list = field(default_factory=list)

    @property
    def count(self):
        return sum(len(group.findings) for group in self.aspects)


def _idea_relation():
    """Whether ideas has added ``Finding.idea`` (ideas.Idea.walk_finding)."""
    return any(
        relation.name == "idea" and relation.one_to_one
        for relation in Finding._meta.related_objects
    )


def idea_of(finding):
    try:
        return getattr(finding, "idea", None)
    except ObjectDoesNotExist:
        return None


def findings_of(walk):
    findings = walk.findings.select_related("observer", "place")
    if _idea_relation():
        findings = findings.select_related("idea")
    findings = list(findings)
    for finding in findings:
        finding.walk = walk  # the rules' memos live on this one instance
    return findings


def merged(walk, user):
    """The report's groups, each finding with ``show_photo`` and ``became_idea`` set."""
    places = list(walk.template.places.all())
    by_place = {place.pk: PlaceGroup(place) for place in places}
    removed = PlaceGroup(None)
    order = list(Aspect.values)
    for finding in findings_of(walk):
        finding.show_photo = finding.has_photo and rules.has_perm("walks.see_photo", user, finding)
        finding.became_idea = idea_of(finding)
        group = by_place.get(finding.place_id, removed)
        aspects = {aspect.key: aspect for aspect in group.aspects}
        if finding.aspect not in aspects:
            aspects[finding.aspect] = AspectGroup(finding.aspect, Aspect(finding.aspect).label)
            group.aspects = sorted(aspects.values(), key=lambda a: order.index(a.key))
        aspects[finding.aspect].findings.append(finding)
    groups = [by_place[place.pk] for place in places]
    if removed.aspects:
        groups.append(removed)
    return groups
