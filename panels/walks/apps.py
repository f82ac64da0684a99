from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalksConfig(AppConfig):
    name = "panels.walks"
    label = "walks"
    verbose_name = _("Observation walks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        from . import (
            # What deleting an account does to findings and photos.
            erasure,  # noqa: F401
            # What walks add to a person's data export.
            personal_data,  # noqa: F401
        )

        register_kind("walks.observer_added", _("Being invited to observation walks"))
        register_kind("walks.report_published", _("Reports of the walks I observed"))
        register_kind("walks.photo_rejected", _("My walk photos that were not approved"))
