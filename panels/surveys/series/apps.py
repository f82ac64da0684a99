from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveySeriesConfig(AppConfig):
    name = "panels.surveys.series"
    label = "survey_series"
    verbose_name = _("Survey series")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from panels.surveys.services import survey_answered

        from . import (
            own,
            # The own wheel copies, in a person's data export.
            personal_data,  # noqa: F401
            rules,  # noqa: F401
        )

        survey_answered.connect(own.keep_own_wheel, dispatch_uid="survey_series.own_wheel")
