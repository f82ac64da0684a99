"""A person's data export lists the trainings they attended and gave; deleting an account
takes their attendance rows and trainer places, and keeps the training."""

import pytest

from accounts.privacy.erasure import delete_account
from accounts.privacy.export import collect_sections
from panels.trainings import services
from panels.trainings.models import Training, TrainingAttendance

pytestmark = pytest.mark.django_db


def sections(person):
    return {section.key: section for section in collect_sections(person)}


def test_export_and_deletion(training_world):
    expert, staff = training_world.person("expert"), training_world.person("staff_same_region")
    services.complete(training_world.attendance, staff)
    attended = sections(expert)["trainings_attended"].json_rows()
    assert attended == [
        {
            "training": "Innoagenttikoulutus, II-taso",
            "region": "Etelä-Pohjanmaa",
            "level": 2,
            "date": "2026-02-03",
            "completed_at": attended[0]["completed_at"],
        }
    ]
    assert attended[0]["completed_at"]
    assert sections(expert)["innoagent_qualifications"].json_rows()[0]["training"] == (
        "Innoagenttikoulutus, II-taso"
    )
    given = sections(staff)["trainings_given"].json_rows()
    assert [row["training"] for row in given] == ["Innoagenttikoulutus, II-taso"]

    delete_account(expert)
    assert not TrainingAttendance.objects.exists()
    delete_account(staff)
    training = Training.objects.get()
    assert training.created_by is None and not training.trainers.exists()
