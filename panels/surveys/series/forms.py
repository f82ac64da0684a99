"""Forms for starting a series' rounds. Dates are days (a round opens at the start of its
first day and closes at the start of the day after its last, in the site's time zone)."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from panels.surveys.models import Survey

MAX_DAYS_AHEAD = 3 * 366


def _day(value, *, end=False):
    day = value + timedelta(days=1) if end else value
    return timezone.make_aware(datetime.combine(day, time.min))


class FirstRoundForm(forms.Form):
    survey = forms.ModelChoiceField(
        label=_("Survey of the first round"),
        queryset=Survey.objects.none(),
        empty_label=_("Choose a survey"),
        help_text=_("A survey of the series' region that is in no series yet."),
    )

    def __init__(self, series, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.filter(
            region=series.region_id, series_round__isnull=True
        ).order_by("-opens_at", "-pk")


class NextRoundForm(forms.Form):
    opens_on = forms.DateField(
        label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closes_on = forms.DateField(
        label=_("Last day for answers"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    publish = forms.BooleanField(
        label=_("Publish the round (it is shown when it opens)"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The last day cannot be before the opening day."))
        today = timezone.localdate()
        if opens and (opens - today).days > MAX_DAYS_AHEAD:
            self.add_error("opens_on", _("Choose a day within the next three years."))
        if closes and (closes - today).days > MAX_DAYS_AHEAD + 366:
            self.add_error("closes_on", _("Choose a day within the next four years."))
        return data

    @property
    def opens_at(self):
        return _day(self.cleaned_data["opens_on"])

    @property
    def closes_at(self):
        return _day(self.cleaned_data["closes_on"], end=True)
