"""accounts in the Wagtail admin: staff-made data exports (accounts.privacy.admin_views), their
place in the menus, and the history entries they leave."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from .privacy import admin_views

privacy_admin_urls = [
    path("", admin_views.ExportsIndexView.as_view(), name="index"),
    path("person/<int:user_id>/", admin_views.MakeExportView.as_view(), name="make"),
    path("<uuid:export_id>/", admin_views.download_export, name="download"),
]


@hooks.register("register_admin_urls")
def register_privacy_admin_urls():
    return [path("data-exports/", include((privacy_admin_urls, "privacy_admin")))]


class DataExportsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_export_for_others(request.user)


@hooks.register("register_settings_menu_item")
def register_data_exports_menu_item():
    return DataExportsMenuItem(
        _("Data exports"),
        reverse("privacy_admin:index"),
        name="data-exports",
        icon_name="download",
        order=610,  # right after Users
    )


@hooks.register("register_user_listing_buttons")
def export_button(user, request_user):
    if user.pk == request_user.pk or not admin_views.may_export_for_others(request_user):
        return []
    return [
        Button(
            _("Export data"),
            url=reverse("privacy_admin:make", args=[user.pk]),
            icon_name="download",
            priority=60,
        )
    ]


@hooks.register("register_log_actions")
def register_data_export_actions(actions):
    # The entry is about the person (its label is their display name at the time) and its
    # user is the staff member: the history names both.
    @actions.register_action(admin_views.EXPORT_MADE)
    class ExportMade(LogFormatter):
        label = _("Export a person's data")

        def format_message(self, log_entry):
            return _("Made an export of the data of %(person)s, for their request") % {
                "person": log_entry.label
            }

    @actions.register_action(admin_views.EXPORT_DOWNLOADED)
    class ExportDownloaded(LogFormatter):
        label = _("Download a person's data export")

        def format_message(self, log_entry):
            return _("Downloaded the export of the data of %(person)s") % {
                "person": log_entry.label
            }
