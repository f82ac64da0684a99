"""Invitations by e-mail: sending, and accepting by signing up or logging in."""

import re

import pytest

from accounts.models import User
from panels.models import Invitation, JoiningPolicy, Membership, MembershipStatus
from tests.factories import PASSWORD, MembershipFactory, PanelFactory, UserFactory
from tests.panels.factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    return PanelFactory(joining_policy=JoiningPolicy.INVITATION, name="Sodankylän tiimi")


@pytest.fixture
def staff(client, panel):
    user = UserFactory(staff=True)
    panel.region.officials.add(user)
    client.force_login(user)
    return user


def test_staff_invite_by_e_mail_and_the_link_arrives(
    client, staff, panel, mailoutbox, django_capture_on_commit_callbacks
):
    # The e-mail leaves only once the invitation is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/panels/{panel.slug}/invite/",
            {"email": "uusi@example.org", "message": "Tervetuloa tiimiin!"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "uusi@example.org" and invitation.invited_by == staff
    [mail] = mailoutbox
    assert mail.to == ["uusi@example.org"]
    assert "Sodankylän tiimi" in mail.subject
    assert f"/panels/invitations/{invitation.token}/" in mail.body
    assert "Tervetuloa tiimiin!" in mail.body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("ei-osoite", "Enter a valid email address."),
        ("", "This field is required."),
        ("jasen@example.org", "already a member"),
        ("odottaa@example.org", "already waiting for an answer"),
    ],
)
def test_bad_invitations_are_refused_on_the_form(
    client, staff, panel, mailoutbox, django_capture_on_commit_callbacks, email, message
):
    MembershipFactory(panel=panel, person=UserFactory(email="jasen@example.org"))
    InvitationFactory(panel=panel, email="odottaa@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/panels/{panel.slug}/invite/", {"email": email, "message": "Hei"}
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Invitation.objects.count() == 1
    assert mailoutbox == []


def test_accept_by_signing_up(client, panel):
    invitation = InvitationFactory(panel=panel, email="uusi@example.org")
    url = f"/en/panels/invitations/{invitation.token}/"
    page = client.get(url).content.decode()
    assert "Sign up and accept" in page
    signup = re.search(r'href="([^"]*/accounts/signup/\?next=[^"]*)"', page).group(1)
    response = client.post(
        signup.replace("&amp;", "&"),
        {
            "email": "uusi@example.org",
            "display_name": "Tunturikoivu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url
    response = client.post(url)
    assert response.status_code == 302
    person = User.objects.get(email="uusi@example.org")
    assert Membership.objects.get(panel=panel, person=person).status == MembershipStatus.ACTIVE
    invitation.refresh_from_db()
    assert invitation.accepted_by == person and invitation.accepted_at


def test_accept_by_logging_in(client, panel):
    person = UserFactory(email="Vanha@Example.org")
    invitation = InvitationFactory(panel=panel, email="vanha@example.org")
    url = f"/en/panels/invitations/{invitation.token}/"
    assert "Log in and accept" in client.get(url).content.decode()
    response = client.post(
        f"/en/accounts/login/?next={url}", {"login": "vanha@example.org", "password": PASSWORD}
    )
    assert response["Location"] == url
    client.post(url)
    assert Membership.objects.get(panel=panel, person=person).status == MembershipStatus.ACTIVE


def test_accepting_settles_an_open_application(client, panel):
    person = UserFactory(email="hakija@example.org")
    application = MembershipFactory(panel=panel, person=person, status=MembershipStatus.APPLIED)
    invitation = InvitationFactory(panel=panel, email="hakija@example.org")
    client.force_login(person)
    client.post(f"/en/panels/invitations/{invitation.token}/")
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE
    assert Membership.objects.count() == 1


@pytest.mark.parametrize(
    ("invitation_kwargs", "message"),
    [
        ({"expired": True}, "This invitation has expired."),
        ({"email": "joku.muu@example.org"}, "sent to another e-mail address"),
    ],
)
def test_invitations_that_cannot_be_accepted_say_why(client, panel, invitation_kwargs, message):
    person = UserFactory(email="minä@example.org")
    invitation = InvitationFactory(
        panel=panel, **{"email": "minä@example.org", **invitation_kwargs}
    )
    client.force_login(person)
    url = f"/en/panels/invitations/{invitation.token}/"
    page = client.get(url).content.decode()
    assert message in page and "Accept and join" not in page
    response = client.post(url)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Membership.objects.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_is_used_once(client, panel):
    person = UserFactory(email="kerran@example.org")
    other = UserFactory(email="kerran2@example.org")
    invitation = InvitationFactory(panel=panel, email="kerran@example.org")
    client.force_login(person)
    client.post(f"/en/panels/invitations/{invitation.token}/")
    client.force_login(other)
    page = client.get(f"/en/panels/invitations/{invitation.token}/").content.decode()
    assert "already been used" in page
    assert not Membership.objects.filter(person=other).exists()


def test_an_unknown_token_is_404(client):
    assert client.get("/en/panels/invitations/ei-ole/").status_code == 404


def test_someone_with_an_account_is_also_told_in_the_app_in_their_language(
    client, staff, panel, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import Notification

    person = UserFactory(email="Ruotsiksi@example.org", language="sv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/panels/{panel.slug}/invite/", {"email": "ruotsiksi@example.org"})
    invitation = Invitation.objects.get()
    notice = Notification.objects.get(recipient=person)
    assert notice.kind == "panels.invited"
    assert notice.url == f"/sv/panels/invitations/{invitation.token}/"
    [mail] = mailoutbox
    assert mail.subject.endswith("Inbjudan till Sodankylän tiimi")
    assert f"/sv/panels/invitations/{invitation.token}/" in mail.body
