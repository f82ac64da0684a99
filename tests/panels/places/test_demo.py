"""The demo's municipalities, organisations and affiliations: Lapland's, and the same after a
second run."""

import pytest

from accounts.demo import seed_people
from panels.demo import seed_panels
from panels.meetings.models import Meeting
from panels.models import Affiliation, Municipality, Organisation, Panel
from panels.places.demo import seed_places

pytestmark = pytest.mark.django_db


def _counts():
    return [
        model.objects.count() for model in (Municipality, Organisation, Affiliation, Panel, Meeting)
    ]


def test_lapland_has_its_places_and_a_second_run_changes_nothing(demo_pages):
    seed_people("demo-salasana-2026")
    seed_panels()
    before = _counts()
    lapland = set(Municipality.objects.filter(region__slug="lappi").values_list("name", flat=True))
    assert {"Rovaniemi", "Sodankylä", "Enontekiö", "Utsjoki"} <= lapland
    assert {"Joensuu", "Kontiolahti", "Liperi"} == set(
        Municipality.objects.filter(region__slug="pohjois-karjala").values_list("name", flat=True)
    )
    kinds = set(Organisation.objects.filter(region__slug="lappi").values_list("kind", flat=True))
    assert {"social_services", "health_services", "youth_services", "student_welfare"} <= kinds
    assert {"purchased_service", "ngo", "university"} <= kinds
    decision_maker = Affiliation.objects.get(person__email="paattaja@kohtaamo.example")
    assert decision_maker.organisation.name == "Lapin hyvinvointialue"
    panel = Panel.objects.get(slug="rovaniemen-kehittajaasiakasryhma")
    assert panel.municipality.name == "Rovaniemi"
    assert panel.organisations.filter(name="Lapin yliopisto").exists()
    assert Meeting.objects.filter(municipality__name="Utsjoki").exists()
    seed_places()
    seed_panels()
    assert _counts() == before
