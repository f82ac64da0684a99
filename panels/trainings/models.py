"""Innoagent trainings and who attended them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.qualifications.models import LEVELS
from panels.models import STAFF_ONLY, Region


class TrainingQuerySet(models.QuerySet):
    def run_by(self, user):
        """The trainings ``user`` runs: their regions' for staff, all for administrators
        (panels.trainings.rules asks the same of one training)."""
        return self.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))


class Training(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="trainings"
    )
    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(
        _("level granted"),
        choices=LEVELS,
        help_text=_("Level I is for professionals, level II for experts by experience."),
    )
    held_on = models.DateField(_("date"), help_text=_("The day the training was held or ended."))
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="trainings_given",
        blank=True,
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("innoagent training")
        verbose_name_plural = _("innoagent trainings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("panels:training", args=[self.pk])


class TrainingAttendance(models.Model):
    training = models.ForeignKey(
        Training, verbose_name=_("training"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendee"),
        on_delete=models.CASCADE,
        related_name="training_attendances",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked completed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The level the completion granted; revoked (and unlinked) when the completion is undone.
    qualification = models.OneToOneField(
        "qualifications.Qualification",
        verbose_name=_("qualification granted"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
    )

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendances")
        ordering = ["person__display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "person"], name="trainings_one_attendance_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.training}"

    @property
    def is_completed(self):
        return self.completed_at is not None
