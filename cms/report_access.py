"""Decision-makers act within their region: who may compose, change and publish which impact
report. Administrators may do everything, including reports that cover every region.

The page permissions (cms.signals) let the Decision-makers group work below the report
index pages; these checks narrow that to the regions a person acts for. The admin hooks that
apply them are in cms.wagtail_hooks; the page form below is ImpactReportPage's.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from panels.models import Region


def regions_of(user):
    """The regions a person may write reports for (those they act for: Region.objects.
    served_by, so a person whose role has dropped has none); None for "every region"."""
    if user.is_superuser:
        return None
    return Region.objects.served_by(user)


def may_change(user, report):
    regions = regions_of(user)
    if regions is None:
        return True
    return report.region_id is not None and regions.filter(pk=report.region_id).exists()


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
