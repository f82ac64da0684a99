from wagtail import hooks

from .report_access import refuse_unless_may_change


@hooks.register("before_edit_page")
def impact_reports_edited_within_region(request, page):
    return refuse_unless_may_change(request, page)


@hooks.register("before_delete_page")
def impact_reports_deleted_within_region(request, page):
    return refuse_unless_may_change(request, page)


@hooks.register("before_unpublish_page")
def impact_reports_unpublished_within_region(request, page):
    return refuse_unless_may_change(request, page)
