"""What happens to surveys: answering, storing anonymous answers in groups, announcing, and
what other apps may ask of them.

Like panels.services, every action runs in one transaction and re-checks what the rules
checked on the page, so a stale page or a double submit cannot answer twice.
"""

import logging
import secrets
from datetime import datetime, time

import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.notifications import notify
from accounts.roles import Role
from panels.models import STAFF_ONLY, MembershipStatus, Region
from panels.segments.models import ClientGroup, client_group_of
from panels.services import link_for

from .models import (
    INTERVIEW_CHANNELS,
    Answer,
    AnsweredMarker,
    Channel,
    Choice,
    InterviewCount,
    PendingAnswer,
    Question,
    Response,
    ResultsVisibility,
    Survey,
    anonymity_batch,
)
from .sealing import Meta, Unreadable, open_sealed, seal

logger = logging.getLogger(__name__)

# Visitors who are not signed in answer a public anonymous survey once per browser session:
# the ids of the surveys they answered are kept in their session under this key. (Starting a
# new session is easy; the "survey_answer" rate limit per address, counted by the view, is
# what bounds how often one can.)
SESSION_KEY = "panels.answered_surveys"

_random = secrets.SystemRandom()

# Sent by submit_response once a survey is answered, inside its transaction (a receiver's
# writes stand or fall with the answer), with ``survey``, ``person`` (None for a visitor who
# is not signed in) and ``rows``. panels.surveys.series keeps a person's own sealed copy of
# their life wheel from it.
survey_answered = Signal()


def answered_in_session(session, survey):
    return session is not None and survey.pk in session.get(SESSION_KEY, [])


def _coarse_time(now):
    """An anonymous response keeps only its (local) day, the day its group was stored: the
    same for every response of the group."""
    day = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(day, time.min))


def _shuffle(items):
    """Put ``items`` in a random order, in place: the order a group of anonymous responses is
    stored in, and so their rowid and physical order."""
    _random.shuffle(items)


def _checked_rows(survey, rows):
    """``rows`` without repeats, and the survey's questions (with their choices).

    A choice counts once however often it was sent; of several rows without a choice for
    one question (texts, numbers) the first is kept. Raises ValidationError if a row answers
    a question of another survey or picks another question's choice: the page was stale."""
    questions = {q.pk: q for q in survey.questions.prefetch_related("choices")}
    changed = ValidationError(_("The survey has changed. Reload the page."), code="changed")
    kept = {}
    for row in rows:
        question, choice = row["question"], row.get("choice")
        if question.pk not in questions:
            raise changed
        if choice is not None and choice.question_id != question.pk:
            raise changed
        kept.setdefault((question.pk, choice.pk if choice is not None else None), row)
    return list(kept.values()), list(questions.values())


def _declared_group(survey, person):
    """The client group ``person`` declared about themselves, if it is one of the survey's
    region (another region's list means nothing here).

    Only for named surveys: in an anonymous one the group would sit on the response in the
    same database as the person's self-description and their "has answered" marker, and a
    group with one respondent would pair them. Anonymous surveys are split by the groups
    told in interviews only."""
    if survey.is_anonymous:
        return None
    group = client_group_of(person)
    return group if group is not None and group.region_id == survey.region_id else None


@transaction.atomic
def submit_response(survey, person, rows, *, session=None):
    """Answer ``survey`` with ``rows`` (Answer field values, from SurveyAnswerForm.answers).
    Nothing is saved if anything is wrong.

    A named answer is stored at once and returned. An anonymous one is marked as given (for a
    signed-in person) and sealed to wait for its group (see panels.surveys.models); the
    return value is then None, since no response of it exists yet.

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
    rows, questions = _checked_rows(survey, rows)
    response = None
    try:
        with transaction.atomic():
            if not survey.is_anonymous:
                response = Response.objects.create(
                    survey=survey,
                    respondent=person,
                    submitted_at=now,
                    client_group=_declared_group(survey, person),
                )
            elif signed_in:
                AnsweredMarker.objects.create(survey=survey, user=person, answered_at=now)
            elif answered_in_session(session, survey):
                raise already
    except IntegrityError:
        raise already from None
    if survey.is_anonymous:
        PendingAnswer.objects.create(survey=survey, sealed=seal(survey.pk, questions, rows))
        release_pending(survey, now=now)
    else:
        Answer.objects.bulk_create(Answer(response=response, **row) for row in rows)
    if not signed_in and session is not None:
        session[SESSION_KEY] = [*session.get(SESSION_KEY, []), survey.pk]
    survey_answered.send(
        sender=Survey, survey=survey, person=person if signed_in else None, rows=rows
    )
    return response


# --- Storing anonymous answers in groups ---------------------------------------------------


def release_pending(survey, *, now=None):
    """Store ``survey``'s waiting anonymous answers as responses when it is time, and return
    how many were stored.

    While the survey is open: each time twice anonymity_batch() answers wait, a random
    anonymity_batch() of them. Keeping at least a group back means the answers stored when the
    survey closes are never fewer than a group either (once a group has been stored), so no
    step of the results, the last one included, shows a handful of answers on their own.
    Once the survey has closed: all of them.

    Run it in a transaction that holds the survey's row lock (submit_response does;
    release_closed takes it), so that two requests never store the same answers."""
    now = now or timezone.now()
    batch = anonymity_batch()
    closed = survey.is_closed(now)
    day = _coarse_time(min(now, survey.closes_at) if closed else now)
    stored = 0
    while True:
        waiting = list(PendingAnswer.objects.filter(survey=survey).values_list("pk", flat=True))
        if closed and waiting:
            chosen = waiting
        elif not closed and len(waiting) >= 2 * batch:
            chosen = _random.sample(waiting, batch)
        else:
            return stored
        written = _store_group(survey, chosen, day)
        if not written:
            return stored
        stored += written


class _Rows(list):
    """One waiting answer's rows, with how it was given (``meta``, a sealing.Meta)."""

    def __init__(self, rows, *, meta):
        super().__init__(rows)
        self.meta = meta


