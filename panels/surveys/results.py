"""A survey's results: counts, percentages, averages and distributions, and its CSV export.

Everything is counted in the database with a fixed number of GROUP BY queries for the whole
survey, however many responses and questions it has (tests/panels/surveys/test_queries.py).

Suppression: with fewer than MIN_RESPONSES_FOR_RESULTS responses no breakdown is shown, only
the number of responses, so that a handful of answers cannot be traced to people. The same
threshold holds for each question (an optional question may be answered by one person in a
survey of a hundred) and for each life-wheel domain (each is rated on its own): below it
the question shows only how many answered it, and the domain no average. This holds for
everyone in an anonymous survey, staff included (and its CSV export is refused below the
threshold), and for participants in a named survey; the region's officials see a named
survey's breakdowns at once (they can see who answered anyway, e.g. in a client meeting).

Steps: results must not change with one person's answer, or whoever compares the page before
and after someone they know answered reads that answer. An anonymous survey's responses are
stored in groups (panels.surveys.services.release_pending), so its results move a group at a
time by themselves. A named survey's are stored at once; participants see them counted in
steps of ``anonymity_batch()`` (the earliest responses, a whole number of steps) while the
survey is open, and all of them once it closes. The region's officials see all at once.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .charts import bar_chart, radar_chart
from .models import (
    CHOICE_KINDS,
    MIN_RESPONSES_FOR_RESULTS,
    NUMBER_KINDS,
    Answer,
    QuestionKind,
    Response,
    anonymity_batch,
)

# Written answers listed per question on the page; the CSV export has them all.
TEXTS_SHOWN = 50
# One response's answers to one question, in the order its choices (life-wheel domains) are
# shown, an "other" text last. Keys are random, so they say nothing about order.
ANSWER_ORDER = (F("choice__sort_order").asc(nulls_last=True), "choice", "text")


@dataclass
class Row:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    rows: list = field(default_factory=list)
    average: float | None = None
    domains: list = field(default_factory=list)  # life wheel: (label, average, count)
    texts: list = field(default_factory=list)
    text_count: int = 0
    chart: object = None
    # Too few answered the question to show its breakdown, averages and written answers.
    suppressed: bool = False
    # Life wheel: how many domains have too few ratings to show their average.
    suppressed_domains: int = 0

    @property
    def dom_id(self):
        return f"result-{self.question.pk}"


@dataclass
class SurveyResults:
    total: int
    suppressed: bool
    questions: list
    # Counted in steps: the newest few responses are left out until a step fills up.
    stepped: bool = False


def is_suppressed(survey, total, *, official):
    """Whether ``total`` answers (to the survey, a question or a life-wheel domain) are too
    few to show for this viewer."""
    if total >= MIN_RESPONSES_FOR_RESULTS:
        return False
    return survey.is_anonymous or not official


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _text_order(survey):
    """The order written answers are listed in. A named survey's come newest first. An
    anonymous survey's come alphabetically: listed by time (or by key, which used to follow
    time), the answer on top after a reload would be the one just sent, by the person one
    saw answering."""
    if survey.is_anonymous:
        return [F("text").asc(), F("pk").asc()]
    return [F("response__submitted_at").desc(), F("pk").asc()]


def is_stepped(survey, *, official):
    """Whether this viewer sees a named survey's results in steps (see the module docstring).
    An anonymous survey's responses come in steps already."""
    return not (survey.is_anonymous or official or survey.is_closed())


def results_for(survey, questions, *, official, free_text):
    """The results of ``survey`` (``questions`` with their choices prefetched) for a viewer
    who is (``official``) or is not one of the region's officials, with the written answers
    when ``free_text``."""
    stored = Response.objects.filter(survey=survey).count()
    stepped = is_stepped(survey, official=official)
    total = stored - stored % anonymity_batch() if stepped else stored
    if is_suppressed(survey, total, official=official):
        results = [QuestionResult(question, suppressed=True) for question in questions]
        return SurveyResults(total=total, suppressed=True, questions=results, stepped=stepped)
    results = [QuestionResult(question) for question in questions]

    answers = Answer.objects.filter(question__survey=survey)
    if total < stored:
        counted = Response.objects.filter(survey=survey).order_by("submitted_at", "pk")
        answers = answers.filter(response__in=counted.values("pk")[:total])
    per_question = {
        row["question"]: row
        for row in answers.values("question").annotate(
            respondents=Count("response", distinct=True),
            texts=Count("pk", filter=~Q(text="")),
        )
    }
    choice_counts = defaultdict(dict)
    for row in (
        answers.filter(question__kind__in=CHOICE_KINDS)
        .values("question", "choice")
        .annotate(n=Count("pk"))
    ):
        choice_counts[row["question"]][row["choice"]] = row["n"]
    number_counts = defaultdict(dict)
    for row in (
        answers.filter(question__kind__in=NUMBER_KINDS)
        .values("question", "number")
        .annotate(n=Count("pk"))
    ):
        number_counts[row["question"]][row["number"]] = row["n"]
    averages = {
        (row["question"], row["choice"]): (row["average"], row["n"])
        for row in answers.filter(number__isnull=False)
        .values("question", "choice")
        .annotate(average=Avg("number"), n=Count("pk"))
    }
    texts = defaultdict(list)
    if free_text:
        listed = (
            answers.exclude(text="")
            .annotate(
                position=Window(
                    RowNumber(), partition_by=F("question"), order_by=_text_order(survey)
                )
            )
            .filter(position__lte=TEXTS_SHOWN)
            .values_list("question", "text")
        )
        for question_id, text in listed:
            texts[question_id].append(text)

    for result in results:
        question = result.question
        counts = per_question.get(question.pk, {})
        result.answered = counts.get("respondents", 0)
        result.text_count = counts.get("texts", 0)
        result.suppressed = is_suppressed(survey, result.answered, official=official)
        if result.suppressed:
            continue
        result.texts = texts.get(question.pk, [])
        if question.kind in CHOICE_KINDS:
            counted = choice_counts.get(question.pk, {})
            labels = [(choice.pk, choice.label) for choice in question.choices.all()]
            if question.allow_other:
                labels.append((None, _("Other")))
            result.rows = [
                Row(label, counted.get(pk, 0), _percent(counted.get(pk, 0), result.answered))
                for pk, label in labels
            ]
        elif question.kind in NUMBER_KINDS:
            counted = number_counts.get(question.pk, {})
            low, high = question.scale
            result.rows = []
            for value in range(low, high + 1):
                label = str(value)
                if value == low and question.low_label:
                    label = f"{value} – {question.low_label}"
                elif value == high and question.high_label:
                    label = f"{value} – {question.high_label}"
                count = counted.get(value, 0)
                result.rows.append(Row(label, count, _percent(count, result.answered)))
            average = averages.get((question.pk, None))
            result.average = round(average[0], 1) if average else None
        elif question.kind == QuestionKind.LIFE_WHEEL:
            for domain in question.choices.all():
                average, count = averages.get((question.pk, domain.pk), (None, 0))
                if average is not None and is_suppressed(survey, count, official=official):
                    average = None
                    result.suppressed_domains += 1
                result.domains.append(
                    (domain.label, round(average, 1) if average is not None else None, count)
                )
        if result.rows:
            result.chart = bar_chart(
                [(row.label, row.percent, f"{number_format(row.percent)} %") for row in result.rows]
            )
    return SurveyResults(total=total, suppressed=False, questions=results, stepped=stepped)


