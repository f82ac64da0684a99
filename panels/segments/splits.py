"""Counting by group without exposing anyone: a group with fewer than MIN_GROUP_SIZE people
is folded into "other or not told"; a fold that is itself too small takes in the smallest
group shown, so no number under the minimum is ever shown, nor derivable from the total.

Used wherever a result, a dashboard or a statistic is split by client group, channel or
service area."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MIN_GROUP_SIZE = 5
OTHER = _("Other or not told")


@dataclass(frozen=True)
class Split:
    label: str
    count: int
    key: object = None  # None for the fold of small and unknown groups


def suppressed_split(counts, labels, minimum=MIN_GROUP_SIZE):
    """``counts``: {key: number of people}, where the key None means "not told";
    ``labels``: {key: label}. Returns the groups large enough to show, largest first, then
    the fold. Returns [] when even the total is too small to show anything."""
    total = sum(counts.values())
    if total < minimum:
        return []
    shown = {key: n for key, n in counts.items() if key is not None and n >= minimum}
    folded = total - sum(shown.values())
    # A fold smaller than the minimum would show a small group by itself: it takes in the
    # smallest group shown, which keeps it at or above the minimum.
    if 0 < folded < minimum and shown:
        smallest = min(shown, key=shown.get)
        folded += shown.pop(smallest)
    rows = [
        Split(str(labels.get(key, key)), n, key)
        for key, n in sorted(shown.items(), key=lambda item: (-item[1], str(labels.get(item[0]))))
    ]
    if folded:
        rows.append(Split(str(OTHER), folded))
    return rows
