"""The forms of the call pages. They shape and check what was typed (sizes, dates that make
sense, criteria of the call's own region); whether the call may still change is the
service's to say, and what was typed stays on the page when it says no."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from panels.models import LANGUAGE_NAMES
from panels.pool.models import Compensation, QuestionKind, ScreeningQuestion
from panels.segments.models import ClientGroup

from .models import (
    MAX_PLACES,
    MESSAGE_MAX_LENGTH,
    RESULTS_MAX_LENGTH,
    TASK_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Call,
)

CALL_FIELDS = [
    "title",
    "task",
    "places",
    "starts_on",
    "ends_on",
    "signup_deadline",
    "compensation",
    "compensation_details",
    "languages",
]


def _limit_help(limit):
    return gettext("At most %(limit)s characters.") % {"limit": limit}


def _answer_key(question_pk, value):
    return f"{question_pk}:{value}"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    task = forms.CharField(
        label=_("The task"),
        max_length=TASK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    places = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=MAX_PLACES,
        help_text=_("How many people are needed."),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput())
    signup_deadline = forms.DateField(
        label=_("Sign up by"),
        widget=DateInput(),
        help_text=_("Members can sign up and withdraw until the end of this day."),
    )
    compensation = forms.ChoiceField(
        label=_("Paid or reimbursed"), choices=Compensation.choices, widget=forms.RadioSelect
    )
    compensation_details = forms.CharField(
        label=_("About the payment or reimbursement"),
        max_length=300,
        required=False,
        help_text=_("For example: 20 euros a session, travel costs reimbursed."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members who live in one of these. None: any municipality."),
    )
    client_groups = forms.ModelMultipleChoiceField(
        label=_("Client groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members in one of these client groups. None: any group."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=list(LANGUAGE_NAMES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members who speak at least one of these. None: any language."),
    )
    answers = forms.MultipleChoiceField(
        label=_("Screening answers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only members who gave one of the chosen answers to each question you choose "
            "from. None: any answers."
        ),
    )

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        self.pool = pool
        self.fields["task"].help_text = gettext(
            "What the people will do, where and with whom, and what it is for. At most "
            "%(limit)s characters."
        ) % {"limit": TASK_MAX_LENGTH}
        self.fields["municipalities"].queryset = pool.region.municipalities.order_by("name")
        self.fields["client_groups"].queryset = ClientGroup.objects.filter(
            region_id=pool.region_id, is_active=True
        ).order_by("position", "name")
        self.questions = {
            question.pk: question
            for question in ScreeningQuestion.objects.filter(
                recruitment__pool=pool, kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE]
            ).order_by("recruitment_id", "position", "pk")
        }
        self.fields["answers"].choices = [
            (
                question.text,
                [(_answer_key(question.pk, value), value) for value in question.choice_list()],
            )
            for question in self.questions.values()
            if question.choice_list()
        ]
        for name in ("municipalities", "client_groups", "answers"):
            if not self.fields[name].choices:
                del self.fields[name]

    @classmethod
    def initial_for(cls, call):
        initial = {name: getattr(call, name) for name in CALL_FIELDS}
        initial["municipalities"] = list(call.municipalities.values_list("pk", flat=True))
        initial["client_groups"] = list(call.client_groups.values_list("pk", flat=True))
        initial["answers"] = [
            _answer_key(question_id, value)
            for question_id, value in call.answer_criteria.values_list("question_id", "value")
        ]
        return initial

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        deadline = cleaned.get("signup_deadline")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The call cannot end before it starts."))
        if starts and deadline and deadline > starts:
            self.add_error("signup_deadline", _("Sign-ups must end by the day the call starts."))
        return cleaned

    def split(self):
        """The call's own fields and its criteria, for the service."""
        data = self.cleaned_data
        fields = {name: data[name] for name in CALL_FIELDS}
        answers = []
        for key in data.get("answers") or []:
            question_pk, _sep, value = key.partition(":")
            answers.append((self.questions[int(question_pk)], value))
        criteria = {
            "municipalities": data.get("municipalities") or [],
            "client_groups": data.get("client_groups") or [],
            "answers": answers,
        }
        return fields, criteria


class SignupForm(forms.Form):
    message = forms.CharField(
        label=pgettext_lazy("a call sign-up", "Message to staff (optional)"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _limit_help(MESSAGE_MAX_LENGTH)


class ResultsForm(forms.Form):
    results = forms.CharField(
        label=_("Results"),
        max_length=RESULTS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["results"].help_text = gettext(
            "What the people did and what came of it. The participants are told and see it "
            "on their My impact page. At most %(limit)s characters."
        ) % {"limit": RESULTS_MAX_LENGTH}


__all__ = ["Call", "CallForm", "ResultsForm", "SignupForm"]
