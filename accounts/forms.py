from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import (
    DISPLAY_NAME_MAX_LENGTH,
    Delivery,
    NotificationPreference,
    User,
    display_name_validators,
)


def clean_display_name_for(user_pk, value):
    """A display name is unique regardless of case; the database enforces it too."""
    value = " ".join(value.split())
    others = User.objects.filter(display_name__iexact=value)
    if user_pk is not None:
        others = others.exclude(pk=user_pk)
    if others.exists():
        raise forms.ValidationError(
            _("This display name is already in use. Please choose another."), code="taken"
        )
    return value


class SignupDetailsForm(forms.Form):
    """What Kohtaamo asks at sign-up on top of allauth's e-mail and password.

    The role is deliberately absent: everyone starts as a developer-client and only an
    administrator grants another role.
    """

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        validators=display_name_validators,
        help_text=_("Shown to others instead of your name. 3–40 characters; no real name needed."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    accept_terms = forms.BooleanField(
        label=format_lazy(
            _(
                'I accept the <a href="{terms}">terms of use</a> and the '
                '<a href="{privacy}">privacy notice</a>.'
            ),
            terms=reverse_lazy("terms"),
            privacy=reverse_lazy("privacy"),
        ),
        error_messages={"required": _("You must accept the terms and privacy notice to sign up.")},
    )

    field_order = ["email", "display_name", "password1", "password2", "accept_terms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The label contains links to the two documents; its text is ours, not the user's.
        self.fields["accept_terms"].label = mark_safe(self.fields["accept_terms"].label)  # noqa: S308

    def clean_display_name(self):
        return clean_display_name_for(None, self.cleaned_data["display_name"])

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        # Whoever signs up on the Swedish pages gets their e-mail in Swedish.
        user.language = getattr(request, "LANGUAGE_CODE", None) or user.language
        user.terms_accepted_at = timezone.now()
        user.save()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "language"]
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}
        help_texts = {"language": _("E-mail and notices from Kohtaamo come in this language.")}

    def clean_display_name(self):
        return clean_display_name_for(self.instance.pk, self.cleaned_data["display_name"])


class NotificationPreferencesForm(forms.Form):
    """One choice per registered kind of notice: in the app, by e-mail, or in a digest."""

    def __init__(self, *args, person, **kwargs):
        from .notifications import delivery_for, registered_kinds

        super().__init__(*args, **kwargs)
        self.person = person
        for kind in sorted(registered_kinds(), key=lambda k: str(k.label)):
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=delivery_for(person, kind.name),
            )

    def save(self):
        for kind, delivery in self.cleaned_data.items():
            NotificationPreference.objects.update_or_create(
                person=self.person, kind=kind, defaults={"delivery": delivery}
            )
