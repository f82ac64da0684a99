"""Staff keep their region's survey series in the Wagtail admin, under "Panels"; rounds are
started on the site's series page (a round is a copy of the previous survey, made by
``services``), where the rounds are listed too. Administrators keep every region's series."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy

from panels.scoped_admin import (
    RegionChoiceAdminForm,
    RegionRowsPolicy,
    ScopedIndexView,
    ScopedViewSet,
)

from .models import Series

# Staff of a region add, change and delete its series (Series.objects.managed_by); deleting
# a series leaves its surveys (and their answers) in place.
register_permission_policy(Series, RegionRowsPolicy(Series))


class SeriesIndexView(ScopedIndexView):
    select_related_fields = ("region",)


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
        base_form_class=RegionChoiceAdminForm,
    )
