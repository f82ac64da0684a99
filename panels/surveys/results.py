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

Split (``split_results``): by channel (self-answered, or the interview's channel) or by client
group, each group large enough (panels.segments.splits.suppressed_split, small groups folded
together), always, for officials too; within the groups the rules above, and a question is
shown for the groups only when it is shown for every group (see split_results).
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from panels.segments.models import ClientGroup
from panels.segments.splits import suppressed_split

from .charts import bar_chart, radar_chart
from .models import (
    CHOICE_KINDS,
    MIN_RESPONSES_FOR_RESULTS,
    NUMBER_KINDS,
    Answer,
    Channel,
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
    # Tells the ids apart when the same question is shown for several groups.
    prefix: str = ""
    # Too few answered the question to show its breakdown, averages and written answers.
    suppressed: bool = False
    # Life wheel: how many domains have too few ratings to show their average.
    suppressed_domains: int = 0

    @property
    def dom_id(self):
        return f"result-{self.prefix}{self.question.pk}"


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


def _counted(survey, official):
    """(stored, total, stepped, answers): how many responses are stored, how many this viewer
    sees counted, whether in steps, and the answers of the counted responses."""
    stored = Response.objects.filter(survey=survey).count()
    stepped = is_stepped(survey, official=official)
    total = stored - stored % anonymity_batch() if stepped else stored
    answers = Answer.objects.filter(question__survey=survey)
    if total < stored:
        answers = answers.filter(response__in=_counted_responses(survey, total))
    return stored, total, stepped, answers


def _counted_responses(survey, total):
    counted = Response.objects.filter(survey=survey).order_by("submitted_at", "pk")
    return counted.values("pk")[:total]


@dataclass
class Tally:
    """The counts of one group of responses (or of all), as the GROUP BY queries gave them."""

    respondents: dict = field(default_factory=lambda: defaultdict(int))
    texts: dict = field(default_factory=lambda: defaultdict(int))
    choices: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    numbers: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    # (question, choice) -> [sum of the numbers, how many]
    sums: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, other):
        for question, n in other.respondents.items():
            self.respondents[question] += n
        for question, n in other.texts.items():
            self.texts[question] += n
        for mine, theirs in ((self.choices, other.choices), (self.numbers, other.numbers)):
            for question, counts in theirs.items():
                for key, n in counts.items():
                    mine[question][key] += n
        for key, (total, n) in other.sums.items():
            self.sums[key][0] += total
            self.sums[key][1] += n


def _tallies(answers, by=None):
    """The counts of ``answers`` in four GROUP BY queries, by the responses' ``by`` field
    (``channel``, ``client_group``), or all in one group (key None). A response is in one
    group only, so groups add up."""
    key = f"response__{by}" if by else None
    fields = [key] if key else []
    tallies = defaultdict(Tally)
    for row in answers.values("question", *fields).annotate(
        respondents=Count("response", distinct=True), texts=Count("pk", filter=~Q(text=""))
    ):
        tally = tallies[row.get(key)]
        tally.respondents[row["question"]] += row["respondents"]
        tally.texts[row["question"]] += row["texts"]
    for row in (
        answers.filter(question__kind__in=CHOICE_KINDS)
        .values("question", "choice", *fields)
        .annotate(n=Count("pk"))
    ):
        tallies[row.get(key)].choices[row["question"]][row["choice"]] += row["n"]
    for row in (
        answers.filter(question__kind__in=NUMBER_KINDS)
        .values("question", "number", *fields)
        .annotate(n=Count("pk"))
    ):
        tallies[row.get(key)].numbers[row["question"]][row["number"]] += row["n"]
    for row in (
        answers.filter(number__isnull=False)
        .values("question", "choice", *fields)
        .annotate(total=Sum("number"), n=Count("pk"))
    ):
        pair = tallies[row.get(key)].sums[(row["question"], row["choice"])]
        pair[0] += row["total"]
        pair[1] += row["n"]
    return tallies


def _average(tally, question_id, choice_id):
    total, n = tally.sums.get((question_id, choice_id), (0, 0))
    return (total / n, n) if n else (None, 0)


def _question_results(survey, questions, tally, *, official, texts=None, prefix=""):
    """Each question's result from one ``tally``, with this viewer's suppression."""
    results = []
    for question in questions:
        result = QuestionResult(question, prefix=prefix)
        results.append(result)
        result.answered = tally.respondents.get(question.pk, 0)
        result.text_count = tally.texts.get(question.pk, 0)
        result.suppressed = is_suppressed(survey, result.answered, official=official)
        if result.suppressed:
            continue
        result.texts = (texts or {}).get(question.pk, [])
        if question.kind in CHOICE_KINDS:
            counted = tally.choices.get(question.pk, {})
            labels = [(choice.pk, choice.label) for choice in question.choices.all()]
            if question.allow_other:
                labels.append((None, _("Other")))
            result.rows = [
                Row(label, counted.get(pk, 0), _percent(counted.get(pk, 0), result.answered))
                for pk, label in labels
            ]
        elif question.kind in NUMBER_KINDS:
            counted = tally.numbers.get(question.pk, {})
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
            average, _n = _average(tally, question.pk, None)
            result.average = round(average, 1) if average is not None else None
        elif question.kind == QuestionKind.LIFE_WHEEL:
            for domain in question.choices.all():
                average, count = _average(tally, question.pk, domain.pk)
                if average is not None and is_suppressed(survey, count, official=official):
                    average = None
                    result.suppressed_domains += 1
                result.domains.append(
                    (domain.label, round(average, 1) if average is not None else None, count)
                )
        _draw(result)
    return results


def _draw(result):
    if result.rows:
        result.chart = bar_chart(
            [(row.label, row.percent, f"{number_format(row.percent)} %") for row in result.rows]
        )


def results_for(survey, questions, *, official, free_text):
    """The results of ``survey`` (``questions`` with their choices prefetched) for a viewer
    who is (``official``) or is not one of the region's officials, with the written answers
    when ``free_text``."""
    _stored, total, stepped, answers = _counted(survey, official)
    if is_suppressed(survey, total, official=official):
        results = [QuestionResult(question, suppressed=True) for question in questions]
        return SurveyResults(total=total, suppressed=True, questions=results, stepped=stepped)
    tally = _tallies(answers).get(None, Tally())
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
    results = _question_results(survey, questions, tally, official=official, texts=texts)
    return SurveyResults(total=total, suppressed=False, questions=results, stepped=stepped)


# --- Split by channel or client group -----------------------------------------------------

SPLITS = {"channel": gettext_lazy("channel"), "client_group": gettext_lazy("client group")}


@dataclass
class Group:
    label: str
    count: int
    questions: list
    key: object = None


@dataclass
class SplitResults:
    by: str
    total: int
    groups: list
    stepped: bool = False
    # Questions (and life-wheel domains) shown for no group: some group had too few answers.
    withheld: int = 0


def _group_labels(survey, by):
    if by == "channel":
        return dict(Channel.choices)
    return dict(ClientGroup.objects.filter(region=survey.region_id).values_list("pk", "name"))


def split_results(survey, questions, *, official, by):
    """The results of ``survey`` split by the responses' ``by`` (a key of SPLITS), each group
    as large as segments.splits.suppressed_split allows (small groups folded together).

    Within the groups every question keeps the survey's suppression (is_suppressed); on top
    of it a question, or a life-wheel domain, is shown for the groups only if it is shown for
    every group: otherwise the whole results minus the groups shown would give away the
    answers of the group not shown. No written answers: a few words in a small group can be
    recognised."""
    stored, total, stepped, answers = _counted(survey, official)
    responses = Response.objects.filter(survey=survey)
    if total < stored:
        responses = responses.filter(pk__in=_counted_responses(survey, total))
    counts = {row[by]: row["n"] for row in responses.values(by).annotate(n=Count("pk")).order_by()}
    if is_suppressed(survey, total, official=official):
        return SplitResults(by=by, total=total, groups=[], stepped=stepped)
    labels = _group_labels(survey, by)
    splits = suppressed_split(counts, labels)
    if not splits:
        return SplitResults(by=by, total=total, groups=[], stepped=stepped)
    shown = {split.key for split in splits if split.key is not None}
    tallies = _tallies(answers, by)
    merged = defaultdict(Tally)
    for key, tally in tallies.items():
        merged[key if key in shown else None].add(tally)
    groups = [
        Group(
            label=split.label,
            count=split.count,
            key=split.key,
            questions=_question_results(
                survey,
                questions,
                merged[split.key],
                official=official,
                prefix=f"{by}-{split.key if split.key is not None else 'other'}-",
            ),
        )
        for split in splits
    ]
    withheld = _withhold_uneven(survey, groups, official=official)
    return SplitResults(by=by, total=total, groups=groups, stepped=stepped, withheld=withheld)


def _withhold_uneven(survey, groups, *, official):
    """Hide a question (a domain) in every group where it is hidden in any; returns how many
    questions were hidden so."""
    withheld = 0
    for index, _question in enumerate(groups[0].questions):
        results = [group.questions[index] for group in groups]
        if any(result.suppressed for result in results):
            if not all(result.suppressed for result in results):
                withheld += 1
            for result in results:
                result.suppressed = True
                result.rows, result.domains, result.chart = [], [], None
            continue
        for position in range(len(results[0].domains)):
            counts = [result.domains[position][2] for result in results]
            if any(is_suppressed(survey, n, official=official) for n in counts):
                for result in results:
                    label, average, count = result.domains[position]
                    if average is not None:
                        result.suppressed_domains += 1
                    result.domains[position] = (label, None, count)
    return withheld


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
    (by their random keys) and carry no number, and the time is the day only. A named survey's
    rows say how the response was given (answered by the person, or an interview's channel)
    and the client group; an interview's row has no respondent and the day only.
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
    head += [_("submitted")]
    # An anonymous survey's rows carry neither: a rare channel or a small group beside a row
    # of answers can tell whose they are. Its results page splits by them, with suppression.
    if not survey.is_anonymous:
        head += [_("channel"), _("client group")]
    head += [title for _q, _d, title in columns]
    writer.writerow([_cell(title) for title in head])

    responses = Response.objects.filter(survey=survey).select_related("respondent", "client_group")
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
            row = [
                number,
                who,
                sent,
                response.get_channel_display(),
                response.client_group.name if response.client_group_id else "",
            ]
        row += ["; ".join(mine.get((q, d), [])) for q, d, _title in columns]
        writer.writerow([_cell(value) for value in row])
