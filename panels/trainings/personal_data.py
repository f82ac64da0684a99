"""What innoagent trainings hold about a person, for their data export: the trainings they
attended (and whether they completed them) and those they gave as a trainer. Each kind of
row is read in one query. The level a completion granted is in accounts' section
"Innoagent qualifications"."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested
from accounts.qualifications.models import LEVELS

from .models import Training, TrainingAttendance

TRAINING = Field("training", _("training"), _("The training's name."))
REGION = Field("region", _("region"), _("The region that held it."))
LEVEL = Field("level", _("level granted"), _("The innoagent level it grants."), LEVELS)
DATE = Field("date", _("date"), _("The day it was held."))


def attended(person):
    rows = (
        TrainingAttendance.objects.filter(person=person)
        .select_related("training__region")
        .order_by("training__held_on", "pk")
    )
    return Section(
        key="trainings_attended",
        title=_("Innoagent trainings you attended"),
        description=_("The trainings staff recorded you as attending."),
        fields=[
            TRAINING,
            REGION,
            LEVEL,
            DATE,
            Field("completed_at", _("completed"), _("When staff marked you as completed.")),
        ],
        rows=[
            {
                "training": row.training.name,
                "region": row.training.region.name,
                "level": row.training.level,
                "date": row.training.held_on,
                "completed_at": row.completed_at,
            }
            for row in rows
        ],
    )


def given(person):
    rows = Training.objects.filter(trainers=person).select_related("region").order_by("held_on")
    return Section(
        key="trainings_given",
        title=_("Innoagent trainings you gave"),
        description=_("The trainings that name you as a trainer."),
        fields=[TRAINING, REGION, LEVEL, DATE],
        rows=[
            {
                "training": training.name,
                "region": training.region.name,
                "level": training.level,
                "date": training.held_on,
            }
            for training in rows
        ],
    )


@receiver(personal_data_requested, dispatch_uid="trainings.personal_data")
def training_sections(sender, person, **kwargs):
    return [attended(person), given(person)]
