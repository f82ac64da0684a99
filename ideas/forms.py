from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from taggit.models import Tag

from accounts.emails import one_line
from accounts.oversharing import PersonalDetailsForm

from .models import (
    COMMENT_MAX_LENGTH,
    IDEA_BODY_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TITLE_MIN_LENGTH,
)


def at_most(limit):
    return _("At most %(limit)s characters.") % {"limit": limit}


class SingleLineField(forms.CharField):
    """A title: line breaks and runs of spaces become one space, before the length is checked.
    A pasted title often ends in a line break, and a title goes into e-mail subjects, where a
    line break would stop the e-mail."""

    def to_python(self, value):
        return one_line(super().to_python(value))


class IdeaForm(PersonalDetailsForm):
    title = SingleLineField(
        label=gettext_lazy("Title"), min_length=TITLE_MIN_LENGTH, max_length=TITLE_MAX_LENGTH
    )
    body = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=IDEA_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Identifies this filled-in form, so that sending it twice posts one idea.
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = _("%(min)s–%(max)s characters.") % {
            "min": TITLE_MIN_LENGTH,
            "max": TITLE_MAX_LENGTH,
        }
        self.fields["body"].help_text = " ".join(
            [
                at_most(IDEA_BODY_MAX_LENGTH),
                _("Line breaks are kept and web addresses become links."),
            ]
        )
        themes = round.themes.order_by("name")
        if themes.exists():
            self.fields["themes"].queryset = themes
            self.fields["themes"].help_text = _("Choose the themes your idea is about.")
        else:
            del self.fields["themes"]


class CommentForm(PersonalDetailsForm):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, place, **kwargs):
        """``place``: the idea or the page's discussion (PageDiscussion) commented on."""
        super().__init__(*args, **kwargs)
        self.place = place
        self.fields["body"].help_text = at_most(COMMENT_MAX_LENGTH)

    def clean(self):
        cleaned = super().clean()
        parent_pk = cleaned.get("parent")
        cleaned["parent"] = None
        if parent_pk:
            parent = (
                self.place.comments.public().filter(pk=parent_pk).first()
                if isinstance(parent_pk, int)
                else None
            )
            if parent is None:
                raise forms.ValidationError(
                    _("The comment you are replying to is no longer available.")
                )
            cleaned["parent"] = parent
        return cleaned


class CommentEditForm(PersonalDetailsForm):
    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    confirm_label = gettext_lazy("Save it anyway: I want everyone who can read this to see it.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = at_most(COMMENT_MAX_LENGTH)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("moderation", "Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = " ".join(
            part for part in [help_text, at_most(REASON_MAX_LENGTH)] if part
        )


class SortOrder:
    NEWEST = "newest"
    SUPPORTED = "supported"
    DISCUSSED = "discussed"
    CHOICES = [
        (NEWEST, gettext_lazy("Newest first")),
        (SUPPORTED, gettext_lazy("Most supported")),
        (DISCUSSED, gettext_lazy("Most discussed")),
    ]
    ORDERING = {
        NEWEST: ["-created_at", "-pk"],
        SUPPORTED: ["-support_count", "-created_at", "-pk"],
        DISCUSSED: ["-comment_count", "-created_at", "-pk"],
    }


class IdeaFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search words"), required=False, max_length=100)
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=SortOrder.CHOICES)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (tag.slug, tag.name) for tag in themes
        ]

    def ordering(self):
        sort = self.cleaned_data.get("sort") if self.is_valid() else None
        return SortOrder.ORDERING[sort or SortOrder.NEWEST]
