"""The attendance page's form, and the check panels' admin form makes of a panel's required
innoagent level."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import DISPLAY_NAME_MAX_LENGTH
from accounts.roles import InnoagentLevel

# Long enough for an e-mail address (254) or a display name.
WHO_MAX_LENGTH = max(254, DISPLAY_NAME_MAX_LENGTH)


class AttendeeForm(forms.Form):
    who = forms.CharField(
        label=_("Display name or e-mail address of the attendee"),
        max_length=WHO_MAX_LENGTH,
        help_text=_(
            "The attendee needs an active Kohtaamo account. Level I is for staff and "
            "decision-makers, level II for experts by experience."
        ),
    )

    def clean_who(self):
        who = self.cleaned_data["who"].strip()
        people = get_user_model().objects.filter(is_active=True)
        lookup = {"email__iexact": who} if "@" in who else {"display_name__iexact": who}
        person = people.filter(**lookup).order_by("pk").first()
        if person is None:
            raise ValidationError(
                _("No active account has this display name or e-mail address."), code="unknown"
            )
        self.person = person
        return who


def level_missing(level, facilitators):
    """Whether innoagent ``level`` is required and none of ``facilitators`` holds it (a level
    II innoagent also counts for level I: ``User.innoagent_level`` is the highest held)."""
    if not level:
        return False
    return not any(person.innoagent_level >= level for person in facilitators)


class FacilitatorLevelMixin:
    """For a panel's admin form (a model form with ``facilitators`` and
    ``facilitator_level_required``): a panel that requires a level is saved only with a
    facilitator who holds it, and the error says so on the facilitators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a submitted form (an older form, a script): no level is required.
        self.fields["facilitator_level_required"].required = False

    def clean_facilitator_level_required(self):
        return self.cleaned_data.get("facilitator_level_required") or InnoagentLevel.NONE

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("facilitator_level_required")
        facilitators = cleaned.get("facilitators")
        if level and facilitators is not None and level_missing(level, facilitators):
            self.add_error(
                "facilitators",
                ValidationError(
                    _(
                        "The panel requires a co-facilitator who is an %(level)s: choose one "
                        "among the facilitators, or change the required level."
                    )
                    % {"level": InnoagentLevel(level).label},
                    code="facilitator_level",
                ),
            )
        return cleaned
