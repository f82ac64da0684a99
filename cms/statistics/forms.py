"""What staff may choose on the statistics page: the months, and the regions to compare."""

from django import forms
from django.utils.translation import gettext_lazy as _

from panels.models import Region

from .periods import PeriodError, default_period, parse_month, period_of

MAX_COMPARED = 5


class MonthInput(forms.TextInput):
    input_type = "month"


class StatisticsForm(forms.Form):
    start = forms.CharField(
        label=_("From (month)"),
        required=False,
        widget=MonthInput(attrs={"placeholder": "2026-01"}),
        help_text=_("Year and month, e.g. 2026-01."),
    )
    end = forms.CharField(
        label=_("To (month)"),
        required=False,
        widget=MonthInput(attrs={"placeholder": "2026-12"}),
        help_text=_("Year and month, e.g. 2026-12."),
    )
    compare = forms.ModelMultipleChoiceField(
        label=_("Compare regions"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        period = default_period()
        self.fields["start"].widget.attrs["placeholder"] = period.start.strftime("%Y-%m")
        self.fields["end"].widget.attrs["placeholder"] = period.end.strftime("%Y-%m")

    def _month(self, name):
        value = self.cleaned_data.get(name, "").strip()
        if not value:
            return None
        try:
            return parse_month(value)
        except PeriodError as error:
            raise forms.ValidationError(str(error), code="month") from error

    def clean_start(self):
        return self._month("start")

    def clean_end(self):
        return self._month("end")

    def clean_compare(self):
        regions = self.cleaned_data["compare"]
        if len(regions) > MAX_COMPARED:
            raise forms.ValidationError(
                _("Compare at most %(count)s regions at a time.") % {"count": MAX_COMPARED},
                code="too_many",
            )
        return regions

    def clean(self):
        cleaned = super().clean()
        if "start" in cleaned and "end" in cleaned:
            try:
                cleaned["period"] = period_of(cleaned["start"], cleaned["end"])
            except PeriodError as error:
                self.add_error("end", str(error))
        return cleaned
