from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AttendanceResponse, Meeting

MESSAGE_MAX_LENGTH = 2000


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class JoinForm(forms.Form):
    """No fields: joining an open panel is one click. The form carries its errors."""


class LeaveForm(forms.Form):
    pass


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why would you like to join?"),
        help_text=_("A few sentences are enough. Only the region's staff read this."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=_textarea(),
        error_messages={"required": _("Tell the staff briefly why you would like to join.")},
    )


class DecisionForm(forms.Form):
    """Approve or decline: the choice is the button pressed, the message is optional."""

    DECISIONS = {"approve": True, "decline": False}

    message = forms.CharField(
        label=_("Message to the applicant"),
        help_text=_("Optional. The applicant sees it with the decision."),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=_textarea(3),
    )

    def __init__(self, *args, decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and self.decision not in self.DECISIONS:
            raise forms.ValidationError(_("Choose whether to approve or decline."))
        return cleaned

    @property
    def approve(self):
        return self.DECISIONS[self.decision]


class RemoveMemberForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The person is told this reason."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=_textarea(3),
        error_messages={"required": _("Give the person a reason.")},
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    message = forms.CharField(
        label=_("Message"),
        help_text=_("Optional. Included in the invitation e-mail."),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=_textarea(3),
    )


class AcceptInvitationForm(forms.Form):
    pass


DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class MeetingForm(forms.ModelForm):
    publish_minutes = forms.BooleanField(
        label=_("Publish the minutes to the panel's members"),
        help_text=_("Members are told when the minutes are first published."),
        required=False,
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "online_link", "agenda", "minutes"]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "agenda": _textarea(5),
            "minutes": _textarea(10),
        }
        field_classes = {
            "starts_at": forms.DateTimeField,
            "ends_at": forms.DateTimeField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
        self.fields["minutes"].help_text = _("Written after the meeting.")
        self.initial.setdefault("publish_minutes", self.instance.minutes_published_at is not None)


class AttendanceResponseForm(forms.Form):
    # Worded as the person's own answer; the stored values are AttendanceResponse's.
    response = forms.ChoiceField(
        label=_("Are you coming?"),
        choices=[
            (AttendanceResponse.COMING, _("Yes, I am coming")),
            (AttendanceResponse.NOT_COMING, _("No, I cannot come")),
        ],
        widget=forms.RadioSelect,
    )


class AttendanceRecordForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Who came"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members
