from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Idea rounds")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.models import Delivery
        from accounts.notifications import register_kind

        # Connecting receivers: the live broadcasts (to ideas.signals and the room's), and
        # closing the room sockets of those whose place in a panel ends.
        from . import live, room_access  # noqa: F401

        register_kind("ideas.moderation", _("Moderation of my ideas and comments"))
        register_kind(
            "ideas.my_idea",
            _("My idea's status changes or it gets an official response"),
            default=Delivery.EMAIL,
        )
        register_kind(
            "ideas.followed_idea",
            _("An idea I supported or commented on changes status or gets a response"),
        )
        register_kind("ideas.reply", _("Someone replies to my comment"))
        register_kind("ideas.cited", _("An impact report cites my idea"), default=Delivery.EMAIL)
        register_kind("ideas.clarification", _("Someone asks me to clarify an official response"))
