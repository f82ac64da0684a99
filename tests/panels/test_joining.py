"""Joining, applying, deciding, leaving and removal, through the pages (in English, /en/)."""

import pytest

from accounts.models import Notification
from panels.models import JoiningPolicy, Membership, MembershipStatus
from tests.factories import MembershipFactory, PanelFactory, UserFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * 2001


@pytest.fixture
def person(client):
    user = UserFactory(display_name="Aamuvirkku")
    client.force_login(user)
    return user


def test_join_an_open_panel_with_one_click(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.OPEN)
    page = client.get(f"/en/panels/{panel.slug}/").content.decode()
    assert f'action="/en/panels/{panel.slug}/join/"' in page
    response = client.post(f"/en/panels/{panel.slug}/join/")
    assert response.status_code == 302
    assert Membership.objects.get(person=person, panel=panel).status == MembershipStatus.ACTIVE


@pytest.mark.parametrize(
    ("policy", "archived", "message"),
    [
        (JoiningPolicy.INVITATION, False, "by invitation only"),
        (JoiningPolicy.APPLICATION, False, "please apply instead"),
        (JoiningPolicy.OPEN, True, "archived"),
    ],
)
def test_joining_against_the_policy_says_why(client, person, policy, archived, message):
    panel = PanelFactory(joining_policy=policy, is_archived=archived)
    response = client.post(f"/en/panels/{panel.slug}/join/")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Membership.objects.filter(panel=panel).exists()


def test_joining_twice_says_so(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.OPEN)
    client.post(f"/en/panels/{panel.slug}/join/")
    response = client.post(f"/en/panels/{panel.slug}/join/")
    assert "already a member" in response.content.decode()
    assert Membership.objects.filter(panel=panel).count() == 1


def test_apply_then_staff_approve_and_the_applicant_is_told(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.APPLICATION, name="Kuopion raati")
    response = client.post(
        f"/en/panels/{panel.slug}/apply/", {"motivation": "Olen käyttänyt palveluja pitkään."}
    )
    assert response.status_code == 302
    application = Membership.objects.get(person=person, panel=panel)
    assert application.status == MembershipStatus.APPLIED
    assert application.motivation == "Olen käyttänyt palveluja pitkään."

    staff = UserFactory(staff=True)
    panel.region.officials.add(staff)
    client.force_login(staff)
    queue = client.get("/en/panels/applications/").content.decode()
    assert "Aamuvirkku" in queue and "Olen käyttänyt palveluja pitkään." in queue
    response = client.post(
        f"/en/panels/applications/{application.pk}/",
        {"decision": "approve", "message": "Tervetuloa mukaan!"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE
    assert application.decided_by == staff and application.decided_at
    assert application.decision_message == "Tervetuloa mukaan!"
    notice = Notification.objects.get(recipient=person)
    assert notice.kind == "panels.application_decided"
    assert "Kuopion raati" in notice.message and "Tervetuloa mukaan!" in notice.message
    assert notice.url == f"/panels/{panel.slug}/"  # in the applicant's language


def test_decline_keeps_the_row_and_tells_the_applicant(client):
    application = MembershipFactory(status=MembershipStatus.APPLIED, motivation="Haluan mukaan.")
    staff = UserFactory(staff=True)
    application.panel.region.officials.add(staff)
    client.force_login(staff)
    client.post(
        f"/en/panels/applications/{application.pk}/",
        {"decision": "decline", "message": "Raati on nyt täynnä."},
    )
    application.refresh_from_db()
    assert application.status == MembershipStatus.DECLINED
    assert "Raati on nyt täynnä." in Notification.objects.get().message


def test_deciding_twice_gets_a_message_not_a_second_notice(client):
    application = MembershipFactory(status=MembershipStatus.APPLIED, motivation="Haluan mukaan.")
    staff = UserFactory(staff=True)
    application.panel.region.officials.add(staff)
    client.force_login(staff)
    url = f"/en/panels/applications/{application.pk}/"
    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "decline"})
    assert response.status_code == 200
    assert "already been decided" in response.content.decode()
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE
    assert Notification.objects.count() == 1


def test_a_decision_needs_a_button(client):
    application = MembershipFactory(status=MembershipStatus.APPLIED, motivation="Haluan mukaan.")
    staff = UserFactory(staff=True)
    application.panel.region.officials.add(staff)
    client.force_login(staff)
    response = client.post(f"/en/panels/applications/{application.pk}/", {"message": "Hei"})
    assert "Choose whether to approve or decline." in response.content.decode()
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLIED


