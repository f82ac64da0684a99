from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["description", "page_url", "email"]
        labels = {
            "description": _("What was the problem?"),
            "page_url": _("On which page? (optional)"),
            "email": _("Your e-mail address, if you want an answer (optional)"),
        }
        help_texts = {
            "description": _(
                "Tell what you tried to do and what went wrong, and what you use (e.g. a "
                "screen reader, magnification, the keyboard only)."
            ),
            "email": _("Used only to answer you."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
