"""Idea rounds, the ideas posted in them, comments, supports, flags and moderation.

Visibility lives in the QuerySets (``visible_to``); ``ideas.rules`` builds on them, so a list
and a detail page can never disagree about what a person may see.

Hiding by moderation and withdrawing by the author never delete a row: the thread stays
readable ("comment hidden", "comment removed"), and a hide can be undone.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from accounts.roles import Role
from panels.models import Membership, Panel, Region

TITLE_MAX_LENGTH = 140
TITLE_MIN_LENGTH = 5
IDEA_BODY_MAX_LENGTH = 5000
COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 500

# Round slugs share the URL space with the app's own fixed paths (see ideas/urls.py).
RESERVED_ROUND_SLUGS = {
    "ideas",
    "comments",
    "moderation",
    "report",
    "responses",
    "clarifications",
    "dashboard",
}


class Phase(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("phase", "upcoming")
    IDEATION = "ideation", pgettext_lazy("phase", "ideation")
    DEVELOPMENT = "development", pgettext_lazy("phase", "development")
    EVALUATION = "evaluation", pgettext_lazy("phase", "evaluation")
    CLOSED = "closed", pgettext_lazy("phase", "closed")


OPEN_PHASES = (Phase.IDEATION, Phase.DEVELOPMENT, Phase.EVALUATION)
# Ideas are discussed and supported while they are being worked on; in evaluation the set that
# decision-makers assess stays still.
DISCUSSION_PHASES = (Phase.IDEATION, Phase.DEVELOPMENT)


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("idea status", "submitted")
    UNDER_CONSIDERATION = "under_consideration", pgettext_lazy("idea status", "under consideration")
    IN_DEVELOPMENT = "in_development", pgettext_lazy("idea status", "in development or piloting")
    IMPLEMENTED = "implemented", pgettext_lazy("idea status", "implemented")
    NOT_TAKEN_FORWARD = "not_taken_forward", pgettext_lazy("idea status", "not taken forward")
    MERGED = "merged", pgettext_lazy("idea status", "merged into another idea")


# Where an idea may go from each status. An idea not taken forward may be reconsidered;
# implemented and merged ideas have reached the end of their road.
TRANSITIONS = {
    IdeaStatus.SUBMITTED: (
        IdeaStatus.UNDER_CONSIDERATION,
        IdeaStatus.NOT_TAKEN_FORWARD,
        IdeaStatus.MERGED,
    ),
    IdeaStatus.UNDER_CONSIDERATION: (
        IdeaStatus.IN_DEVELOPMENT,
        IdeaStatus.NOT_TAKEN_FORWARD,
        IdeaStatus.MERGED,
    ),
    IdeaStatus.IN_DEVELOPMENT: (IdeaStatus.IMPLEMENTED, IdeaStatus.NOT_TAKEN_FORWARD),
    IdeaStatus.IMPLEMENTED: (),
    IdeaStatus.NOT_TAKEN_FORWARD: (IdeaStatus.UNDER_CONSIDERATION,),
    IdeaStatus.MERGED: (),
}


def phase_at(round_, moment):
    """The phase a round is in at ``moment``: the staff's override if set, else the dates."""
    if round_.phase_override:
        return Phase(round_.phase_override)
    if moment >= round_.closes_at:
        return Phase.CLOSED
    if moment >= round_.evaluation_starts:
        return Phase.EVALUATION
    if moment >= round_.development_starts:
        return Phase.DEVELOPMENT
    if moment >= round_.ideation_starts:
        return Phase.IDEATION
    return Phase.UPCOMING


def _officials(user, region_ref):
    return Region.officials.through.objects.filter(region=region_ref, user=user)


def _region_staff(user, region_ref):
    """A subquery true when ``user`` is staff acting for the region at ``region_ref``."""
    if user.role != Role.STAFF:
        return Q(pk__in=[])
    return Exists(_officials(user, region_ref))


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery: one query for a whole page, no row multiplication."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


class IdeaRoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public rounds to everyone; a panel's round to its active members and facilitators,
        the region's officials, the person running it and administrators."""
        if not user.is_authenticated:
            return self.filter(panel__isnull=True)
        if user.is_superuser:
            return self.all()
        member = Membership.objects.active().filter(panel=OuterRef("panel"), person=user)
        facilitator = Panel.facilitators.through.objects.filter(panel=OuterRef("panel"), user=user)
        return self.filter(
            Q(panel__isnull=True)
            | Exists(member)
            | Exists(facilitator)
            | Exists(_officials(user, OuterRef("region")))
            | Q(run_by=user)
        )

    def managed_by(self, user):
        """Rounds a person may run and moderate: the region's staff, administrators anywhere."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(_region_staff(user, OuterRef("region")))

    def answered_by(self, user):
        """Rounds whose ideas a person answers officially: those of the regions they act for as
        staff or decision-maker; administrators answer everywhere."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.role not in (Role.STAFF, Role.DECISION_MAKER):
            return self.none()
        return self.filter(Exists(_officials(user, OuterRef("region"))))

    def with_counts(self):
        public_ideas = Idea.objects.public().filter(round=OuterRef("pk")).values("pk")
        answered = Idea.objects.awaiting_answer_or_answered().filter(round=OuterRef("pk"))
        return self.annotate(
            idea_count=SubqueryCount(public_ideas),
            answered_count=SubqueryCount(answered.answered().values("pk")),
            waiting_count=SubqueryCount(answered.waiting().values("pk")),
        )

    def open_first(self, moment=None):
        """Rounds in an open phase first, then upcoming, then closed; by region within each."""
        moment = moment or timezone.now()
        by_dates = models.Case(
            models.When(closes_at__lte=moment, then=models.Value(2)),
            models.When(ideation_starts__gt=moment, then=models.Value(1)),
            default=models.Value(0),
        )
        rank = models.Case(
            models.When(phase_override=Phase.CLOSED, then=models.Value(2)),
            models.When(phase_override=Phase.UPCOMING, then=models.Value(1)),
            models.When(phase_override__in=OPEN_PHASES, then=models.Value(0)),
            default=by_dates,
        )
        return self.annotate(openness=rank).order_by(
            "openness", "region__name", "-ideation_starts", "title"
        )


def validate_round_slug(value):
    if value in RESERVED_ROUND_SLUGS:
        raise ValidationError(_("This address is reserved; choose another one."))


