"""Innoagent qualifications in the Wagtail admin (its own menu item).

Staff and administrators read every qualification: a level is shown beside the person's
name on every page anyway, so there is nothing regional to hide. Only administrators write
here: "Add" grants a level directly (normally completing a training grants it, see
panels.trainings), and a qualification's edit page revokes it. Both go through
``services``, so the person's badge follows. Nobody deletes a qualification: a revoked one
stays on record.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.roles import Role

from . import services
from .models import Qualification


class QualificationPolicy(BasePermissionPolicy):
    """Staff and administrators view; administrators add (grant) and change (revoke)."""

    READ = {"view"}
    WRITE = {"add", "change"}

    def _may(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in self.READ:
            return user.is_superuser or user.role == Role.STAFF
        return action in self.WRITE and user.is_superuser

    def user_has_permission(self, user, action):
        return self._may(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self._may(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        people = get_user_model().objects.filter(is_active=True)
        if self.READ & set(actions):
            return people.filter(is_superuser=True) | people.filter(role=Role.STAFF)
        if self.WRITE & set(actions):
            return people.filter(is_superuser=True)
        return people.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return Qualification.objects.all()
        return Qualification.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self._may(user, action)


register_permission_policy(Qualification, QualificationPolicy(Qualification))


class GrantForm(WagtailAdminModelForm):
    class Meta:
        model = Qualification
        fields = ["person", "level", "granted_on", "training_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["training_name"].help_text = _(
            "The training that granted the level. Completing a training in Kohtaamo grants it "
            "by itself: grant here only what was earned elsewhere."
        )

    def clean(self):
        cleaned = super().clean()
        person, level = cleaned.get("person"), cleaned.get("level")
        if person is not None and level is not None:
            try:
                services.check_fits(person, level)
            except ValidationError as error:
                self.add_error("person", error)
        return cleaned


class RevokeForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this qualification"),
        required=False,
        help_text=_(
            "The person no longer holds this level; the badge beside their name follows. The "
            "qualification stays on record as revoked."
        ),
    )

    class Meta:
        model = Qualification
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_revoked:
            self.fields["revoke"].initial = True
            self.fields["revoke"].disabled = True
            self.fields["revoke"].help_text = _(
                "Revoked. A revoked qualification is not restored: grant the level again."
            )


class GrantView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.grant(
            data["person"],
            data["level"],
            data["granted_on"],
            training_name=data["training_name"],
            granted_by=self.request.user,
        )


class RevokeView(generic.EditView):
    def save_instance(self):
        if self.form.cleaned_data.get("revoke") and not self.object.is_revoked:
            services.revoke(self.object, by=self.request.user)
        return self.object


class QualificationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person", "granted_by")


class QualificationViewSet(ModelViewSet):
    model = Qualification
    name = "qualification_admin"
    icon = "tick"
    menu_label = _("Innoagents")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = QualificationIndexView
    add_view_class = GrantView
    edit_view_class = RevokeView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["person", "level", "granted_on", "training_name", "granted_by", "revoked_at"]
    list_filter = ["level", "granted_on"]
    search_fields = ["person__display_name", "training_name"]

    def get_form_class(self, for_update=False):
        return RevokeForm if for_update else GrantForm


@hooks.register("register_admin_viewset")
def register_qualifications_admin():
    return QualificationViewSet()
