"""Idea rounds, the ideas posted in them, comments, supports, flags and moderation, and the
discussions of Wagtail pages (PageDiscussion), whose comments are the same comments.

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
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from accounts.models import validate_single_line
from accounts.plain_language import plain_summary_field
from accounts.roles import Role
from live.models import MESSAGE_MAX_LENGTH, REASON_MAX_LENGTH, ModerationRecord, SpokenWords
from panels.attachments.models import DocumentAttachment
from panels.models import STAFF_ONLY, Membership, Municipality, Panel, Region

from .feedback.models import OfficialResponse
from .feedback.statuses import IdeaStatus

TITLE_MAX_LENGTH = 140
TITLE_MIN_LENGTH = 5
IDEA_BODY_MAX_LENGTH = 5000
COMMENT_MAX_LENGTH = MESSAGE_MAX_LENGTH

# Round slugs share the URL space with the app's own fixed paths (see ideas/urls.py).
RESERVED_ROUND_SLUGS = {
    "ideas",
    "comments",
    "discussions",
    "moderation",
    "report",
    "responses",
    "clarifications",
    "dashboard",
    "from-decision",
    "from-finding",
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


def _region_staff(user, region_lookup):
    """A condition true where ``user`` is staff acting for the region at ``region_lookup``
    (Region.objects.served_by, the one answer to who acts for a region)."""
    return Q(**{f"{region_lookup}__in": Region.objects.served_by(user, STAFF_ONLY)})


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery: one query for a whole page, no row multiplication."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


class IdeaRoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public rounds to everyone; a panel's round to its active members and facilitators,
        the region's officials, the staff member running it and administrators."""
        if not user.is_authenticated:
            return self.filter(panel__isnull=True)
        if user.is_superuser:
            return self.all()
        member = Membership.objects.active().filter(panel=OuterRef("panel"), person=user)
        facilitator = Panel.facilitators.through.objects.filter(panel=OuterRef("panel"), user=user)
        # Running a round is a staff member's job: it gives no access once the role is gone.
        runs_it = Q(run_by=user) if user.role == Role.STAFF else Q(pk__in=[])
        return self.filter(
            Q(panel__isnull=True)
            | Exists(member)
            | Exists(facilitator)
            | Q(region__in=Region.objects.served_by(user))
            | runs_it
        )

    def managed_by(self, user):
        """Rounds a person may run and moderate: the region's staff, administrators anywhere."""
        return self.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))

    def answered_by(self, user):
        """Rounds whose ideas a person answers officially: those of the regions they act for as
        staff or decision-maker; administrators answer everywhere."""
        return self.filter(region__in=Region.objects.served_by(user))

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


class IdeaRound(ClusterableModel):
    # A ClusterableModel so that its attachments (RoundAttachment) are edited with it in the
    # admin.
    # Titles are one line: they go into e-mail subjects and page headings.
    title = models.CharField(_("title"), max_length=160, validators=[validate_single_line])
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        validators=[validate_round_slug],
        help_text=_("The round's web address, e.g. young-adults-2026."),
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    plain_summary = plain_summary_field(max_length=5000)
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
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_rounds",
        help_text=_("Leave empty for a round of the whole region."),
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
        municipality = self.municipality if self.municipality_id else None
        if municipality and self.region_id and municipality.region_id != self.region_id:
            errors["municipality"] = _("Choose a municipality of the round's region.")
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


