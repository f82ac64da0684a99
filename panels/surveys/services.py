"""What happens to surveys: answering, announcing, and what other apps may ask of them.

Like panels.services, every action runs in one transaction and re-checks what the rules
checked on the page, so a stale page or a double submit cannot answer twice.
"""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.notifications import notify
from panels.models import MembershipStatus
from panels.services import link_for

from .models import Answer, AnsweredMarker, Response, ResultsVisibility, Survey

# Visitors who are not signed in answer a public anonymous survey once per browser session:
# the ids of the surveys they answered are kept in their session under this key.
SESSION_KEY = "panels.answered_surveys"


def answered_in_session(session, survey):
    return session is not None and survey.pk in session.get(SESSION_KEY, [])


def _coarse_time(now):
    """An anonymous response keeps only its (local) day, so its time cannot be matched with
    the exact time of a person's "has answered" marker. (Its random key keeps the order of
    the responses from matching the order of the markers: see panels.surveys.models.)"""
    day = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def submit_response(survey, person, rows, *, session=None):
    """Save one response with its answers (``rows``: Answer field values, from
    SurveyAnswerForm.answers). Nothing is saved if anything is wrong.

    Raises ValidationError if the survey is not open or this person (or, for a visitor who
    is not signed in, this browser session) has already answered.
    """
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    now = timezone.now()
    if not survey.is_open(now):
        raise ValidationError(_("This survey is not open for answers."), code="closed")
    already = ValidationError(_("You have already answered this survey."), code="answered")
    signed_in = person is not None and person.is_authenticated
    if not signed_in and not survey.is_anonymous:
        raise ValidationError(_("Sign in to answer this survey."), code="sign_in")
    try:
        with transaction.atomic():
            if survey.is_anonymous:
                if signed_in:
                    AnsweredMarker.objects.create(survey=survey, user=person, answered_at=now)
                elif answered_in_session(session, survey):
                    raise already
                response = Response.objects.create(survey=survey, submitted_at=_coarse_time(now))
            else:
                response = Response.objects.create(
                    survey=survey, respondent=person, submitted_at=now
                )
    except IntegrityError:
        raise already from None
    questions = {question.pk for question in survey.questions.all()}
    if any(row["question"].pk not in questions for row in rows):
        raise ValidationError(_("The survey has changed. Reload the page."), code="changed")
    Answer.objects.bulk_create(Answer(response=response, **row) for row in rows)
    if not signed_in and session is not None:
        session[SESSION_KEY] = [*session.get(SESSION_KEY, []), survey.pk]
    return response


# --- Announcing ---------------------------------------------------------------------------


def announce_survey(survey, *, by=None, now=None):
    """Tell the active members of the audience panels that ``survey`` is open, once.

    Returns the number of people told. Idempotent: the survey is marked announced in the
    same transaction, and a survey already marked is skipped. A public survey (no panels)
    is marked without telling anyone: "everyone" is not a list of people to message. The
    person who published it (``by``, and the survey's creator) is not told.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if not survey.is_open(now):
            return 0
        claimed = Survey.objects.filter(pk=survey.pk, announced_at__isnull=True).update(
            announced_at=now
        )
        if not claimed:
            return 0
        survey.announced_at = now
        excluded = {pk for pk in (getattr(by, "pk", None), survey.created_by_id) if pk}
        people = (
            get_user_model()
            .objects.filter(
                memberships__panel__surveys=survey,
                memberships__status=MembershipStatus.ACTIVE,
                is_active=True,
            )
            .exclude(pk__in=excluded)
            .distinct()
        )
        told = 0
        for person in people:
            notify(
                person,
                kind="panels.survey_opened",
                message=format_lazy(
                    gettext_lazy("A new survey is open for your panel: {survey}"),
                    survey=survey.title,
                ),
                url=link_for(person, "surveys:detail", survey.pk),
            )
            told += 1
        return told


def notify_opened_surveys(now=None):
    """Announce every published survey whose opening time has come. Run it periodically
    (``manage.py notify_opened_surveys``); the admin also runs it on saving an open survey."""
    now = now or timezone.now()
    told = 0
    for survey in Survey.objects.open(now).filter(announced_at__isnull=True):
        told += announce_survey(survey, now=now)
    return told


# --- For other apps -----------------------------------------------------------------------


def answered_by(user, now=None):
    """The surveys ``user`` has answered, newest answer first, for "my impact".

    Returns a ``Survey`` queryset (so ``survey.title`` and ``survey.get_absolute_url()`` work
    as usual); each survey is annotated with

    - ``answered_at``: when the person answered (for anonymous surveys the time of their
      "has answered" marker: the answers themselves are not linked to them),
    - ``response_id``: their response, or None for an anonymous survey,
    - ``is_open_now``: whether the survey still takes answers,
    - ``results_visible``: whether the results page would show them the results now.

    Empty for a visitor who is not signed in. Reads only; safe to filter and slice further.
    """
    if not user.is_authenticated:
        return Survey.objects.none()
    now = now or timezone.now()
    responses = Response.objects.filter(survey=OuterRef("pk"), respondent=user)
    markers = AnsweredMarker.objects.filter(survey=OuterRef("pk"), user=user)
    is_open = Q(is_published=True, opens_at__lte=now) & (
        Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )
    released = Q(results_visibility=ResultsVisibility.IMMEDIATELY) | Q(
        results_visibility=ResultsVisibility.AFTER_CLOSING, closes_at__lte=now
    )
    official = Q(pk__in=Survey.objects.of_officials(user).values("pk"))
    return (
        Survey.objects.annotate(
            response_id=Subquery(responses.values("pk")[:1]),
            answered_at=Coalesce(
                Subquery(responses.values("submitted_at")[:1]),
                Subquery(markers.values("answered_at")[:1]),
            ),
        )
        .filter(answered_at__isnull=False)
        .annotate(
            is_open_now=Case(When(is_open, then=Value(True)), default=Value(False)),
            results_visible=Case(
                When(official | released, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-answered_at", "-pk")
    )
