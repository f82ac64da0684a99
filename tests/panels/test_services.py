"""Services refuse what the rules refuse, whatever page called them, and leave nothing half-done."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Notification
from panels import services
from panels.models import Membership, MembershipStatus
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_approving_in_another_region_is_refused_and_changes_nothing():
    application = MembershipFactory(status=MembershipStatus.APPLIED, motivation="Hei")
    elsewhere = UserFactory(staff=True)
    RegionFactory().officials.add(elsewhere)
    with pytest.raises(PermissionDenied, match="only in your own region"):
        services.decide_application(application, decided_by=elsewhere, approve=True)
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLIED and application.decided_by is None
    assert not Notification.objects.exists()


def test_a_decision_maker_does_not_approve():
    application = MembershipFactory(status=MembershipStatus.APPLIED, motivation="Hei")
    official = UserFactory(decision_maker=True)
    application.panel.region.officials.add(official)
    with pytest.raises(PermissionDenied):
        services.decide_application(application, decided_by=official, approve=True)


def test_the_applicant_is_told_in_their_own_language():
    applicant = UserFactory(language="sv")
    application = MembershipFactory(
        person=applicant, status=MembershipStatus.APPLIED, motivation="Hej"
    )
    staff = UserFactory(staff=True)
    application.panel.region.officials.add(staff)
    services.decide_application(application, decided_by=staff, approve=False)
    notice = Notification.objects.get(recipient=applicant)
    assert "avslogs" in notice.message
    assert notice.url == f"/sv/panels/{application.panel.slug}/"


def test_two_current_memberships_cannot_exist_even_if_the_check_is_passed_by():
    """The database constraint is the last guard (two tabs, a double click)."""
    membership = MembershipFactory(status=MembershipStatus.APPLIED)
    with pytest.raises(ValidationError, match="already belong"):
        services.create_membership(
            person=membership.person, panel=membership.panel, status=MembershipStatus.ACTIVE
        )
    assert Membership.objects.count() == 1


def test_an_empty_motivation_saves_nothing():
    panel = PanelFactory()
    with pytest.raises(ValidationError) as error:
        services.apply_to_panel(UserFactory(), panel, "  \n ")
    assert "motivation" in error.value.error_dict
    assert not Membership.objects.exists()
