"""The pool app's configuration: its notification kinds, export and erasure receivers,
and its part of the daily retention run."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolConfig(AppConfig):
    name = "panels.pool"
    label = "pool"
    verbose_name = _("Forerunner pools and recruitment")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind
        from accounts.privacy.retention import retention_applying

        from . import (
            # What deleting an account does to applications and pool memberships.
            erasure,  # noqa: F401
            # What pools add to a person's data export.
            personal_data,  # noqa: F401
        )
        from .services import DECIDED_KIND, RECEIVED_KIND, purge_unverified

        register_kind(RECEIVED_KIND, _("New applications on my region's recruitment pages"))
        register_kind(DECIDED_KIND, _("Decisions on my applications to pools and panels"))

        def purge(sender, now, **kwargs):
            return {"unconfirmed_pool_applications_deleted": purge_unverified(now)}

        retention_applying.connect(purge, weak=False, dispatch_uid="pool.purge_unverified")
