"""A person's innoagent qualifications: one row per level granted, kept when revoked."""

from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accounts.roles import InnoagentLevel, Role

# The levels a qualification can be (InnoagentLevel.NONE is the absence of one).
LEVELS = [
    (InnoagentLevel.LEVEL_I, InnoagentLevel.LEVEL_I.label),
    (InnoagentLevel.LEVEL_II, InnoagentLevel.LEVEL_II.label),
]

# Who each level is for (field/004): level I is the professionals' training, level II the
# experts by experience'. A person of another role is refused (services.check_fits).
ROLES_FOR_LEVEL = {
    InnoagentLevel.LEVEL_I: (Role.STAFF, Role.DECISION_MAKER),
    InnoagentLevel.LEVEL_II: (Role.EXPERT_BY_EXPERIENCE,),
}


class QualificationQuerySet(models.QuerySet):
    def held(self):
        """Qualifications in force: not revoked."""
        return self.filter(revoked_at__isnull=True)


class Qualification(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    level = models.PositiveSmallIntegerField(_("innoagent level"), choices=LEVELS)
    granted_on = models.DateField(_("granted on"))
    # The training that granted it, by name: accounts knows no trainings (panels.trainings
    # links its attendance rows to the qualification instead).
    training_name = models.CharField(_("training"), max_length=200, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = QualificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("innoagent qualification")
        verbose_name_plural = _("innoagent qualifications")
        ordering = ["-granted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=[InnoagentLevel.LEVEL_I, InnoagentLevel.LEVEL_II]),
                name="qualifications_level_is_i_or_ii",
            )
        ]

    def __str__(self):
        granted_on = formats.date_format(self.granted_on, "SHORT_DATE_FORMAT")
        return f"{self.person}: {self.get_level_display()} ({granted_on})"

    @property
    def is_revoked(self):
        return self.revoked_at is not None
