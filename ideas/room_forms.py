from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import COMMENT_MAX_LENGTH, REASON_MAX_LENGTH


class RoomMessageForm(forms.Form):
    """A message in a meeting's live room, from the page's form or the websocket."""

    body = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Identifies this filled-in form, so that sending it twice posts one message.
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _("At most %(limit)s characters.") % {
            "limit": COMMENT_MAX_LENGTH
        }


class ModerateMessageForm(forms.Form):
    """Hiding a message, or showing it again: the author is told the reason."""

    reason = forms.CharField(
        label=gettext_lazy("Reason, shown to the author"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
