"""Staff keep their region's service areas and client groups in the Wagtail admin, under
"Panels"; administrators keep every region's."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy

from panels.scoped_admin import (
    RegionChoiceAdminForm,
    RegionRowsPolicy,
    ScopedIndexView,
    ScopedViewSet,
)

from .models import ClientGroup, ServiceArea

# Entries are retired, never deleted: what was counted under one stays counted.
register_permission_policy(ServiceArea, RegionRowsPolicy(ServiceArea, never={"delete"}))
register_permission_policy(ClientGroup, RegionRowsPolicy(ClientGroup, never={"delete"}))


class RegionListIndexView(ScopedIndexView):
    select_related_fields = ("region",)


region_list_edit_handler = ObjectList(
    [FieldPanel("region"), FieldPanel("name"), FieldPanel("position"), FieldPanel("is_active")],
    base_form_class=RegionChoiceAdminForm,
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
