"""What a person's data export holds of their innoagent qualifications: every level granted to
them, with its training and whether it was revoked (one query). Who granted or revoked it is
left out: that is a staff member's name, not the person's own data."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import LEVELS, Qualification


@receiver(personal_data_requested, dispatch_uid="qualifications.personal_data")
def qualifications(sender, person, **kwargs):
    rows = Qualification.objects.filter(person=person).order_by("granted_on", "pk")
    return Section(
        key="innoagent_qualifications",
        title=_("Innoagent qualifications"),
        description=_("The innoagent levels granted to you, and the trainings that granted them."),
        fields=[
            Field("level", _("level"), _("The innoagent level."), LEVELS),
            Field("granted_on", _("granted on"), _("The day it was granted.")),
            Field("training", _("training"), _("The training that granted it.")),
            Field("revoked_at", _("revoked"), _("When it was revoked, if it was.")),
        ],
        rows=[
            {
                "level": qualification.level,
                "granted_on": qualification.granted_on,
                "training": qualification.training_name,
                "revoked_at": qualification.revoked_at,
            }
            for qualification in rows
        ],
    )
