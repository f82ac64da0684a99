"""The response-time dashboard's figures: how quickly the officials of a region answer ideas,
and whether their answers answered.

Definitions (the page, the CSV and the tests use these and nothing else):

- **Ideas in scope**: public ideas (not hidden, not withdrawn) that have not been merged into
  another idea, in the rounds (public and panel rounds) of the regions the viewer acts for.
  A merged idea's wait ended with the merge; counting it would count its idea twice.
- **Answered**: the idea has at least one official response. **Days to first response**:
  the first response's ``published_at`` minus the idea's ``created_at``, in fractional days.
- **Waiting**: no response yet. **Overdue**: waiting for longer than the target
  (``settings.IDEA_RESPONSE_TARGET_DAYS``, 30 days by default).
- **Median and 90th percentile** of the days to first response, over the answered ideas, by
  the nearest-rank definition (PostgreSQL's ``percentile_disc``): sort the n times and take
  the one at position ceil(p * n). So the median of 2, 10, 20, 40 days is 10 (not 15), and
  the 90th percentile is 40. It is always a time some idea really had.
- **Share answered within the target** = ideas answered within the target / (answered ideas
  + overdue ideas). The denominator holds every idea whose outcome against the target is
  already known: an idea still waiting but not yet past the target may yet be answered in
  time, so it counts neither for nor against. Both numbers are shown beside the share.
- **Feedback on the responses**: the verdicts (yes / partly / no, "did this answer the
  idea?") that authors and supporters gave on every response to an idea in scope, not only
  the first; shown as the share of each verdict of all verdicts given.

Everything is counted in the database: each figure set is one grouped query per grouping
(by region, by round), whatever the number of ideas, rounds or regions. Python only turns
the few aggregated durations into days for display. Percentiles use window functions
(``ROW_NUMBER`` and ``COUNT`` over the group), which SQLite and PostgreSQL both have;
SQLite has no ``percentile_cont``/``percentile_disc``.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import RowNumber

from ideas.models import Idea, SubqueryCount
from panels.models import Region

from .models import OfficialResponse, ResponseFeedback, Verdict
from .statuses import IdeaStatus

DAY_SECONDS = 24 * 60 * 60

# The groupings: the key of an idea's group, as a lookup from the idea.
BY_REGION = "round__region"
BY_ROUND = "round"

# Percentiles as whole per cents, so that ceil(p * n / 100) stays integer arithmetic in SQL.
MEDIAN = 50
P90 = 90


def target_days():
    return settings.IDEA_RESPONSE_TARGET_DAYS


def regions_for(user):
    """Regions whose figures ``user`` sees: those they act for as staff or a decision-maker,
    every region for administrators, none for anyone else (Region.objects.served_by)."""
    return Region.objects.served_by(user)


def ideas_in_scope(regions, round_=None):
    ideas = (
        Idea.objects.public()
        .filter(round__region__in=regions, merged_into__isnull=True)
        .exclude(status=IdeaStatus.MERGED)
    )
    if round_ is not None:
        ideas = ideas.filter(round=round_)
    return ideas


def with_timing(ideas, now):
    """Annotate when the idea was first answered, how long that took, and how long it has
    been waiting (meaningful for unanswered ideas only)."""
    first = (
        OfficialResponse.objects.filter(idea=OuterRef("pk"))
        .order_by("published_at", "pk")
        .values("published_at")[:1]
    )
    return ideas.annotate(
        first_response_at=Subquery(first, output_field=DateTimeField()),
        response_time=ExpressionWrapper(
            F("first_response_at") - F("created_at"), output_field=DurationField()
        ),
        waited=ExpressionWrapper(
            Value(now, output_field=DateTimeField()) - F("created_at"),
            output_field=DurationField(),
        ),
    )


def days(duration):
    """A duration as fractional days, for display; None stays None."""
    if duration is None:
        return None
    return duration.total_seconds() / DAY_SECONDS


def percent(part, whole):
    return None if not whole else round(100 * part / whole)


@dataclass
class Figures:
    """One row of a dashboard table: the figures of one region or one round."""

    waiting: int = 0
    answered: int = 0
    answered_within_target: int = 0
    overdue: int = 0
    median: timedelta | None = None
    p90: timedelta | None = None
    feedback_yes: int = 0
    feedback_partly: int = 0
    feedback_no: int = 0

    @property
    def median_days(self):
        return days(self.median)

    @property
    def p90_days(self):
        return days(self.p90)

    @property
    def measured(self):
        """The denominator of the share within target: answered plus overdue ideas."""
        return self.answered + self.overdue

    @property
    def share_within_target(self):
        return percent(self.answered_within_target, self.measured)

    @property
    def feedback_count(self):
        return self.feedback_yes + self.feedback_partly + self.feedback_no

    @property
    def feedback_yes_share(self):
        return percent(self.feedback_yes, self.feedback_count)

    @property
    def feedback_partly_share(self):
        return percent(self.feedback_partly, self.feedback_count)

    @property
    def feedback_no_share(self):
        return percent(self.feedback_no, self.feedback_count)


def _counts(ideas, key, now, target):
    """Waiting, answered, answered within target and overdue per group: one query."""
    answered = Q(first_response_at__isnull=False)
    waiting = Q(first_response_at__isnull=True)
    rows = (
        with_timing(ideas, now)
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


def counts_by(ideas, key, *, now, target_days):
    """``{group: {waiting, answered, answered_within_target, overdue}}`` for any grouping
    ``key`` of the ideas (a lookup or an annotation, e.g. the month cms.statistics groups by):
    one query, by the definitions above."""
    return _counts(ideas, key, now, timedelta(days=target_days))


def nearest_rank(timed, key, fraction):
    """The ``fraction``-th percentile (in per cent) of ``response_time`` per group of ``key``,
    by nearest rank, over ``timed``: rows annotated with a ``response_time`` and already
    narrowed to those answered. One query returning one row per group.

    Each row gets its position in its group (sorted by time, ties by id) and the group's size
    n; the row kept is the one at position ceil(p * n), computed with p in per cent as
    (n * p + 99) // 100 in integer arithmetic. One query per percentile: Django 6.1 compiles
    ``position__in=[rank_a, rank_b]`` over window expressions wrongly (it drops one of the
    two ranks). Used for ideas here and for spontaneous feedback (ideas.service_feedback)."""
    group = [F(key)]
    rank = ExpressionWrapper((F("size") * fraction + 99) / 100, output_field=IntegerField())
    rows = (
        timed.annotate(
            position=Window(
                RowNumber(),
                partition_by=group,
                order_by=[F("response_time").asc(), F("pk").asc()],
            ),
            size=Window(Count("pk"), partition_by=group),
        )
        .filter(position=rank)
        .order_by()
        .values_list(key, "response_time")
    )
    return dict(rows)


def _percentile(ideas, key, now, fraction):
    answered = with_timing(ideas, now).filter(first_response_at__isnull=False)
    return nearest_rank(answered, key, fraction)


def _feedback(ideas, key):
    """Verdicts given on every response to the ideas, per group: one query."""
    rows = (
        ResponseFeedback.objects.filter(response__idea__in=ideas.values("pk"))
        .order_by()
        .values(f"response__idea__{key}")
        .annotate(
            feedback_yes=Count("pk", filter=Q(verdict=Verdict.YES)),
            feedback_partly=Count("pk", filter=Q(verdict=Verdict.PARTLY)),
            feedback_no=Count("pk", filter=Q(verdict=Verdict.NO)),
        )
    )
    return {row.pop(f"response__idea__{key}"): row for row in rows}


def figures_by(ideas, key, *, now, target_days):
    """``{group id: Figures}`` for every group that has ideas in scope, for ``key``
    ``BY_REGION`` or ``BY_ROUND``. Four queries, whatever the number of ideas and groups."""
    target = timedelta(days=target_days)
    counts = _counts(ideas, key, now, target)
    medians = _percentile(ideas, key, now, MEDIAN)
    p90s = _percentile(ideas, key, now, P90)
    feedback = _feedback(ideas, key)
    return {
        group: Figures(
            **counts[group],
            median=medians.get(group),
            p90=p90s.get(group),
            **feedback.get(group, {}),
        )
        for group in counts
    }


def overdue_ideas(ideas, *, now, target_days):
    """Ideas waiting longer than the target, the longest waiting first, with ``waited``."""
    return (
        with_timing(ideas, now)
        .filter(first_response_at__isnull=True, created_at__lt=now - timedelta(days=target_days))
        .select_related("round__region")
        .order_by("created_at", "pk")
    )


def export_rows(ideas, *, now):
    """Every idea in scope with its timing and the verdicts on its responses, for the CSV:
    one query, read in chunks."""
    verdicts = {
        f"feedback_{verdict}": SubqueryCount(
            ResponseFeedback.objects.filter(response__idea=OuterRef("pk"), verdict=verdict).values(
                "pk"
            )
        )
        for verdict in Verdict.values
    }
    return (
        with_timing(ideas, now)
        .annotate(**verdicts)
        .select_related("round__region")
        .order_by("round__region__name", "round__title", "created_at", "pk")
    )
