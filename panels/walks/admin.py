"""Walk templates and walks in the Wagtail admin, under "Panels": staff plan their own
region's routes (the places edited in place, in order) and walks; administrators every
region's.

Nobody deletes a template or a walk here: a walk's findings are its observers' words, and a
template is the route of its walks. Observers are invited on the walk's own page (where
each is told), and its status moves there too (publishing tells the observers), so neither
is edited here.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from panels.models import STAFF_ONLY, Region
from panels.scoped_admin import (
    RegionChoiceAdminForm,
    RegionRowsPolicy,
    ScopedIndexView,
    ScopedViewSet,
)

from .models import Walk, WalkTemplate

# Nobody deletes a route or a walk: walks hold the observers' findings.
register_permission_policy(WalkTemplate, RegionRowsPolicy(WalkTemplate, never={"delete"}))
register_permission_policy(
    Walk, RegionRowsPolicy(Walk, region_lookup="template__region", never={"delete"})
)


# --- Templates ------------------------------------------------------------------------------


template_edit_handler = ObjectList(
    [
        FieldPanel("region"),
        FieldPanel("name"),
        FieldPanel("description"),
        InlinePanel(
            "places",
            heading=_("Places on the route, in order"),
            panels=[FieldPanel("name"), FieldPanel("description"), FieldPanel("aspects")],
        ),
    ],
    base_form_class=RegionChoiceAdminForm,
)


class WalkTemplateIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class WalkTemplateViewSet(ScopedViewSet):
    model = WalkTemplate
    name = "walk_template_admin"
    icon = "site"
    menu_label = _("Walk routes")
    index_view_class = WalkTemplateIndexView
    edit_handler = template_edit_handler
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "description"]


# --- Walks ----------------------------------------------------------------------------------


class WalkForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            self.fields["template"].queryset = WalkTemplate.objects.filter(
                region__in=Region.objects.served_by(user, STAFF_ONLY)
            )

    def clean_template(self):
        # A walk stays in its region: its observers and findings belong to it.
        template = self.cleaned_data["template"]
        before = self.instance.template if self.instance.pk else None
        if before is not None and before.region_id != template.region_id:
            raise ValidationError(_("A walk cannot move to another region's route."))
        return template


walk_edit_handler = ObjectList(
    [FieldPanel("template"), FieldPanel("title"), FieldPanel("date"), FieldPanel("description")],
    base_form_class=WalkForm,
)


class WalkCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class WalkIndexView(ScopedIndexView):
    select_related_fields = ("template__region",)


class WalkViewSet(ScopedViewSet):
    model = Walk
    name = "walk_admin"
    icon = "doc-full"
    menu_label = _("Observation walks")
    index_view_class = WalkIndexView
    add_view_class = WalkCreateView
    edit_handler = walk_edit_handler
    list_display = ["title", "template", "date", "status"]
    list_filter = ["status"]
    search_fields = ["title", "description"]
