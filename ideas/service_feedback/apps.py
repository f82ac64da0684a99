from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceFeedbackConfig(AppConfig):
    name = "ideas.service_feedback"
    label = "service_feedback"
    verbose_name = _("Spontaneous feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.models import Delivery
        from accounts.notifications import register_kind

        # A person's non-anonymous feedback in their data export; what deleting an account
        # does to it.
        from . import (
            erasure,  # noqa: F401
            personal_data,  # noqa: F401
        )
        from .services import ANSWERED

        register_kind(ANSWERED, _("My spontaneous feedback is answered"), default=Delivery.EMAIL)
