"""Regions, their panels, and who belongs to a panel.

A membership row is never deleted: leaving, removal and refusal are statuses, so a panel's
history stays readable. At most one *current* row (applied, invited or active) exists per
person and panel; a person who left and comes back gets a new row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import Role


class Region(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Staff and decision-makers who act for this region (their role is on the user).
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff and decision-makers"),
        related_name="regions",
        blank=True,
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_staff(self, user):
        return (
            user.is_authenticated
            and user.role == Role.STAFF
            and self.officials.filter(pk=user.pk).exists()
        )


class PanelKind(models.TextChoices):
    DEVELOPER_CLIENTS = "developer_clients", _("developer-client panel")
    EXPERTS_BY_EXPERIENCE = "experts_by_experience", _("experts-by-experience panel")
    FORERUNNERS = "forerunners", _("forerunner clients")
    DEVELOPMENT_TEAM = "development_team", _("development team")
    OTHER = "other", pgettext_lazy("panel kind", "other")


class JoiningPolicy(models.TextChoices):
    OPEN = "open", _("open to all")
    APPLICATION = "application", _("by application")
    INVITATION = "invitation", _("by invitation")


class PanelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def visible_to(self, user):
        """Every panel is listed publicly: what a panel is and how to join is not secret.
        What is private (members, minutes) is decided per item by panels.rules."""
        return self.all()


class Panel(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="panels"
    )
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=PanelKind.choices, default=PanelKind.DEVELOPER_CLIENTS
    )
    joining_policy = models.CharField(
        _("joining"),
        max_length=16,
        choices=JoiningPolicy.choices,
        default=JoiningPolicy.APPLICATION,
    )
    # Language codes such as "fi", "sv", "en", "se" (Northern Sámi), "smn", "sms".
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_panels",
        blank=True,
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PanelQuerySet.as_manager()

    class Meta:
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        ordering = ["region__name", "name"]

    def __str__(self):
        return self.name


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    INVITED = "invited", _("invited")
    ACTIVE = "active", _("member")
    DECLINED = "declined", _("declined")
    LEFT = "left", _("left")
    REMOVED = "removed", _("removed")


CURRENT_STATUSES = [MembershipStatus.APPLIED, MembershipStatus.INVITED, MembershipStatus.ACTIVE]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def current(self):
        return self.filter(status__in=CURRENT_STATUSES)


class Membership(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    panel = models.ForeignKey(
        Panel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(_("status"), max_length=16, choices=MembershipStatus.choices)
    motivation = models.TextField(_("motivation"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_message = models.TextField(_("message to the person"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "panel"],
                condition=Q(status__in=CURRENT_STATUSES),
                name="panels_one_current_membership",
                violation_error_message=_(
                    "This person already belongs to or has applied to this panel."
                ),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.panel} ({self.get_status_display()})"
