from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            personal_data,  # noqa: F401 - what the site adds to a person's data export
            signals,  # noqa: F401 - connects the receivers
        )