def wheel_chart(result, own=None):
    """The life wheel of ``result``: the averages, and ``own`` ratings (domain id -> value)
    against them when given. The averages are drawn only when every domain has one: a
    missing (suppressed) average would be drawn at the centre, as if it were 0."""
    question = result.question
    labels = [label for label, _average, _count in result.domains]
    averages = [average for _l, average, _c in result.domains]
    series = []
    if all(average is not None for average in averages):
        series.append((_("Average"), averages, "wheel--average"))
    if own is not None:
        values = [own.get(domain.pk) for domain in question.choices.all()]
        series.append((_("Your answers"), values, "wheel--own"))
    return radar_chart(labels, series) if series else None


def own_answers(survey, user):
    """A person's own answers in a named survey, by question id: a list of answer rows."""
    if not user.is_authenticated or survey.is_anonymous:
        return None
    rows = (
        Answer.objects.filter(response__survey=survey, response__respondent=user)
        .select_related("choice")
        .order_by(*ANSWER_ORDER)
    )
    mine = defaultdict(list)
    for answer in rows:
        mine[answer.question_id].append(answer)
    return mine


def describe(answer):
    """An answer as one line of text."""
    if answer.choice_id and answer.number is not None:
        return f"{answer.choice.label}: {answer.number}"
    if answer.choice_id:
        return answer.choice.label
    if answer.number is not None:
        return str(answer.number)
    return answer.text


def _cell(value):
    """A spreadsheet must not take a cell for a formula: every cell of the export (names,
    question texts and labels as much as answers) goes through here."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(survey, questions, out):
    """One row per response, one column per question (a life wheel: one per domain).

    Several choices in one answer are joined with "; ". A named survey's rows are numbered
    in the order they were sent. In an anonymous survey the rows come in no meaningful order
    (by their random keys) and carry no number, and the time is the day only.
    """
    columns = []
    for question in questions:
        if question.kind == QuestionKind.LIFE_WHEEL:
            for domain in question.choices.all():
                columns.append((question.pk, domain.pk, f"{question.text}: {domain.label}"))
        else:
            columns.append((question.pk, None, question.text))
    writer = csv.writer(out)
    head = [] if survey.is_anonymous else [_("response"), _("respondent")]
    head += [_("submitted")] + [title for _q, _d, title in columns]
    writer.writerow([_cell(title) for title in head])

    responses = Response.objects.filter(survey=survey).select_related("respondent")
    responses = responses.order_by("pk" if survey.is_anonymous else "submitted_at", "pk")
    answers = Answer.objects.filter(question__survey=survey).select_related("choice")
    cells = defaultdict(lambda: defaultdict(list))
    # Two queries for the whole export; iterator() keeps memory flat for big surveys.
    for answer in answers.order_by(*ANSWER_ORDER).iterator(chunk_size=2000):
        key = (answer.question_id, answer.choice_id)
        if answer.number is not None and answer.choice_id:
            cells[answer.response_id][key].append(str(answer.number))
        else:
            cells[answer.response_id][(answer.question_id, None)].append(describe(answer))
    for number, response in enumerate(responses.iterator(chunk_size=2000), start=1):
        mine = cells.get(response.pk, {})
        # Times in the site's time zone: a response sent after midnight in Helsinki is on
        # the next day, even though it is still the previous day in UTC.
        if survey.is_anonymous:
            row = [timezone.localdate(response.submitted_at).isoformat()]
        else:
            who = response.respondent.display_name if response.respondent else ""
            sent = timezone.localtime(response.submitted_at).isoformat(timespec="seconds")
            row = [number, who, sent]
        row += ["; ".join(mine.get((q, d), [])) for q, d, _title in columns]
        writer.writerow([_cell(value) for value in row])
