"""The administrators' inbox of accessibility feedback. Only administrators see and answer
it; feedback arrives from the statement page, never typed in here."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import services
from .models import AccessibilityFeedback, AccessibilityStatementPage
from .views import serve_statement


class InboxPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "add" and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True, is_superuser=True)


register_permission_policy(AccessibilityFeedback, InboxPolicy(AccessibilityFeedback))


class AnswerView(generic.EditView):
    def save_instance(self):
        feedback = self.form.save(commit=False)
        return services.answer(feedback, feedback.reply, self.request.user)


class AnswerForm(WagtailAdminModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["reply"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply"].required = True
        self.fields["reply"].help_text = _(
            "Sent to the person by e-mail if they left an address, and kept here."
        )


class AccessibilityFeedbackViewSet(ModelViewSet):
    model = AccessibilityFeedback
    icon = "help"
    menu_label = _("Accessibility feedback")
    add_to_admin_menu = True
    edit_view_class = AnswerView
    list_display = [
        Column("description", label=_("Feedback")),
        "received_at",
        "due_on",
        BooleanColumn("is_overdue", label=_("Overdue")),
        "answered_at",
    ]
    list_filter = ["answered_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("received_at", read_only=True),
            FieldPanel("due_on", read_only=True),
            FieldPanel("page_url", read_only=True),
            FieldPanel("description", read_only=True),
            FieldPanel("email", read_only=True),
            FieldPanel("reply"),
        ],
        base_form_class=AnswerForm,
    )
    inspect_view_enabled = True


accessibility_feedback_viewset = AccessibilityFeedbackViewSet("accessibility_feedback")


@hooks.register("register_admin_viewset")
def register_accessibility_feedback_viewset():
    return accessibility_feedback_viewset


@hooks.register("before_serve_page")
def statement_with_its_feedback_form(page, request, serve_args, serve_kwargs):
    """The statement page serves its feedback form too (GET shows it, POST sends it)."""
    if isinstance(page, AccessibilityStatementPage):
        return serve_statement(page, request, *serve_args, **serve_kwargs)
    return None
