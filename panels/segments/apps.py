from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    name = "panels.segments"
    label = "segments"
    verbose_name = _("Client groups and service areas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            # What a person declared, in their data export.
            personal_data,  # noqa: F401
        )
