"""Panels in the Wagtail admin: staff work on their own region's panels and applications
(and, from panels.meetings and panels.surveys, meetings and surveys, all under "Panels");
administrators on everything, and they alone on regions.

The region scope is a permission policy (what a person may do, and on which rows) plus
views that only ever look rows up through it, so an edit URL from another region is a 404.

Documents attached to meetings and rounds (panels.attachments) are served and offered in the
document chooser only to those who may see what they are attached to: the two hooks at the end.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from accounts.roles import Role

from . import services
from .attachments.access import downloadable_by, refuse_download
from .meetings.admin import MeetingViewSet
from .models import LANGUAGE_NAMES, STAFF_ONLY, Membership, MembershipStatus, Panel, Region
from .places.admin import PLACES_VIEWSETS, PanelPlacesMixin
from .pool.calls.admin import CallViewSet
from .scoped_admin import (
    AdministratorsOnlyPolicy,
    RegionScopedPolicy,
    ScopedEditView,
    ScopedIndexView,
    ScopedViewSet,
)
from .segments.admin import ClientGroupViewSet, ServiceAreaViewSet
from .surveys.admin import SurveyViewSet
from .surveys.series.admin import SeriesViewSet
from .trainings.admin import TrainingViewSet
from .trainings.forms import FacilitatorLevelMixin
from .urls import RESERVED_SLUGS
from .walks.admin import WalkTemplateViewSet, WalkViewSet

# Registered before the viewsets below, which would otherwise create Django-permission
# policies of their own for these models.
# Panels and memberships are never deleted, not even by administrators: deleting a panel would
# take its memberships' history with it. A panel that has ended is archived.
panel_policy = RegionScopedPolicy(
    Panel, panel_lookup="pk", staff_actions={"add", "change"}, never={"delete"}
)
# Memberships are history: nobody adds or deletes them here, staff decide applications.
membership_policy = RegionScopedPolicy(
    Membership, panel_lookup="panel", staff_actions={"change"}, never={"add", "delete"}
)
register_permission_policy(Panel, panel_policy)
register_permission_policy(Membership, membership_policy)
register_permission_policy(Region, AdministratorsOnlyPolicy(Region))


# --- Panels -------------------------------------------------------------------------------


class PanelAdminForm(FacilitatorLevelMixin, PanelPlacesMixin, WagtailAdminModelForm):
    working_languages = forms.MultipleChoiceField(
        label=_("working languages"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Panel
        fields = [
            "region",
            "name",
            "slug",
            "description",
            "kind",
            "joining_policy",
            "municipality",
            "organisations",
            "working_languages",
            "facilitators",
            "facilitator_level_required",
            "is_archived",
        ]
        widgets = {"facilitators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None:
            self.fields["region"].queryset = Region.objects.served_by(user, STAFF_ONLY)
        # Facilitators are staff or experts by experience (innoagents of level I or II).
        self.fields["facilitators"].queryset = get_user_model().objects.filter(
            is_active=True, role__in=[Role.STAFF, Role.EXPERT_BY_EXPERIENCE]
        )
        # The municipality and the organisations taking part, of the panel's region.
        self.offer_places()

    def clean_slug(self):
        # A panel's page is /panels/<slug>/: these would be hidden behind the pages of the
        # same name (see panels/urls.py).
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is reserved. Choose another."))
        return slug


class PanelIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class PanelViewSet(ScopedViewSet):
    model = Panel
    name = "panel_admin"
    icon = "group"
    menu_label = _("Panels")
    index_view_class = PanelIndexView
    list_display = ["name", "region", "kind", "joining_policy", "is_archived"]
    list_filter = ["region", "kind", "is_archived"]
    search_fields = ["name", "description"]

    def get_form_class(self, for_update=False):
        return PanelAdminForm


# --- Applications -------------------------------------------------------------------------


class ApplicationDecisionForm(WagtailAdminModelForm):
    decision = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Membership
        fields = ["decision_message"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.status != MembershipStatus.APPLIED:
            raise forms.ValidationError(
                _("This application has already been decided or withdrawn.")
            )
        return cleaned


class ApplicationDecideView(ScopedEditView):
    def save_instance(self):
        membership = Membership.objects.get(pk=self.form.instance.pk)
        return services.decide_application(
            membership,
            decided_by=self.request.user,
            approve=self.form.cleaned_data["decision"] == "approve",
            message=self.form.cleaned_data["decision_message"],
        )


class ApplicationIndexView(ScopedIndexView):
    page_title = _("Applications")
    select_related_fields = ("person", "panel__region")

    def get_base_queryset(self):
        return super().get_base_queryset().filter(status=MembershipStatus.APPLIED)


class ApplicationViewSet(ScopedViewSet):
    model = Membership
    name = "application_admin"
    icon = "user"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationDecideView
    list_display = ["person", "panel", "created_at", "motivation"]
    list_filter = ["panel"]

    def get_form_class(self, for_update=False):
        return ApplicationDecisionForm


# --- Regions ------------------------------------------------------------------------------


class RegionViewSet(ModelViewSet):
    model = Region
    name = "region_admin"
    icon = "site"
    menu_label = _("Regions")
    # Region.panels is the reverse relation to its panels, which Wagtail would otherwise take
    # for the model's edit panels: hence explicit ones here.
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("officials", widget=forms.CheckboxSelectMultiple),
    ]
    list_display = ["name", "slug"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_admin_menu = False


class PanelsGroup(ViewSetGroup):
    menu_label = _("Panels")
    menu_icon = "group"
    menu_order = 250
    items = (
        PanelViewSet,
        ApplicationViewSet,
        MeetingViewSet,
        SurveyViewSet,
        SeriesViewSet,
        WalkTemplateViewSet,
        WalkViewSet,
        CallViewSet,
        TrainingViewSet,
        ServiceAreaViewSet,
        ClientGroupViewSet,
        *PLACES_VIEWSETS,
        RegionViewSet,
    )


@hooks.register("register_admin_viewset")
def register_panels_admin():
    return PanelsGroup()


# --- Attachments --------------------------------------------------------------------------


@hooks.register("before_serve_document")
def serve_attachments_only_to_those_who_see_them(document, request):
    """A document attached to meetings or rounds (any DocumentAttachment model) is served to
    those who see at least one of them; to others it is refused (panels.attachments.access:
    an anonymous visitor is sent to log in, as Wagtail's collection privacy does, and anyone
    else gets 404). A document attached to nothing is left to Wagtail's collection privacy."""
    return refuse_download(document, request)


@hooks.register("construct_document_chooser_queryset")
def choose_only_documents_one_may_download(documents, request):
    return downloadable_by(request.user, documents)
