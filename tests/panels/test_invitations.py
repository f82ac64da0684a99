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


def test_an_invitation_to_another_address_says_why_it_cannot_be_accepted(client, panel):
    person = UserFactory(email="minä@example.org")
    invitation = InvitationFactory(panel=panel, email="joku.muu@example.org")
    client.force_login(person)
    url = f"/en/panels/invitations/{invitation.token}/"
    message = "sent to another e-mail address"
    page = client.get(url).content.decode()
    assert message in page and "Accept and join" not in page
    assert "joku.muu@example.org" not in page
    response = client.post(url)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Membership.objects.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


CLOSED = "This invitation is no longer valid."


def assert_closed_page_tells_nothing(response, invitation):
    assert response.status_code == 410
    page = response.content.decode()
    assert CLOSED in page
    for detail in (
        invitation.email,
        invitation.panel.name,
        invitation.panel.region.name,
        invitation.panel.description,
        invitation.message,
        invitation.panel.slug,
    ):
        assert detail not in page, detail


@pytest.mark.parametrize("who", ["anonymous", "someone else", "the invitee"])
def test_an_expired_invitation_shows_neither_the_address_nor_the_panel(client, panel, who):
    panel.description = "Paneeli kehittää Sodankylän palveluja."
    panel.save()
    invitation = InvitationFactory(
        panel=panel, email="vanhentunut@example.org", message="Tervetuloa!", expired=True
    )
    if who == "someone else":
        client.force_login(UserFactory())
    elif who == "the invitee":
        client.force_login(UserFactory(email="vanhentunut@example.org"))
    url = f"/en/panels/invitations/{invitation.token}/"

    assert_closed_page_tells_nothing(client.get(url), invitation)
    assert_closed_page_tells_nothing(client.post(url), invitation)
    assert not Membership.objects.exists()


def test_a_used_invitation_shows_others_neither_the_address_nor_the_panel(client, panel):
    person = UserFactory(email="kerran@example.org")
    other = UserFactory(email="kerran2@example.org")
    invitation = InvitationFactory(panel=panel, email="kerran@example.org", message="Hei!")
    url = f"/en/panels/invitations/{invitation.token}/"
    client.force_login(person)
    client.post(url)
    invitation.refresh_from_db()

    # Its owner is taken to the panel they joined.
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/en/panels/{panel.slug}/"

    client.force_login(other)
    assert_closed_page_tells_nothing(client.get(url), invitation)
    assert_closed_page_tells_nothing(client.post(url), invitation)
    assert not Membership.objects.filter(person=other).exists()
    client.logout()
    assert_closed_page_tells_nothing(client.get(url), invitation)


@pytest.mark.parametrize(
    "address",
    ["jasen@example.org", "hakija@example.org", "tili@example.org", "tuntematon@example.org"],
)
def test_the_staff_learn_nothing_of_who_the_address_belongs_to(
    client, staff, panel, mailoutbox, django_capture_on_commit_callbacks, address
):
    """A member, an applicant, someone with an account and an unknown address: the same answer
    and the same pending invitation. Only the member gets no e-mail and no notice."""
    from accounts.models import Notification

    member = UserFactory(email="jasen@example.org")
    MembershipFactory(panel=panel, person=member)
    applicant = UserFactory(email="hakija@example.org")
    MembershipFactory(panel=panel, person=applicant, status=MembershipStatus.APPLIED)
    UserFactory(email="tili@example.org")
    url = f"/en/panels/{panel.slug}/invite/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": address.upper(), "message": "Hei"}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "The invitation is on its way, unless the person already belongs to the panel."
    ]
    page = response.content.decode()
    assert "already a member" not in page
    assert address.upper() in page  # among the invitations waiting for an answer
    assert Invitation.objects.get().email == address.upper()
    if address == "jasen@example.org":
        assert mailoutbox == []
        assert not Notification.objects.filter(recipient=member).exists()
    else:
        assert [mail.to for mail in mailoutbox] == [[address.upper()]]

    # Inviting the same address again gets the same refusal, member or not.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, {"email": address})
    assert "already waiting for an answer" in again.content.decode()
    assert Invitation.objects.count() == 1


def test_a_line_break_in_the_panels_name_does_not_stop_the_invitation(
    client, staff, panel, mailoutbox, django_capture_on_commit_callbacks
):
    panel.name = "Sodankylän\ntiimi"
    panel.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/panels/{panel.slug}/invite/", {"email": "uusi@example.org"})
    [mail] = mailoutbox
    assert mail.subject == "Invitation to Sodankylän tiimi"
    assert mail.message()["Subject"] == "Invitation to Sodankylän tiimi"


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
