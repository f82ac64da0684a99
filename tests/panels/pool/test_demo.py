"""The demo's Kanta-Häme pool: twice in a row gives the same rows."""

import pytest
from django.core.management import call_command

from panels.pool.models import Application, PoolMember, Recruitment, ScreeningAnswer

pytestmark = pytest.mark.django_db


def counts():
    return (
        Application.objects.count(),
        ScreeningAnswer.objects.count(),
        PoolMember.objects.count(),
    )


def test_seed_demo_twice(demo_pages):
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first

    recruitment = Recruitment.objects.get(slug="kanta-hame-edellakavijaksi")
    assert recruitment.is_accepting and recruitment.pool.slug == "kanta-hameen-edellakavijat"
    assert recruitment.compensation == "reimbursed"
    assert recruitment.questions.count() == 3
    applications = Application.objects.filter(recruitment=recruitment)
    assert applications.count() == 12
    by_status = {}
    for status in applications.values_list("status", flat=True):
        by_status[status] = by_status.get(status, 0) + 1
    assert by_status == {"selected": 7, "waiting_list": 2, "rejected": 1, "received": 2}
    assert applications.get(status="rejected").decision_reason
    members = PoolMember.objects.filter(pool=recruitment.pool)
    transport = members.filter(application__answers__value="kuljetuspalvelu").distinct()
    assert members.count() >= 7 and transport.count() >= 5
    assert recruitment.pool.region.municipalities.count() >= 5
    staff = recruitment.pool.region.officials.filter(email="edellakavijat@kohtaamo.example")
    assert staff.exists()
