from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live discussion")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Relays what accounts tells a person to their open pages.
        from . import person  # noqa: F401
