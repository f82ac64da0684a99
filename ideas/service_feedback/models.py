"""Spontaneous feedback on a region's services, and what the region's staff made of it.

What a database reader learns of an anonymous sender: nothing. The row has no user, no
address and no session; its creation time is rounded down to the hour, so it cannot be
matched with a server log line. A sender who is signed in and does not tick "anonymous" is
linked (``author``), so that they are told of the answer and see it on "my impact".

An e-mail address for the answer (``reply_email``) is kept only until the answer is sent
(services.triage erases it in the same transaction) and is shown nowhere.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from panels.models import STAFF_ONLY, Municipality, Region
from panels.segments.models import ClientGroup, ServiceArea

TEXT_MAX_LENGTH = 3000
ANSWER_MAX_LENGTH = 3000
REASON_MAX_LENGTH = 1000
FORWARDED_TO_MAX_LENGTH = 200


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("feedback status", "new")
    ANSWERED = "answered", pgettext_lazy("feedback status", "answered directly")
    IDEA = "idea", pgettext_lazy("feedback status", "turned into an idea")
    FORWARDED = "forwarded", pgettext_lazy("feedback status", "forwarded to the service")
    NOT_ACTIONABLE = "not_actionable", pgettext_lazy("feedback status", "not actionable")


OUTCOMES = (Status.ANSWERED, Status.IDEA, Status.FORWARDED, Status.NOT_ACTIONABLE)
# The outcomes that must say why, publicly.
NEEDS_REASON = (Status.FORWARDED, Status.NOT_ACTIONABLE)


def coarse(moment):
    """``moment`` rounded down to the hour: precise enough for response times in days, too
    coarse to pick one visit out of a server log."""
    return moment.replace(minute=0, second=0, microsecond=0)


def coarse_now():
    return coarse(timezone.now())


class FeedbackQuerySet(models.QuerySet):
    def triaged_by(self, user):
        """The feedback a person triages: that of the regions they act for as staff, every
        region's for administrators (Region.objects.served_by)."""
        return self.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))

    def published(self):
        """What the public page shows: answered, and chosen by staff to be shown."""
        return self.filter(publish=True, answered_at__isnull=False).exclude(status=Status.NEW)

    def waiting(self):
        return self.filter(answered_at__isnull=True)


class Feedback(models.Model):
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="service_feedback",
    )
    service_area = models.ForeignKey(
        ServiceArea, verbose_name=_("service area"), on_delete=models.PROTECT, related_name="+"
    )
    client_group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optional: the sender may say which municipality the feedback concerns.
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_feedback",
    )
    what_happened = models.TextField(_("what happened"), max_length=TEXT_MAX_LENGTH)
    what_would_be_better = models.TextField(
        _("what would be better"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    # Null when the sender was not signed in or ticked "anonymous"; also after they delete
    # their account (the feedback stays).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_feedback",
        editable=False,
    )
    reply_email = models.EmailField(_("e-mail for the answer"), blank=True, editable=False)
    # The language of the form, for the one e-mail with the answer.
    language = models.CharField(_("language"), max_length=8, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    answer = models.TextField(_("public answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    forwarded_to = models.CharField(
        _("forwarded to"), max_length=FORWARDED_TO_MAX_LENGTH, blank=True
    )
    idea = models.OneToOneField(
        "ideas.Idea",
        verbose_name=_("idea"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_feedback",
        editable=False,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    publish = models.BooleanField(
        _("show on the public page"),
        default=False,
        help_text=_("The text and the answer are shown without any name or e-mail address."),
    )
    created_at = models.DateTimeField(
        _("received"), default=coarse_now, db_index=True, editable=False
    )
    # The sender was warned that the text looks like personal details and sent it anyway:
    # staff check before they publish it.
    shared_despite_warning = models.BooleanField(
        _("sent despite a personal-information warning"), default=False, editable=False
    )
    # Sent with the form; a second submission of the same form finds the first item. A random
    # value per form: it leads to no one.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("spontaneous feedback")
        verbose_name_plural = _("spontaneous feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new", answered_at__isnull=True)
                | (~Q(status="new") & Q(answered_at__isnull=False)),
                name="service_feedback_answered_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.service_area.name}: {self.what_happened[:60]}"

    def get_absolute_url(self):
        """The item on its region's public page (only there when published)."""
        return reverse("service_feedback:public", args=[self.region.slug]) + f"#feedback-{self.pk}"

    def get_triage_url(self):
        return reverse("service_feedback:triage", args=[self.pk])

    def clean(self):
        errors = {}
        region = self.region_id
        if region and self.service_area_id and self.service_area.region_id != region:
            errors["service_area"] = _("Choose a service area of the chosen region.")
        if region and self.client_group_id and self.client_group.region_id != region:
            errors["client_group"] = _("Choose a client group of the chosen region.")
        if region and self.municipality_id and self.municipality.region_id != region:
            errors["municipality"] = _("Choose a municipality of the chosen region.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_answered(self):
        return self.answered_at is not None
