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
            # Connecting receivers: the boards' broadcasts.
            live,  # noqa: F401
        )

        register_kind("workshops.booklet_published", _("Workshop booklets in my panels"))
