from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The notice an attendee gets when their completion grants them a level.
QUALIFIED = "trainings.qualified"


class TrainingsConfig(AppConfig):
    name = "panels.trainings"
    label = "trainings"
    verbose_name = _("Innoagent trainings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        # What trainings add to a person's data export.
        from . import personal_data  # noqa: F401

        register_kind(QUALIFIED, _("Innoagent levels granted to me"))
