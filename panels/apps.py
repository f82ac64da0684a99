from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = _("Regions and panels")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import rules

        from accounts.follows.registry import register_followable
        from accounts.notifications import register_kind

        from . import (
            # Closes the live sockets of people whose place in a panel or region ends.
            access,  # noqa: F401
            # What deleting an account does to invitations.
            erasure,  # noqa: F401
            # What panels add to a person's data export.
            personal_data,  # noqa: F401
        )
        from .models import Panel
        from .services import FOLLOWED_PANEL

        register_kind("panels.invited", _("Invitations to panels"))
        register_kind("panels.application_decided", _("Decisions on my panel applications"))
        register_kind("panels.member_removed", _("Removal from a panel"))
        register_kind(FOLLOWED_PANEL, _("Meetings and minutes of a panel I follow"))

        # Every panel is public (what it is, its coming meetings): anyone signed in may
        # follow one; its minutes reach only followers who may read them (meetings.services).
        register_followable(
            Panel,
            can_follow=lambda user, panel: rules.has_perm("panels.view_panel", user, panel),
            visible_to=Panel.objects.visible_to,
            kind_label=_("Panels"),
            description=_("You are told when it plans a meeting and of minutes you may read."),
            url=lambda panel: reverse("panels:detail", args=[panel.slug]),
        )

        # Staff attach documents to meetings and rounds with Wagtail's document chooser.
        from .attachments.admin import let_staff_attach_documents

        post_migrate.connect(
            let_staff_attach_documents, dispatch_uid="panels.let_staff_attach_documents"
        )
