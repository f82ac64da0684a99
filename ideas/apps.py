from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Idea rounds")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        # What ideas add to a person's data export.
        # What deleting an account does to ideas and comments.
        from .privacy import (
            erasure,  # noqa: F401
            personal_data,  # noqa: F401
        )

        # Connecting receivers: the live thread's broadcasts.
        from .thread import live  # noqa: F401

        register_kind("ideas.reply", _("Someone replies to my comment"))