class RoundAttachment(DocumentAttachment):
    """A document attached to a round (a background paper, slides): whoever sees the round
    (``IdeaRound.objects.visible_to``) sees and downloads it (panels.attachments)."""

    round = ParentalKey(
        IdeaRound,
        verbose_name=_("idea round"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )

    parent_field = "round"

    class Meta(DocumentAttachment.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


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
            | _region_staff(user, "round__region")
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
        validators=[MinLengthValidator(TITLE_MIN_LENGTH), validate_single_line],
    )
    body = models.TextField(_("description"), max_length=IDEA_BODY_MAX_LENGTH)
    themes = TaggableManager(verbose_name=_("themes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The author deleted their account and asked that their words go too
    # (ideas.privacy.erasure): the idea keeps its place and its discussion, not its text.
    erased_at = models.DateTimeField(_("removed at the author's request"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden by moderation"), null=True, blank=True)
    hidden_reason = models.TextField(
        _("reason for hiding"), blank=True, max_length=REASON_MAX_LENGTH
    )
    # Sent with the form; a second submission of the same form finds the first idea.
    submission_token = models.UUIDField(_("submission token"), null=True, editable=False)
    # The current status, kept in step with the newest StatusChange by ideas.feedback.services,
    # so that lists can filter and count by it without reading the history.
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
    # The author was warned that the text looks like personal details (accounts.oversharing)
    # and posted it anyway: moderators can list these in their queue.
    shared_despite_warning = models.BooleanField(
        _("shared despite a personal-information warning"), default=False, editable=False
    )
    # The co-design workshop decision this idea was made from (ideas.origins.decisions): ideas knows
    # workshops, never the other way round, so the link lives here.
    workshop_decision = models.OneToOneField(
        "workshops.Decision",
        verbose_name=_("workshop decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
        editable=False,
    )
    # The observation walk finding this idea was made from (ideas.origins.walk_findings), likewise.
    walk_finding = models.OneToOneField(
        "walks.Finding",
        verbose_name=_("observation walk finding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
        editable=False,
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


def _exactly_one_target(name, targets=("idea", "comment")):
    """Exactly one of the foreign keys ``targets`` is set."""
    condition = Q()
    for target in targets:
        condition |= Q(**{f"{field}__isnull": field != target for field in targets})
    return models.CheckConstraint(condition=condition, name=name)


class PageDiscussionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public discussions to everyone; the others (the page is a draft, unpublished or
        restricted) only to those who moderate them, so that nothing waits unseen in the
        moderation queue."""
        if not user.is_authenticated:
            return self.filter(is_public=True)
        if user.is_superuser:
            return self.all()
        return self.filter(Q(is_public=True) | _region_staff(user, "region"))

    def moderated_by(self, user):
        """Discussions whose comments a person moderates: those of the regions they act for
        as staff; administrators every one, also those of no region."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        return self.filter(_region_staff(user, "region"))


class PageDiscussion(models.Model):
    """The comments of a Wagtail page (an experiment, say) are ideas' comments, with the same
    moderation and live thread. ideas cannot import cms, so cms writes this row in step with
    the page when it is published, unpublished or moved (ideas.discussions.sync_page_discussion):
    what the page is called, where it is and who may read it, copied here."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="discussion",
    )
    # Whose staff moderate it; none: platform-wide, administrators moderate.
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="page_discussions",
    )
    # The page is live and has no view restriction.
    is_public = models.BooleanField(_("public"), default=False)
    is_open = models.BooleanField(_("open for comments"), default=True)
    # For notices and the moderation queue, which cannot ask the page.
    title = models.CharField(_("title"), max_length=255)
    # A page's address can be long (its slugs and its language): no length limit.
    url = models.TextField(_("address"))

    objects = PageDiscussionQuerySet.as_manager()

    class Meta:
        verbose_name = _("page discussion")
        verbose_name_plural = _("page discussions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url


class CommentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(hidden_at__isnull=True, deleted_at__isnull=True)

    def visible_to(self, user):
        """Comments a person may act on, on ideas and on pages. A thread shows the others as
        placeholders."""
        seen = self.filter(
            Q(idea__in=Idea.objects.visible_to(user))
            | Q(discussion__in=PageDiscussion.objects.visible_to(user)),
            deleted_at__isnull=True,
        )
        if not user.is_authenticated:
            return seen.filter(hidden_at__isnull=True)
        if user.is_superuser:
            return seen
        return seen.filter(
            Q(hidden_at__isnull=True)
            | Q(author=user)
            | _region_staff(user, "idea__round__region")
            | _region_staff(user, "discussion__region")
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


class Comment(SpokenWords):
    """A comment on an idea or in a page's discussion: exactly one of the two (its place)."""

    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    discussion = models.ForeignKey(
        PageDiscussion,
        verbose_name=_("page discussion"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
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
    # As on Idea: posted although it looked like personal details (accounts.oversharing).
    shared_despite_warning = models.BooleanField(
        _("shared despite a personal-information warning"), default=False, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="ideas_comment_one_per_submission"
            ),
            _exactly_one_target("ideas_comment_one_place", ("idea", "discussion")),
        ]

    @property
    def place(self):
        """Where it was written: its idea or its page's discussion. Both have a ``title``, a
        ``get_absolute_url`` and ``comments``."""
        return self.idea if self.discussion_id is None else self.discussion

    def get_absolute_url(self):
        return f"{self.place.get_absolute_url()}#comment-{self.pk}"


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


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def for_moderator(self, user):
        rounds = IdeaRound.objects.managed_by(user)
        return self.filter(
            Q(idea__round__in=rounds)
            | Q(comment__idea__round__in=rounds)
            | Q(comment__discussion__in=PageDiscussion.objects.moderated_by(user))
        )


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


class ModerationAction(ModerationRecord):
    """The record of a moderation decision about exactly one idea or comment, with its
    reason (live.models.ModerationRecord). Never edited or deleted."""

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

    class Meta(ModerationRecord.Meta):
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        constraints = [_exactly_one_target("ideas_moderation_one_target")]
