"""Staff keep their region's survey series in the Wagtail admin, under "Panels"; rounds are
started on the site's series page (a round is a copy of the previous survey, made by
``services``), where the rounds are listed too. Administrators keep every region's series."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from panels.models import STAFF_ONLY, Region
from panels.scoped_admin import ScopedIndexView, ScopedViewSet

from .models import Series


class SeriesPolicy(BasePermissionPolicy):
    """Staff of a region add and change its series; administrators every region's. Deleting
    a series leaves its surveys (and their answers) in place."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or Region.objects.served_by(user, STAFF_ONLY).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return Region.objects.people_serving(STAFF_ONLY)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Series.objects.none()
        return Series.objects.managed_by(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


register_permission_policy(Series, SeriesPolicy(Series))


class SeriesIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class SeriesAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            self.fields["region"].queryset = Region.objects.served_by(user, STAFF_ONLY)


class SeriesViewSet(ScopedViewSet):
    model = Series
    name = "survey_series_admin"
    icon = "repeat"
    menu_label = _("Survey series")
    index_view_class = SeriesIndexView
    list_display = ["name", "region", "interval_months"]
    list_filter = ["region"]
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("interval_months"),
        ],
        base_form_class=SeriesAdminForm,
    )
