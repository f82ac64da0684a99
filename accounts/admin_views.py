"""Wagtail's user administration with Kohtaamo's fields: display name and role.

Only people with Wagtail's user-management permissions (administrators) reach these
forms, which is what keeps roles from being self-assigned.
"""

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import clean_display_name_for
from .models import User
from .roles import ROLE_GROUPS

KOHTAAMO_USER_FIELDS = {"email", "display_name", "role", "is_superuser", "groups"}


class KohtaamoUserFormMixin:
    first_name = None
    last_name = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Role groups follow the role field; offering them here would let the two disagree.
        if "groups" in self.fields:
            self.fields["groups"].queryset = Group.objects.exclude(name__in=ROLE_GROUPS.values())
            self.fields["groups"].help_text = _("The groups of the role above are set by the role.")

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            # save_m2m() has just replaced the groups with the ones ticked in the form.
            user.sync_role_groups()
        return user

    def clean_display_name(self):
        return clean_display_name_for(self.instance.pk, self.cleaned_data["display_name"])


class KohtaamoUserCreationForm(KohtaamoUserFormMixin, UserCreationForm):
    class Meta:
        model = User
        fields = KOHTAAMO_USER_FIELDS
        widgets = {"groups": forms.CheckboxSelectMultiple}


class KohtaamoUserEditForm(KohtaamoUserFormMixin, UserEditForm):
    class Meta:
        model = User
        fields = KOHTAAMO_USER_FIELDS | {"is_active"}
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return KohtaamoUserEditForm if for_update else KohtaamoUserCreationForm
