"""Decision-makers act within their region: who may compose, change and publish which impact
report. Administrators may do everything, including reports that cover every region.

The page permissions (cms.signals) let the Decision-makers group work below the report
index pages; these checks narrow that to the regions a person acts for.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from panels.models import Region


def regions_of(user):
    """The regions a person may write reports for; None for "every region"."""
    if user.is_superuser:
        return None
    return Region.objects.filter(officials=user)


def may_change(user, report):
    regions = regions_of(user)
    if regions is None:
        return True
    return report.region_id is not None and regions.filter(pk=report.region_id).exists()


def refuse_unless_may_change(request, page):
    """For Wagtail's before_edit_page, before_delete_page and before_unpublish_page hooks."""
    from .models import ImpactReportPage

    specific = page.specific
    if isinstance(specific, ImpactReportPage) and not may_change(request.user, specific):
        messages.error(
            request,
            _("This report belongs to a region you do not act for; its decision-makers edit it."),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


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
