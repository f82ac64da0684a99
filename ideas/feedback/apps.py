from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "ideas.feedback"
    label = "feedback"
    verbose_name = _("What became of ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.models import Delivery
        from accounts.notifications import register_kind

        # What the feedback loop adds to a person's data export.
        # What deleting an account does to feedback on responses.
        from . import (
            erasure,  # noqa: F401
            personal_data,  # noqa: F401
        )

        register_kind(
            "ideas.my_idea",
            _("My idea's status changes or it gets an official response"),
            default=Delivery.EMAIL,
        )
        register_kind(
            "ideas.followed_idea",
            _("An idea I follow, supported or commented on changes status or gets a response"),
        )
        register_kind("ideas.cited", _("An impact report cites my idea"), default=Delivery.EMAIL)
        register_kind("ideas.clarification", _("Someone asks me to clarify an official response"))
