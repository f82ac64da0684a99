"""What every live discussion's words have in common, as abstract models: the apps that hold
a discussion (ideas' comments, meeting rooms' messages) define the concrete ones."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 500


class SpokenWords(models.Model):
    """Words said in a live discussion. Removing by the author and hiding by moderation keep
    the row, so a thread stays readable where something was said, and a hide can be undone.
    A concrete model adds its discussion, its ``author`` and its ``body``."""

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


class ModerationKind(models.TextChoices):
    HIDE = "hide", _("hidden")
    RESTORE = "restore", _("restored")
    DISMISS = "dismiss", _("reports dismissed")


class ModerationRecord(models.Model):
    """The record of a moderation decision, with its reason. Never edited or deleted. A
    concrete model adds what the decision was about (``related_name="moderation_actions"``,
    which the catch-up reads: a restore leaves no time on the message itself)."""

    kind = models.CharField(_("action"), max_length=16, choices=ModerationKind.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.reason[:60]}"
