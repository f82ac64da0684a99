"""The effect of taking part: the group's life wheel, round by round, and its change per domain.

Computed from the stored answers of each round's survey (every respondent's), in a fixed
number of queries however many rounds and responses there are
(tests/panels/surveys/series/test_queries.py).

Suppression, for every viewer (officials included, unlike a named survey's own results page:
this page compares rounds, and a difference of two small groups can tell about a person): a
round's mean for a domain is shown only when at least MIN_RESPONSES_FOR_RESULTS people rated
that domain in that round, and the change only when both of its ends are shown.

The change is from the first round to the latest. When both are named surveys it is paired:
the mean of each person's own change, over the people who rated the domain in both rounds
(at least MIN_RESPONSES_FOR_RESULTS of them), so that people joining or leaving in between do
not pass for an effect. Anonymous rounds cannot be paired: there the change is the
difference of the two means, and the page says so.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from panels.surveys.charts import radar_chart
from panels.surveys.models import (
    MIN_RESPONSES_FOR_RESULTS,
    Answer,
    PendingAnswer,
    QuestionKind,
    Response,
    Survey,
)
from panels.surveys.services import release_pending

from .domains import series_wheels

ROUND_STYLES = 4  # wheel--round-1 … wheel--round-4 in survey_series.css, then again


def round_style(index):
    return f"wheel--round-{index % ROUND_STYLES + 1}"


@dataclass
class DomainChange:
    label: str
    # per round: (mean or None when suppressed, how many rated it)
    means: list = field(default_factory=list)
    change: float | None = None
    paired_count: int | None = None


@dataclass
class WheelChange:
    wheel: object
    domains: list
    chart: object = None

    @property
    def suppressed_any(self):
        return any(mean is None for d in self.domains for mean, _n in d.means)


@dataclass
class GroupChange:
    rounds: list
    responses: list  # per round
    wheels: list
    paired: bool


def release_closed_rounds(rounds):
    """Store the waiting anonymous answers of the rounds that have closed (as the survey's own
    results page does), in one query when none wait."""
    closed = [r.survey_id for r in rounds if r.survey.is_closed()]
    if not closed:
        return
    waiting = set(PendingAnswer.objects.filter(survey__in=closed).values_list("survey", flat=True))
    for survey_id in sorted(waiting):
        with transaction.atomic():
            release_pending(Survey.objects.select_for_update().get(pk=survey_id))


def _mean(total, n):
    return round(total / n, 1) if n >= MIN_RESPONSES_FOR_RESULTS else None


def group_change(series):
    """The group's life wheels in ``series`` over its rounds (a GroupChange)."""
    rounds = list(series.rounds.select_related("survey").order_by("number"))
    release_closed_rounds(rounds)
    shape = series_wheels(rounds)
    survey_ids = [r.survey_id for r in rounds]
    round_of_survey = {r.survey_id: r.pk for r in rounds}
    counts = dict(
        Response.objects.filter(survey__in=survey_ids)
        .values("survey")
        .annotate(n=Count("pk"))
        .values_list("survey", "n")
    )
    sums = defaultdict(lambda: (0, 0))  # (round id, wheel, domain) -> (total, n)
    rated = (
        Answer.objects.filter(
            question__survey__in=survey_ids,
            question__kind=QuestionKind.LIFE_WHEEL,
            choice__isnull=False,
            number__isnull=False,
        )
        .values("question__survey", "choice")
        .annotate(total=Sum("number"), n=Count("pk"))
    )
    for row in rated:
        round_id = round_of_survey[row["question__survey"]]
        found = shape.positions.get(round_id, {}).get(row["choice"])
        if found is not None:
            sums[(round_id, *found)] = (row["total"], row["n"])
    paired = len(rounds) > 1 and not (
        rounds[0].survey.is_anonymous or rounds[-1].survey.is_anonymous
    )
    pairs = _paired_changes(rounds, shape) if paired else {}
    wheels = []
    for wheel in shape.wheels:
        domains = []
        for m, label in enumerate(wheel.labels):
            domain = DomainChange(label=label)
            for round_ in rounds:
                total, n = sums[(round_.pk, wheel.position, m)]
                domain.means.append((_mean(total, n), n))
            first, latest = domain.means[0][0], domain.means[-1][0]
            if len(rounds) > 1 and first is not None and latest is not None:
                if paired:
                    diffs = pairs.get((wheel.position, m), [])
                    domain.paired_count = len(diffs)
                    if len(diffs) >= MIN_RESPONSES_FOR_RESULTS:
                        domain.change = round(sum(diffs) / len(diffs), 1)
                else:
                    domain.change = round(latest - first, 1)
            domains.append(domain)
        result = WheelChange(wheel=wheel, domains=domains)
        drawn = []
        for index, round_ in enumerate(rounds):
            means = [d.means[index][0] for d in domains]
            # A round with a withheld mean is not drawn: it would sit at the centre as a 0.
            if means and all(mean is not None for mean in means):
                drawn.append((_round_name(round_), means, round_style(index)))
        result.chart = radar_chart(wheel.labels, drawn) if drawn else None
        wheels.append(result)
    return GroupChange(
        rounds=rounds,
        responses=[counts.get(r.survey_id, 0) for r in rounds],
        wheels=wheels,
        paired=paired,
    )


