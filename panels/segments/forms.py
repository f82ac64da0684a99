from django import forms
from django.utils.translation import gettext_lazy as _

from panels.models import Municipality
from panels.places.filters import MunicipalityField

from .models import ClientGroup, SelfDescription, ServiceArea


def grouped_by_region(field):
    """Entries under their region's name, so the same name in two regions reads right."""
    groups = {}
    for entry in field.queryset:
        groups.setdefault(entry.region.name, []).append((entry.pk, entry.name))
    return [("", field.empty_label), *groups.items()]


class SelfDescriptionForm(forms.ModelForm):
    client_group = forms.ModelChoiceField(
        ClientGroup.objects.offered(),
        required=False,
        label=_("Client group"),
        empty_label=_("I'd rather not say"),
        help_text=_("The group of service users you feel you belong to, if any."),
    )
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.offered(),
        required=False,
        label=_("Service area"),
        empty_label=_("I'd rather not say"),
        help_text=_("The services you use most."),
    )

    municipality = MunicipalityField(
        label=_("Municipality"),
        empty_label=_("I'd rather not say"),
        help_text=_("The municipality you live in or use services in, if you wish to say."),
    )

    class Meta:
        model = SelfDescription
        fields = ["client_group", "service_area", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("client_group", "service_area"):
            self.fields[name].widget.choices = grouped_by_region(self.fields[name])
        self.fields["municipality"].offer(Municipality.objects.all())

    def says_something(self):
        return any(self.cleaned_data[name] for name in self.Meta.fields)
