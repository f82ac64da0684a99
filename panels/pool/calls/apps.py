from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolCallsConfig(AppConfig):
    name = "panels.pool.calls"
    label = "pool_calls"
    verbose_name = _("Calls to the pool")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        from . import (
            # What deleting an account does to sign-ups.
            erasure,  # noqa: F401
            # What calls add to a person's data export.
            personal_data,  # noqa: F401
        )
        from .services import CALL_OUTCOME, CALL_PUBLISHED, CALL_RESULTS

        register_kind(CALL_PUBLISHED, _("Calls to the pool that are meant for me"))
        register_kind(CALL_OUTCOME, _("Whether I got a place in a call I signed up to"))
        register_kind(CALL_RESULTS, _("Results of the calls I took part in"))
