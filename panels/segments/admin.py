"""Staff keep their region's service areas and client groups in the Wagtail admin, under
"Panels"; administrators keep every region's."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from panels.models import STAFF_ONLY, Region
from panels.scoped_admin import ScopedIndexView, ScopedViewSet

from .models import ClientGroup, ServiceArea


class RegionListPolicy(BasePermissionPolicy):
    """Staff of a region add, change and retire its entries; nobody deletes one (what was
    counted under it stays counted), administrators act on every region's."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active) or action == "delete":
            return False
        return user.is_superuser or Region.objects.served_by(user, STAFF_ONLY).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return Region.objects.people_serving(STAFF_ONLY)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return self.model.objects.filter(region__in=Region.objects.served_by(user, STAFF_ONLY))

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


register_permission_policy(ServiceArea, RegionListPolicy(ServiceArea))
register_permission_policy(ClientGroup, RegionListPolicy(ClientGroup))


class RegionListIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class RegionListAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            self.fields["region"].queryset = Region.objects.served_by(user, STAFF_ONLY)


region_list_edit_handler = ObjectList(
    [FieldPanel("region"), FieldPanel("name"), FieldPanel("position"), FieldPanel("is_active")],
    base_form_class=RegionListAdminForm,
)


class RegionListViewSet(ScopedViewSet):
    index_view_class = RegionListIndexView
    list_display = ["name", "region", "position", "is_active"]
    list_filter = ["region", "is_active"]
    edit_handler = region_list_edit_handler


class ServiceAreaViewSet(RegionListViewSet):
    model = ServiceArea
    name = "service_area_admin"
    icon = "list-ul"
    menu_label = _("Service areas")


class ClientGroupViewSet(RegionListViewSet):
    model = ClientGroup
    name = "client_group_admin"
    icon = "group"
    menu_label = _("Client groups")
