"""The feedback inbox in the Wagtail admin, scoped to the regions the staff member serves
(administrators: every region). Feedback is never added nor deleted here; an item is read,
and an answered one shown on or taken off the public page. Answering goes through the site's
triage page (linked from each item), because it tells the sender and erases their address:
a plain admin edit would skip that.
"""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from panels.scoped_admin import RegionRowsPolicy, ScopedIndexView, ScopedViewSet

from .models import Feedback

# Staff read and publish their regions' feedback here (Feedback.objects.triaged_by); they
# answer it on the site, and nobody adds or deletes it.
register_permission_policy(Feedback, RegionRowsPolicy(Feedback, only={"change", "view"}))


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
