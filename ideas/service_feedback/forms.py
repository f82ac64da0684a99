"""The public feedback form, the triage form and the filters of the inbox and public page.

The service areas and client groups are plain selects grouped by region (panels.segments'
``grouped_by_region``), so the form works without JavaScript; a choice from another region
than the one chosen is refused with a message, never silently replaced.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.oversharing import PersonalDetailsForm
from ideas.forms import SingleLineField, at_most
from ideas.models import IDEA_BODY_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH
from panels.models import Municipality, Region
from panels.places.filters import MunicipalityField
from panels.segments.forms import grouped_by_region
from panels.segments.models import ClientGroup, ServiceArea

from .models import (
    ANSWER_MAX_LENGTH,
    FORWARDED_TO_MAX_LENGTH,
    NEEDS_REASON,
    OUTCOMES,
    REASON_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Status,
)


class RegionChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(Region.objects.order_by("name"), to_field_name="slug", **kwargs)


class FeedbackForm(PersonalDetailsForm):
    confirm_label = gettext_lazy(
        "Send it anyway: staff may show it on the public page without my name."
    )

    region = RegionChoiceField(label=gettext_lazy("Region"), empty_label=gettext_lazy("Choose"))
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.offered(),
        label=gettext_lazy("Service area"),
        empty_label=gettext_lazy("Choose"),
        help_text=gettext_lazy("Listed under each region: choose one of your region's."),
    )
    what_happened = forms.CharField(
        label=gettext_lazy("What happened?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    what_would_be_better = forms.CharField(
        label=gettext_lazy("What would be better?"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    client_group = forms.ModelChoiceField(
        ClientGroup.objects.offered(),
        required=False,
        label=gettext_lazy("Client group (optional)"),
        empty_label=gettext_lazy("I'd rather not say"),
        help_text=gettext_lazy(
            "Lets staff see whether feedback reaches every group. Groups of fewer than five "
            "are never shown on their own."
        ),
    )
    municipality = MunicipalityField(
        label=gettext_lazy("Municipality (optional)"),
        empty_label=gettext_lazy("I'd rather not say"),
        help_text=gettext_lazy(
            "Which municipality the feedback concerns, listed under each region."
        ),
    )
    anonymous = forms.BooleanField(
        required=False,
        label=gettext_lazy("Send anonymously"),
        help_text=gettext_lazy(
            "Nothing is stored that links this feedback to you; you then will not see it on "
            "“My impact” nor be told of the answer in Kohtaamo."
        ),
    )
    reply_email = forms.EmailField(
        required=False,
        max_length=254,
        label=gettext_lazy("E-mail for the answer (optional)"),
        help_text=gettext_lazy(
            "We send you the answer once, and delete the address as soon as the answer is "
            "sent. It is never shown to anyone."
        ),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, signed_in, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("service_area", "client_group"):
            self.fields[name].widget.choices = grouped_by_region(self.fields[name])
        self.fields["municipality"].offer(Municipality.objects.all())
        text_help = at_most(TEXT_MAX_LENGTH)
        self.fields["what_happened"].help_text = " ".join(
            [
                text_help,
                _("Please do not write names or other details that would identify anyone."),
            ]
        )
        self.fields["what_would_be_better"].help_text = text_help
        if not signed_in:
            # Not signed in, it is anonymous anyway.
            del self.fields["anonymous"]

    def clean(self):
        data = super().clean()
        region = data.get("region")
        area, group = data.get("service_area"), data.get("client_group")
        if region is not None:
            if area is not None and area.region_id != region.pk:
                message = _("Choose a service area of %(region)s.")
                self.add_error("service_area", message % {"region": region.name})
            if group is not None and group.region_id != region.pk:
                message = _("Choose a client group of %(region)s.")
                self.add_error("client_group", message % {"region": region.name})
            municipality = data.get("municipality")
            if municipality is not None and municipality.region_id != region.pk:
                message = _("Choose a municipality of %(region)s.")
                self.add_error("municipality", message % {"region": region.name})
        return data


class TriageForm(PersonalDetailsForm):
    """One form for the four outcomes; what each outcome needs is checked in ``clean``. The
    idea's round, title and description are used only for "turned into an idea"."""

    confirm_label = gettext_lazy("Publish it anyway: I have checked it is fine to show.")

    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[(value, Status(value).label) for value in OUTCOMES],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=gettext_lazy("Public answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Shown to the sender and, if you publish it, on the public page. Write it so that "
            "it names no one."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Public reason (forwarded or not actionable)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    forwarded_to = SingleLineField(
        label=gettext_lazy("Forwarded to which service"),
        max_length=FORWARDED_TO_MAX_LENGTH,
        required=False,
    )
    round = forms.TypedChoiceField(
        label=gettext_lazy("Idea round (turned into an idea)"), coerce=int, required=False
    )
    title = SingleLineField(
        label=gettext_lazy("Idea title"), max_length=TITLE_MAX_LENGTH, required=False
    )
    body = forms.CharField(
        label=gettext_lazy("Idea description"),
        max_length=IDEA_BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Show the feedback and the answer on the public page"),
        required=False,
        help_text=gettext_lazy("Without any name or e-mail address."),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {round_.pk: round_ for round_ in rounds}
        self.fields["round"].choices = [("", _("Choose"))] + [
            (round_.pk, round_.title) for round_ in rounds
        ]
        if not rounds:
            self.fields["round"].help_text = _(
                "The region has no public idea round taking ideas just now."
            )
        self.fields["reason"].help_text = at_most(REASON_MAX_LENGTH)
        self.fields["title"].help_text = _("%(min)s–%(max)s characters.") % {
            "min": TITLE_MIN_LENGTH,
            "max": TITLE_MAX_LENGTH,
        }

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome in NEEDS_REASON and not data.get("reason"):
            self.add_error("reason", _("Say publicly why: this outcome needs a reason."))
        if outcome == Status.FORWARDED and not data.get("forwarded_to"):
            self.add_error("forwarded_to", _("Name the service it was forwarded to."))
        if outcome == Status.IDEA:
            if not data.get("round"):
                self.add_error("round", _("Choose the idea round."))
            title = data.get("title") or ""
            if len(title) < TITLE_MIN_LENGTH:
                self.add_error(
                    "title",
                    _("Give the idea a title of at least %(min)s characters.")
                    % {"min": TITLE_MIN_LENGTH},
                )
            if not data.get("body"):
                self.add_error("body", _("Describe the idea."))
        return data

    def chosen_round(self):
        return self.rounds.get(self.cleaned_data.get("round"))


class PublishForm(forms.Form):
    publish = forms.BooleanField(
        label=gettext_lazy("Show the feedback and the answer on the public page"),
        required=False,
    )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *Status.choices],
    )
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.none(),
        label=gettext_lazy("Service area"),
        required=False,
        empty_label=gettext_lazy("All"),
    )
    client_group = forms.ModelChoiceField(
        ClientGroup.objects.none(),
        label=gettext_lazy("Client group"),
        required=False,
        empty_label=gettext_lazy("All"),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = ServiceArea.objects.filter(
            region__in=regions
        ).select_related("region")
        self.fields["client_group"].queryset = ClientGroup.objects.filter(
            region__in=regions
        ).select_related("region")
        for name in ("service_area", "client_group"):
            self.fields[name].widget.choices = grouped_by_region(self.fields[name])


class PublicFilterForm(forms.Form):
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.none(),
        label=gettext_lazy("Service area"),
        required=False,
        empty_label=gettext_lazy("All service areas"),
    )
    municipality = MunicipalityField(empty_label=gettext_lazy("All municipalities"))

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = ServiceArea.objects.filter(region=region)
        self.fields["municipality"].offer(Municipality.objects.filter(region=region))
        if self.is_bound:
            for name in self.errors:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
                )
