"""Idea rounds in the Wagtail admin: staff create and run rounds in their own regions, and
attach documents to them, administrators everywhere.

The region scope is a permission policy over ``IdeaRound.objects.managed_by`` plus the views
of panels.scoped_admin, which only look rounds up through it: an edit URL for another region's
round is a 404.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.plain_language import PlainLanguageTextarea
from accounts.roles import Role
from panels.attachments.admin import AttachmentsFormMixin, attachments_panel
from panels.models import STAFF_ONLY, Panel, Region
from panels.places.admin import offer_municipalities
from panels.scoped_admin import ScopedIndexView, ScopedViewSet

from .models import IdeaRound

STAFF_ACTIONS = {"add", "change", "view"}


class RoundPolicy(BasePermissionPolicy):
    """Staff of a region add, change and view its rounds; deleting (with every idea and
    comment in it) is for administrators only."""

    def _is_regional_staff(self, user):
        return Region.objects.served_by(user, STAFF_ONLY).exists()

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return action in STAFF_ACTIONS and self._is_regional_staff(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        people = get_user_model().objects.filter(is_active=True)
        if not STAFF_ACTIONS & set(actions):
            return people.filter(is_superuser=True)
        return Region.objects.people_serving(STAFF_ONLY)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return IdeaRound.objects.none()
        return IdeaRound.objects.managed_by(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


round_policy = RoundPolicy(IdeaRound)
register_permission_policy(IdeaRound, round_policy)


class RoundIndexView(ScopedIndexView):
    select_related_fields = ("region", "panel", "municipality")


ROUND_FIELDS = [
    "title",
    "slug",
    "description",
    "plain_summary",
    "region",
    "panel",
    "municipality",
    "run_by",
    "themes",
    "ideation_starts",
    "development_starts",
    "evaluation_starts",
    "closes_at",
    "phase_override",
]


class IdeaRoundAdminForm(AttachmentsFormMixin, WagtailAdminModelForm):
    class Meta:
        model = IdeaRound
        fields = ROUND_FIELDS
        widgets = {"plain_summary": PlainLanguageTextarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        regions = Region.objects.all()
        panels = Panel.objects.select_related("region")
        if user is not None and not user.is_superuser:
            regions = Region.objects.served_by(user, STAFF_ONLY)
            panels = panels.filter(region__in=regions)
        self.fields["region"].queryset = regions
        self.fields["panel"].queryset = panels
        # The model checks that the municipality is of the round's region.
        offer_municipalities(self, "municipality", regions, _("The whole region"))
        self.fields["run_by"].queryset = get_user_model().objects.filter(
            is_active=True, role=Role.STAFF
        )
        if user is not None and not self.instance.pk:
            self.initial.setdefault("run_by", user.pk)


round_edit_handler = ObjectList(
    [*(FieldPanel(name) for name in ROUND_FIELDS), attachments_panel()],
    base_form_class=IdeaRoundAdminForm,
)


class IdeaRoundViewSet(ScopedViewSet):
    model = IdeaRound
    name = "idea_rounds"
    icon = "comment"
    menu_label = _("Idea rounds")
    add_to_admin_menu = True
    index_view_class = RoundIndexView
    list_display = ["title", "region", "municipality", "panel", "phase_label", "ideation_starts"]
    list_display += ["closes_at"]
    list_filter = ["region", "municipality", "phase_override"]
    search_fields = ["title", "description"]
    edit_handler = round_edit_handler


idea_round_viewset = IdeaRoundViewSet()


@hooks.register("register_admin_viewset")
def register_idea_round_viewset():
    return idea_round_viewset
