"""Trainings in the Wagtail admin, scoped to the regions a staff member serves: another
region's trainings are neither listed nor opened (404), only one's own regions are offered,
nobody deletes a training, and its level is fixed once someone completed it."""

import pytest
from django.urls import reverse

from panels.trainings import services
from panels.trainings.models import Training

from .conftest import ROLES, RUNNERS

pytestmark = pytest.mark.django_db


def training_form(world, region=None, **overrides):
    return {
        "region": (region or world.region).pk,
        "name": "Innoagenttikoulutus, I-taso",
        "level": 1,
        "held_on": "2026-03-10",
        "trainers": [world.person("staff_same_region").pk],
        "description": "Kolme päivää.",
        **overrides,
    }


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_and_opens_a_training(training_world, as_role, role):
    client = as_role(training_world, role)
    index = client.get(reverse("training_admin:index"))
    edit = client.get(reverse("training_admin:edit", args=[training_world.training.pk]))
    if role in RUNNERS:
        assert index.status_code == 200 and training_world.training.name in index.content.decode()
        assert reverse("panels:training", args=[training_world.training.pk]) in (
            index.content.decode()
        )
        assert edit.status_code == 200
    elif role == "staff_other_region":
        assert training_world.training.name not in index.content.decode()
        assert edit.status_code == 404
    else:
        assert index.status_code in (302, 403) and edit.status_code in (302, 403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_who_records_a_training(training_world, as_role, role):
    client = as_role(training_world, role)
    response = client.post(reverse("training_admin:add"), training_form(training_world))
    created = Training.objects.filter(name="Innoagenttikoulutus, I-taso")
    if role in RUNNERS:
        assert response.status_code == 302
        training = created.get()
        assert response["Location"] == training.get_absolute_url()  # next: the attendees
        assert training.created_by == training_world.person(role)
        assert list(training.trainers.all()) == [training_world.person("staff_same_region")]
    elif role == "staff_other_region":
        assert response.status_code == 200
        assert "region" in response.context["form"].errors
        assert not created.exists()
    else:
        assert response.status_code in (302, 403) and not created.exists()


def test_bad_input_is_refused(training_world, as_role):
    client = as_role(training_world, "staff_same_region")
    response = client.post(
        reverse("training_admin:add"),
        training_form(training_world, name="x" * 201, level=3, held_on="eilen"),
    )
    assert response.status_code == 200
    assert {"name", "level", "held_on"} <= set(response.context["form"].errors)
    assert Training.objects.count() == 1


def test_nobody_deletes_a_training(training_world, as_role):
    client = as_role(training_world, "administrator")
    url = reverse("training_admin:delete", args=[training_world.training.pk])
    assert client.post(url).status_code in (302, 403, 404)
    assert Training.objects.filter(pk=training_world.training.pk).exists()


def test_the_level_is_fixed_once_completed(training_world, as_role):
    services.complete(training_world.attendance, training_world.person("administrator"))
    client = as_role(training_world, "staff_same_region")
    url = reverse("training_admin:edit", args=[training_world.training.pk])
    response = client.post(url, training_form(training_world, level=1))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["level"]
    response = client.post(
        url, training_form(training_world, level=2, name="Innoagenttikoulutus, II-taso (kevät)")
    )
    assert response.status_code == 302


def test_trainers_offered_are_the_regions_officials_and_experts_not_everyone(
    training_world, as_role
):
    client = as_role(training_world, "staff_same_region")
    form = client.get(reverse("training_admin:add")).context["form"]
    offered = set(form.fields["trainers"].queryset)
    assert training_world.person("staff_same_region") in offered
    assert training_world.person("expert") in offered
    assert training_world.person("staff_other_region") not in offered
    assert training_world.person("developer_client") not in offered
