from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "panels.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        # What surveys add to a person's data export.
        from . import personal_data  # noqa: F401

        register_kind("panels.survey_opened", _("A new survey is open for my panel"))
