"""The response-time dashboard's figures for spontaneous feedback, counted as ideas are
(ideas.feedback.timeliness has the definitions), with these differences:

- **Feedback in scope**: every item of the regions the viewer acts for. Feedback has no
  round: a round filter narrows it to the round's region.
- **Answered**: the item has its outcome and public answer (``answered_at``); the time to
  answer is ``answered_at`` minus ``created_at`` (which is rounded down to the hour, so a
  time may read up to an hour long).
- **Waiting**, **overdue**, **answered within the target**, the **share within the target**
  and the **median** (nearest rank) as for ideas, against the same target.
- **By client group**: how many items each client group sent, folded with
  ``panels.segments.splits.suppressed_split`` so that no group under five is shown.

Each figure set is one grouped query, whatever the number of items or regions.
"""

from datetime import timedelta

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Value,
)

from ideas.feedback.timeliness import MEDIAN, Figures, nearest_rank
from panels.segments.splits import suppressed_split

from .models import Feedback

BY_REGION = "region"


def feedback_in_scope(regions):
    return Feedback.objects.filter(region__in=regions)


def with_timing(items, now):
    return items.annotate(
        response_time=ExpressionWrapper(
            F("answered_at") - F("created_at"), output_field=DurationField()
        ),
        waited=ExpressionWrapper(
            Value(now, output_field=DateTimeField()) - F("created_at"),
            output_field=DurationField(),
        ),
    )


def _counts(items, key, now, target):
    answered = Q(answered_at__isnull=False)
    waiting = Q(answered_at__isnull=True)
    rows = (
        with_timing(items, now)
        .order_by()
        .values(key)
        .annotate(
            waiting=Count("pk", filter=waiting),
            answered=Count("pk", filter=answered),
            answered_within_target=Count("pk", filter=answered & Q(response_time__lte=target)),
            overdue=Count("pk", filter=waiting & Q(created_at__lt=now - target)),
        )
    )
    return {row.pop(key): row for row in rows}


def _median(items, key, now):
    answered = with_timing(items, now).filter(answered_at__isnull=False)
    return nearest_rank(answered, key, MEDIAN)


def figures_by_region(items, *, now, target_days):
    """``{region id: Figures}`` for the regions that have feedback: two queries."""
    target = timedelta(days=target_days)
    counts = _counts(items, BY_REGION, now, target)
    medians = _median(items, BY_REGION, now)
    return {group: Figures(**counts[group], median=medians.get(group)) for group in counts}


def client_group_split(items):
    """How many items each client group sent, with small groups folded: one query (the
    labels come with it)."""
    rows = (
        items.order_by()
        .values("client_group", "client_group__name", "client_group__region__name")
        .annotate(count=Count("pk"))
    )
    counts, labels = {}, {}
    for row in rows:
        key = row["client_group"]
        counts[key] = counts.get(key, 0) + row["count"]
        if key is not None:
            labels[key] = f"{row['client_group__name']} ({row['client_group__region__name']})"
    return suppressed_split(counts, labels)
