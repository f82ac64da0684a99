"""Decision-makers act within their region: who may compose, change, publish and even see in the
admin which impact report. Administrators may do everything, including reports that cover every
region.

The page permissions (cms.signals) let the Decision-makers group work below the report
index pages; these checks narrow that to the regions a person acts for:

- ``ReportPermissionTester`` is what a report answers to Wagtail's ``permissions_for_user``.
  Every admin view of one page asks it (edit, preview, view draft, revisions, compare,
  revert, unschedule, history, copy, move, delete, unpublish, lock, privacy, workflow and
  bulk actions, the buttons in listings), so one answer scopes them all.
- ``ReportScopedPagePolicy`` leaves other regions' reports out of the pages a person may
  explore: the explorer, the admin search, the admin API and the site history.
- The few admin pages that show a page without asking either (exploring one report,
  confirming a move, the bulk actions' confirmation pages) check ``may_act_on`` and
  ``reports_outside`` themselves, in cms.wagtail_hooks.
- ``ImpactReportPageForm`` lets a decision-maker choose only their own regions.

ImpactReportPage.permissions_for_user answers with the tester; the rest is attached in
cms.wagtail_hooks.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from panels.models import Region


def regions_of(user):
    """The regions a person may write reports for (those they act for: Region.objects.
    served_by, so a person whose role has dropped has none); None for "every region"."""
    if user.is_superuser:
        return None
    return Region.objects.served_by(user)


def _reports():
    # Looked up rather than imported: cms.models imports this module for the page's form.
    return apps.get_model("cms", "ImpactReportPage").objects


def reports_outside(user):
    """The reports a person does not act for (those of other regions, and those that cover
    every region); None for administrators, who act for all."""
    regions = regions_of(user)
    if regions is None:
        return None
    # A report without a region is outside too: exclude() keeps the NULLs.
    return _reports().exclude(region__in=regions)


def _named_regions(report):
    """Every region a report names: as stored, and as the object in hand says. A draft or an
    old revision (view draft, preview, revert) may name another region than the stored row,
    and both must be the person's."""
    stored = _reports().filter(pk=report.pk).values_list("region_id", flat=True)
    named = set(stored)
    # A deferred field is not loaded yet: the stored value above is what it would load.
    if "region_id" in report.__dict__:
        named.add(report.region_id)
    return named or {report.region_id}


def may_act_on(user, report):
    """Whether ``user`` acts for every region ``report`` names (administrators always)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    named = _named_regions(report)
    if None in named:
        return False
    acting = Region.objects.served_by(user).filter(pk__in=named).count()
    return acting == len(named)


class ReportPermissionTester(PagePermissionTester):
    """Wagtail's answers about one report, each of them "no" where the person does not act for
    the report's region.

    Every ``can_*`` question is narrowed, including ones a later Wagtail adds: a view that asks
    a question this class has never heard of still gets "no" for another region's report."""

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


class ReportScopedPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that a person explores only the reports they act for:
    another region's report, published or not, is not listed, found or counted in the admin."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        outside = reports_outside(user) if user.is_active else None
        if outside is None:
            return pages
        return pages.exclude(pk__in=outside.values("pk"))


class ImpactReportPageForm(WagtailAdminPageForm):
    """A decision-maker chooses one of their own regions; only administrators write reports
    that cover every region."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = regions_of(self.for_user) if self.for_user else None
        if regions is not None and "region" in self.fields:
            field = self.fields["region"]
            field.queryset = regions
            field.required = True
            field.help_text = _("The region the report speaks for: one of yours.")

    def clean_region(self):
        region = self.cleaned_data.get("region")
        regions = regions_of(self.for_user) if self.for_user else None
        if regions is not None and (region is None or not regions.filter(pk=region.pk).exists()):
            raise ValidationError(_("Choose one of the regions you act for."))
        return region
