"""One person follows one thing. Re-exported by accounts.models (the migration is accounts')."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FollowQuerySet(models.QuerySet):
    def of_kind(self, key, object_ids):
        """The follows of the things of kind ``key`` (``app_label.modelname``, e.g.
        ``ideas.idearound``) with these ids, by the content type's natural key: no
        ContentType lookup, and a kind that does not exist simply has none."""
        app_label, _dot, model_name = key.partition(".")
        return self.filter(
            content_type__app_label=app_label,
            content_type__model=model_name,
            object_id__in=list(object_ids),
        )


class Follow(models.Model):
    """``person`` is told of what happens to the thing (``content_type`` + ``object_id``).

    A generic target because accounts cannot name the models of the apps above it; which
    models may be followed, and by whom, is the registry's (accounts.follows.registry).
    """

    # The person's own choice: it goes with their account.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("followed item"))
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)
    # When the person was last told of this thing by a notice sent at most once a day (new
    # ideas in a round, new comments on an idea): the next such notice waits for a new day.
    last_told_at = models.DateTimeField(_("last told"), null=True, blank=True, editable=False)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "content_type", "object_id"], name="accounts_follow_once"
            )
        ]
        # "Who follows this?" is asked whenever something happens to it.
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="accounts_follow_target")
        ]

    def __str__(self):
        return f"{self.person_id} → {self.content_type_id}:{self.object_id}"