def _store_group(survey, pending_ids, day):
    """Write the waiting answers ``pending_ids`` as responses, shuffled, all at ``day``, and
    delete them. Returns how many were written: none if any of them cannot be opened (they
    all stay waiting then, to be opened once the right key is back)."""
    pending = PendingAnswer.objects.filter(pk__in=pending_ids)
    try:
        opened = [open_sealed(survey.pk, item.sealed) for item in pending]
    except Unreadable:
        logger.error(
            "survey %s has waiting answers that no secret key opens; they stay waiting "
            "(was SECRET_KEY changed without keeping the old one in SECRET_KEY_FALLBACKS?)",
            survey.pk,
        )
        return 0
    questions = {q.pk: q for q in Question.objects.filter(survey=survey)}
    choices = {c.pk: c for c in Choice.objects.filter(question__survey=survey)}
    client_groups = set(
        ClientGroup.objects.filter(region=survey.region_id).values_list("pk", flat=True)
    )
    groups = []
    for item in opened:
        rows = []
        for question_id, choice_id, number, text in item.rows:
            question = questions.get(question_id)
            choice = choices.get(choice_id) if choice_id is not None else None
            # A question or choice deleted meanwhile: the admin refuses that while answers
            # wait, so only a race gets here, and the value has nowhere to go.
            if question is None or (choice_id is not None and choice is None):
                continue
            rows.append({"question": question, "choice": choice, "number": number, "text": text})
        groups.append(_Rows(rows, meta=item.meta))
    _shuffle(groups)
    responses = [
        Response(
            survey=survey,
            submitted_at=day,
            channel=meta.channel if meta.channel in Channel.values else Channel.SELF,
            client_group_id=meta.client_group_id if meta.client_group_id in client_groups else None,
            client_id=meta.client_id,
        )
        for meta in (rows.meta for rows in groups)
    ]
    # Inserted in the shuffled order, in the caller's transaction: the rows' physical order
    # (SQLite's rowid, PostgreSQL's ctid) is the shuffle's, and their transaction id is one.
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(
        Answer(response=response, **row)
        for response, rows in zip(responses, groups, strict=True)
        for row in rows
    )
    pending.delete()
    return len(groups)


def release_closed(survey, now=None):
    """Store all the waiting answers of ``survey`` if it has closed, and return how many were
    stored. Nothing runs at the moment a closing time passes: the results page, the export,
    the admin's save and the periodic command call this instead."""
    now = now or timezone.now()
    if not survey.is_closed(now) or not PendingAnswer.objects.filter(survey=survey).exists():
        return 0
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        return release_pending(locked, now=now)


def release_closed_surveys(now=None):
    """Store the waiting answers of every closed survey; run periodically (``manage.py
    notify_opened_surveys``) so that they are stored even if nobody looks. Returns how many
    answers were stored."""
    now = now or timezone.now()
    closed = (
        Survey.objects.filter(closes_at__lte=now, pending_answers__isnull=False)
        .distinct()
        .order_by("pk")
    )
    return sum(release_closed(survey, now) for survey in closed)


# --- Interviews ----------------------------------------------------------------------------


