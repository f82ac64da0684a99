from django import forms
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        model = SelfDescription
        fields = ["client_group", "service_area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].widget.choices = grouped_by_region(self.fields[name])
