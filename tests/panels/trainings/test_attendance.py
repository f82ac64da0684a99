"""Attendance and completion: the level is granted once and the attendee told once, never the
staff member who marks it; a level not for the attendee's role is refused with the reason;
bad input on the attendance page keeps what was typed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification, User
from accounts.qualifications.models import Qualification
from accounts.roles import InnoagentLevel
from panels.trainings import services
from panels.trainings.apps import QUALIFIED
from panels.trainings.forms import WHO_MAX_LENGTH
from panels.trainings.models import Training, TrainingAttendance
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def notices(person):
    return Notification.objects.filter(recipient=person, kind=QUALIFIED)


def test_completion_grants_the_level_and_tells_the_attendee_once(training_world):
    staff, expert = training_world.person("staff_same_region"), training_world.person("expert")
    assert services.complete(training_world.attendance, staff) is True
    assert services.complete(training_world.attendance, staff) is False  # twice: nothing
    qualification = Qualification.objects.get(person=expert)
    assert qualification.level == InnoagentLevel.LEVEL_II
    assert qualification.granted_on == training_world.training.held_on
    assert qualification.training_name == training_world.training.name
    assert qualification.granted_by == staff
    training_world.attendance.refresh_from_db()
    assert training_world.attendance.qualification == qualification
    assert notices(expert).count() == 1
    assert not notices(staff).exists()


def test_the_actor_is_never_told_of_their_own_completion(training_world):
    staff = training_world.person("staff_same_region")
    level_one = Training.objects.create(
        region=training_world.region, name="I-taso", level=1, held_on="2026-01-15"
    )
    attendance, created = services.add_attendee(level_one, staff, staff)
    assert created
    services.complete(attendance, staff)
    assert User.objects.get(pk=staff.pk).innoagent_level == InnoagentLevel.LEVEL_I
    assert not Notification.objects.filter(kind=QUALIFIED).exists()


def test_undo_revokes_exactly_that_qualification(training_world):
    admin, expert = training_world.person("administrator"), training_world.person("expert")
    from accounts.qualifications import services as qualifications

    other = qualifications.grant(expert, 2, "2025-05-05", training_name="Aiempi")
    services.complete(training_world.attendance, admin)
    granted = Qualification.objects.exclude(pk=other.pk).get()
    assert services.undo_completion(training_world.attendance, admin) is True
    assert services.undo_completion(training_world.attendance, admin) is False
    granted.refresh_from_db()
    other.refresh_from_db()
    assert granted.revoked_at is not None and other.revoked_at is None
    # The earlier qualification still holds the level; the undo told nobody anything more.
    assert User.objects.get(pk=expert.pk).innoagent_level == InnoagentLevel.LEVEL_II
    assert notices(expert).count() == 1


@pytest.mark.parametrize("role", ["developer_client", "staff_other_region", "decision_maker"])
def test_a_level_two_training_refuses_who_is_not_an_expert(training_world, as_role, role):
    client = as_role(training_world, "staff_same_region")
    person = training_world.person(role)
    with pytest.raises(ValidationError):
        services.add_attendee(training_world.training, person, person)
    response = client.post(
        f"/en{reverse('panels:training', args=[training_world.training.pk])}",
        {"who": person.email},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["who"]
    assert "Level II is for experts by experience" in errors[0]
    assert not TrainingAttendance.objects.filter(person=person).exists()


def test_a_level_one_training_refuses_an_expert(training_world):
    level_one = Training.objects.create(
        region=training_world.region, name="I-taso", level=1, held_on="2026-01-15"
    )
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="Level I is for professionals"),
    ):
        services.add_attendee(level_one, None, training_world.person("expert"))


def test_a_role_changed_after_adding_is_refused_at_completion(training_world, as_role):
    expert = training_world.person("expert")
    expert.role = "developer_client"
    expert.save()
    client = as_role(training_world, "staff_same_region")
    url = reverse(
        "panels:training_attendance",
        args=[training_world.training.pk, training_world.attendance.pk, "complete"],
    )
    response = client.post(f"/en{url}", follow=True)
    assert "Level II is for experts by experience" in response.content.decode()
    training_world.attendance.refresh_from_db()
    assert not training_world.attendance.is_completed
    assert not Qualification.objects.exists() and not notices(expert).exists()


def test_a_completed_attendee_is_not_removed(training_world):
    admin = training_world.person("administrator")
    services.complete(training_world.attendance, admin)
    with pytest.raises(ValidationError):
        services.remove_attendee(training_world.attendance, admin)
    assert TrainingAttendance.objects.filter(pk=training_world.attendance.pk).exists()


@pytest.mark.parametrize(
    "who, message",
    [
        ("", "This field is required."),
        ("nobody@example.org", "No active account"),
        ("x" * (WHO_MAX_LENGTH + 1), "at most"),
    ],
)
def test_bad_input_is_refused_and_kept(training_world, as_role, who, message):
    client = as_role(training_world, "staff_same_region")
    response = client.post(
        f"/en{reverse('panels:training', args=[training_world.training.pk])}", {"who": who}
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["who"])
    page = response.content.decode()
    assert 'aria-describedby="id_who_error' in page or "id_who_error" in page
    if who:
        assert f'value="{who}"' in page


def test_an_inactive_account_is_not_found(training_world, as_role):
    gone = UserFactory(expert=True, email="poissa@example.org", is_active=False)
    client = as_role(training_world, "staff_same_region")
    response = client.post(
        reverse("panels:training", args=[training_world.training.pk]), {"who": gone.email}
    )
    assert response.status_code == 400
    assert not TrainingAttendance.objects.filter(person=gone).exists()


def test_adding_twice_adds_once(training_world, as_role):
    client = as_role(training_world, "staff_same_region")
    url = reverse("panels:training", args=[training_world.training.pk])
    for _ in range(2):
        assert client.post(url, {"who": "polkujen kulkija"}).status_code == 302
    assert TrainingAttendance.objects.filter(training=training_world.training).count() == 1
