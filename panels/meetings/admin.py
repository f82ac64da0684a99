"""Meetings in the Wagtail admin (Panels → Meetings): staff plan and minute their own
region's meetings, and attach documents to them (minutes as PDF, slides), administrators all
of them. The viewset is registered in the "Panels" group by panels.wagtail_hooks."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from panels.attachments.admin import AttachmentsFormMixin, attachments_panel
from panels.models import Panel, Region
from panels.places.admin import offer_municipalities
from panels.scoped_admin import RegionScopedPolicy, ScopedEditView, ScopedIndexView, ScopedViewSet

from . import services
from .models import Meeting

# Registered before the viewset, which would otherwise create a Django-permission policy.
register_permission_policy(
    Meeting,
    RegionScopedPolicy(Meeting, panel_lookup="panel", staff_actions={"add", "change", "delete"}),
)


class MeetingAdminForm(AttachmentsFormMixin, WagtailAdminModelForm):
    publish_minutes = forms.BooleanField(
        label=_("Publish the minutes to the panel's members"),
        help_text=_("Members are told when the minutes are first published."),
        required=False,
    )

    class Meta:
        model = Meeting
        fields = ["panel", "title", "starts_at", "ends_at", "municipality", "place", "online_link"]
        fields += ["agenda", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["panel"].queryset = Panel.objects.managed_by(self.for_user).select_related(
                "region"
            )
        # Empty: the panel's municipality for a new meeting (Meeting.save). The model checks
        # that it is of the panel's region.
        regions = Region.objects.served_by(self.for_user) if self.for_user else Region.objects.all()
        offer_municipalities(self, "municipality", regions, _("As the panel"))
        self.initial.setdefault("publish_minutes", self.instance.minutes_published_at is not None)

    def clean(self):
        data = super().clean()
        panel = data.get("panel")
        if panel is not None and data.get("municipality") is None:
            data["municipality"] = panel.municipality  # "as the panel"
        return data


meeting_edit_handler = ObjectList(
    [
        FieldPanel("panel"),
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("municipality"),
        FieldPanel("place"),
        FieldPanel("online_link"),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        FieldPanel("publish_minutes"),
        attachments_panel(),
    ],
    base_form_class=MeetingAdminForm,
)


class MeetingSaveMixin:
    """Saving goes through the service, which tells members about newly published minutes;
    saving the meeting saves its attachments too (a ClusterableModel)."""

    def save_instance(self):
        return services.save_meeting(
            self.form.save(commit=False),
            by=self.request.user,
            publish_minutes=self.form.cleaned_data["publish_minutes"],
        )


class MeetingCreateView(MeetingSaveMixin, generic.CreateView):
    pass


class MeetingEditView(MeetingSaveMixin, ScopedEditView):
    pass


class MeetingIndexView(ScopedIndexView):
    select_related_fields = ("panel", "municipality")


class MeetingViewSet(ScopedViewSet):
    model = Meeting
    name = "meeting_admin"
    icon = "date"
    menu_label = _("Meetings")
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    list_display = ["title", "panel", "municipality", "starts_at", "minutes_published_at"]
    list_filter = ["panel", "municipality"]
    search_fields = ["title", "agenda", "minutes"]
    edit_handler = meeting_edit_handler
