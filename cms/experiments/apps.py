from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperimentsConfig(AppConfig):
    name = "cms.experiments"
    label = "experiments"
    verbose_name = _("Experiments and practices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.follows.registry import register_followable
        from accounts.notifications import register_kind

        from . import (
            rules,  # noqa: F401 - registers who may start an experiment from an idea
            signals,  # noqa: F401 - connects the receivers
        )
        from .models import ExperimentPage
        from .notices import EXPERIMENT_NEWS

        # Anyone may follow a published, public experiment: its news are public.
        register_followable(
            ExperimentPage,
            visible_to=lambda user: ExperimentPage.objects.live().public(),
            kind_label=_("Experiments"),
            description=_("You are told when it starts, posts an update and ends."),
            url=lambda page: page.url,
        )

        register_kind(
            EXPERIMENT_NEWS,
            _("An experiment grows from an idea I took part in, or one I follow has news"),
        )
