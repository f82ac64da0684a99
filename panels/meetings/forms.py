"""The forms of meetings (planning, signing up, recording who came) and of their live rooms."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.oversharing import PersonalDetailsForm
from live.models import MESSAGE_MAX_LENGTH, REASON_MAX_LENGTH
from panels.models import Municipality
from panels.places.filters import MunicipalityField

from .models import AttendanceResponse, Meeting

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
        fields = ["title", "starts_at", "ends_at", "municipality", "place", "online_link"]
        fields += ["agenda", "minutes"]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
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
        # The panel's region's municipalities; a new meeting starts with the panel's own.
        panel = self.instance.panel
        municipality = MunicipalityField(empty_label=_("The whole region"))
        municipality.offer(Municipality.objects.filter(region=panel.region_id))
        self.fields["municipality"] = municipality
        if self.instance.pk is None and self.initial.get("municipality") is None:
            self.initial["municipality"] = panel.municipality_id

    def clean(self):
        data = super().clean()
        self.instance.whole_region_chosen = data.get("municipality") is None
        return data


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


class RoomMessageForm(PersonalDetailsForm):
    """A message in a meeting's live room, from the page's form or the websocket (which sends
    its confirmation of personal details in the frame instead: live.discussion)."""

    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Identifies this filled-in form, so that sending it twice posts one message.
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = gettext("At most %(limit)s characters.") % {
            "limit": MESSAGE_MAX_LENGTH
        }


class RoomMessageEditForm(RoomMessageForm):
    confirm_label = _("Save it anyway: I want everyone who can read this to see it.")


class ModerateMessageForm(forms.Form):
    """Hiding a message, or showing it again: the author is told the reason."""

    reason = forms.CharField(
        label=_("Reason, shown to the author"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