class IdeaRound(models.Model):
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        validators=[validate_round_slug],
        help_text=_("The round's web address, e.g. young-adults-2026."),
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="idea_rounds"
    )
    panel = models.ForeignKey(
        Panel,
        verbose_name=_("panel"),
        on_delete=models.PROTECT,
        related_name="idea_rounds",
        null=True,
        blank=True,
        help_text=_("Leave empty for a public round. A panel's round is open to its members only."),
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_rounds_run",
        limit_choices_to={"role": Role.STAFF},
    )
    themes = TaggableManager(
        verbose_name=_("themes offered"),
        blank=True,
        help_text=_("The themes people can attach to their ideas."),
    )
    ideation_starts = models.DateTimeField(_("ideation starts"))
    development_starts = models.DateTimeField(_("development starts"))
    evaluation_starts = models.DateTimeField(_("evaluation starts"))
    closes_at = models.DateTimeField(_("closes"))
    phase_override = models.CharField(
        _("phase set by staff"),
        max_length=16,
        choices=Phase.choices,
        blank=True,
        help_text=_("Leave empty to follow the dates. Set to move the round to another phase now."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = IdeaRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea round")
        verbose_name_plural = _("idea rounds")
        ordering = ["-ideation_starts", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:round_detail", args=[self.slug])

    def clean(self):
        errors = {}
        dates = [
            ("ideation_starts", self.ideation_starts),
            ("development_starts", self.development_starts),
            ("evaluation_starts", self.evaluation_starts),
            ("closes_at", self.closes_at),
        ]
        previous = None
        for name, value in dates:
            if value is None:
                continue
            if previous is not None and value < previous:
                errors[name] = _("The phases must follow each other: this date is too early.")
            previous = value
        if self.ideation_starts and self.closes_at and self.closes_at <= self.ideation_starts:
            errors["closes_at"] = _("The round must close after ideation starts.")
        if self.panel_id and self.region_id and self.panel.region_id != self.region_id:
            errors["panel"] = _("The panel must belong to the round's region.")
        if errors:
            raise ValidationError(errors)

    @property
    def phase(self):
        return phase_at(self, timezone.now())

    def phase_label(self):
        return self.phase.label

    phase_label.short_description = _("phase")  # the column heading in the admin

    @property
    def is_open(self):
        return self.phase in OPEN_PHASES

    @property
    def is_public(self):
        return self.panel_id is None


class IdeaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(hidden_at__isnull=True, withdrawn_at__isnull=True)

    def visible_to(self, user):
        """Ideas in rounds the person sees. Hidden and withdrawn ideas only to their author,
        the region's staff and administrators; to everyone else they do not exist."""
        in_rounds = self.filter(round__in=IdeaRound.objects.visible_to(user))
        if not user.is_authenticated:
            return in_rounds.public()
        if user.is_superuser:
            return in_rounds
        return in_rounds.filter(
            Q(hidden_at__isnull=True, withdrawn_at__isnull=True)
            | Q(author=user)
            | _region_staff(user, OuterRef("round__region"))
        )

    def awaiting_answer_or_answered(self):
        """The ideas that are owed an official response: public ones that were not merged into
        another (a merged idea is answered through the idea that took it)."""
        return self.public().exclude(status=IdeaStatus.MERGED)

    def answered(self):
        return self.filter(Exists(OfficialResponse.objects.filter(idea=OuterRef("pk"))))

    def waiting(self):
        return self.exclude(Exists(OfficialResponse.objects.filter(idea=OuterRef("pk"))))

    def response_coverage(self):
        """How many of these ideas have an official response, how many wait, and since when
        the longest-waiting one has waited: one query."""
        has_response = Exists(OfficialResponse.objects.filter(idea=OuterRef("pk")))
        owed = self.awaiting_answer_or_answered().annotate(has_response=has_response)
        return owed.aggregate(
            total=models.Count("pk"),
            answered=models.Count("pk", filter=Q(has_response=True)),
            waiting=models.Count("pk", filter=Q(has_response=False)),
            waiting_since=models.Min("created_at", filter=Q(has_response=False)),
        )

    def with_theme(self, slug):
        """Filtered through a subquery rather than a join on ``themes``: taggit's join adds a
        content-type restriction that Django 6.1 deprecates, and a join can repeat rows."""
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Idea), tag__slug=slug
        ).values("object_id")
        return self.filter(pk__in=tagged)

    def with_counts(self):
        supports = Support.objects.filter(idea=OuterRef("pk")).values("pk")
        comments = Comment.objects.public().filter(idea=OuterRef("pk")).values("pk")
        return self.annotate(
            support_count=SubqueryCount(supports), comment_count=SubqueryCount(comments)
        )

    def with_supported_by(self, user):
        if not user.is_authenticated:
            return self.annotate(supported=models.Value(False))
        return self.annotate(
            supported=Exists(Support.objects.filter(idea=OuterRef("pk"), person=user))
        )


class Idea(models.Model):
    round = models.ForeignKey(
        IdeaRound, verbose_name=_("idea round"), on_delete=models.CASCADE, related_name="ideas"
    )
    # Deleting an account keeps what the person wrote, shown as by a "former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ideas",
    )
    title = models.CharField(
        _("title"),
        max_length=TITLE_MAX_LENGTH,
        validators=[MinLengthValidator(TITLE_MIN_LENGTH)],
    )
    body = models.TextField(_("description"), max_length=IDEA_BODY_MAX_LENGTH)
    themes = TaggableManager(verbose_name=_("themes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden by moderation"), null=True, blank=True)
    hidden_reason = models.TextField(
        _("reason for hiding"), blank=True, max_length=REASON_MAX_LENGTH
    )
    # Sent with the form; a second submission of the same form finds the first idea.
    submission_token = models.UUIDField(_("submission token"), null=True, editable=False)
    # The current status, kept in step with the newest StatusChange by ideas.responses, so that
    # lists can filter and count by it without reading the history.
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=IdeaStatus.choices,
        default=IdeaStatus.SUBMITTED,
        db_index=True,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="ideas_idea_one_per_submission"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:idea_detail", args=[self.pk])

    @property
    def is_public(self):
        return self.hidden_at is None and self.withdrawn_at is None


class CommentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(hidden_at__isnull=True, deleted_at__isnull=True)

    def visible_to(self, user):
        """Comments a person may act on. A thread shows the others as placeholders."""
        on_ideas = self.filter(idea__in=Idea.objects.visible_to(user), deleted_at__isnull=True)
        if not user.is_authenticated:
            return on_ideas.filter(hidden_at__isnull=True)
        if user.is_superuser:
            return on_ideas
        return on_ideas.filter(
            Q(hidden_at__isnull=True)
            | Q(author=user)
            | _region_staff(user, OuterRef("idea__round__region"))
        )

    def thread(self):
        """Top-level comments with their replies, authors loaded: a fixed number of queries."""
        replies = Comment.objects.select_related("author").order_by("created_at", "pk")
        return (
            self.filter(parent__isnull=True)
            .select_related("author")
            .prefetch_related(models.Prefetch("replies", queryset=replies))
            .order_by("created_at", "pk")
        )


class SpokenWords(models.Model):
    """What comments and room messages share: words said in a live discussion. Removing by
    the author and hiding by moderation keep the row, so a thread stays readable where
    something was said, and a hide can be undone."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("removed by its author"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden by moderation"), null=True, blank=True)
    hidden_reason = models.TextField(
        _("reason for hiding"), blank=True, max_length=REASON_MAX_LENGTH
    )
    # Chosen by the client for each post: sending the same post again (after a lost
    # connection, say) finds what the first attempt saved instead of adding a second.
    # NULL, not "", when absent: NULLs never collide in the unique constraints on it.
    submission_token = models.CharField(  # noqa: DJ001
        _("submission token"), max_length=64, null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.body[:60]

    @property
    def is_edited(self):
        return self.edited_at is not None

    @property
    def is_public(self):
        return self.hidden_at is None and self.deleted_at is None


class Comment(SpokenWords):
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="idea_comments",
    )
    # One level of replies: a reply to a reply is attached to the top-level comment.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="ideas_comment_one_per_submission"
            )
        ]

    def get_absolute_url(self):
        return f"{self.idea.get_absolute_url()}#comment-{self.pk}"


class Support(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="supports"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="idea_supports",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="ideas_support_once")
        ]

    def __str__(self):
        return f"{self.person} → {self.idea}"


def _exactly_one_target(name, targets=("idea", "comment")):
    """Exactly one of the foreign keys ``targets`` is set."""
    condition = Q()
    for target in targets:
        condition |= Q(**{f"{field}__isnull": field != target for field in targets})
    return models.CheckConstraint(condition=condition, name=name)


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def for_moderator(self, user):
        rounds = IdeaRound.objects.managed_by(user)
        return self.filter(Q(idea__round__in=rounds) | Q(comment__idea__round__in=rounds))


class Flag(models.Model):
    """A report that an idea or a comment breaks the rules. Exactly one of the two is set."""

    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flags",
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flags",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="idea_flags",
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at", "pk"]
        constraints = [
            _exactly_one_target("ideas_flag_one_target"),
            # One open report per person and item: reporting again adds nothing.
            models.UniqueConstraint(
                fields=["reporter", "idea"],
                condition=Q(resolved_at__isnull=True, idea__isnull=False),
                name="ideas_flag_open_once_per_idea",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(resolved_at__isnull=True, comment__isnull=False),
                name="ideas_flag_open_once_per_comment",
            ),
        ]

    def __str__(self):
        return self.reason[:60]

    @property
    def target(self):
        return self.idea or self.comment


class ModerationKind(models.TextChoices):
    HIDE = "hide", _("hidden")
    RESTORE = "restore", _("restored")
    DISMISS = "dismiss", _("reports dismissed")


class ModerationAction(models.Model):
    """The record of every moderation decision, with its reason. Never edited or deleted.
    About exactly one idea, comment or message in a meeting's live room."""

    kind = models.CharField(_("action"), max_length=16, choices=ModerationKind.choices)
    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    room_message = models.ForeignKey(
        "RoomMessage",
        verbose_name=_("room message"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="idea_moderation_actions",
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            _exactly_one_target("ideas_moderation_one_target", ("idea", "comment", "room_message"))
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.reason[:60]}"


# --- The feedback loop: statuses, official responses, whether they answered ---------------


EXPLANATION_MAX_LENGTH = 2000
RESPONSE_TEXT_MAX_LENGTH = 5000


def allowed_transitions(status):
    return TRANSITIONS[IdeaStatus(status)]


class ImmutableRecord(models.Model):
    """A row that is written once and never changed or deleted: the public record."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("This record cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("This record cannot be deleted."))


class StatusChange(ImmutableRecord):
    """One move of an idea from one status to another, with its public explanation."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="status_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="idea_status_changes",
    )
    # The role the person acted in, kept as it was: the record says "a decision-maker", even
    # if that person's role changes later.
    actor_role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    from_status = models.CharField(_("from"), max_length=24, choices=IdeaStatus.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=IdeaStatus.choices)
    explanation = models.TextField(_("public explanation"), max_length=EXPLANATION_MAX_LENGTH)
    merged_into = models.ForeignKey(
        Idea,
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("changed"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.idea_id}: {self.from_status} → {self.to_status}"


class ResponseContent(models.Model):
    """What an official response says. Shared by the response and its earlier versions."""

    reasons = models.TextField(_("reasons"), max_length=RESPONSE_TEXT_MAX_LENGTH)
    next_step = models.TextField(_("next step"), blank=True, max_length=EXPLANATION_MAX_LENGTH)
    responsible = models.CharField(
        _("responsible"),
        max_length=200,
        blank=True,
        help_text=_("The unit or person who carries the next step."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    link_url = models.URLField(_("link to a page"), blank=True)
    link_title = models.CharField(_("link text"), max_length=200, blank=True)

    CONTENT_FIELDS = ("reasons", "next_step", "responsible", "due_date", "link_url", "link_title")

    class Meta:
        abstract = True


class OfficialResponse(ResponseContent):
    """A decision-maker's or the region staff's public answer to an idea.

    The decision is fixed once published (a new decision is a new response); the rest may be
    edited, and every edit keeps the version before it as a ResponseVersion.
    """

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="responses"
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responder"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="idea_responses",
    )
    responder_role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    decision = models.CharField(_("decision"), max_length=24, choices=IdeaStatus.choices)
    # The status change this response made, if its decision moved the idea.
    status_change = models.OneToOneField(
        StatusChange,
        verbose_name=_("status change"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("official response")
        verbose_name_plural = _("official responses")
        ordering = ["published_at", "pk"]

    def __str__(self):
        return f"{self.idea}: {self.get_decision_display()}"

    def get_absolute_url(self):
        return f"{self.idea.get_absolute_url()}#response-{self.pk}"


class ResponseVersion(ResponseContent, ImmutableRecord):
    """How a response read before one of its edits. Shown publicly as its history."""

    response = models.ForeignKey(
        OfficialResponse,
        verbose_name=_("official response"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    # The moment this version stopped being current, and who replaced it.
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("earlier version of a response")
        verbose_name_plural = _("earlier versions of responses")
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.response_id} @ {self.replaced_at:%Y-%m-%d %H:%M}"


class Verdict(models.TextChoices):
    YES = "yes", pgettext_lazy("did the response answer", "yes")
    PARTLY = "partly", pgettext_lazy("did the response answer", "partly")
    NO = "no", pgettext_lazy("did the response answer", "no")


class ResponseFeedbackQuerySet(models.QuerySet):
    def clarification_requests(self):
        """A "no" with a comment asks the responder to clarify, until someone handles it."""
        return self.filter(verdict=Verdict.NO, handled_at__isnull=True).exclude(comment="")


class ResponseFeedback(models.Model):
    """Whether a response answered the idea, in the words of someone it answers (the idea's
    author or a supporter). One per person and response; a person may change their mind."""

    response = models.ForeignKey(
        OfficialResponse,
        verbose_name=_("official response"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    # A deleted account's judgement stays in the figures, no longer linked to anyone.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="response_feedback",
    )
    verdict = models.CharField(
        _("did this answer the idea?"), max_length=8, choices=Verdict.choices
    )
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("given"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    handled_at = models.DateTimeField(_("clarification handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ResponseFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback on a response")
        verbose_name_plural = _("feedback on responses")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "person"], name="ideas_feedback_once")
        ]

    def __str__(self):
        return f"{self.person}: {self.get_verdict_display()}"

    @property
    def asks_for_clarification(self):
        return self.verdict == Verdict.NO and bool(self.comment) and self.handled_at is None


class Citation(models.Model):
    """An impact report (a Wagtail page in cms) cites an idea. Written by cms when the report
    is published, so that ideas can show it without importing cms."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="citations"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("impact report"),
        on_delete=models.CASCADE,
        related_name="idea_citations",
    )
    cited_at = models.DateTimeField(_("cited"), default=timezone.now)

    class Meta:
        verbose_name = _("citation in an impact report")
        verbose_name_plural = _("citations in impact reports")
        ordering = ["-cited_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["idea", "page"], name="ideas_citation_once")]

    def __str__(self):
        return f"{self.page_id} → {self.idea_id}"


# --- Meeting live rooms -------------------------------------------------------------------
# A panel meeting's live room ("developer café" style): the facilitator opens it, the panel
# talks in it, and once closed its transcript stays readable to the panel's inner circle.
# It lives here rather than in panels because panels must not depend on ideas.


class MeetingRoom(models.Model):
    """Created when the room is first opened; a meeting without one has no room yet."""

    meeting = models.OneToOneField(
        "panels.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="live_room",
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set while the room is closed; opening it again clears it.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting live room")
        verbose_name_plural = _("meeting live rooms")

    def __str__(self):
        return str(self.meeting)

    @property
    def state(self):
        if self.opened_at is None:
            return "not_open"
        return "closed" if self.closed_at is not None else "open"

    @property
    def is_open(self):
        return self.state == "open"


class RoomMessage(SpokenWords):
    """One message in a meeting room."""

    room = models.ForeignKey(
        MeetingRoom, verbose_name=_("room"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="room_messages",
    )
    body = models.TextField(_("message"), max_length=COMMENT_MAX_LENGTH)
    # Who hid or restored it, when and why: its moderation_actions (ModerationAction).

    class Meta:
        verbose_name = _("room message")
        verbose_name_plural = _("room messages")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="ideas_roommessage_one_per_submission"
            )
        ]

    def get_absolute_url(self):
        return reverse("ideas:meeting_room", args=[self.room.meeting_id]) + f"#comment-{self.pk}"
