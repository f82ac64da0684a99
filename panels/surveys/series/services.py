"""Starting a series' rounds. Each runs in one transaction and re-checks what the page checked,
so a stale page or a double submit cannot start a round twice.

The next round is a copy of the latest: the same questions with the same choices (life-wheel
domains) in the same order, so that the rounds' domains match by position
(``domains``), and the same audience, anonymity and result settings, with new dates. Its
opening is announced like any survey's (panels.surveys.services.notify_opened_surveys, run
periodically), once it opens.
"""

import rules
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from panels.surveys.models import Choice, Question, Survey

from .models import Series, SeriesRound

COPIED_FIELDS = (
    "region_id",
    "introduction",
    "audience_staff",
    "audience_decision_makers",
    "audience_experts",
    "is_anonymous",
    "results_visibility",
    "publish_free_text",
)
QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "required",
    "allow_other",
    "low_label",
    "high_label",
)


def _check(series, by):
    if not rules.has_perm("survey_series.manage_series", by, series):
        raise ValidationError(_("You cannot change this series."), code="not_allowed")


@transaction.atomic
def start_first_round(series, survey, *, by):
    """Make ``survey`` (of the series' region, in no series yet) round 1 of ``series``."""
    series = Series.objects.select_for_update().get(pk=series.pk)
    _check(series, by)
    if series.rounds.exists():
        raise ValidationError(_("This series has started already."), code="started")
    if survey.region_id != series.region_id:
        raise ValidationError(_("Choose a survey of the series' region."), code="region")
    if SeriesRound.objects.filter(survey=survey).exists():
        raise ValidationError(_("That survey is already a round of a series."), code="taken")
    try:
        with transaction.atomic():
            return SeriesRound.objects.create(series=series, survey=survey, number=1)
    except IntegrityError:
        raise ValidationError(
            _("That survey is already a round of a series."), code="taken"
        ) from None


@transaction.atomic
def start_next_round(series, *, by, opens_at, closes_at, publish=True):
    """Copy the latest round's survey into a new survey open from ``opens_at`` to
    ``closes_at``, as the series' next round, and return the round."""
    series = Series.objects.select_for_update().get(pk=series.pk)
    _check(series, by)
    latest = series.rounds.select_related("survey").order_by("-number").first()
    if latest is None:
        raise ValidationError(_("Choose the survey of the first round first."), code="empty")
    if closes_at is not None and closes_at <= opens_at:
        raise ValidationError(_("A survey must close after it opens."), code="dates")
    if opens_at < latest.survey.opens_at:
        raise ValidationError(
            _("The next round must open after the previous one opened."), code="dates"
        )
    previous = latest.survey
    number = latest.number + 1
    survey = Survey.objects.create(
        **{field: getattr(previous, field) for field in COPIED_FIELDS},
        title=_("%(series)s, round %(number)s") % {"series": series.name, "number": number},
        is_published=publish,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=by,
    )
    survey.panels.set(previous.panels.all())
    questions = list(previous.questions.order_by("sort_order", "pk").prefetch_related("choices"))
    copies = Question.objects.bulk_create(
        Question(
            survey=survey,
            sort_order=order,
            **{field: getattr(question, field) for field in QUESTION_FIELDS},
        )
        for order, question in enumerate(questions)
    )
    Choice.objects.bulk_create(
        Choice(question=copy, label=choice.label, sort_order=position)
        for question, copy in zip(questions, copies, strict=True)
        for position, choice in enumerate(question.choices.all())
    )
    return SeriesRound.objects.create(series=series, survey=survey, number=number)
