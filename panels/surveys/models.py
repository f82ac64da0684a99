"""Surveys: what staff ask (Survey, Question, Choice) and what people answer (Response, Answer).

Invariants:

- A person answers a survey once. In a named survey the response row says who answered
  (unique per survey and person). In an anonymous survey no stored row links an answer to a
  person: the "has answered" fact lives apart from the answers, in an ``AnsweredMarker``
  (signed-in people) or in the browser session (visitors who are not signed in, public
  surveys only).
- An anonymous answer is not stored as a response when it is given. It waits as a
  ``PendingAnswer``: sealed with a key derived from SECRET_KEY (``panels.surveys.sealing``),
  padded to one length for the whole survey, with no person, no time and nothing readable.
  When twice ``anonymity_batch()`` answers wait, a random group of ``anonymity_batch()`` of
  them is written as responses, in shuffled order, in one transaction, all with one time
  (the day); the rest are written when the survey closes (``services.release_pending``).
  So the storage order of the responses (their keys, SQLite's rowid, PostgreSQL's physical
  order and transaction ids) and their times say nothing about which marker is whose: the
  markers pair a person with a group of answers at best, never with one answer. And since
  the results change only when a whole group is added, comparing the results before and
  after a known person answered shows nothing.
- Nothing in a response or its answers records the order they were stored in: their keys
  are random UUIDs, not numbers counting up. Nothing may order anonymous answers by key or
  time as if it meant something, or list them in the order they came in.
- Choices have stable ids: an answer points at the choice row, so a label may be reworded
  after answers exist, but a choice that has answers is never deleted (see
  ``Survey.has_responses`` and the admin form's safe-edit check).
- An interview (``Response.channel`` other than "self") is a response given on someone's
  behalf: a staff member or an expert by experience filled it in for the person they talked
  to. It has no respondent and nothing that identifies the person; its time is the day only
  (the interviewer's day plan would pair an exact time with a person), and the interviewer is
  not linked to it: only how many interviews each interviewer did is kept, in an
  ``InterviewCount`` with no time. In an anonymous survey an interview waits sealed like any
  other anonymous answer. ``client_id`` is the interviewing device's id for the interview, so
  that an interview sent again (a tablet that was offline) is stored once.
- Answers are one row per value so results are plain GROUP BY queries: a single or multiple
  choice is one row per chosen choice (``choice``), an "other" text a row with ``text`` and
  no choice, a Likert or 0-10 value a row with ``number``, and a life wheel one row per
  domain (``choice`` the domain, ``number`` the rating). A response has at most one row per
  (question, choice), and at most one row without a choice per question: a choice sent twice
  counts once.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from accounts.plain_language import plain_summary_field
from accounts.roles import Role
from panels.models import STAFF_ONLY, Membership, Region

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000
# Below this many responses no breakdown is shown: a handful of answers could identify people.
MIN_RESPONSES_FOR_RESULTS = 5


def anonymity_batch():
    """How many answers the results grow by at a time (``settings.SURVEY_ANONYMITY_BATCH``):
    anonymous answers are stored in random groups of this size, and participants see a named
    survey's results in steps of it while the survey is open."""
    return max(1, getattr(settings, "SURVEY_ANONYMITY_BATCH", 5))


class Channel(models.TextChoices):
    """How a response was given: by the person themselves, or in an interview."""

    SELF = "self", _("answered by the person")
    POP_UP = "pop_up", _("pop-up on site")
    PHONE = "phone", _("phone")
    HOME_VISIT = "home_visit", _("home visit")
    EVENT = "event", _("event")


INTERVIEW_CHANNELS = [choice for choice in Channel if choice != Channel.SELF]


class ResultsVisibility(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately")
    AFTER_CLOSING = "after_closing", _("after the survey closes")
    STAFF_ONLY = "staff_only", _("to staff only")


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    SINGLE_CHOICE = "single_choice", _("single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("multiple choice")
    LIKERT = "likert", _("Likert scale 1–5")
    SCALE = "scale", _("scale 0–10")
    LIFE_WHEEL = "life_wheel", _("life wheel (domains rated 0–10)")


TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}
CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}
NUMBER_KINDS = {QuestionKind.LIKERT, QuestionKind.SCALE}
SCALES = {
    QuestionKind.LIKERT: (1, 5),
    QuestionKind.SCALE: (0, 10),
    QuestionKind.LIFE_WHEEL: (0, 10),
}


class SurveyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open(self, now=None):
        now = now or timezone.now()
        return self.published().filter(
            Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )

    def managed_by(self, user):
        """Surveys ``user`` runs: staff their own region's, administrators all of them."""
        return self.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))

    def of_officials(self, user):
        """Surveys of the regions ``user`` acts for as staff or decision-maker."""
        return self.filter(region__in=Region.objects.served_by(user))

    def public(self):
        """Surveys addressed to everyone: no audience panels and no audience roles."""
        return self.filter(
            ~Exists(Survey.panels.through.objects.filter(survey=OuterRef("pk"))),
            audience_staff=False,
            audience_decision_makers=False,
            audience_experts=False,
        )

    def in_audience_of(self, user):
        """Published surveys addressed to ``user``: public ones, those of panels where they
        are an active member, and those addressed to their role (staff and decision-makers:
        of a region they act for; experts by experience: all of them)."""

        public = Q(pk__in=Survey.objects.public().values("pk"))
        if not user.is_authenticated:
            return self.published().filter(public)
        own_panels = Membership.objects.active().filter(person=user).values("panel")
        addressed = Exists(
            Survey.panels.through.objects.filter(survey=OuterRef("pk"), panel__in=own_panels)
        )
        return self.published().filter(public | addressed | _by_role(user))

    def answered_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Exists(Response.objects.filter(survey=OuterRef("pk"), respondent=user))
            | Exists(AnsweredMarker.objects.filter(survey=OuterRef("pk"), user=user))
        )

    def visible_to(self, user, now=None):
        """What ``user`` may open: their audience's surveys once open (or closed), what they
        answered, and everything of the regions they act for. The rules ask this same
        question of one survey."""
        now = now or timezone.now()
        started = self.filter(opens_at__lte=now)
        audience = started.in_audience_of(user)
        query = Q(pk__in=audience.values("pk"))
        if user.is_authenticated:
            query |= Q(pk__in=self.answered_by(user).values("pk"))
            query |= Q(pk__in=self.of_officials(user).values("pk"))
        return self.filter(query)


def _by_role(user):
    """The surveys addressed to ``user``'s role. Staff and decision-makers are addressed as
    officials of the survey's region (listed by it, in that role); administrators are not in
    every region's staff audience just for being administrators."""
    if user.role == Role.EXPERT_BY_EXPERIENCE:
        return Q(audience_experts=True)
    field = {Role.STAFF: "audience_staff", Role.DECISION_MAKER: "audience_decision_makers"}.get(
        user.role
    )
    if field is None:
        return Q(pk__in=[])
    own_regions = Region.officials.through.objects.filter(user=user).values("region")
    return Q(**{field: True}, region__in=own_regions)