def interview_received(survey, client_id):
    """Whether the interview ``client_id`` of ``survey`` is already stored, or waiting sealed
    to be stored with its group."""
    if Response.objects.filter(survey=survey, client_id=client_id).exists():
        return True
    if not survey.is_anonymous:
        return False
    # While a survey is open fewer than two groups wait, so this opens a handful at most.
    wanted = str(client_id)
    for item in PendingAnswer.objects.filter(survey=survey).only("sealed"):
        try:
            if open_sealed(survey.pk, item.sealed).meta.client_id == wanted:
                return True
        except Unreadable:
            continue
    return False


@transaction.atomic
def submit_interview(survey, interviewer, rows, *, channel, client_id, client_group=None):
    """Store an interview: ``rows`` answered on someone's behalf by ``interviewer`` over
    ``channel``, with the client group the person told (or None). Returns True if it was
    stored, False if the interview ``client_id`` had been received already (a device sending
    it again stores nothing new).

    Nothing identifies the person: no respondent, the day only, and no link to the
    interviewer, of whom only a count is kept (``InterviewCount``). In an anonymous survey the
    interview waits sealed for its group like any other anonymous answer.

    Raises ValidationError if the survey is not open, the interviewer may not interview for
    it, or the channel or client group is not one of the survey's."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    now = timezone.now()
    if interview_received(survey, client_id):
        return False
    if not survey.is_open(now):
        raise ValidationError(_("This survey is not open for answers."), code="closed")
    if not rules.has_perm("surveys.interview_for_survey", interviewer, survey):
        raise ValidationError(_("You cannot interview for this survey."), code="not_allowed")
    if channel not in INTERVIEW_CHANNELS:
        raise ValidationError(_("Choose how the interview was done."), code="channel")
    if client_group is not None and client_group.region_id != survey.region_id:
        raise ValidationError(_("Choose a client group of the survey's region."), code="group")
    rows, questions = _checked_rows(survey, rows)
    if survey.is_anonymous:
        meta = Meta(
            channel=str(channel),
            client_group_id=client_group.pk if client_group else None,
            client_id=str(client_id),
        )
        PendingAnswer.objects.create(survey=survey, sealed=seal(survey.pk, questions, rows, meta))
        release_pending(survey, now=now)
    else:
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey,
                    submitted_at=_coarse_time(now),
                    channel=channel,
                    client_group=client_group,
                    client_id=client_id,
                )
        except IntegrityError:  # sent twice at once: the other request stored it
            return False
        Answer.objects.bulk_create(Answer(response=response, **row) for row in rows)
    counted, _created = InterviewCount.objects.get_or_create(survey=survey, interviewer=interviewer)
    InterviewCount.objects.filter(pk=counted.pk).update(count=F("count") + 1)
    return True


# --- Announcing ---------------------------------------------------------------------------


def _addressed_by_role(survey):
    """The active people ``survey`` is addressed to by role (see SurveyQuerySet.in_audience_of):
    the region's staff and decision-makers listed by it, all experts by experience."""
    people = get_user_model().objects.filter(is_active=True)
    query = Q(pk__in=[])
    officials = Region.officials.through.objects.filter(region=survey.region_id).values("user")
    if survey.audience_staff:
        query |= Q(role__in=STAFF_ONLY, pk__in=officials)
    if survey.audience_decision_makers:
        query |= Q(role=Role.DECISION_MAKER, pk__in=officials)
    if survey.audience_experts:
        query |= Q(role=Role.EXPERT_BY_EXPERIENCE)
    return people.filter(query)


def announce_survey(survey, *, by=None, now=None):
    """Tell the active members of the audience panels, and the people it is addressed to by
    role, that ``survey`` is open, once.

    Returns the number of people told. Idempotent: the survey is marked announced in the
    same transaction, and a survey already marked is skipped. A public survey (no panels, no
    roles) is marked without telling anyone: "everyone" is not a list of people to message.
    The person who published it (``by``, and the survey's creator) is not told.
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
        members = (
            get_user_model()
            .objects.filter(
                memberships__panel__surveys=survey,
                memberships__status=MembershipStatus.ACTIVE,
                is_active=True,
            )
            .exclude(pk__in=excluded)
            .distinct()
        )
        told = set()
        for person in members:
            _tell(person, survey, gettext_lazy("A new survey is open for your panel: {survey}"))
            told.add(person.pk)
        if survey.addressed_to_roles:
            by_role = _addressed_by_role(survey).exclude(pk__in=excluded | told)
            for person in by_role:
                _tell(person, survey, gettext_lazy("A new survey is addressed to you: {survey}"))
                told.add(person.pk)
        return len(told)


def _tell(person, survey, message):
    notify(
        person,
        kind="panels.survey_opened",
        message=format_lazy(message, survey=survey.title),
        url=link_for(person, "surveys:detail", survey.pk),
    )


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
