"""Wagtail admin views that only ever see the rows their permission policy allows.

A model's policy (e.g. panels' RegionScopedPolicy, ideas' RoundPolicy) says which rows a
person may change; every view here looks rows up through it, so a URL for a row outside the
person's region answers 404 rather than relying on a permission check further down.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from .models import STAFF_ONLY, Panel, Region


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


class RegionChoiceAdminForm(WagtailAdminModelForm):
    """A form whose ``region`` offers staff only the regions they serve."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            self.fields["region"].queryset = Region.objects.served_by(user, STAFF_ONLY)


class ScopedViewSet(ModelViewSet):
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_admin_menu = False


# --- Who may do what: permission policies ----------------------------------------------


class RegionScopedPolicy(BasePermissionPolicy):
    """Staff act on rows whose panel they manage (``Panel.objects.managed_by``);
    administrators on all rows. ``staff_actions`` are the actions staff have at all."""

    def __init__(self, model, *, panel_lookup, staff_actions, never=()):
        super().__init__(model)
        self.panel_lookup = panel_lookup
        self.staff_actions = set(staff_actions)
        self.never = set(never)

    def _staff_may(self, user, action):
        return action in self.staff_actions and Region.objects.served_by(user, STAFF_ONLY).exists()

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active) or action in self.never:
            return False
        return user.is_superuser or self._staff_may(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        people = get_user_model().objects.filter(is_active=True)
        if not set(actions) - self.never:
            return people.none()
        if not self.staff_actions & set(actions):
            return people.filter(is_superuser=True)
        return Region.objects.people_serving(STAFF_ONLY)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        if user.is_superuser:
            return self.model._default_manager.all()
        panels = Panel.objects.managed_by(user)
        if self.panel_lookup == "pk":
            return panels
        return self.model._default_manager.filter(**{f"{self.panel_lookup}__in": panels})

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


class RegionRowsPolicy(BasePermissionPolicy):
    """Staff of a region act on the rows whose region (``region_lookup`` leads to it) they
    serve; administrators on every region's. Nobody takes the actions in ``never`` (e.g.
    "delete" where rows are history); given ``only``, nobody takes any other."""

    def __init__(self, model, *, region_lookup="region", never=(), only=None):
        super().__init__(model)
        self.region_lookup = region_lookup
        self.never = set(never)
        self.only = None if only is None else set(only)

    def _allowed(self, action):
        return action not in self.never and (self.only is None or action in self.only)

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active) or not self._allowed(action):
            return False
        return user.is_superuser or Region.objects.served_by(user, STAFF_ONLY).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not any(self._allowed(action) for action in actions):
            return get_user_model().objects.none()
        return Region.objects.people_serving(STAFF_ONLY)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        served = Region.objects.served_by(user, STAFF_ONLY)
        return self.model._default_manager.filter(**{f"{self.region_lookup}__in": served})

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_authenticated and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)
