from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualificationsConfig(AppConfig):
    name = "accounts.qualifications"
    label = "qualifications"
    verbose_name = _("Innoagent qualifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What a person's data export holds of their qualifications.
        from . import personal_data  # noqa: F401
