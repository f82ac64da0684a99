from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolConfig(AppConfig):
    name = "panels.pool"
    label = "pool"
    verbose_name = _("Forerunner pools and recruitment")
    default_auto_field = "django.db.models.BigAutoField"