class Survey(ClusterableModel):
    region = models.ForeignKey(
        "panels.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, max_length=5000)
    plain_summary = plain_summary_field(max_length=5000)
    panels = models.ManyToManyField(
        "panels.Panel",
        verbose_name=_("audience panels"),
        related_name="surveys",
        blank=True,
        help_text=_(
            "Only the active members of these panels may answer. Leave empty for a survey "
            "open to everyone."
        ),
    )
    audience_staff = models.BooleanField(
        _("the region's staff"),
        default=False,
        help_text=_("Address the survey to the staff of its region, e.g. about their work."),
    )
    audience_decision_makers = models.BooleanField(
        _("the region's decision-makers"),
        default=False,
        help_text=_("Address the survey to the decision-makers of its region."),
    )
    audience_experts = models.BooleanField(
        _("all experts by experience"),
        default=False,
        help_text=_("Address the survey to every expert by experience."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("A survey is shown only when published and its opening time has come."),
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Leave empty to keep the survey open.")
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "No stored answer is linked to the person who gave it. A public anonymous survey "
            "can be answered without signing in, once per browser session."
        ),
    )
    results_visibility = models.CharField(
        _("results shown to participants"),
        max_length=16,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSING,
    )
    publish_free_text = models.BooleanField(
        _("publish free-text answers"),
        default=False,
        help_text=_("Show the written answers to participants along with the results."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="surveys_survey_closes_after_it_opens",
                violation_error_message=_("A survey must close after it opens."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey must close after it opens.")})

    def get_absolute_url(self):
        return reverse("surveys:detail", args=[self.pk])

    def is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.is_published
            and self.opens_at <= now
            and (self.closes_at is None or self.closes_at > now)
        )

    def is_closed(self, now=None):
        return self.closes_at is not None and self.closes_at <= (now or timezone.now())

    @property
    def addressed_to_roles(self):
        return self.audience_staff or self.audience_decision_makers or self.audience_experts

    def is_public(self):
        """Addressed to everyone: no audience panels and no audience roles."""
        return not self.addressed_to_roles and not self.panels.exists()

    def has_responses(self):
        """Whether anyone has answered: stored responses, or anonymous answers still waiting
        to be stored (they bind the survey's questions just as much)."""
        return self.pk is not None and (self.responses.exists() or self.pending_answers.exists())


class Question(Orderable, ClusterableModel):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    allow_other = models.BooleanField(
        _("allow an “other” answer"),
        default=False,
        help_text=_("Choice questions: add an “other” option with a text field."),
    )
    low_label = models.CharField(
        _("label of the low end"),
        max_length=80,
        blank=True,
        help_text=_("Likert and 0–10 scales, e.g. “strongly disagree”."),
    )
    high_label = models.CharField(
        _("label of the high end"),
        max_length=80,
        blank=True,
        help_text=_("Likert and 0–10 scales, e.g. “strongly agree”."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def scale(self):
        return SCALES.get(self.kind)

    @property
    def is_text(self):
        return self.kind in TEXT_KINDS

    @property
    def has_choices(self):
        return self.kind in CHOICE_KINDS or self.kind == QuestionKind.LIFE_WHEEL


class Choice(Orderable):
    """An option of a choice question, or a domain of a life wheel."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("label"), max_length=200)

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.label


class Response(models.Model):
    # Random, not sequential: see the module docstring.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    # Empty in anonymous surveys, and after the person deleted their account.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    # A named response's exact time. An anonymous response's is the day its group was
    # stored, shared by the whole group; an interview's the day it was given.
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.SELF
    )
    # Self-declared (segments.SelfDescription) or, in an interview, what the person said; only
    # a group of the survey's own region.
    client_group = models.ForeignKey(
        "segments.ClientGroup",
        verbose_name=_("client group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The interviewing device's id for an interview, so that sending it again stores nothing.
    client_id = models.UUIDField(_("interview id"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="surveys_one_response_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "client_id"],
                condition=Q(client_id__isnull=False),
                name="surveys_one_response_per_interview",
            ),
            # An interview is on someone's behalf: never linked to a person.
            models.CheckConstraint(
                condition=Q(channel="self") | Q(respondent__isnull=True),
                name="surveys_interview_has_no_respondent",
            ),
        ]

    def __str__(self):
        return f"{self.survey} – {timezone.localdate(self.submitted_at).isoformat()}"

    @property
    def is_interview(self):
        return self.channel != Channel.SELF


class Answer(models.Model):
    # Random, not sequential: answer keys in storage order would order the responses too.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "choice", "number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="surveys_one_answer_per_choice",
            ),
            # A text, a number or an "other" text: one per question.
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(choice__isnull=True),
                name="surveys_one_unchosen_answer_per_question",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.choice or self.number or self.text}"


class AnsweredMarker(models.Model):
    """That a signed-in person answered an anonymous survey, kept apart from the answers."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answered_markers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_markers"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answered marker")
        verbose_name_plural = _("answered markers")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="surveys_one_marker_per_person")
        ]

    def __str__(self):
        return f"{self.user} – {self.survey}"


class PendingAnswer(models.Model):
    """An anonymous survey's answer waiting to be stored as a response with a group of others.

    Deliberately nothing but the survey and the sealed answer: no person, no time, no number
    counting up (see the module docstring). ``sealed`` is what ``panels.surveys.sealing``
    made of the answer rows; it is as long as every other pending answer of the survey."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pending_answers")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("answer waiting to be added")
        verbose_name_plural = _("answers waiting to be added")

    def __str__(self):
        return f"{self.survey} – {self.pk}"


class InterviewCount(models.Model):
    """How many interviews a person did for a survey: useful to staff, and all that is kept
    of the interviewer. Deliberately no time and no link to the responses, so that the
    interviewer's day (where they were, whom they met) cannot be paired with an answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="interview_counts")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_interviews"
    )
    count = models.PositiveIntegerField(_("interviews"), default=0)

    class Meta:
        verbose_name = _("interview count")
        verbose_name_plural = _("interview counts")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "interviewer"], name="surveys_one_count_per_interviewer"
            )
        ]

    def __str__(self):
        return f"{self.interviewer} – {self.survey}: {self.count}"
