"""The feedback loop's records: every move of an idea's status, the official responses and
their earlier versions, what the people they answer said of them, and the impact reports
that cite an idea.

The public record (``StatusChange``, ``ResponseVersion``) is written once and never changed
or deleted. Ideas are referred to by name ("ideas.Idea"), so that ideas.models can ask these
records (has an idea been answered?) without the two modules importing each other.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.plain_language import plain_summary_field
from accounts.roles import Role
from live.models import MESSAGE_MAX_LENGTH

from .statuses import ExperimentStatus, IdeaStatus

EXPLANATION_MAX_LENGTH = 2000
RESPONSE_TEXT_MAX_LENGTH = 5000


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
        "ideas.Idea",
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        related_name="status_changes",
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
        "ideas.Idea",
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
    plain_summary = plain_summary_field(max_length=RESPONSE_TEXT_MAX_LENGTH)

    CONTENT_FIELDS = (
        "reasons",
        "next_step",
        "responsible",
        "due_date",
        "link_url",
        "link_title",
        "plain_summary",
    )

    class Meta:
        abstract = True


class OfficialResponse(ResponseContent):
    """A decision-maker's or the region staff's public answer to an idea.

    The decision is fixed once published (a new decision is a new response); the rest may be
    edited, and every edit keeps the version before it as a ResponseVersion.
    """

    idea = models.ForeignKey(
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="responses"
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
    # The organisation the responder worked for when publishing (panels.Affiliation), frozen:
    # a later change of job rewrites no response, and an edit keeps it (every version of the
    # text was given on behalf of the same organisation).
    on_behalf_of = models.ForeignKey(
        "panels.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="official_responses",
        editable=False,
    )

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
    comment = models.TextField(_("comment"), blank=True, max_length=MESSAGE_MAX_LENGTH)
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
            models.UniqueConstraint(fields=["response", "person"], name="feedback_feedback_once")
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
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="citations"
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
        constraints = [
            models.UniqueConstraint(fields=["idea", "page"], name="feedback_citation_once")
        ]

    def __str__(self):
        return f"{self.page_id} → {self.idea_id}"


class ExperimentLink(models.Model):
    """An experiment (a Wagtail page in cms) grew from an idea. Written by cms when the
    experiment is published, so that the idea's page, its timeline and "my impact" can show
    it without importing cms (cms.experiments.links keeps the rows in step)."""

    idea = models.ForeignKey(
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="experiments"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="idea_experiments",
    )
    # As the experiment's live version says; kept in step on every publish.
    status = models.CharField(
        _("status"), max_length=16, choices=ExperimentStatus.choices, default="planned"
    )
    linked_at = models.DateTimeField(_("linked"), default=timezone.now)
    # The last time something happened that the idea's people were told of.
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("experiment grown from an idea")
        verbose_name_plural = _("experiments grown from ideas")
        ordering = ["linked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "page"], name="feedback_experiment_link_once")
        ]

    def __str__(self):
        return f"{self.idea_id} → {self.page_id}"
