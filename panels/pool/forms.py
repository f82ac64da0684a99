"""The application form of a recruitment page (built from its screening questions), the
staff's queue filters and decision form, and a pool member's own profile form.

Every choice a form offers is checked against what it offered: a municipality or client group
of another region, or an answer that is not one of the question's choices, is refused with a
message on its field.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import oversharing
from accounts.forms import clean_display_name_for
from accounts.models import DISPLAY_NAME_MAX_LENGTH, display_name_validators
from panels.models import LANGUAGE_NAMES, Municipality
from panels.segments.models import ClientGroup

from . import services
from .models import (
    ANSWER_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    ApplicationStatus,
    QuestionKind,
)


def at_most(limit):
    return _("At most %(limit)s characters.") % {"limit": limit}


def question_field_name(question):
    return f"q{question.pk}"


class ApplicationForm(forms.Form):
    """Who the person is (signed out: a display name and an e-mail address), where they live,
    their languages, their client group, one field per screening question, and consent."""

    display_name = forms.CharField(
        label=gettext_lazy("Display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        validators=display_name_validators,
        help_text=gettext_lazy(
            "Shown to others instead of your name. 3–40 characters; no real name needed."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        help_text=gettext_lazy(
            "We send a link to this address. Your application reaches staff once you follow it."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.none(),
        label=gettext_lazy("Municipality"),
        empty_label=gettext_lazy("Choose"),
        help_text=gettext_lazy("Where you live or use services."),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages you can take part in"),
        choices=[(code, name) for code, name in LANGUAGE_NAMES.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    client_group = forms.ModelChoiceField(
        ClientGroup.objects.none(),
        required=False,
        label=gettext_lazy("Client group (optional)"),
        empty_label=gettext_lazy("I'd rather not say"),
    )

    def __init__(self, *args, recruitment, questions, signed_in, **kwargs):
        super().__init__(*args, **kwargs)
        self.recruitment = recruitment
        self.questions = list(questions)
        region_id = recruitment.region_id
        if signed_in:
            del self.fields["display_name"]
            del self.fields["email"]
        municipalities = Municipality.objects.filter(region_id=region_id).order_by("name")
        if municipalities.exists():
            self.fields["municipality"].queryset = municipalities
        else:
            del self.fields["municipality"]
        groups = ClientGroup.objects.offered().filter(region_id=region_id).order_by("name")
        if groups.exists():
            self.fields["client_group"].queryset = groups
        else:
            del self.fields["client_group"]
        for question in self.questions:
            self.fields[question_field_name(question)] = self._question_field(question)
        self.fields["contact_consent"] = forms.BooleanField(
            label=gettext_lazy("I agree that the region's staff may contact me about taking part."),
            error_messages={"required": gettext_lazy("Staff need your consent to contact you.")},
        )
        if not signed_in:
            self.fields["accept_terms"] = forms.BooleanField(
                label=mark_safe(  # noqa: S308 - our own text with links, not the user's
                    format_lazy(
                        gettext_lazy(
                            'I accept the <a href="{terms}">terms of use</a> and the '
                            '<a href="{privacy}">privacy notice</a>: an account is made for '
                            "me when I confirm my e-mail address."
                        ),
                        terms=reverse_lazy("terms"),
                        privacy=reverse_lazy("privacy"),
                    )
                ),
                error_messages={
                    "required": gettext_lazy(
                        "You must accept the terms and privacy notice to apply."
                    )
                },
            )

    def _question_field(self, question):
        common = {"label": question.text, "required": question.is_required}
        if question.kind == QuestionKind.TEXT:
            return forms.CharField(
                max_length=ANSWER_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=at_most(ANSWER_MAX_LENGTH),
                **common,
            )
        choices = [(choice, choice) for choice in question.choice_list()]
        if question.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )

    def clean_display_name(self):
        return clean_display_name_for(None, self.cleaned_data["display_name"])

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = question_field_name(question)
            text = data.get(name)
            if question.kind != QuestionKind.TEXT or not text:
                continue
            # Only the region's staff read the answers, so most details may stay; an identity
            # code is refused, as nothing is gained by giving one here.
            if any(match.refused for match in oversharing.find(text)):
                self.add_error(
                    name,
                    _(
                        "This looks like a Finnish personal identity code. Please remove it: "
                        "staff do not need it."
                    ),
                )
        return data

    def answers(self):
        """{question: [values] or text} of what was answered."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if value:
                answers[question] = value
        return answers

    def question_fields(self):
        return [self[question_field_name(question)] for question in self.questions]


class QueueFilterForm(forms.Form):
    """Filters of the staff's queue: each choice question by its answer, and the person's
    municipality, client group, language and the application's status."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    municipality = forms.ModelChoiceField(
        Municipality.objects.none(), label=gettext_lazy("Municipality"), required=False
    )
    client_group = forms.ModelChoiceField(
        ClientGroup.objects.none(), label=gettext_lazy("Client group"), required=False
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)

    def __init__(self, *args, recruitment, questions, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["status"].choices = everyone + [
            (value, label)
            for value, label in ApplicationStatus.choices
            if value != ApplicationStatus.UNVERIFIED
        ]
        self.fields["language"].choices = everyone + list(LANGUAGE_NAMES.items())
        region_id = recruitment.region_id
        self.fields["municipality"].queryset = Municipality.objects.filter(region_id=region_id)
        self.fields["municipality"].empty_label = _("All")
        self.fields["client_group"].queryset = ClientGroup.objects.filter(region_id=region_id)
        self.fields["client_group"].empty_label = _("All")
        self.choice_questions = [q for q in questions if q.kind != QuestionKind.TEXT]
        for question in self.choice_questions:
            self.fields[question_field_name(question)] = forms.ChoiceField(
                label=question.text,
                required=False,
                choices=everyone + [(c, c) for c in question.choice_list()],
            )

    def chosen_answers(self):
        """[(question, value)] chosen, once the form is valid."""
        return [
            (question, self.cleaned_data[question_field_name(question)])
            for question in self.choice_questions
            if self.cleaned_data.get(question_field_name(question))
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (services.SELECT, gettext_lazy("Select")),
            (services.WAITING_LIST, gettext_lazy("Put on the waiting list")),
            (services.REJECT, gettext_lazy("Do not select")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Message to the person"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required when you do not select the person: tell them why."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == services.REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Tell the person why they were not selected."))
        return data


class MemberProfileForm(forms.Form):
    interests = forms.CharField(
        label=gettext_lazy("What interests me"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Which services or tasks you would like to help develop. Staff see this."
        ),
    )
    availability = forms.CharField(
        label=gettext_lazy("When I am available"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: weekday evenings, not in July, by phone only."),
    )
