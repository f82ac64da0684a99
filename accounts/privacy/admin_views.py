"""The staff's side of data exports, in the Wagtail admin (Settings → Data exports, and
"Export data" in each person's menu under Settings → Users).

A person may send a data-subject request by post, or otherwise than with their own button:
staff who may change users (administrators) make the export for them and download it here,
to hand it over; the person is not told by the platform, and nothing is e-mailed. Making an
export and downloading it are written in the admin's history, naming who did it and about
whom (the log actions are registered in accounts.wagtail_hooks).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from accounts.models import DataExport

from .downloads import discard_expired, export_made_by, request_export, zip_response
from .tasks import EXPORT_VALID_FOR

EXPORT_MADE = "kohtaamo.data_export"
EXPORT_DOWNLOADED = "kohtaamo.data_export.download"


def may_export_for_others(user):
    """Whoever may change users in the admin: the same people who can see a person's e-mail
    address and role there."""
    return user.is_authenticated and policy_registry.get_by_type(
        get_user_model()
    ).user_has_permission(user, "change")


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_export_for_others(request.user):
            # Wagtail answers this with "you do not have permission" and the admin's home.
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExportsIndexView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/index.html"
    page_title = gettext_lazy("Data exports")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        discard_expired()
        exports = (
            DataExport.objects.made_by_staff()
            .filter(requested_by=self.request.user)
            .defer("content")
            .select_related("person")
        )
        return super().get_context_data(
            exports=exports,
            now=timezone.now(),
            valid_days=EXPORT_VALID_FOR.days,
            users_url=reverse("wagtailusers_users:index"),
            **kwargs,
        )


class MakeExportView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/confirm.html"
    page_title = gettext_lazy("Export a person's data")
    header_icon = "download"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.person = get_object_or_404(get_user_model(), pk=kwargs["user_id"])

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("privacy_admin:index"), "label": _("Data exports")},
            {"url": "", "label": self.page_title, "sublabel": str(self.person)},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, valid_days=EXPORT_VALID_FOR.days, **kwargs
        )

    def post(self, request, *args, **kwargs):
        if self.person.pk == request.user.pk:
            # One's own export is the profile's: it comes with its notice and e-mail.
            return redirect("your_data")
        export = request_export(self.person, by=request.user)
        log(
            instance=self.person,
            action=EXPORT_MADE,
            user=request.user,
            data={"export": str(export.pk)},
        )
        messages.success(
            request,
            _("The export of %(person)s was asked for. Download it below when it is ready.")
            % {"person": self.person},
        )
        return redirect("privacy_admin:index")


def download_export(request, export_id):
    """Only for the staff member who made the export; to anyone else it does not exist."""
    if not may_export_for_others(request.user):
        raise PermissionDenied
    export = export_made_by(request.user, export_id)
    if export is None:
        raise Http404
    now = timezone.now()
    if export.is_expired(now):
        discard_expired(now)
        view = ExportGoneView.as_view()
        return view(request)
    if not export.is_ready:
        messages.warning(request, _("This export is still being prepared."))
        return redirect("privacy_admin:index")
    log(
        instance=export.person,
        action=EXPORT_DOWNLOADED,
        user=request.user,
        data={"export": str(export.pk)},
    )
    return zip_response(export)


class ExportGoneView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/gone.html"
    page_title = gettext_lazy("This export has expired")
    header_icon = "download"

    def get_context_data(self, **kwargs):
        return super().get_context_data(valid_days=EXPORT_VALID_FOR.days, **kwargs)

    def render_to_response(self, context, **kwargs):
        return super().render_to_response(context, status=410, **kwargs)
