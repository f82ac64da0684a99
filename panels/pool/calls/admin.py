"""Calls to the pool in the Wagtail admin, under "Panels": staff see and correct their own
region's calls; administrators every region's.

Publishing, confirming places, closing and posting results tell people, so they happen on
the call's own page (panels.pool.calls.views) and are not edited here: the status and the
results are not on this form, nor are the screening-answer criteria (set on the site's call
form, where the questions are offered as choices). Nobody deletes a call: its sign-ups are
the members' history.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from panels.models import LANGUAGE_NAMES, STAFF_ONLY, Municipality, Region
from panels.pool.models import Pool
from panels.scoped_admin import RegionRowsPolicy, ScopedIndexView, ScopedViewSet
from panels.segments.models import ClientGroup

from .models import Call, CallStatus
from .services import confirmed_count

register_permission_policy(
    Call, RegionRowsPolicy(Call, region_lookup="pool__region", never={"delete"})
)


class CallAdminForm(WagtailAdminModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only members who speak at least one of these. None: any language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            served = Region.objects.served_by(user, STAFF_ONLY)
            self.fields["pool"].queryset = Pool.objects.filter(region__in=served)
            self.fields["municipalities"].queryset = Municipality.objects.filter(region__in=served)
            self.fields["client_groups"].queryset = ClientGroup.objects.filter(region__in=served)

    def clean_pool(self):
        # A call stays in its region: its sign-ups and criteria belong to it.
        pool = self.cleaned_data["pool"]
        before = self.instance.pool if self.instance.pk else None
        if before is not None and before.region_id != pool.region_id:
            raise ValidationError(_("A call cannot move to another region's pool."))
        return pool

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The call cannot end before it starts."))
        deadline = cleaned.get("signup_deadline")
        if starts and deadline and deadline > starts:
            self.add_error("signup_deadline", _("Sign-ups must end by the day the call starts."))
        if self.instance.pk and self.instance.status != CallStatus.DRAFT:
            self._keep_what_members_were_told(cleaned)
        pool = cleaned.get("pool")
        for name in ("municipalities", "client_groups"):
            chosen = cleaned.get(name) or []
            if pool is not None and any(row.region_id != pool.region_id for row in chosen):
                self.add_error(name, _("Choose from the pool's own region."))
        return cleaned

    def _keep_what_members_were_told(self, cleaned):
        """A published call was sent to the members it is for, and some hold places in it: whom
        it is for stays, and its places never drop below those already confirmed."""
        for name in ("pool", "municipalities", "client_groups", "languages"):
            if name in self.changed_data:
                self.add_error(name, _("Whom a call is for cannot change once it is published."))
        places = cleaned.get("places")
        confirmed = confirmed_count(self.instance)
        if places is not None and places < confirmed:
            self.add_error(
                "places",
                ngettext(
                    "%(confirmed)s place is confirmed already; the call cannot have fewer.",
                    "%(confirmed)s places are confirmed already; the call cannot have fewer.",
                    confirmed,
                )
                % {"confirmed": confirmed},
            )


call_edit_handler = ObjectList(
    [
        FieldPanel("pool"),
        FieldPanel("title"),
        FieldPanel("task"),
        FieldPanel("places"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("signup_deadline"),
        FieldPanel("compensation"),
        FieldPanel("compensation_details"),
        FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("client_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages"),
    ],
    base_form_class=CallAdminForm,
)


class CallCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class CallIndexView(ScopedIndexView):
    select_related_fields = ("pool__region",)


class CallViewSet(ScopedViewSet):
    model = Call
    name = "pool_call_admin"
    icon = "list-ul"
    menu_label = _("Calls to the pool")
    index_view_class = CallIndexView
    add_view_class = CallCreateView
    edit_handler = call_edit_handler
    list_display = ["title", "pool", "starts_on", "places", "status"]
    list_filter = ["status", "pool"]
    search_fields = ["title", "task"]
