"""A call to a pool: a development task with its places, dates and payment, the criteria that
say whom it is for, and the members' sign-ups.

A call moves draft → open (published: the members it is for are told) → closed (the places are
settled: everyone who signed up is told the outcome) → reported (the results are posted: the
participants are told). It never moves back, so each notice goes out once; the services
(panels.pool.calls.services) are the only way along.

Its region is its pool's: the pool's region's staff run it from the first draft to the
results.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from panels.models import STAFF_ONLY, Municipality, Region
from panels.pool.models import Compensation, Pool, PoolMember, PoolMemberStatus, ScreeningQuestion
from panels.segments.models import ClientGroup

TITLE_MAX_LENGTH = 200
TASK_MAX_LENGTH = 3000
RESULTS_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 1000
MAX_PLACES = 500


class CallStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("a call", "draft")
    OPEN = "open", pgettext_lazy("a call", "open for sign-ups")
    CLOSED = "closed", pgettext_lazy("a call", "places settled")
    REPORTED = "reported", pgettext_lazy("a call", "results posted")


# Officials and pool members see these; a draft only its region's staff.
PUBLISHED_STATUSES = [CallStatus.OPEN, CallStatus.CLOSED, CallStatus.REPORTED]


class CallQuerySet(models.QuerySet):
    def managed_by(self, user):
        """The calls ``user`` runs: their regions' as staff, every call as administrator."""
        return self.filter(pool__region__in=Region.objects.served_by(user, STAFF_ONLY))

    def visible_to(self, user):
        """Drafts to the region's staff; a published call also to the region's officials
        (staff and decision-makers), to the pool's members who have not left, and to
        everyone who signed up to it. rules.sees_call asks the same of one call."""
        if not user.is_authenticated:
            return self.none()
        published = Q(status__in=PUBLISHED_STATUSES) & (
            Q(pool__region__in=Region.objects.served_by(user))
            | Q(
                pool__in=PoolMember.objects.filter(person=user)
                .exclude(status=PoolMemberStatus.LEFT)
                .values("pool")
            )
            | Q(pk__in=CallSignup.objects.filter(person=user).values("call"))
        )
        return self.filter(published | Q(pk__in=self.managed_by(user).values("pk")))

    def with_confirmed_count(self):
        return self.annotate(
            confirmed_count=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED))
        )


class Call(models.Model):
    pool = models.ForeignKey(
        Pool, verbose_name=_("pool"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    task = models.TextField(
        _("the task"),
        max_length=TASK_MAX_LENGTH,
        help_text=_("What the people will do, where and with whom, and what it is for."),
    )
    places = models.PositiveSmallIntegerField(_("places"), help_text=_("How many people."))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    signup_deadline = models.DateField(
        _("sign up by"), help_text=_("Members can sign up and withdraw until the end of this day.")
    )
    compensation = models.CharField(
        _("paid or reimbursed"),
        max_length=16,
        choices=Compensation.choices,
        default=Compensation.UNPAID,
    )
    compensation_details = models.CharField(
        _("about the payment or reimbursement"), max_length=300, blank=True
    )
    # Criteria: a member matches when every criterion that is set is met
    # (panels.pool.calls.matching).
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities"),
        blank=True,
        related_name="+",
        help_text=_("Only members who live in one of these. None: any municipality."),
    )
    client_groups = models.ManyToManyField(
        ClientGroup,
        verbose_name=_("client groups"),
        blank=True,
        related_name="+",
        help_text=_("Only members in one of these client groups. None: any group."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Only members who speak at least one of these. None: any language."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    results = models.TextField(
        _("results"),
        blank=True,
        max_length=RESULTS_MAX_LENGTH,
        help_text=_("What the people did and what came of it."),
    )
    results_published_at = models.DateTimeField(_("results posted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("places settled"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call to the pool")
        verbose_name_plural = _("calls to the pool")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1),
                name="pool_call_has_places",
                violation_error_message=_("A call has at least one place."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="pool_call_ends_after_start",
                violation_error_message=_("A call cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("panels:call", args=[self.pool.slug, self.pk])

    @property
    def region_id(self):
        """The pool's region: region rules (panels.rules.region_id_of) ask it."""
        return self.pool.region_id

    @property
    def is_draft(self):
        return self.status == CallStatus.DRAFT

    @property
    def is_open(self):
        return self.status == CallStatus.OPEN

    @property
    def is_reported(self):
        return self.status == CallStatus.REPORTED

    def signup_is_open(self, today=None):
        """Open, and the sign-up deadline has not passed (it is the last day)."""
        return self.is_open and (today or timezone.localdate()) <= self.signup_deadline

    def places_left(self, confirmed):
        return max(self.places - confirmed, 0)


class AnswerCriterion(models.Model):
    """A screening answer the call asks for. Several values of one question: any of them;
    several questions: each of them."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="answer_criteria"
    )
    question = models.ForeignKey(
        ScreeningQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.CharField(_("answer"), max_length=1000)

    class Meta:
        verbose_name = _("screening answer asked for")
        verbose_name_plural = _("screening answers asked for")
        ordering = ["question__position", "question_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "question", "value"], name="one_pool_call_answer_criterion"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


class SignupStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("signed up")
    CONFIRMED = "confirmed", _("place confirmed")
    NOT_SELECTED = "not_selected", _("not selected this time")
    WITHDRAWN = "withdrawn", _("withdrawn")


class CallSignup(models.Model):
    """A member's sign-up to a call: one row per person per call, which withdrawing and
    signing up again reuse."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="signups"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="pool_call_signups",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SignupStatus.choices, default=SignupStatus.SIGNED_UP
    )
    message = models.TextField(_("message to staff"), blank=True, max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="one_pool_call_signup")
        ]

    def __str__(self):
        return f"{self.person} – {self.call}"
