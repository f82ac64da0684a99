"""Staff create and manage idea rounds in the Wagtail admin, in their own regions only."""

import pytest
from django.urls import reverse

from ideas.models import IdeaRound, Phase
from tests.attachments import NO_ATTACHMENTS
from tests.factories import PanelFactory, RegionFactory, UserFactory

from .factories import IdeaRoundFactory, dates_for

pytestmark = pytest.mark.django_db


def form_data(region, **extra):
    dates = {
        name: value.strftime("%Y-%m-%d %H:%M") for name, value in dates_for(Phase.IDEATION).items()
    }
    return {
        "title": "Nuorten aikuisten hyvinvointi",
        "slug": "nuoret-aikuiset",
        "description": "Yksi yhteinen hyvinvointisuunnitelma.",
        "region": region.pk,
        "panel": "",
        "run_by": "",
        "themes": "Asuminen, Työ",
        "phase_override": "",
        **NO_ATTACHMENTS,
        **dates,
        **extra,
    }


def test_staff_create_a_round_in_their_region(client, region, region_staff):
    client.force_login(region_staff)
    assert client.get(reverse("idea_rounds:index")).status_code == 200
    response = client.post(reverse("idea_rounds:add"), form_data(region))
    assert response.status_code == 302, response.context["form"].errors
    round_ = IdeaRound.objects.get()
    assert round_.region == region
    assert sorted(round_.themes.names()) == ["Asuminen", "Työ"]
    assert round_.phase == Phase.IDEATION


def test_staff_cannot_create_rounds_in_other_regions(client, region, region_staff):
    client.force_login(region_staff)
    response = client.post(reverse("idea_rounds:add"), form_data(RegionFactory()))
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not IdeaRound.objects.exists()


def test_panel_must_belong_to_the_region(client, region, region_staff):
    client.force_login(region_staff)
    foreign_panel = PanelFactory()
    response = client.post(reverse("idea_rounds:add"), form_data(region, panel=foreign_panel.pk))
    assert response.status_code == 200
    assert not IdeaRound.objects.exists()


def test_staff_see_and_edit_their_regions_rounds_only(client, region, region_staff):
    mine = IdeaRoundFactory(region=region, title="Oma kierros")
    theirs = IdeaRoundFactory(title="Toisen alueen kierros")
    client.force_login(region_staff)
    index = client.get(reverse("idea_rounds:index")).content.decode()
    assert "Oma kierros" in index and "Toisen alueen kierros" not in index
    assert "ideointi" in index
    assert client.get(reverse("idea_rounds:edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("idea_rounds:edit", args=[theirs.pk])).status_code == 404
    # Staff move the phase by hand.
    data = form_data(region, slug=mine.slug, phase_override=Phase.DEVELOPMENT)
    response = client.post(reverse("idea_rounds:edit", args=[mine.pk]), data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.phase == Phase.DEVELOPMENT


def test_administrators_manage_every_round_and_others_none(client, region):
    IdeaRoundFactory(region=region, title="Lapin kierros")
    client.force_login(UserFactory(administrator=True))
    assert "Lapin kierros" in client.get(reverse("idea_rounds:index")).content.decode()
    for person in (UserFactory(decision_maker=True), UserFactory(staff=True)):
        client.force_login(person)
        response = client.get(reverse("idea_rounds:index"))
        assert response.status_code in (302, 403)
