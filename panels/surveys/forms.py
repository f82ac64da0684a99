"""The form a person answers a survey with, built from the survey's questions.

Field names: ``q<question id>`` for the answer, ``q<id>_other`` for an "other" text, and
``q<id>_d<domain id>`` for each domain of a life wheel. Every value is validated against the
question as stored: an unknown choice id, a number outside the scale or an oversized text is
an error on that question, and the rest of the answers are kept on the page. A choice sent
more than once is one answer.

Written answers are looked at for personal details (accounts.oversharing) like any post: the
form asks the person to confirm them (``confirm_personal``) and refuses a valid personal
identity code outright. Nothing of this is stored: an anonymous answer must carry nothing
that could tell it apart.
"""

import uuid
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.oversharing import PersonalDetails, PersonalDetailsForm, check
from panels.segments.models import ClientGroup

from .models import INTERVIEW_CHANNELS, LONG_TEXT_MAX, SHORT_TEXT_MAX, QuestionKind

OTHER = "other"


@dataclass
class QuestionBlock:
    """One question on the page: its fields, and the ids the template links together."""

    question: object
    number: int
    fields: list = field(default_factory=list)
    other: object = None

    @property
    def dom_id(self):
        return f"q{self.question.pk}"

    @property
    def errors(self):
        return [error for bound in self.all_fields for error in bound.errors]

    @property
    def all_fields(self):
        return self.fields + ([self.other] if self.other is not None else [])

    @property
    def described_by(self):
        ids = []
        if self.question.help_text:
            ids.append(f"{self.dom_id}-help")
        if self.errors:
            ids.append(f"{self.dom_id}-error")
        return " ".join(ids)


def _scale_choices(question):
    low, high = question.scale
    choices = []
    for value in range(low, high + 1):
        label = str(value)
        if value == low and question.low_label:
            label = f"{value} – {question.low_label}"
        elif value == high and question.high_label:
            label = f"{value} – {question.high_label}"
        choices.append((str(value), label))
    return choices


