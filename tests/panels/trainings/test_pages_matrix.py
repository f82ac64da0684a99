"""Every page and action of a training, for every role: only staff of the training's region
and administrators open the attendance page, add and remove attendees, and mark or undo
completion. A signed-out visitor is asked to log in; everyone else gets 404 and nothing
changes."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.qualifications.models import Qualification
from accounts.roles import InnoagentLevel
from panels.trainings.models import TrainingAttendance

from .conftest import ROLES, RUNNERS

pytestmark = pytest.mark.django_db


def refused(response, role):
    if role == "anonymous":
        return response.status_code == 302 and "/login/" in response["Location"]
    return response.status_code == 404


def action_url(world, action):
    return reverse(
        "panels:training_attendance", args=[world.training.pk, world.attendance.pk, action]
    )


@pytest.mark.parametrize("role", ROLES)
def test_attendance_page(training_world, as_role, role):
    client = as_role(training_world, role)
    response = client.get(reverse("panels:training", args=[training_world.training.pk]))
    if role in RUNNERS:
        assert response.status_code == 200
        assert "Polkujen kulkija" in response.content.decode()
        assert list(response.context["attendances"]) == [training_world.attendance]
    else:
        assert refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_adding_an_attendee(training_world, as_role, role):
    newcomer = User.objects.create_user(
        email="vertainen@example.org",
        password="x" * 20,
        display_name="Vertaisen ääni",
        role="expert_by_experience",
    )
    client = as_role(training_world, role)
    response = client.post(
        reverse("panels:training", args=[training_world.training.pk]), {"who": "vertaisen ääni"}
    )
    added = TrainingAttendance.objects.filter(training=training_world.training, person=newcomer)
    if role in RUNNERS:
        assert response.status_code == 302
        assert added.exists()
    else:
        assert refused(response, role)
        assert not added.exists()


@pytest.mark.parametrize("role", ROLES)
def test_marking_completion(training_world, as_role, role):
    client = as_role(training_world, role)
    response = client.post(action_url(training_world, "complete"))
    training_world.attendance.refresh_from_db()
    expert = User.objects.get(pk=training_world.person("expert").pk)
    if role in RUNNERS:
        assert response.status_code == 302
        assert training_world.attendance.is_completed
        assert expert.innoagent_level == InnoagentLevel.LEVEL_II
    else:
        assert refused(response, role)
        assert not training_world.attendance.is_completed
        assert expert.innoagent_level == InnoagentLevel.NONE


@pytest.mark.parametrize("role", ROLES)
def test_undoing_completion(training_world, as_role, role):
    from panels.trainings import services

    services.complete(training_world.attendance, training_world.person("administrator"))
    client = as_role(training_world, role)
    response = client.post(action_url(training_world, "undo"))
    training_world.attendance.refresh_from_db()
    expert = User.objects.get(pk=training_world.person("expert").pk)
    if role in RUNNERS:
        assert response.status_code == 302
        assert not training_world.attendance.is_completed
        assert expert.innoagent_level == InnoagentLevel.NONE
        assert Qualification.objects.get(person=expert).revoked_at is not None
    else:
        assert refused(response, role)
        assert training_world.attendance.is_completed
        assert expert.innoagent_level == InnoagentLevel.LEVEL_II


@pytest.mark.parametrize("role", ROLES)
def test_removing_an_attendee(training_world, as_role, role):
    client = as_role(training_world, role)
    response = client.post(action_url(training_world, "remove"))
    still_there = TrainingAttendance.objects.filter(pk=training_world.attendance.pk).exists()
    if role in RUNNERS:
        assert response.status_code == 302 and not still_there
    else:
        assert refused(response, role) and still_there


def test_actions_are_post_only_and_known(training_world, as_role):
    client = as_role(training_world, "staff_same_region")
    assert client.get(action_url(training_world, "complete")).status_code == 405
    assert client.post(action_url(training_world, "explode")).status_code == 404
    other = reverse(
        "panels:training_attendance", args=[training_world.training.pk, 999999, "complete"]
    )
    assert client.post(other).status_code == 404