def test_applying_twice_says_so_and_keeps_what_was_typed(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.APPLICATION)
    client.post(f"/en/panels/{panel.slug}/apply/", {"motivation": "Ensimmäinen hakemus."})
    response = client.post(
        f"/en/panels/{panel.slug}/apply/",
        {"motivation": "Toinen hakemus."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "already applied" in html
    assert "Toinen hakemus." in html
    assert Membership.objects.filter(panel=panel).count() == 1


def test_the_apply_page_says_at_once_when_applying_is_not_possible(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.INVITATION)
    html = client.get(f"/en/panels/{panel.slug}/apply/").content.decode()
    assert "by invitation only" in html
    assert "<textarea" not in html


@pytest.mark.parametrize(
    ("motivation", "message"),
    [
        ("", "Tell the staff briefly why you would like to join."),
        ("   ", "Tell the staff briefly why you would like to join."),
        (TOO_LONG, "at most 2000 characters"),
    ],
)
def test_a_bad_motivation_is_refused_on_the_form(client, person, motivation, message):
    panel = PanelFactory(joining_policy=JoiningPolicy.APPLICATION)
    response = client.post(f"/en/panels/{panel.slug}/apply/", {"motivation": motivation})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    if motivation.strip():
        assert motivation in html
    assert not Membership.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    panel = PanelFactory(joining_policy=JoiningPolicy.OPEN)
    response = client.post(f"/en/panels/{panel.slug}/join/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Membership.objects.exists()


def test_leaving_keeps_history_and_one_can_come_back(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.OPEN)
    client.post(f"/en/panels/{panel.slug}/join/")
    assert client.get(f"/en/panels/{panel.slug}/leave/").status_code == 200
    client.post(f"/en/panels/{panel.slug}/leave/")
    assert list(Membership.objects.values_list("status", flat=True)) == [MembershipStatus.LEFT]
    client.post(f"/en/panels/{panel.slug}/join/")
    assert sorted(Membership.objects.values_list("status", flat=True)) == ["active", "left"]


def test_an_applicant_can_withdraw(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.APPLICATION)
    client.post(f"/en/panels/{panel.slug}/apply/", {"motivation": "Haluan mukaan."})
    client.post(f"/en/panels/{panel.slug}/leave/")
    assert Membership.objects.get().status == MembershipStatus.DECLINED
    assert not Membership.objects.current().exists()


def test_leaving_a_panel_one_is_not_in_is_404(client, person):
    panel = PanelFactory()
    assert client.post(f"/en/panels/{panel.slug}/leave/").status_code == 404


def test_a_facilitator_removes_a_member_with_a_reason(client):
    membership = MembershipFactory()
    facilitator = UserFactory(expert=True)
    membership.panel.facilitators.add(facilitator)
    client.force_login(facilitator)
    url = f"/en/panels/{membership.panel.slug}/members/{membership.pk}/remove/"

    response = client.post(url, {"reason": ""})
    assert "Give the person a reason." in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE

    response = client.post(url, {"reason": "Toistuvia loukkaavia viestejä."})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REMOVED
    assert membership.decision_message == "Toistuvia loukkaavia viestejä."
    assert membership.decided_by == facilitator
    notice = Notification.objects.get(recipient=membership.person)
    assert "Toistuvia loukkaavia viestejä." in notice.message
    # Removing twice: the row is no longer an active membership.
    assert client.post(url, {"reason": "Uudelleen"}).status_code == 404


def test_someone_removed_cannot_walk_back_into_an_open_panel(client, person):
    import rules

    panel = PanelFactory(joining_policy=JoiningPolicy.OPEN)
    MembershipFactory(panel=panel, person=person, status=MembershipStatus.REMOVED)
    assert not rules.has_perm("panels.join_panel", person, panel)
    response = client.post(f"/en/panels/{panel.slug}/join/")
    assert "You were removed from this panel." in response.content.decode()
    assert not Membership.objects.current().exists()


def test_someone_removed_may_apply_again(client, person):
    panel = PanelFactory(joining_policy=JoiningPolicy.APPLICATION)
    MembershipFactory(panel=panel, person=person, status=MembershipStatus.REMOVED)
    client.post(f"/en/panels/{panel.slug}/apply/", {"motivation": "Haluaisin palata."})
    assert Membership.objects.current().get().status == MembershipStatus.APPLIED


def test_staff_see_the_membership_history(client):
    removed = MembershipFactory(
        status=MembershipStatus.REMOVED, decision_message="Sääntöjen rikkominen"
    )
    panel = removed.panel
    MembershipFactory(panel=panel, status=MembershipStatus.LEFT)
    staff = UserFactory(staff=True)
    panel.region.officials.add(staff)
    client.force_login(staff)
    html = client.get(f"/en/panels/{panel.slug}/").content.decode()
    assert "Membership history" in html and "Sääntöjen rikkominen" in html
    client.force_login(MembershipFactory(panel=panel).person)
    assert "Sääntöjen rikkominen" not in client.get(f"/en/panels/{panel.slug}/").content.decode()
