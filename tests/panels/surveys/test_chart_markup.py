"""The charts' SVG coordinates are plain numbers in every language: a Finnish decimal comma
in ``x="123,5"`` would make the browser read a list of positions and scatter the letters."""

import re

import pytest
from django.utils import translation

from panels.surveys.models import ResultsVisibility
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import full_survey, valid_post

pytestmark = pytest.mark.django_db

COORDINATE = re.compile(r'\b(?:x|y|x1|y1|x2|y2|width|height|points|viewBox)="([^"]*)"')


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_svg_coordinates_are_not_localised(client, language):
    panel = PanelFactory()
    survey, q = full_survey(
        region=panel.region, panels=[panel], results_visibility=ResultsVisibility.IMMEDIATELY
    )
    for n in range(5):
        person = UserFactory(language=language)
        MembershipFactory(panel=panel, person=person)
        client.force_login(person)
        # Uneven answers, so that averages and positions have decimals.
        answers = valid_post(q, **{f"q{q['likert'].pk}": str(n % 5 + 1)})
        wheel = q["life_wheel"].choices.order_by("sort_order")
        answers.update(
            {f"q{q['life_wheel'].pk}_d{d.pk}": str((n * 3 + i) % 11) for i, d in enumerate(wheel)}
        )
        assert client.post(f"/surveys/{survey.pk}/", answers).status_code == 302
    prefix = "" if language == "fi" else f"/{language}"
    with translation.override(language):
        page = client.get(f"{prefix}/surveys/{survey.pk}/results/").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) >= 3  # the choices, the scales and the life wheel
    values = [value for svg in svgs for value in COORDINATE.findall(svg)]
    assert any("." in value for value in values)  # decimals are there, written with a point
    for value in values:
        # A number, a viewBox ("0 0 320 120") or points ("x,y x,y …": one comma per pair).
        assert all(pair.count(",") <= 1 for pair in value.split()), value
        assert re.fullmatch(r"[-0-9., ]+", value), value
    decimal_comma = re.compile(r'\b(?:x|y|x1|y1|x2|y2|width)="-?\d+,\d')
    assert not any(decimal_comma.search(svg) for svg in svgs)
