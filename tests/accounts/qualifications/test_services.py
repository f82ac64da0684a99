"""The invariant: ``User.innoagent_level`` is the highest unrevoked level of the person's
qualifications, whatever the order of grants and revocations; a level not for the person's
role is refused."""

import random
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.privacy.erasure import delete_account
from accounts.privacy.export import collect_sections
from accounts.qualifications import services
from accounts.qualifications.models import Qualification
from accounts.roles import InnoagentLevel, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ONE, II = InnoagentLevel.LEVEL_I, InnoagentLevel.LEVEL_II
DAY = date(2026, 2, 3)


def stored_level(person):
    return User.objects.values_list("innoagent_level", flat=True).get(pk=person.pk)


def expected_level(person):
    levels = Qualification.objects.filter(person=person, revoked_at__isnull=True).values_list(
        "level", flat=True
    )
    return max(levels, default=InnoagentLevel.NONE)


def test_grant_and_revoke_keep_the_highest_level():
    expert = UserFactory(expert=True)
    admin = UserFactory(administrator=True)
    assert stored_level(expert) == InnoagentLevel.NONE
    first = services.grant(expert, II, DAY, training_name="II-taso", granted_by=admin)
    assert stored_level(expert) == II and expert.innoagent_level == II
    second = services.grant(expert, II, DAY, training_name="Kertaus")
    services.revoke(first, by=admin)
    assert stored_level(expert) == II  # the second still holds
    services.revoke(second, by=admin)
    assert stored_level(expert) == InnoagentLevel.NONE
    first.refresh_from_db()
    assert first.revoked_by == admin and first.revoked_at is not None
    revoked_at = first.revoked_at
    services.revoke(first, by=admin)  # again: nothing changes
    first.refresh_from_db()
    assert first.revoked_at == revoked_at


def test_a_staff_member_may_hold_level_one():
    staff = UserFactory(staff=True)
    services.grant(staff, ONE, DAY, training_name="I-taso")
    assert stored_level(staff) == ONE


@pytest.mark.parametrize("seed", range(5))
def test_the_invariant_holds_for_any_order(seed):
    rng = random.Random(seed)
    # A person who once was staff (level I) and is now an expert by experience (level II).
    person = UserFactory(staff=True)
    held = []
    for _step in range(25):
        if held and rng.random() < 0.4:
            services.revoke(held.pop(rng.randrange(len(held))))
        else:
            level = rng.choice([ONE, II])
            person.role = Role.STAFF if level == ONE else Role.EXPERT_BY_EXPERIENCE
            person.save()
            held.append(services.grant(person, level, DAY))
        assert stored_level(person) == expected_level(person)
        assert person.innoagent_level == expected_level(person)


@pytest.mark.parametrize(
    "traits, level",
    [
        ({}, II),
        ({}, ONE),
        ({"expert": True}, ONE),
        ({"staff": True}, II),
        ({"decision_maker": True}, II),
    ],
)
def test_a_level_not_for_the_role_is_refused(traits, level):
    person = UserFactory(**traits)
    with pytest.raises(ValidationError) as refused:
        services.grant(person, level, DAY)
    assert refused.value.code == "role"
    assert not Qualification.objects.exists()
    assert stored_level(person) == InnoagentLevel.NONE


def test_decision_makers_may_hold_level_one():
    assert services.fits(UserFactory(decision_maker=True), ONE)


def test_the_export_lists_qualifications_and_deletion_takes_them():
    expert = UserFactory(expert=True)
    kept = services.grant(expert, II, DAY, training_name="II-taso")
    services.revoke(services.grant(expert, II, date(2025, 1, 1), training_name="Vanha"))
    section = {s.key: s for s in collect_sections(expert)}["innoagent_qualifications"]
    assert section.json_rows()[1] == {
        "level": II,
        "granted_on": "2026-02-03",
        "training": "II-taso",
        "revoked_at": None,
    }
    assert section.json_rows()[0]["training"] == "Vanha"
    assert section.json_rows()[0]["revoked_at"] is not None
    other = UserFactory(expert=True)
    services.grant(other, II, DAY)
    delete_account(expert)
    assert not Qualification.objects.filter(pk=kept.pk).exists()
    assert Qualification.objects.filter(person=other).count() == 1
