"""The forms of a walk's pages. They shape and check what was typed; the rules of the walk (a
place of another route, a walk that is not on) are the service's to say, and what was typed
stays on the page when it says no. A file input cannot be refilled by a page, so a refused
photo is named in its error and asked for again."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.oversharing import PersonalDetailsForm

from .models import FINDING_MAX_LENGTH, REJECTION_REASON_MAX_LENGTH, Aspect

PHOTO_HELP = _(
    "Optional. Photograph places, signs and spaces — never people: no faces may be "
    "photographed. Staff look at every photo before others see it. JPEG, PNG or WebP, at "
    "most 5 MB."
)


def _limit_help(limit):
    return gettext("At most %(limit)s characters.") % {"limit": limit}


class FindingForm(PersonalDetailsForm):
    aspect = forms.ChoiceField(label=_("What it is about"), widget=forms.RadioSelect)
    text = forms.CharField(
        label=pgettext_lazy("a walk finding", "What did you observe?"),
        max_length=FINDING_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=PHOTO_HELP,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, place=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].choices = (
            place.aspect_choices() if place is not None else list(Aspect.choices)
        )
        self.fields["text"].help_text = _limit_help(FINDING_MAX_LENGTH)


class FindingEditForm(FindingForm):
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["token"]
        if has_photo:
            self.fields["photo"].label = _("Replace the photo")
        else:
            del self.fields["remove_photo"]


class ObserverForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the observer's account"),
        help_text=_(
            "An expert by experience, a developer-client or a staff member of the region, "
            "with an active Kohtaamo account."
        ),
    )


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the report"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_limit_help(5000),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the photo is not approved"),
        max_length=REJECTION_REASON_MAX_LENGTH,
        required=False,
        help_text=_("The observer is told. For example: a face can be seen."),
    )
