"""Survey series: one survey per round, the same questions each time.

Invariants:

- A round is one survey, and a survey is in at most one series (``SeriesRound.survey`` is
  one-to-one). Rounds are numbered 1, 2, 3… within their series.
- A round after the first is a copy of the round before (``services.start_next_round``): the
  same questions with the same choices, in the same order. A life-wheel domain of one round
  is the domain in the same position of another (``domains``); staff who edit a later round
  in the admin keep the domains in their order (a new domain goes last).
- The series' region is its surveys' region: a round's survey belongs to the series' region.
- ``OwnWheel`` is a person's own copy of the ratings they gave in an anonymous round, sealed
  so that only the server opens it, and only for them (see ``own``). Nothing else here ties a
  person to an answer.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from panels.models import STAFF_ONLY, Region


class SeriesQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Series ``user`` runs: staff their own region's, administrators all of them."""
        return self.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))

    def of_officials(self, user):
        """Series of the regions ``user`` acts for as staff or decision-maker."""
        return self.filter(region__in=Region.objects.served_by(user))


class Series(models.Model):
    region = models.ForeignKey(
        "panels.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="survey_series",
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    interval_months = models.PositiveSmallIntegerField(
        _("months between rounds"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How often the questions are asked again, e.g. every six months."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey series")
        verbose_name_plural = _("survey series")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("survey_series:detail", args=[self.pk])


class SeriesRound(models.Model):
    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="rounds"
    )
    survey = models.OneToOneField(
        "surveys.Survey",
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="series_round",
    )
    number = models.PositiveSmallIntegerField(_("round"))

    class Meta:
        verbose_name = _("round of a series")
        verbose_name_plural = _("rounds of a series")
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], name="survey_series_one_round_per_number"
            )
        ]

    def __str__(self):
        return f"{self.series} – {self.number}"


class OwnWheel(models.Model):
    """A person's own sealed copy of the life-wheel ratings they gave in an anonymous round.

    Deliberately nothing readable but who and which round (which the survey's
    ``AnsweredMarker`` records anyway): no time, no number counting up, and a sealed value
    padded to one length for the round (see ``own``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_wheels"
    )
    round = models.ForeignKey(SeriesRound, on_delete=models.CASCADE, related_name="own_wheels")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("own life wheel")
        verbose_name_plural = _("own life wheels")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "round"], name="survey_series_one_own_wheel_per_round"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.round}"
