"""Region pages (impact reports, experiments, practices) in the Wagtail admin: an official sees
and acts on only the pages of the regions they act for. The rules are in cms.region_access;
this module attaches them.

The attachments at the top happen when Wagtail loads this module, which is before it serves
any admin view: the URL configuration loads every app's hooks.
"""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from .content_checks import use_kohtaamo_checker
from .region_access import (
    RegionScopedPagePolicy,
    may_act_on,
    pages_outside,
    region_page_models,
)

# Which pages a person may explore: the explorer, the admin search and the admin API ask the
# policy registered for Page.
register_permission_policy(Page, RegionScopedPagePolicy())


# --- Admin pages that show a page without asking its permissions ------------------------


class RegionPageExplorableIndexView(ExplorableIndexView):
    """Exploring one region page: it has no children, but the page shows its title and
    status."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            page = get_object_or_404(Page, pk=parent_page_id).specific_deferred
            if not may_act_on(request.user, page):
                return permission_denied(request)
        return super().get(request, parent_page_id)


class RegionPageViewSet(PageViewSet):
    """Wagtail's views for one region page type, with the explorer of one page checked. The
    per-page views are Wagtail's own: they ask RegionPagePermissionTester."""

    index_view_class = RegionPageExplorableIndexView

    @cached_property
    def parent_models(self):
        # Exploring such a page goes through this viewset; exploring the index above it stays
        # the general explorer, which RegionScopedPagePolicy already narrows.
        return [self.model]


@hooks.register("register_admin_viewset")
def register_region_page_viewsets():
    return [
        RegionPageViewSet(f"region_pages_{model._meta.model_name}", model=model)
        for model in region_page_models()
    ]


@hooks.register("before_move_page")
def moves_only_where_allowed(request, page, destination):
    """Wagtail asks only when the move is confirmed; the confirmation page shows the page too."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


class ScopedBulkActionMixin:
    """Another region's page is neither acted on nor listed among the pages the person may
    not act on (Wagtail lists those by title)."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        outside = pages_outside(self.request.user)
        if outside is None:
            return objects, extra
        refused = extra["items_with_no_access"]
        named = [page.pk for page in [*objects, *refused]]
        hidden = set(outside.filter(pk__in=named).values_list("pk", flat=True))
        return [page for page in objects if page.pk not in hidden], {
            **extra,
            "items_with_no_access": [page for page in refused if page.pk not in hidden],
        }


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    pass


class ScopedMoveBulkAction(ScopedBulkActionMixin, MoveBulkAction):
    pass


class ScopedPublishBulkAction(ScopedBulkActionMixin, PublishBulkAction):
    pass


class ScopedUnpublishBulkAction(ScopedBulkActionMixin, UnpublishBulkAction):
    pass


# Registered after Wagtail's own (order 0): the later class for an action is the one used.
for action_class in (
    ScopedDeleteBulkAction,
    ScopedMoveBulkAction,
    ScopedPublishBulkAction,
    ScopedUnpublishBulkAction,
):
    hooks.register("register_bulk_action", action_class, order=1)


@hooks.register("construct_page_chooser_queryset")
def other_regions_drafts_not_offered(pages, request):
    """A published region page is public and may be linked to from anywhere; another region's
    unpublished report or experiment is not offered, so its title stays unseen."""
    outside = pages_outside(request.user)
    if outside is None:
        return pages
    return pages.exclude(pk__in=outside.filter(live=False).values("pk"))


# Wagtail's accessibility checker, with Kohtaamo's rules (cms.content_checks).
hooks.register("construct_wagtail_userbar", use_kohtaamo_checker)
