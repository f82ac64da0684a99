"""Officials act within their region: who may compose, change, publish and even see in the admin
which region's page (an impact report, an experiment, a practice). Administrators may do
everything, including pages that cover every region.

The page permissions (cms.signals, cms.experiments.signals) let the Decision-makers and Staff
groups work below the index pages of those page types; these checks narrow that to the regions
a person acts for:

- ``RegionPagePermissionTester`` is what such a page answers to Wagtail's ``permissions_for_user``.
  Every admin view of one page asks it (edit, preview, view draft, revisions, compare,
  revert, unschedule, history, copy, move, delete, unpublish, lock, privacy, workflow and
  bulk actions, the buttons in listings), so one answer scopes them all.
- ``RegionScopedPagePolicy`` leaves other regions' pages out of the pages a person may
  explore: the explorer, the admin search, the admin API and the site history.
- The few admin pages that show a page without asking either (exploring one page,
  confirming a move, the bulk actions' confirmation pages) check ``may_act_on`` and
  ``pages_outside`` themselves, in cms.wagtail_hooks.
- ``RegionPageForm`` lets an official choose only their own regions.

Each region-scoped page type names itself in ``REGION_PAGE_MODELS`` and answers
``permissions_for_user`` with the tester; the rest is attached in cms.wagtail_hooks.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from panels.models import Region

# The page types that belong to one region (or, with none, to every region), by model label.
REGION_PAGE_MODELS = (
    "cms.ImpactReportPage",
    "experiments.ExperimentPage",
    "experiments.PracticePage",
)


def region_page_models():
    return [apps.get_model(label) for label in REGION_PAGE_MODELS]


def is_region_page(page):
    return type(page) in region_page_models()


def regions_of(user):
    """The regions a person may write region pages for (those they act for: Region.objects.
    served_by, so a person whose role has dropped has none); None for "every region"."""
    if user.is_superuser:
        return None
    return Region.objects.served_by(user)


def pages_outside(user):
    """The region pages a person does not act for (those of other regions, and those that
    cover every region), as a Page QuerySet; None for administrators, who act for all."""
    regions = regions_of(user)
    if regions is None:
        return None
    # A page without a region is outside too: exclude() keeps the NULLs. The models are
    # looked up rather than imported: their modules import this one for the page's form.
    outside = Q()
    for model in region_page_models():
        outside |= Q(pk__in=model.objects.exclude(region__in=regions).values("pk"))
    return Page.objects.filter(outside)


def _named_regions(page):
    """Every region a page names: as stored, and as the object in hand says. A draft or an
    old revision (view draft, preview, revert) may name another region than the stored row,
    and both must be the person's."""
    stored = type(page).objects.filter(pk=page.pk).values_list("region_id", flat=True)
    named = set(stored)
    # A deferred field is not loaded yet: the stored value above is what it would load.
    if "region_id" in page.__dict__:
        named.add(page.region_id)
    return named or {page.region_id}


def may_act_on(user, page):
    """Whether ``user`` acts for every region ``page`` names (administrators always)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    named = _named_regions(page)
    if None in named:
        return False
    acting = Region.objects.served_by(user).filter(pk__in=named).count()
    return acting == len(named)


class RegionPagePermissionTester(PagePermissionTester):
    """Wagtail's answers about one region page, each of them "no" where the person does not act
    for the page's region.

    Every ``can_*`` question is narrowed, including ones a later Wagtail adds: a view that asks
    a question this class has never heard of still gets "no" for another region's page."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if not self.within_region:
            # Also for code that reads the raw set of actions instead of asking.
            self.permissions = set()

    @cached_property
    def within_region(self):
        return may_act_on(self.user, self.page)

    def __getattribute__(self, name):
        attribute = super().__getattribute__(name)
        if name.startswith("can_") and callable(attribute) and not self.within_region:
            return _refuse
        return attribute


def _refuse(*args, **kwargs):
    return False


class RegionScopedPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that a person explores only the region pages they act
    for: another region's report or experiment, published or not, is not listed, found or
    counted in the admin."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        outside = pages_outside(user) if user.is_active else None
        if outside is None:
            return pages
        return pages.exclude(pk__in=outside.values("pk"))


class RegionPageForm(WagtailAdminPageForm):
    """An official chooses one of their own regions; only administrators write pages that
    cover every region."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = regions_of(self.for_user) if self.for_user else None
        if regions is not None and "region" in self.fields:
            field = self.fields["region"]
            field.queryset = regions
            field.required = True
            field.help_text = _("The region the page speaks for: one of yours.")

    def clean_region(self):
        region = self.cleaned_data.get("region")
        regions = regions_of(self.for_user) if self.for_user else None
        if regions is not None and (region is None or not regions.filter(pk=region.pk).exists()):
            raise ValidationError(_("Choose one of the regions you act for."))
        return region
