"""Forerunner pools and recruitment pages in the Wagtail admin, under "Forerunner pools"
(panels.pool.wagtail_hooks): staff keep their own region's pools and recruitment pages, a
page's screening questions edited in place, in order; administrators every region's.

Nobody deletes a pool here (its members and calls refer to it): a pool that has ended is
archived; nor a recruitment page (its applications are people's answers): it is closed.
Applications are decided on the recruitment page's queue, where the person is told.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy

from panels.models import STAFF_ONLY, Panel, Region
from panels.scoped_admin import (
    RegionChoiceAdminForm,
    RegionRowsPolicy,
    ScopedIndexView,
    ScopedViewSet,
)

from .models import Pool, Recruitment


class RecruitmentPolicy(RegionRowsPolicy):
    """A recruitment page belongs to the region of its pool or of its panel."""

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        served = Region.objects.served_by(user, STAFF_ONLY)
        return self.model._default_manager.filter(
            Q(pool__region__in=served) | Q(panel__region__in=served)
        )


register_permission_policy(Pool, RegionRowsPolicy(Pool, never={"delete"}))
register_permission_policy(Recruitment, RecruitmentPolicy(Recruitment, never={"delete"}))


# --- Pools ----------------------------------------------------------------------------------


class PoolForm(RegionChoiceAdminForm):
    def clean_region(self):
        region = self.cleaned_data["region"]
        if self.instance.pk and self.instance.region_id != region.pk:
            raise ValidationError(_("A pool cannot move to another region: its members stay."))
        return region


class PoolIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class PoolViewSet(ScopedViewSet):
    model = Pool
    name = "pool_admin"
    icon = "group"
    menu_label = _("Forerunner pools")
    index_view_class = PoolIndexView
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("is_archived"),
        ],
        base_form_class=PoolForm,
    )
    list_display = ["name", "region", "is_archived"]
    list_filter = ["region", "is_archived"]
    search_fields = ["name", "description"]


# --- Recruitment pages ----------------------------------------------------------------------


class RecruitmentForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            self.fields["pool"].queryset = Pool.objects.run_by(user)
            self.fields["panel"].queryset = Panel.objects.managed_by(user)

    def clean(self):
        cleaned = super().clean()
        pool, panel = cleaned.get("pool"), cleaned.get("panel")
        if bool(pool) == bool(panel):
            raise ValidationError(_("Choose either a pool or a panel."))
        return cleaned


recruitment_edit_handler = ObjectList(
    [
        MultiFieldPanel(
            [FieldPanel("pool"), FieldPanel("panel")],
            heading=_("For a pool or a panel (one of them)"),
        ),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("who_we_seek"),
        FieldPanel("what_it_means"),
        FieldPanel("compensation"),
        FieldPanel("compensation_details"),
        FieldPanel("is_open"),
        FieldPanel("closes_on"),
        InlinePanel(
            "questions",
            heading=_("Screening questions"),
            help_text=_(
                "Changing a choice after people have answered leaves their answers as they "
                "were: the queue's filters offer the choices as they are now."
            ),
            panels=[
                FieldPanel("position"),
                FieldPanel("text"),
                FieldPanel("kind"),
                FieldPanel("choices"),
                FieldPanel("is_required"),
            ],
        ),
    ],
    base_form_class=RecruitmentForm,
)


class RecruitmentIndexView(ScopedIndexView):
    select_related_fields = ("pool", "panel")


class RecruitmentViewSet(ScopedViewSet):
    model = Recruitment
    name = "recruitment_admin"
    icon = "form"
    menu_label = _("Recruitment pages")
    index_view_class = RecruitmentIndexView
    edit_handler = recruitment_edit_handler
    list_display = ["title", "pool", "panel", "is_open", "closes_on"]
    list_filter = ["is_open"]
    search_fields = ["title", "who_we_seek"]
