"""The municipality select and the one meaning of "in a municipality".

A round, panel, meeting or piece of feedback without a municipality is the whole region's.
Filtered by a municipality, a list shows that municipality's rows *and* its region's
whole-region rows, which the pages mark "whole region": a Rovaniemi resident is also served by
Lapland's region-wide panel.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from panels.models import Municipality


def in_municipality(rows, municipality, *, region="region", field="municipality"):
    """``rows`` of ``municipality`` and the rows of its region that belong to no municipality.
    ``region`` and ``field`` are the lookups from a row to its region and municipality."""
    return rows.filter(
        Q(**{field: municipality}) | Q(**{f"{field}__isnull": True, region: municipality.region_id})
    )


class GroupedMunicipalities(BaseChoiceIterator):
    """The choices of a MunicipalityField, read when the select is drawn (not before): under
    their region's name when there are several regions, only those of ``region`` if given."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        shown = [
            m
            for m in self.field.rows
            if self.field.shown_region is None or m.region_id == self.field.shown_region
        ]
        yield ("", self.field.empty_label)
        by_region = {}
        for municipality in shown:
            by_region.setdefault(municipality.region.name, []).append(
                (municipality.pk, municipality.name)
            )
        if len(by_region) > 1:
            yield from by_region.items()
        else:
            yield from ((m.pk, m.name) for m in shown)


class MunicipalityField(forms.ModelChoiceField):
    """A select of municipalities, under their region's name when there are several regions.
    The list is read once, when first needed; the choices and the validation both use it, so
    a page pays one query for the field, and a request that neither draws nor fills it none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Municipality"))
        super().__init__(Municipality.objects.none(), **kwargs)
        self._rows = None
        self.shown_region = None

    def offer(self, municipalities, *, shown_region=None):
        """Offer ``municipalities``; draw only those of the region with pk ``shown_region``
        if given (the others are still accepted, for a clear error rather than a 404)."""
        self.queryset = municipalities
        self._rows = None
        self.shown_region = shown_region
        self.widget.choices = GroupedMunicipalities(self)

    @property
    def rows(self):
        if self._rows is None:
            self._rows = list(
                self.queryset.select_related("region").order_by("region__name", "name")
            )
        return self._rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        for municipality in self.rows:
            if str(municipality.pk) == str(value):
                return municipality
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class MunicipalityFilterForm(forms.Form):
    """The filter of a public list (rounds, panels): every region's municipalities."""

    municipality = MunicipalityField(empty_label=_("All municipalities"))

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.offer(municipalities if municipalities is not None else Municipality.objects.all())
        if self.is_bound and self.errors:
            field.widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "id_municipality-error"}
            )

    def chosen(self):
        """The chosen municipality, or None (nothing chosen, or a choice that is no longer)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["municipality"]
        return None
