from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Idea rounds")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        from . import live  # noqa: F401 - connects the live broadcasts to ideas.signals

        register_kind("ideas.moderation", _("Moderation of my ideas and comments"))