class SurveyAnswerForm(PersonalDetailsForm):
    confirm_label = _("Send my answers as they are: I want them to be read as I wrote them.")

    def __init__(self, survey, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(questions)
        for question in self.questions:
            self._add_fields(question)

    def _add_fields(self, question):
        name = f"q{question.pk}"
        required = question.required
        kind = question.kind
        # A text box is named by its question, the fieldset's legend.
        labelled = {"aria-labelledby": f"{name}-legend"}
        if kind == QuestionKind.SHORT_TEXT:
            self.fields[name] = forms.CharField(
                required=required, max_length=SHORT_TEXT_MAX, widget=forms.TextInput(labelled)
            )
        elif kind == QuestionKind.LONG_TEXT:
            self.fields[name] = forms.CharField(
                required=required,
                max_length=LONG_TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 5, **labelled}),
            )
        elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
            choices = [(str(choice.pk), choice.label) for choice in question.choices.all()]
            if question.allow_other:
                choices.append((OTHER, _("Other")))
            if kind == QuestionKind.SINGLE_CHOICE:
                self.fields[name] = forms.ChoiceField(
                    required=required, choices=choices, widget=forms.RadioSelect
                )
            else:
                self.fields[name] = forms.MultipleChoiceField(
                    required=required, choices=choices, widget=forms.CheckboxSelectMultiple
                )
            if question.allow_other:
                self.fields[f"{name}_other"] = forms.CharField(
                    label=_("Other, what?"), required=False, max_length=SHORT_TEXT_MAX
                )
        elif kind in (QuestionKind.LIKERT, QuestionKind.SCALE):
            self.fields[name] = forms.TypedChoiceField(
                required=required,
                choices=_scale_choices(question),
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        elif kind == QuestionKind.LIFE_WHEEL:
            low, high = question.scale
            options = [("", "–")] + [(str(v), str(v)) for v in range(low, high + 1)]
            for domain in question.choices.all():
                self.fields[f"{name}_d{domain.pk}"] = forms.TypedChoiceField(
                    label=domain.label,
                    required=required,
                    choices=options,
                    coerce=int,
                    empty_value=None,
                )

    def blocks(self):
        total = len(self.questions)
        blocks = []
        for number, question in enumerate(self.questions, start=1):
            block = QuestionBlock(question=question, number=number)
            name = f"q{question.pk}"
            if question.kind == QuestionKind.LIFE_WHEEL:
                block.fields = [self[f"{name}_d{domain.pk}"] for domain in question.choices.all()]
            else:
                block.fields = [self[name]]
            if f"{name}_other" in self.fields:
                block.other = self[f"{name}_other"]
            block.total = total
            blocks.append(block)
        return blocks

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = f"q{question.pk}"
            if not question.allow_other or name not in cleaned:
                continue
            chosen = cleaned[name]
            chosen = chosen if isinstance(chosen, list) else [chosen]
            if OTHER in chosen and not cleaned.get(f"{name}_other", "").strip():
                self.add_error(f"{name}_other", _("Tell us what the other answer is."))
        # Asked together with any other error, so that one more round fixes everything.
        try:
            check(confirmed=cleaned.get("confirm_personal", False), **self._written(cleaned))
        except PersonalDetails as error:
            self.refuse_personal_details(error)
        return cleaned

    def _written(self, cleaned):
        """The texts that would be stored, by field name: written answers, and "other" texts
        where "other" was chosen (see answers())."""
        texts = {}
        for question in self.questions:
            name = f"q{question.pk}"
            value = cleaned.get(name)
            if question.is_text and value:
                texts[name] = value
            chosen = value if isinstance(value, list) else [value]
            if question.allow_other and OTHER in chosen and cleaned.get(f"{name}_other"):
                texts[f"{name}_other"] = cleaned[f"{name}_other"]
        return texts

    def personal_label(self, name):
        """Written answers are named by their question (their fields have no label)."""
        question_id = int(name[1:].removesuffix("_other"))
        question = next(q for q in self.questions if q.pk == question_id)
        if name.endswith("_other"):
            return f"{question.text} – {self.fields[name].label}"
        return question.text

    def full_clean(self):
        super().full_clean()
        # Link each invalid input to its question's error message for screen readers.
        for block in self.blocks() if self.is_bound else []:
            for bound in block.all_fields:
                if bound.errors:
                    bound.field.widget.attrs.update(
                        {"aria-invalid": "true", "aria-describedby": f"{block.dom_id}-error"}
                    )

    def answers(self):
        """The valid form's answers as Answer field values, one dict per stored row."""
        rows = []
        data = self.cleaned_data
        for question in self.questions:
            name = f"q{question.pk}"
            kind = question.kind
            if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
                if data[name].strip():
                    rows.append({"question": question, "text": data[name].strip()})
            elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
                chosen = data[name]
                chosen = chosen if isinstance(chosen, list) else [chosen] if chosen else []
                # A choice sent twice (any client can repeat a value) counts once.
                chosen = list(dict.fromkeys(chosen))
                choices = {str(choice.pk): choice for choice in question.choices.all()}
                for value in chosen:
                    if value == OTHER:
                        text = data.get(f"{name}_other", "").strip()
                        rows.append({"question": question, "text": text})
                    else:
                        rows.append({"question": question, "choice": choices[value]})
            elif kind in (QuestionKind.LIKERT, QuestionKind.SCALE):
                if data[name] is not None:
                    rows.append({"question": question, "number": data[name]})
            elif kind == QuestionKind.LIFE_WHEEL:
                for domain in question.choices.all():
                    value = data[f"{name}_d{domain.pk}"]
                    if value is not None:
                        rows.append({"question": question, "choice": domain, "number": value})
        return rows


class InterviewForm(SurveyAnswerForm):
    """The survey's questions, answered by an interviewer for the person they talk to, plus
    how the interview is done, the client group the person told (if they did), the person's
    oral consent, and the interview's id.

    ``client_id`` is made here for every empty form, so that without JavaScript each form is
    one interview; the page's script (static/surveys/interview.js) gives a form it resets a
    new one. Sent twice, the same id stores the interview once."""

    confirm_label = _("Send the answers as they are: they were written as the person said them.")

    def __init__(self, survey, questions, *args, **kwargs):
        super().__init__(survey, questions, *args, **kwargs)
        self.fields["channel"] = forms.ChoiceField(
            label=_("How is the interview done?"),
            choices=[(choice.value, choice.label) for choice in INTERVIEW_CHANNELS],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose how the interview is done.")},
        )
        self.fields["client_group"] = forms.ModelChoiceField(
            ClientGroup.objects.offered().filter(region=survey.region_id),
            required=False,
            label=_("Client group, if the person says"),
            empty_label=_("Not told"),
            help_text=_(
                "Ask only if it fits the conversation; nothing else about the person is stored."
            ),
            error_messages={"invalid_choice": _("Choose a client group from the list.")},
        )
        # The survey's own region's list: the region's name would only repeat itself.
        self.fields["client_group"].label_from_instance = lambda group: group.name
        self.fields["consent"] = forms.BooleanField(
            label=_("The person agreed orally to answer"),
            error_messages={"required": _("Tick this once the person has agreed to answer.")},
        )
        self.fields["client_id"] = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean(self):
        cleaned = super().clean()
        # A hidden field has no place on the page to show its error.
        if "client_id" in self.errors:
            self.errors.pop("client_id")
            self.add_error(None, _("The form was damaged on the way. Reload the page."))
        return cleaned

    def interview_fields(self):
        return [self["channel"], self["client_group"]]
