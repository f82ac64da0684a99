from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = _("Regions and panels")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        from . import (
            # Closes the live sockets of people whose place in a panel or region ends.
            access,  # noqa: F401
            # What deleting an account does to invitations.
            erasure,  # noqa: F401
            # What panels add to a person's data export.
            personal_data,  # noqa: F401
        )

        register_kind("panels.invited", _("Invitations to panels"))
        register_kind("panels.application_decided", _("Decisions on my panel applications"))
        register_kind("panels.member_removed", _("Removal from a panel"))
