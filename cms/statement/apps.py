from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementConfig(AppConfig):
    name = "cms.statement"
    label = "statement"
    verbose_name = _("Accessibility statement")
    default_auto_field = "django.db.models.BigAutoField"
