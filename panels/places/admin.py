"""Municipalities, organisations and affiliations in the Wagtail admin (under "Panels"): staff
keep their own regions' (an affiliation is its organisation's region's), administrators every
region's. The viewsets are registered in the "Panels" group by panels.wagtail_hooks.

Municipalities and organisations are never deleted here: rounds, panels, meetings and official
responses refer to them. An affiliation ends by being deleted or changed; the responses given
meanwhile keep the organisation they were given on behalf of (ideas.feedback).

``PanelPlacesMixin`` is the part of the panel form that chooses the panel's municipality and
the organisations taking part, and checks that they are of the panel's region.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy

from panels.models import (
    OFFICIAL_ROLES,
    STAFF_ONLY,
    Affiliation,
    Municipality,
    Organisation,
    Region,
)
from panels.scoped_admin import (
    RegionChoiceAdminForm,
    RegionRowsPolicy,
    ScopedIndexView,
    ScopedViewSet,
)

from .filters import MunicipalityField

register_permission_policy(Municipality, RegionRowsPolicy(Municipality, never={"delete"}))
register_permission_policy(Organisation, RegionRowsPolicy(Organisation, never={"delete"}))
register_permission_policy(
    Affiliation, RegionRowsPolicy(Affiliation, region_lookup="organisation__region")
)


def regions_of(user):
    """The regions whose places ``user`` keeps: all for administrators, else those they serve
    as staff."""
    if user is None or user.is_superuser:
        return Region.objects.all()
    return Region.objects.served_by(user, STAFF_ONLY)


def offer_municipalities(form, name, regions, empty_label):
    """Replace the form's ``name`` field with a municipality select of ``regions``' (grouped by
    region), keeping its label and help text."""
    old = form.fields[name]
    field = MunicipalityField(
        label=old.label, help_text=old.help_text, empty_label=empty_label, required=False
    )
    field.offer(Municipality.objects.filter(region__in=regions))
    form.fields[name] = field


def of_region(region):
    return _("Choose a municipality of %(region)s.") % {"region": region.name}


# --- Municipalities -----------------------------------------------------------------------


class MunicipalityIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class MunicipalityViewSet(ScopedViewSet):
    model = Municipality
    name = "municipality_admin"
    icon = "site"
    menu_label = gettext_lazy("Municipalities")
    index_view_class = MunicipalityIndexView
    list_display = ["name", "region"]
    list_filter = ["region"]
    edit_handler = ObjectList(
        [FieldPanel("region"), FieldPanel("name")], base_form_class=RegionChoiceAdminForm
    )


# --- Organisations ------------------------------------------------------------------------


class OrganisationAdminForm(RegionChoiceAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_municipalities(
            self, "municipality", regions_of(self.for_user), gettext_lazy("Several or none")
        )

    def clean(self):
        data = super().clean()
        region, municipality = data.get("region"), data.get("municipality")
        if region and municipality and municipality.region_id != region.pk:
            self.add_error("municipality", of_region(region))
        return data


class OrganisationIndexView(ScopedIndexView):
    select_related_fields = ("region", "municipality")


class OrganisationViewSet(ScopedViewSet):
    model = Organisation
    name = "organisation_admin"
    icon = "home"
    menu_label = gettext_lazy("Organisations")
    index_view_class = OrganisationIndexView
    list_display = ["name", "kind", "municipality", "region"]
    list_filter = ["region", "kind"]
    edit_handler = ObjectList(
        [FieldPanel("region"), FieldPanel("municipality"), FieldPanel("name"), FieldPanel("kind")],
        base_form_class=OrganisationAdminForm,
    )


# --- Affiliations -------------------------------------------------------------------------


class AffiliationAdminForm(WagtailAdminModelForm):
    """Who works for which organisation. Only staff and decision-makers are affiliated, and
    only with an organisation of a region they act for."""

    class Meta:
        model = Affiliation
        fields = ["person", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = regions_of(self.for_user)
        people = get_user_model().objects.filter(is_active=True, role__in=OFFICIAL_ROLES)
        if self.for_user is not None and not self.for_user.is_superuser:
            people = people.filter(regions__in=regions).distinct()
        self.fields["person"].queryset = people.order_by("display_name")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            region__in=regions
        ).select_related("region")
        self.fields["organisation"].label_from_instance = lambda org: f"{org.name} ({org.region})"

    def clean(self):
        data = super().clean()
        person, organisation = data.get("person"), data.get("organisation")
        if person is not None and person.role not in OFFICIAL_ROLES:
            self.add_error("person", _("Only staff and decision-makers work for an organisation."))
        elif (
            person is not None
            and organisation is not None
            and not organisation.region.officials.filter(pk=person.pk).exists()
        ):
            self.add_error(
                "organisation",
                _("%(person)s does not act for %(region)s.")
                % {"person": person.display_name, "region": organisation.region.name},
            )
        return data


class AffiliationIndexView(ScopedIndexView):
    select_related_fields = ("person", "organisation__region")


class AffiliationViewSet(ScopedViewSet):
    model = Affiliation
    name = "affiliation_admin"
    icon = "user"
    menu_label = gettext_lazy("Who works where")
    index_view_class = AffiliationIndexView
    list_display = ["person", "organisation"]
    list_filter = ["organisation__region"]
    edit_handler = ObjectList(
        [FieldPanel("person"), FieldPanel("organisation")], base_form_class=AffiliationAdminForm
    )


PLACES_VIEWSETS = (MunicipalityViewSet, OrganisationViewSet, AffiliationViewSet)


# --- The panel form's places --------------------------------------------------------------


class PanelPlacesMixin:
    """For the panel's admin form: the municipality (empty: the whole region) and the
    organisations taking part, offered from the regions the person keeps and checked to be
    the panel's region's."""

    PLACE_FIELDS = ["municipality", "organisations"]

    def offer_places(self):
        regions = regions_of(self.for_user)
        offer_municipalities(self, "municipality", regions, gettext_lazy("The whole region"))
        organisations = self.fields["organisations"]
        organisations.queryset = Organisation.objects.filter(region__in=regions).select_related(
            "region"
        )
        organisations.widget = forms.CheckboxSelectMultiple()
        organisations.widget.choices = organisations.choices
        organisations.label_from_instance = lambda org: f"{org.name} ({org.region})"

    def clean(self):
        data = super().clean()
        region = data.get("region")
        if region is None:
            return data
        municipality = data.get("municipality")
        if municipality is not None and municipality.region_id != region.pk:
            self.add_error("municipality", of_region(region))
        strangers = [
            org.name for org in data.get("organisations") or [] if org.region_id != region.pk
        ]
        if strangers:
            self.add_error(
                "organisations",
                _("Not organisations of %(region)s: %(names)s.")
                % {"region": region.name, "names": ", ".join(strangers)},
            )
        return data
