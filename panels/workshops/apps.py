from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "panels.workshops"
    label = "workshops"
    verbose_name = _("Co-design workshops")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        from . import (
            # Taking a facilitator or guest off closes their open boards.
            access,  # noqa: F401
            # What deleting an account does to notes, comments and dots.
            erasure,  # noqa: F401
            # Connecting receivers: the boards' broadcasts.
            live,  # noqa: F401
            # What workshops add to a person's data export.
            personal_data,  # noqa: F401
        )

        register_kind("workshops.booklet_published", _("Workshop booklets in my panels"))
