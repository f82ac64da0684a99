from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live discussion")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Relays what accounts tells a person to their open pages.
        from . import access, person  # noqa: F401

        # Closes a person's sockets when their session ends.
        access.connect_receivers()
