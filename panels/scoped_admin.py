"""Wagtail admin views that only ever see the rows their permission policy allows.

A model's policy (e.g. panels' RegionScopedPolicy, ideas' RoundPolicy) says which rows a
person may change; every view here looks rows up through it, so a URL for a row outside the
person's region answers 404 rather than relying on a permission check further down.
"""

from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet


def _scoped(view):
    return view.permission_policy.instances_user_has_any_permission_for(
        view.request.user, ["change", "view", "delete"]
    )


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return _scoped(self).select_related(*self.select_related_fields)

    select_related_fields = ()


class ScopedObjectMixin:
    def get_queryset(self):
        return _scoped(self)

    def get_base_object_queryset(self):
        return _scoped(self)


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedViewSet(ModelViewSet):
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_admin_menu = False
