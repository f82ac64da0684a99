"""Regions, their panels, and who belongs to a panel.

A membership row is never deleted: leaving, removal and refusal are statuses, so a panel's
history stays readable. At most one *current* row (applied, invited or active) exists per
person and panel; a person who left and comes back gets a new row.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import InnoagentLevel, Role

# A person acts for a region while the region lists them as one of its officials *and* their
# role is one of these; a role that drops to developer-client ends it at once, everywhere.
OFFICIAL_ROLES = (Role.STAFF, Role.DECISION_MAKER)
# What only staff do for a region: run its rounds, panels and surveys, moderate.
STAFF_ONLY = (Role.STAFF,)


class RegionQuerySet(models.QuerySet):
    def served_by(self, user, roles=OFFICIAL_ROLES):
        """The regions ``user`` acts for: every region for administrators; for anyone else
        those that list them as an official, while their role is one of ``roles`` (staff
        and decision-makers unless told otherwise).

        This is Kohtaamo's one answer to "is this person an official of this region": every
        QuerySet that scopes by region filters with it (``region__in=...``), and
        panels.rules.is_region_official asks it of one object."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.role not in roles:
            return self.none()
        return self.filter(officials=user)

    def people_serving(self, roles=OFFICIAL_ROLES):
        """The same question asked the other way round: the active people who act for any of
        these regions in one of ``roles``, and every active administrator."""
        acting = Q(
            role__in=roles,
            pk__in=Region.officials.through.objects.filter(region__in=self).values("user"),
        )
        return get_user_model().objects.filter(Q(is_superuser=True) | acting, is_active=True)


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

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality inside a region (Rovaniemi and Utsjoki in Lapland). Panels, rounds,
    meetings, feedback and, if they choose, people belong to one; lists filter by it."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["region__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="one_municipality_per_name")
        ]

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    SOCIAL_SERVICES = "social_services", _("social services")
    HEALTH_SERVICES = "health_services", _("health services")
    YOUTH_SERVICES = "youth_services", _("youth services")
    STUDENT_WELFARE = "student_welfare", _("student welfare")
    PURCHASED_SERVICE = "purchased_service", _("purchased-service unit")
    NGO = "ngo", _("non-governmental organisation")
    UNIVERSITY = "university", _("university or college")
    OTHER = "other", pgettext_lazy("organisation kind", "other")


class Organisation(models.Model):
    """A service unit, an NGO or a university in a region. Staff and decision-makers belong
    to one (Affiliation); official responses say on whose behalf they were given; panels list
    the organisations taking part."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["region__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="one_organisation_per_name")
        ]

    def __str__(self):
        return self.name


class Affiliation(models.Model):
    """The one organisation a staff member or decision-maker works for."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliation",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return f"{self.person} – {self.organisation}"


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


# Names of the working languages a panel may use; the codes are stored on the panel.
LANGUAGE_NAMES = {
    "fi": _("Finnish"),
    "sv": _("Swedish"),
    "en": _("English"),
    "se": _("Northern Sámi"),
    "smn": _("Inari Sámi"),
    "sms": _("Skolt Sámi"),
    "fi-selko": _("plain Finnish"),
}


class PanelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def visible_to(self, user):
        """Every panel is listed publicly: what a panel is and how to join is not secret.
        What is private (members, minutes) is decided per item by panels.rules."""
        return self.all()

    def with_member_count(self):
        return self.annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
        )

    def inner_circle_of(self, user):
        """Panels whose members, past meetings and minutes ``user`` may see: their own panels
        (as an active member or facilitator), their region's panels for its officials, and
        every panel for administrators. The rules ask this same question of one panel."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(pk__in=Membership.objects.active().filter(person=user).values("panel"))
            | Q(pk__in=Panel.facilitators.through.objects.filter(user=user).values("panel"))
            | Q(region__in=Region.objects.served_by(user))
        )

    def managed_by(self, user):
        """Panels ``user`` runs: staff their own region's, administrators all of them."""
        return self.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))


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
    facilitator_level_required = models.PositiveSmallIntegerField(
        _("innoagent level a co-facilitator must hold"),
        choices=InnoagentLevel.choices,
        default=InnoagentLevel.NONE,
        help_text=_("At least one of the panel's facilitators must hold this level."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panels",
        help_text=_("Leave empty for a panel of the whole region."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations taking part"),
        related_name="panels",
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

    def working_language_names(self):
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.working_languages]


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

    def applications(self):
        return self.filter(status=MembershipStatus.APPLIED)

    def decidable_by(self, user):
        """Open applications ``user`` may approve or decline: those to panels they manage."""
        return self.applications().filter(panel__in=Panel.objects.managed_by(user))


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


INVITATION_VALID_FOR = timedelta(days=14)


def _new_invitation_token():
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + INVITATION_VALID_FOR


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """An invitation by e-mail to join a panel. The link carries the token; whoever follows it
    signs up or logs in with the invited address and accepts."""

    panel = models.ForeignKey(
        Panel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=_new_invitation_token, editable=False
    )
    message = models.TextField(_("message to the person"), blank=True, max_length=2000)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} – {self.panel}"

    def is_expired(self, now=None):
        return self.expires_at <= (now or timezone.now())
