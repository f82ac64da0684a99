"""The feedback inbox in the Wagtail admin, scoped to the regions the staff member serves
(administrators: every region). Feedback is never added nor deleted here; an item is read,
and an answered one shown on or taken off the public page. Answering goes through the site's
triage page (linked from each item), because it tells the sender and erases their address:
a plain admin edit would skip that.
"""

from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from panels.models import STAFF_ONLY, Region
from panels.scoped_admin import ScopedIndexView, ScopedViewSet

from .models import Feedback

STAFF_ACTIONS = {"change", "view"}


class FeedbackPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active) or action not in STAFF_ACTIONS:
            return False
        return user.is_superuser or Region.objects.served_by(user, STAFF_ONLY).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not STAFF_ACTIONS & set(actions):
            return get_user_model().objects.none()
        return Region.objects.people_serving(STAFF_ONLY)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Feedback.objects.none()
        return Feedback.objects.triaged_by(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


register_permission_policy(Feedback, FeedbackPolicy(Feedback))


class TriageColumn(Column):
    """A link to the item's triage page on the site."""

    def get_value(self, instance):
        label = _("Answer on the site") if instance.answered_at is None else _("Open on the site")
        return format_html('<a href="{}">{}</a>', instance.get_triage_url(), label)


class FeedbackIndexView(ScopedIndexView):
    select_related_fields = ("region", "service_area", "client_group")


class FeedbackViewSet(ScopedViewSet):
    model = Feedback
    name = "feedback_inbox"
    icon = "mail"
    menu_label = _("Feedback inbox")
    add_to_admin_menu = True
    index_view_class = FeedbackIndexView
    list_display = [
        "__str__",
        "region",
        "status",
        "client_group",
        "created_at",
        "publish",
        TriageColumn("triage", label=_("Answer")),
    ]
    # Not by service area or client group: the filter would list every region's entries.
    list_filter = ["region", "status", "publish"]
    search_fields = ["what_happened", "what_would_be_better", "answer"]
    edit_handler = ObjectList(
        [
            FieldPanel("region", read_only=True),
            FieldPanel("service_area", read_only=True),
            FieldPanel("client_group", read_only=True),
            FieldPanel("what_happened", read_only=True),
            FieldPanel("what_would_be_better", read_only=True),
            FieldPanel("status", read_only=True),
            FieldPanel("answer", read_only=True),
            FieldPanel("reason", read_only=True),
            FieldPanel("forwarded_to", read_only=True),
            FieldPanel("publish"),
        ]
    )


feedback_viewset = FeedbackViewSet()


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset
