"""Panels in the Wagtail admin: staff work on their own region's panels, meetings and
applications; administrators on everything, and they alone on regions.

The region scope is a permission policy (what a person may do, and on which rows) plus
views that only ever look rows up through it, so an edit URL from another region is a 404.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.roles import Role

from . import services
from .models import LANGUAGE_NAMES, Meeting, Membership, MembershipStatus, Panel, Region
from .scoped_admin import ScopedEditView, ScopedIndexView, ScopedViewSet
from .survey_admin import SurveyViewSet
from .urls import RESERVED_SLUGS

# --- Who may do what ----------------------------------------------------------------------


class RegionScopedPolicy(BasePermissionPolicy):
    """Staff act on rows whose panel they manage (``Panel.objects.managed_by``);
    administrators on all rows. ``staff_actions`` are the actions staff have at all."""

    def __init__(self, model, *, panel_lookup, staff_actions, never=()):
        super().__init__(model)
        self.panel_lookup = panel_lookup
        self.staff_actions = set(staff_actions)
        self.never = set(never)

    def _staff_may(self, user, action):
        return (
            action in self.staff_actions
            and user.role == Role.STAFF
            and Region.objects.filter(officials=user).exists()
        )

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active) or action in self.never:
            return False
        return user.is_superuser or self._staff_may(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        people = get_user_model().objects.filter(is_active=True)
        if not set(actions) - self.never:
            return people.none()
        if not self.staff_actions & set(actions):
            return people.filter(is_superuser=True)
        return people.filter(
            Q(is_superuser=True) | Q(role=Role.STAFF, regions__isnull=False)
        ).distinct()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        if user.is_superuser:
            return self.model._default_manager.all()
        panels = Panel.objects.managed_by(user)
        if self.panel_lookup == "pk":
            return panels
        return self.model._default_manager.filter(**{f"{self.panel_lookup}__in": panels})

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_authenticated and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


# Registered before the viewsets below, which would otherwise create Django-permission
# policies of their own for these models.
# Panels and memberships are never deleted, not even by administrators: deleting a panel would
# take its memberships' history with it. A panel that has ended is archived.
panel_policy = RegionScopedPolicy(
    Panel, panel_lookup="pk", staff_actions={"add", "change"}, never={"delete"}
)
meeting_policy = RegionScopedPolicy(
    Meeting, panel_lookup="panel", staff_actions={"add", "change", "delete"}
)
# Memberships are history: nobody adds or deletes them here, staff decide applications.
membership_policy = RegionScopedPolicy(
    Membership, panel_lookup="panel", staff_actions={"change"}, never={"add", "delete"}
)
register_permission_policy(Panel, panel_policy)
register_permission_policy(Meeting, meeting_policy)
register_permission_policy(Membership, membership_policy)
register_permission_policy(Region, AdministratorsOnlyPolicy(Region))


# --- Panels -------------------------------------------------------------------------------


class PanelAdminForm(WagtailAdminModelForm):
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
            "working_languages",
            "facilitators",
            "is_archived",
        ]
        widgets = {"facilitators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        regions = Region.objects.all()
        if user is not None and not user.is_superuser:
            regions = regions.filter(officials=user)
        self.fields["region"].queryset = regions
        # Facilitators are staff or experts by experience (innoagents of level I or II).
        self.fields["facilitators"].queryset = get_user_model().objects.filter(
            is_active=True, role__in=[Role.STAFF, Role.EXPERT_BY_EXPERIENCE]
        )

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


# --- Meetings -----------------------------------------------------------------------------


class MeetingAdminForm(WagtailAdminModelForm):
    publish_minutes = forms.BooleanField(
        label=_("Publish the minutes to the panel's members"),
        help_text=_("Members are told when the minutes are first published."),
        required=False,
    )

    class Meta:
        model = Meeting
        fields = ["panel", "title", "starts_at", "ends_at", "place", "online_link", "agenda"]
        fields += ["minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["panel"].queryset = Panel.objects.managed_by(self.for_user).select_related(
                "region"
            )
        self.initial.setdefault("publish_minutes", self.instance.minutes_published_at is not None)


class MeetingSaveMixin:
    """Saving goes through the service, which tells members about newly published minutes."""

    def save_instance(self):
        return services.save_meeting(
            self.form.instance,
            by=self.request.user,
            publish_minutes=self.form.cleaned_data["publish_minutes"],
        )


class MeetingCreateView(MeetingSaveMixin, generic.CreateView):
    pass


class MeetingEditView(MeetingSaveMixin, ScopedEditView):
    pass


class MeetingIndexView(ScopedIndexView):
    select_related_fields = ("panel",)


class MeetingViewSet(ScopedViewSet):
    model = Meeting
    name = "meeting_admin"
    icon = "date"
    menu_label = _("Meetings")
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    list_display = ["title", "panel", "starts_at", "minutes_published_at"]
    list_filter = ["panel"]
    search_fields = ["title", "agenda", "minutes"]

    def get_form_class(self, for_update=False):
        return MeetingAdminForm


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
    items = (PanelViewSet, ApplicationViewSet, MeetingViewSet, SurveyViewSet, RegionViewSet)


@hooks.register("register_admin_viewset")
def register_panels_admin():
    return PanelsGroup()
