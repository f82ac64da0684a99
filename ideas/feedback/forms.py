"""The feedback loop's forms: moving an idea's status, an official response, and "did this
answer the idea?"."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.plain_language import PlainLanguageTextarea
from ideas.forms import at_most
from ideas.models import COMMENT_MAX_LENGTH, Idea

from .models import EXPLANATION_MAX_LENGTH, RESPONSE_TEXT_MAX_LENGTH, Verdict
from .statuses import IdeaStatus, allowed_transitions


def _merge_targets(idea):
    """Ideas this one may be merged into: public, not merged themselves, in the same region and
    before the same audience (ideas.feedback.services says why)."""
    return (
        Idea.objects.public()
        .filter(round__region=idea.round.region_id, round__panel=idea.round.panel_id)
        .exclude(pk=idea.pk)
        .exclude(status=IdeaStatus.MERGED)
        .select_related("round")
        .order_by("round__title", "title")
    )


class MergeTargetField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.round.title})"


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("New status"))
    explanation = forms.CharField(
        label=gettext_lazy("Public explanation"),
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    merged_into = MergeTargetField(
        label=gettext_lazy("Merged into"), queryset=Idea.objects.none(), required=False
    )

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in allowed_transitions(idea.status)
        ]
        self.fields["explanation"].help_text = " ".join(
            [
                _("Everyone who follows the idea reads this."),
                at_most(EXPLANATION_MAX_LENGTH),
            ]
        )
        _offer_merge(self, idea)

    def clean(self):
        return _clean_merge(self, super().clean(), "to_status")


def _offer_merge(form, idea):
    if IdeaStatus.MERGED in allowed_transitions(idea.status):
        form.fields["merged_into"].queryset = _merge_targets(idea)
        form.fields["merged_into"].help_text = _("Only when merging: the idea that takes this one.")
    else:
        del form.fields["merged_into"]


def _clean_merge(form, cleaned, status_field):
    merging = cleaned.get(status_field) == IdeaStatus.MERGED and "merged_into" in form.fields
    if merging and not cleaned.get("merged_into"):
        raise forms.ValidationError({"merged_into": _("Choose the idea this one is merged into.")})
    if not merging:
        cleaned["merged_into"] = None
    return cleaned


class ResponseContentForm(forms.Form):
    reasons = forms.CharField(
        label=gettext_lazy("Reasons"),
        max_length=RESPONSE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    next_step = forms.CharField(
        label=gettext_lazy("Next step"),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    responsible = forms.CharField(
        label=gettext_lazy("Responsible unit or person"), required=False, max_length=200
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    link_url = forms.URLField(label=gettext_lazy("Link to a page"), required=False, max_length=200)
    link_title = forms.CharField(label=gettext_lazy("Link text"), required=False, max_length=200)
    plain_summary = forms.CharField(
        label=gettext_lazy("Plain-language version (selkokieli)"),
        required=False,
        max_length=RESPONSE_TEXT_MAX_LENGTH,
        widget=PlainLanguageTextarea(),
        help_text=gettext_lazy(
            "The decision and its reasons in plain language, shown to readers who turn on "
            "plain language."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].help_text = " ".join(
            [_("Why this decision: in plain language."), at_most(RESPONSE_TEXT_MAX_LENGTH)]
        )
        self.fields["due_date"].help_text = _("Where there is one, e.g. 2027-03-31.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("link_title") and not cleaned.get("link_url"):
            self.add_error("link_url", _("Give the address the link text is for."))
        return cleaned


class ResponseForm(ResponseContentForm):
    decision = forms.ChoiceField(label=gettext_lazy("Decision"))
    merged_into = MergeTargetField(
        label=gettext_lazy("Merged into"), queryset=Idea.objects.none(), required=False
    )
    field_order = ["decision", "merged_into", "reasons"]

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        current = IdeaStatus(idea.status)
        self.fields["decision"].choices = [
            (current.value, _("Keep the status: %(status)s") % {"status": current.label})
        ] + [(status.value, status.label) for status in allowed_transitions(current)]
        self.fields["decision"].help_text = _(
            "A new status moves the idea, with these reasons as its public explanation."
        )
        _offer_merge(self, idea)

    def clean(self):
        return _clean_merge(self, super().clean(), "decision")


class FeedbackForm(forms.Form):
    verdict = forms.ChoiceField(
        label=gettext_lazy("Did this response answer the idea?"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].help_text = " ".join(
            [
                _("If not, say what is still unanswered: the responder is asked to clarify."),
                at_most(COMMENT_MAX_LENGTH),
            ]
        )
