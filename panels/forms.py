from django import forms
from django.utils.translation import gettext_lazy as _

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
