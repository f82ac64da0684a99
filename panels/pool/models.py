"""Pools, their members, recruitment pages and applications (calls: panels.pool.calls).

An application can start without an account: it is kept as *unverified* with the e-mail
address until the link sent to that address is followed, which creates or links the account
and puts the application in the staff's queue. An unverified application that is never
confirmed is deleted after ``UNVERIFIED_KEPT_FOR``.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from panels.models import STAFF_ONLY, Municipality, Panel, Region
from panels.segments.models import ClientGroup

UNVERIFIED_KEPT_FOR = timedelta(days=7)
TEXT_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000


class Compensation(models.TextChoices):
    UNPAID = "unpaid", _("voluntary, unpaid")
    REIMBURSED = "reimbursed", _("costs reimbursed")
    PAID = "paid", _("paid")


class PoolQuerySet(models.QuerySet):
    def run_by(self, user):
        """The pools ``user`` runs: their regions' as staff, every one as an administrator."""
        return self.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))


class Pool(models.Model):
    """A region's pool of forerunners: people staff call to development tasks."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="pools"
    )
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("forerunner pool")
        verbose_name_plural = _("forerunner pools")
        ordering = ["region__name", "name"]

    def __str__(self):
        return self.name


class PoolMemberStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("pool member", "active")
    PAUSED = "paused", pgettext_lazy("pool member", "paused")
    LEFT = "left", pgettext_lazy("pool member", "left")


# In the pool: matched to calls while active; a paused member stays in, and says when to resume.
IN_POOL = [PoolMemberStatus.ACTIVE, PoolMemberStatus.PAUSED]


class PoolMemberQuerySet(models.QuerySet):
    def in_pool(self):
        return self.filter(status__in=IN_POOL)

    def active(self):
        return self.filter(status=PoolMemberStatus.ACTIVE)


class PoolMember(models.Model):
    """A person in a pool. Only active members are matched to calls; a member pauses and
    resumes themselves."""

    pool = models.ForeignKey(
        Pool, verbose_name=_("pool"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="pool_memberships",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PoolMemberStatus.choices, default="active"
    )
    # The application that brought the person in: its screening answers are what calls
    # match on.
    application = models.OneToOneField(
        "Application",
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pool_member",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interests = models.TextField(_("interests"), blank=True, max_length=TEXT_MAX_LENGTH)
    availability = models.TextField(_("availability"), blank=True, max_length=TEXT_MAX_LENGTH)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PoolMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("pool member")
        verbose_name_plural = _("pool members")
        ordering = ["pool", "person__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "person"], name="one_pool_member_row")
        ]

    def __str__(self):
        return f"{self.person} – {self.pool}"


class RecruitmentQuerySet(models.QuerySet):
    def run_by(self, user):
        """Recruitment pages of the pools and panels of the regions ``user`` runs."""
        served = Region.objects.served_by(user, STAFF_ONLY)
        return self.filter(Q(pool__region__in=served) | Q(panel__region__in=served))

    def accepting(self, today=None):
        today = today or timezone.localdate()
        return self.filter(is_open=True).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))


class Recruitment(ClusterableModel):
    """A public recruitment page for a pool or a panel: who is sought, what taking part
    means, and the screening questions."""

    pool = models.ForeignKey(
        Pool,
        verbose_name=_("pool"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recruitments",
    )
    panel = models.ForeignKey(
        Panel,
        verbose_name=_("panel"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recruitments",
    )
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    title = models.CharField(_("title"), max_length=200)
    who_we_seek = models.TextField(_("who we are looking for"), max_length=TEXT_MAX_LENGTH)
    what_it_means = models.TextField(
        _("what taking part means"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("How much time it takes, where, and how often."),
    )
    compensation = models.CharField(
        _("paid or reimbursed"), max_length=16, choices=Compensation.choices, default="unpaid"
    )
    compensation_details = models.CharField(
        _("about the payment or reimbursement"), max_length=300, blank=True
    )
    is_open = models.BooleanField(_("open for applications"), default=True)
    closes_on = models.DateField(_("applications close"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RecruitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("recruitment page")
        verbose_name_plural = _("recruitment pages")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pool__isnull=False, panel__isnull=True)
                | Q(pool__isnull=True, panel__isnull=False),
                name="recruitment_for_pool_or_panel",
                violation_error_message=_("A recruitment page is for a pool or a panel."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def target(self):
        return self.pool or self.panel

    @property
    def region_id(self):
        return self.target.region_id

    @property
    def is_accepting(self):
        """Open, and its closing day (the last day to apply) not past."""
        return self.is_open and (self.closes_on is None or self.closes_on >= timezone.localdate())

    def clean(self):
        if bool(self.pool_id) == bool(self.panel_id):
            raise ValidationError(_("Choose either a pool or a panel."))


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("one choice")
    MULTIPLE = "multiple", _("several choices")
    TEXT = "text", _("free text")


class ScreeningQuestion(models.Model):
    # A ParentalKey so that the admin edits the questions on the recruitment page's form.
    recruitment = ParentalKey(
        Recruitment,
        verbose_name=_("recruitment page"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    # One choice per line, for the choice kinds.
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line."))
    is_required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("screening question")
        verbose_name_plural = _("screening questions")
        ordering = ["recruitment", "position", "pk"]

    def __str__(self):
        return self.text

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def has_choices(self):
        return self.kind != QuestionKind.TEXT

    def clean(self):
        choices = self.choice_list()
        if self.has_choices and len(choices) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})
        if not self.has_choices and choices:
            raise ValidationError({"choices": _("A free-text question has no choices.")})
        if any(len(choice) > ANSWER_MAX_LENGTH for choice in choices):
            raise ValidationError({"choices": _("A choice is too long.")})
        if len(set(choices)) != len(choices):
            raise ValidationError({"choices": _("Each choice can be listed once.")})


class ApplicationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("waiting for e-mail confirmation")
    RECEIVED = "received", _("received")
    SELECTED = "selected", _("selected")
    WAITING_LIST = "waiting_list", _("on the waiting list")
    REJECTED = "rejected", _("not selected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Being decided: one such application per person and recruitment page.
OPEN_STATUSES = [
    ApplicationStatus.UNVERIFIED,
    ApplicationStatus.RECEIVED,
    ApplicationStatus.WAITING_LIST,
]
# What staff decide on: confirmed, and not yet settled.
DECIDABLE_STATUSES = [ApplicationStatus.RECEIVED, ApplicationStatus.WAITING_LIST]


class ApplicationQuerySet(models.QuerySet):
    def confirmed(self):
        """What staff see: the e-mail address confirmed (the person is known)."""
        return self.exclude(status=ApplicationStatus.UNVERIFIED)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Application(models.Model):
    recruitment = models.ForeignKey(
        Recruitment,
        verbose_name=_("recruitment page"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    # Empty until the e-mail address is confirmed.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pool_applications",
    )
    # Kept only while unverified: confirming moves it to the account and empties it.
    email = models.EmailField(_("e-mail address"), blank=True)
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    client_group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    contact_consent = models.BooleanField(_("agreed to be contacted"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default="unverified"
    )
    decision_reason = models.TextField(
        _("reason given to the person"), blank=True, max_length=REASON_MAX_LENGTH
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    verified_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.person or self.display_name} – {self.recruitment}"


class ScreeningAnswer(models.Model):
    """One answer: a chosen choice (one row per choice for several) or the free text."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        ScreeningQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    value = models.CharField(_("answer"), max_length=ANSWER_MAX_LENGTH)

    class Meta:
        verbose_name = _("screening answer")
        verbose_name_plural = _("screening answers")
        ordering = ["question__position", "question_id", "pk"]

    def __str__(self):
        return self.value