def _paired_changes(rounds, shape):
    """(wheel, domain) -> each person's change from the first round to the latest, for the
    people who rated the domain in both (named rounds only)."""
    first, latest = rounds[0], rounds[-1]
    given = defaultdict(dict)  # (person, wheel, domain) -> {round id: rating}
    rows = Answer.objects.filter(
        response__survey__in=[first.survey_id, latest.survey_id],
        response__respondent__isnull=False,
        question__kind=QuestionKind.LIFE_WHEEL,
        choice__isnull=False,
        number__isnull=False,
    ).values_list("response__survey", "response__respondent", "choice", "number")
    round_of_survey = {first.survey_id: first.pk, latest.survey_id: latest.pk}
    for survey_id, person, choice, number in rows.iterator(chunk_size=2000):
        round_id = round_of_survey[survey_id]
        found = shape.positions.get(round_id, {}).get(choice)
        if found is not None:
            given[(person, *found)][round_id] = number
    changes = defaultdict(list)
    for (_person, n, m), ratings in given.items():
        if first.pk in ratings and latest.pk in ratings:
            changes[(n, m)].append(ratings[latest.pk] - ratings[first.pk])
    return changes


def _round_name(round_):
    return _("Round %(number)s") % {"number": round_.number}


def signed(value):
    """A change as people write it: "+2", "0", or a minus sign and the number (in the active
    language's format)."""
    if value is None:
        return "–"
    shown = number_format(abs(value), decimal_pos=0 if float(value).is_integer() else 1)
    if value > 0:
        return f"+{shown}"
    if value < 0:
        return f"−{shown}"
    return shown


def _cell(value):
    """No cell may be taken for a formula by a spreadsheet (as panels.surveys.results)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(change, out):
    """One row per domain: the raters and mean of each round (mean empty when withheld), and
    the change from the first round to the latest."""
    writer = csv.writer(out)
    head = [_("life wheel"), _("domain")]
    for round_ in change.rounds:
        name = _round_name(round_)
        head += [f"{name}: {_('ratings')}", f"{name}: {_('mean')}"]
    head += [_("change")]
    if change.paired:
        head += [_("people in both rounds")]
    writer.writerow([_cell(title) for title in head])
    for result in change.wheels:
        for domain in result.domains:
            row = [_cell(result.wheel.title), _cell(domain.label)]
            for mean, n in domain.means:
                row += [n, "" if mean is None else mean]
            row += ["" if domain.change is None else domain.change]
            if change.paired:
                row += ["" if domain.paired_count is None else domain.paired_count]
            writer.writerow(row)
