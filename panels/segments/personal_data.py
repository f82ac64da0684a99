"""What a person declared about themselves, in their data export."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import SelfDescription


@receiver(personal_data_requested, dispatch_uid="segments.personal_data")
def self_description(sender, person, **kwargs):
    found = (
        SelfDescription.objects.filter(person=person)
        .select_related("client_group__region", "service_area__region", "municipality__region")
        .first()
    )
    rows = []
    if found:
        rows.append(
            {
                "client_group": str(found.client_group or ""),
                "service_area": str(found.service_area or ""),
                "municipality": found.municipality.name if found.municipality else "",
                "updated_at": found.updated_at,
            }
        )
    return Section(
        key="self_description",
        title=_("Client group and service area"),
        description=_("What you chose to say about yourself, for results split by group."),
        fields=[
            Field("client_group", _("client group"), _("The client group you chose.")),
            Field("service_area", _("service area"), _("The service area you chose.")),
            Field("municipality", _("municipality"), _("The municipality you chose.")),
            Field("updated_at", _("updated"), _("When you last changed it.")),
        ],
        rows=rows,
    )
