"""Staff decisions on applications: select, reject with a reason, waiting list. The person is
told once and the acting staff member never; selecting adds them to the pool or the panel."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Notification
from panels.models import Membership, MembershipStatus
from panels.pool import services
from panels.pool.models import (
    ApplicationStatus,
    PoolMember,
    PoolMemberStatus,
    Recruitment,
)
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.pool.conftest import received_application, verified

pytestmark = pytest.mark.django_db


def notices(person, kind=services.DECIDED_KIND):
    return Notification.objects.filter(recipient=person, kind=kind)


def decide_url(world, application):
    return f"/panels/recruitment/{world.recruitment.slug}/applications/{application.pk}/decide/"


def post_decision(client, world, application, decision, reason=""):
    prefix = f"application-{application.pk}"
    return client.post(
        decide_url(world, application),
        {f"{prefix}-decision": decision, f"{prefix}-reason": reason},
    )


def test_selecting_adds_to_the_pool_and_tells_the_person_once(client, pool_world):
    staff = pool_world.person("staff_same_region")
    application = received_application(pool_world, languages=["fi", "sv"])
    client.force_login(staff)
    response = post_decision(client, pool_world, application, "select")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED
    assert application.decided_by == staff
    member = PoolMember.objects.get(pool=pool_world.pool, person=application.person)
    assert member.status == PoolMemberStatus.ACTIVE
    assert member.application == application
    assert member.municipality == pool_world.municipalities[0]
    assert member.languages == ["fi", "sv"]
    assert notices(application.person).count() == 1
    assert not notices(staff).exists()


def test_selecting_again_reactivates_a_member_who_left(pool_world):
    staff = pool_world.person("staff_same_region")
    person = verified(UserFactory())
    old = PoolMember.objects.create(pool=pool_world.pool, person=person, status="left")
    application = received_application(pool_world, person=person)
    services.decide(application, decided_by=staff, decision=services.SELECT)
    old.refresh_from_db()
    assert old.status == PoolMemberStatus.ACTIVE and old.application == application


def test_rejecting_needs_a_reason_and_keeps_what_was_typed(client, pool_world):
    staff = pool_world.person("staff_same_region")
    application = received_application(pool_world)
    client.force_login(staff)
    response = post_decision(client, pool_world, application, "reject", "   ")
    assert response.status_code == 400
    body = response.content.decode()
    assert f'id="id_application-{application.pk}-reason_error"' in body or "errorlist" in body
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    assert not notices(application.person).exists()

    response = post_decision(client, pool_world, application, "reject", "Ei nyt.")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "Ei nyt."
    notice = notices(application.person).get()
    assert "Ei nyt." in notice.message
    assert not PoolMember.objects.exists()


def test_waiting_list_then_selected(pool_world):
    staff = pool_world.person("staff_same_region")
    application = received_application(pool_world)
    services.decide(application, decided_by=staff, decision=services.WAITING_LIST)
    with pytest.raises(ValidationError):
        services.decide(application, decided_by=staff, decision=services.WAITING_LIST)
    services.decide(application, decided_by=staff, decision=services.SELECT)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED
    assert notices(application.person).count() == 2  # once for each decision


def test_a_decided_application_is_not_decided_again(pool_world):
    staff = pool_world.person("staff_same_region")
    application = received_application(pool_world)
    services.decide(application, decided_by=staff, decision=services.REJECT, reason="Ei.")
    with pytest.raises(ValidationError):
        services.decide(application, decided_by=staff, decision=services.SELECT)
    assert notices(application.person).count() == 1


@pytest.mark.parametrize("role", ["staff_other_region", "decision_maker", "client"])
def test_others_cannot_decide(pool_world, role):
    application = received_application(pool_world)
    with pytest.raises(PermissionDenied):
        services.decide(application, decided_by=pool_world.person(role), decision="select")


def test_a_staff_member_deciding_on_their_own_application_is_not_told(pool_world):
    staff = pool_world.person("staff_same_region")
    application = received_application(pool_world, person=staff)
    services.decide(application, decided_by=staff, decision=services.SELECT)
    assert not notices(staff).exists()


def test_staff_are_told_once_per_received_application_and_never_the_applicant(pool_world):
    staff = pool_world.person("staff_same_region")
    other_staff = verified(UserFactory(staff=True))
    pool_world.region.officials.add(other_staff)
    received_application(pool_world)
    received_application(pool_world, person=other_staff)
    assert notices(staff, services.RECEIVED_KIND).count() == 2
    assert notices(other_staff, services.RECEIVED_KIND).count() == 1
    for role in ("staff_other_region", "decision_maker", "administrator"):
        assert not notices(pool_world.person(role), services.RECEIVED_KIND).exists()


def test_selecting_for_a_panel_makes_an_active_membership(pool_world):
    staff = pool_world.person("staff_same_region")
    panel = PanelFactory(region=pool_world.region)
    recruitment = Recruitment.objects.create(
        panel=panel, slug="raatiin", title="Raatiin", who_we_seek="x", what_it_means="y"
    )
    applicant = verified(UserFactory())
    # An open application to the panel itself is settled by this selection too.
    MembershipFactory(person=applicant, panel=panel, status=MembershipStatus.APPLIED)
    application = services.apply(recruitment, person=applicant, languages=["fi"], rate_key="test")
    services.decide(application, decided_by=staff, decision=services.SELECT)
    membership = Membership.objects.get(person=applicant, panel=panel)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.decided_by == staff

    newcomer = verified(UserFactory())
    application = services.apply(recruitment, person=newcomer, languages=["fi"], rate_key="t2")
    services.decide(application, decided_by=staff, decision=services.SELECT)
    assert Membership.objects.active().filter(person=newcomer, panel=panel).exists()
    # Already a member: cannot apply again.
    with pytest.raises(ValidationError):
        services.apply(recruitment, person=newcomer, languages=["fi"], rate_key="t3")


def test_the_person_withdraws(client, pool_world):
    application = received_application(pool_world)
    client.force_login(application.person)
    response = client.post(f"/accounts/profile/pool/applications/{application.pk}/withdraw/")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    other = UserFactory()
    client.force_login(other)
    response = client.post(f"/accounts/profile/pool/applications/{application.pk}/withdraw/")
    assert response.status_code == 404
