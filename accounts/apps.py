from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # This module holds two app configs; this one is what "accounts" in INSTALLED_APPS means.
    default = True
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .notifications import MODERATION, register_kind
        from .roles import ensure_role_groups

        register_kind(MODERATION, _("Moderation of what I have written"))

        # The data export: the account's own sections, and the notice that it is ready.
        from .models import Delivery

        # Logging in clears an inactivity warning (accounts.privacy.retention).
        from .privacy import (
            personal_data,  # noqa: F401
            retention,  # noqa: F401
        )
        from .privacy.tasks import DATA_EXPORT_READY

        register_kind(
            DATA_EXPORT_READY, _("My data export is ready to download"), default=Delivery.EMAIL
        )

        # A person's follows in their data export, after the account's own sections.
        from .follows import personal_data as follows_personal_data  # noqa: F401

        # After every migrate, because permissions only exist once all apps have migrated.
        post_migrate.connect(ensure_role_groups, dispatch_uid="accounts.ensure_role_groups")


class KohtaamoWagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin_views.UserViewSet"
