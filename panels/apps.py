from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = _("Regions and panels")
    default_auto_field = "django.db.models.BigAutoField"
