from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from panels.models import Municipality, Region


class RegionListQuerySet(models.QuerySet):
    def offered(self):
        """What a person may still choose: the entries staff have not retired."""
        return self.filter(is_active=True).select_related("region")


class RegionListEntry(models.Model):
    """An entry of a list staff keep per region. Entries are retired, never deleted, so that
    what was once said about a group stays counted under it."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Retired entries stay in what was counted.")
    )

    objects = RegionListQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["region__name", "position", "name"]

    def __str__(self):
        return f"{self.name} ({self.region.name})"


class ServiceArea(RegionListEntry):
    class Meta(RegionListEntry.Meta):
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="one_service_area_per_name")
        ]


class ClientGroup(RegionListEntry):
    class Meta(RegionListEntry.Meta):
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="one_client_group_per_name")
        ]


class SelfDescription(models.Model):
    """What a person chose to say about themselves, for splitting results. Optional in every
    part, changeable and removable at any time; nobody else sees it about them."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_description"
    )
    client_group = models.ForeignKey(
        ClientGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client group"),
    )
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service area I use most"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("my municipality"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("self-description")
        verbose_name_plural = _("self-descriptions")

    def __str__(self):
        return str(self.person)


def client_group_of(person):
    """The client group a person declared, or None (also for visitors)."""
    if not getattr(person, "is_authenticated", False):
        return None
    description = SelfDescription.objects.filter(person=person).select_related(
        "client_group__region"
    )
    found = description.first()
    return found.client_group if found else None
