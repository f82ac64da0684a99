"""Impact reports in the Wagtail admin: a decision-maker edits, deletes and unpublishes only
the reports of the regions they act for (cms.report_access)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .models import ImpactReportPage
from .report_access import may_change


def refuse_unless_may_change(request, page):
    """For Wagtail's before_edit_page, before_delete_page and before_unpublish_page hooks."""
    specific = page.specific
    if isinstance(specific, ImpactReportPage) and not may_change(request.user, specific):
        messages.error(
            request,
            _("This report belongs to a region you do not act for; its decision-makers edit it."),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_edit_page")
def impact_reports_edited_within_region(request, page):
    return refuse_unless_may_change(request, page)


@hooks.register("before_delete_page")
def impact_reports_deleted_within_region(request, page):
    return refuse_unless_may_change(request, page)


@hooks.register("before_unpublish_page")
def impact_reports_unpublished_within_region(request, page):
    return refuse_unless_may_change(request, page)
