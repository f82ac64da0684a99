from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "panels.meetings"
    label = "meetings"
    verbose_name = _("Panel meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        from . import (
            # What deleting an account does to room messages.
            erasure,  # noqa: F401
            # Connecting receivers: the room's broadcasts.
            live,  # noqa: F401
            # What meetings add to a person's data export.
            personal_data,  # noqa: F401
        )

        register_kind("panels.minutes_published", _("New minutes in my panels"))
