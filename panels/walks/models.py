"""Observation walks: a region's walk template with its ordered places, a walk on it with its
observers, and the findings they record place by place.

A walk's region is its template's: a walk never moves to another region, so the region's
staff (panels.rules.is_region_staff) are the same from the invitation to the report.

A finding's photo is stored on the default storage under ``walks/photos/`` with a random
name, and is never served from /media/ (nginx answers 404 there for everything but Wagtail's
images): the photo view (panels.walks.views) hands it out only to those the rules let see it.
"""

import uuid
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from panels.models import STAFF_ONLY, Region

FINDING_MAX_LENGTH = 1000
REJECTION_REASON_MAX_LENGTH = 300


class Aspect(models.TextChoices):
    """What an observer looks at in a place (field/004: rakenteet, opasteet, kohtaamiset)."""

    SIGNAGE = "signage", _("signage")
    WAITING = "waiting", _("waiting")
    ENCOUNTERS = "encounters", _("encounters")
    ACCESSIBILITY = "accessibility", _("accessibility")
    OTHER = "other", _("something else")


class AspectsField(models.JSONField):
    """A list of ``Aspect`` keys, chosen with checkboxes (in the admin's place forms)."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            label=self.verbose_name,
            help_text=self.help_text,
            choices=Aspect.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
        )


class WalkTemplate(ClusterableModel):
    """A route a region walks again and again: the places, in order, and what to observe."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="walk_templates"
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("walk template")
        verbose_name_plural = _("walk templates")
        ordering = ["region__name", "name"]

    def __str__(self):
        return self.name


class WalkPlace(Orderable):
    template = ParentalKey(
        WalkTemplate,
        verbose_name=_("walk template"),
        on_delete=models.CASCADE,
        related_name="places",
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=1000,
        help_text=_("Where the place is and what happens there, for the observers."),
    )
    aspects = AspectsField(
        _("what to observe"),
        default=list,
        blank=True,
        help_text=_("The observers are asked about these here; with none, about everything."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name

    def aspect_choices(self):
        """The aspects offered for a finding here: the place's own, always with "something
        else"; with none chosen, every aspect."""
        keys = [key for key in self.aspects or [] if key in Aspect.values]
        if not keys:
            return list(Aspect.choices)
        if Aspect.OTHER not in keys:
            keys.append(Aspect.OTHER)
        return [(key, Aspect(key).label) for key in Aspect.values if key in keys]

    def aspect_labels(self):
        return [Aspect(key).label for key in self.aspects or [] if key in Aspect.values]


class WalkStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    WALKING = "walking", _("walking")
    PUBLISHED = "published", _("report published")


class WalkQuerySet(models.QuerySet):
    def managed_by(self, user):
        """The walks ``user`` runs: their regions' as staff, every walk as administrator."""
        return self.filter(template__region__in=Region.objects.served_by(user, STAFF_ONLY))

    def visible_to(self, user):
        """Published walks to everyone; a walk before that to its observers and its region's
        staff. rules.sees_walk asks the same of one walk."""
        published = Q(status=WalkStatus.PUBLISHED)
        if not user.is_authenticated:
            return self.filter(published)
        return self.filter(
            published
            | Q(pk__in=Walk.observers.through.objects.filter(user=user).values("walk"))
            | Q(template__region__in=Region.objects.served_by(user, STAFF_ONLY))
        )


class Walk(models.Model):
    template = models.ForeignKey(
        WalkTemplate,
        verbose_name=_("walk template"),
        on_delete=models.PROTECT,
        related_name="walks",
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=3000,
        help_text=_("What the walk is for and what the observers should know: where to meet."),
    )
    observers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observers"),
        blank=True,
        related_name="observed_walks",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=WalkStatus.choices, default=WalkStatus.PLANNED
    )
    report_summary = models.TextField(_("summary"), blank=True, max_length=5000)
    published_at = models.DateTimeField(_("report published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WalkQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation walk")
        verbose_name_plural = _("observation walks")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("panels:walk", args=[self.pk])

    @property
    def region_id(self):
        """The template's region: region rules (panels.rules.region_id_of) ask it."""
        return self.template.region_id

    @property
    def region(self):
        return self.template.region

    @property
    def is_walking(self):
        return self.status == WalkStatus.WALKING

    @property
    def is_published(self):
        return self.status == WalkStatus.PUBLISHED


class PhotoStatus(models.TextChoices):
    NONE = "", _("no photo")
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("not approved")


def photo_path(finding, filename):
    """A random name: the observer's own file name may say who or where they are."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"walks/photos/{uuid.uuid4().hex}{suffix}"


class Finding(models.Model):
    walk = models.ForeignKey(
        Walk, verbose_name=_("walk"), on_delete=models.CASCADE, related_name="findings"
    )
    # A place removed from the template later leaves its findings under "no place".
    place = models.ForeignKey(
        WalkPlace,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    aspect = models.CharField(_("aspect"), max_length=16, choices=Aspect.choices)
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="walk_findings",
    )
    text = models.TextField(_("finding"), max_length=FINDING_MAX_LENGTH)
    shared_despite_warning = models.BooleanField(default=False, editable=False)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    photo_status = models.CharField(
        _("photo review"), max_length=16, choices=PhotoStatus.choices, blank=True, default=""
    )
    photo_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("photo reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    photo_reviewed_at = models.DateTimeField(_("photo reviewed"), null=True, blank=True)
    photo_rejection_reason = models.CharField(
        _("why the photo was not approved"), max_length=REJECTION_REASON_MAX_LENGTH, blank=True
    )
    # The same form sent twice (a second tap on a slow connection) is saved once.
    submission_token = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["walk", "observer", "submission_token"], name="walks_finding_once"
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def has_photo(self):
        return bool(self.photo)

    @property
    def photo_is_approved(self):
        return self.has_photo and self.photo_status == PhotoStatus.APPROVED
