"""Applying on a recruitment page: signed out (the e-mailed link creates or links the account),
signed in, twice, on a closed page, with bad or oversized input."""

import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification, User
from panels.pool import services
from panels.pool.models import (
    Application,
    ApplicationStatus,
    PoolMember,
    ScreeningAnswer,
)
from tests.factories import UserFactory
from tests.panels.pool.conftest import form_data, received_application, verified

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/confirm/\S+/")


def page_url(world, lang=""):
    prefix = f"/{lang}" if lang else ""
    return f"{prefix}/panels/recruitment/{world.recruitment.slug}/"


@pytest.fixture
def apply_signed_out(committed):
    def run(client, world, **overrides):
        return committed(client.post, page_url(world), form_data(world, **overrides))

    return run


def confirmation_link(message):
    found = LINK.search(message.body)
    assert found, message.body
    return urlparse(found.group(0)).path


def test_the_page_shows_what_is_sought_and_the_form(client, pool_world):
    response = client.get(page_url(pool_world, "en"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Palvelujen käyttäjiä." in body
    assert "Matkakulut korvataan." in body
    assert 'name="email"' in body and 'name="display_name"' in body
    for question in pool_world.questions:
        assert f'name="q{question.pk}"' in body
    # The region's municipalities only.
    assert "Hämeenlinna" in body and "Rovaniemi" not in body


def test_signed_out_application_waits_for_the_link_then_creates_the_account(
    client, pool_world, apply_signed_out, committed
):
    staff = pool_world.person("staff_same_region")
    response = apply_signed_out(client, pool_world)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == ApplicationStatus.UNVERIFIED
    assert application.email == "uusi@example.org" and application.person is None
    assert sorted(application.answers.values_list("value", flat=True)) == [
        "Kuljetusten tilaaminen.",
        "kotihoito",
        "kuljetuspalvelu",
        "kyselyt",
    ]
    # Nothing to staff yet; one e-mail to the address, in Finnish (the page's language).
    assert not Notification.objects.filter(recipient=staff).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["uusi@example.org"]
    link = confirmation_link(message)

    # Opening the link changes nothing (mail scanners open links); pressing the button does.
    assert client.get(link).status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNVERIFIED
    response = committed(client.post, link)
    assert response.status_code == 200
    application.refresh_from_db()
    person = User.objects.get(email="uusi@example.org")
    assert application.person == person
    assert application.status == ApplicationStatus.RECEIVED
    assert application.email == "" and application.verified_at is not None
    assert person.display_name == "Uusi edelläkävijä"
    assert not person.has_usable_password()
    assert person.terms_accepted_at is not None
    address = EmailAddress.objects.get(user=person)
    assert address.verified and address.primary
    # Logged in as the new account, and offered a password.
    assert int(client.session["_auth_user_id"]) == person.pk
    assert reverse("account_set_password") in response.content.decode()
    # Staff told once.
    assert Notification.objects.filter(recipient=staff).count() == 1
    # The link works once.
    assert committed(client.post, link).status_code == 404


def test_the_email_is_in_the_language_of_the_page(client, pool_world, committed):
    committed(client.post, page_url(pool_world, "en"), form_data(pool_world))
    assert mail.outbox[0].subject.startswith("Confirm your application")
    link = confirmation_link(mail.outbox[0])
    assert link.startswith("/en/")
    committed(client.post, link)
    assert User.objects.get(email="uusi@example.org").language == "en"


def test_existing_account_is_linked_without_logging_in(
    client, pool_world, apply_signed_out, committed
):
    owner = verified(UserFactory(email="uusi@example.org", display_name="Vanha tili"))
    apply_signed_out(client, pool_world, display_name="Toinen nimi")
    response = committed(client.post, confirmation_link(mail.outbox[0]))
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.person == owner
    assert application.status == ApplicationStatus.RECEIVED
    assert application.display_name == "Vanha tili"
    assert "_auth_user_id" not in client.session
    assert reverse("account_login") in response.content.decode()
    assert User.objects.filter(email__iexact="uusi@example.org").count() == 1


def test_an_account_registered_in_advance_with_the_address_is_locked_out(
    client, pool_world, apply_signed_out, committed
):
    # Someone signed up with this address before its owner applied, and never confirmed it.
    squatter = UserFactory(email="uusi@example.org", display_name="Ennakkoon")
    squatter.set_password("arvattu-salasana-1")
    squatter.save()
    squatters_browser = Client()
    squatters_browser.force_login(squatter)
    apply_signed_out(client, pool_world, display_name="Oikea omistaja")
    committed(client.post, confirmation_link(mail.outbox[0]))
    squatter.refresh_from_db()
    application = Application.objects.get()
    assert application.person == squatter and application.status == ApplicationStatus.RECEIVED
    # The address is proven now, but whoever made the account cannot use it any more: the
    # password is gone and so is their session; the owner gets in by resetting it.
    assert not squatter.has_usable_password()
    assert EmailAddress.objects.get(user=squatter).verified
    assert not squatters_browser.get("/").wsgi_request.user.is_authenticated


def test_a_link_never_switches_the_person_signed_in_on_that_browser(
    client, pool_world, apply_signed_out, committed
):
    apply_signed_out(client, pool_world, display_name="Uusi hakija")
    already_here = UserFactory()
    client.force_login(already_here)
    committed(client.post, confirmation_link(mail.outbox[0]))
    created = User.objects.get(email__iexact="uusi@example.org")
    assert Application.objects.get().person == created
    assert client.session["_auth_user_id"] == str(already_here.pk)


def test_confirming_when_already_in_the_pool_says_so(
    client, pool_world, apply_signed_out, committed
):
    owner = verified(UserFactory(email="uusi@example.org"))
    PoolMember.objects.create(pool=pool_world.pool, person=owner)
    apply_signed_out(client, pool_world, display_name="Toinen nimi")
    response = committed(client.post, confirmation_link(mail.outbox[0]))
    assert response.status_code == 200
    assert not Application.objects.exists()
    assert not Notification.objects.filter(recipient=pool_world.person("staff_same_region"))


def test_confirming_a_second_application_is_refused_kindly(
    client, pool_world, apply_signed_out, committed
):
    owner = verified(UserFactory(email="uusi@example.org"))
    first = received_application(pool_world, person=owner)
    apply_signed_out(client, pool_world, display_name="Toinen nimi")
    committed(client.post, confirmation_link(mail.outbox[0]))
    assert list(Application.objects.all()) == [first]


@pytest.mark.parametrize("how", ["forged", "expired", "other_page"])
def test_bad_links_are_refused(client, pool_world, how, settings, apply_signed_out):
    apply_signed_out(client, pool_world)
    application = Application.objects.get()
    slug = pool_world.recruitment.slug
    if how == "forged":
        token = signing.dumps(
            {"a": application.pk, "e": application.email, "l": "fi"}, salt="something else"
        )
    elif how == "expired":
        eight_days_ago = (timezone.now() - timedelta(days=8)).timestamp()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(signing, "time", SimpleNamespace(time=lambda: eight_days_ago))
            token = services.confirmation_token(application, "fi")
    else:
        token = services.confirmation_token(application, "fi")
        slug = "muu-sivu"
        from panels.pool.models import Recruitment

        Recruitment.objects.create(
            pool=pool_world.pool,
            slug=slug,
            title="Muu",
            who_we_seek="x",
            what_it_means="y",
        )
    response = client.post(f"/panels/recruitment/{slug}/confirm/{token}/")
    assert response.status_code == 404
    assert Application.objects.get().status == ApplicationStatus.UNVERIFIED
    assert not User.objects.filter(email="uusi@example.org").exists()


def test_signed_in_application_is_received_at_once(client, pool_world, committed):
    person = pool_world.person("client")
    client.force_login(person)
    response = client.get(page_url(pool_world))
    assert 'name="email"' not in response.content.decode()
    response = committed(client.post, page_url(pool_world), form_data(pool_world, signed_in=True))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.person == person
    assert application.status == ApplicationStatus.RECEIVED
    assert application.email == ""
    assert mail.outbox == []
    assert (
        Notification.objects.filter(
            recipient=pool_world.person("staff_same_region"), kind=services.RECEIVED_KIND
        ).count()
        == 1
    )


def test_signed_in_without_a_confirmed_address_gets_the_link(client, pool_world, committed):
    person = UserFactory()
    client.force_login(person)
    committed(client.post, page_url(pool_world), form_data(pool_world, signed_in=True))
    application = Application.objects.get()
    assert application.status == ApplicationStatus.UNVERIFIED
    assert application.person == person
    committed(client.post, confirmation_link(mail.outbox[0]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED


def test_a_second_application_is_refused_kindly(client, pool_world, committed):
    person = pool_world.person("client")
    received_application(pool_world, person=person)
    client.force_login(person)
    response = client.get(page_url(pool_world, "en"))
    assert "You have already applied here" in response.content.decode()
    assert 'name="contact_consent"' not in response.content.decode()
    response = committed(client.post, page_url(pool_world), form_data(pool_world, signed_in=True))
    assert response.status_code == 409
    assert Application.objects.count() == 1


def test_a_pool_member_is_told_they_are_in(client, pool_world):
    person = pool_world.person("client")
    PoolMember.objects.create(pool=pool_world.pool, person=person, status="paused")
    client.force_login(person)
    response = client.get(page_url(pool_world, "en"))
    assert "You are already in this pool" in response.content.decode()


@pytest.mark.parametrize("how", ["closed", "past"])
def test_a_closed_page_takes_no_applications(client, pool_world, how, apply_signed_out):
    recruitment = pool_world.recruitment
    if how == "closed":
        recruitment.is_open = False
    else:
        recruitment.closes_on = timezone.localdate() - timedelta(days=1)
    recruitment.save()
    response = client.get(page_url(pool_world, "en"))
    assert "This recruitment has closed" in response.content.decode()
    assert 'name="contact_consent"' not in response.content.decode()
    response = apply_signed_out(client, pool_world)
    assert response.status_code == 409
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_closing_today_is_still_open(client, pool_world, apply_signed_out):
    pool_world.recruitment.closes_on = timezone.localdate()
    pool_world.recruitment.save()
    assert apply_signed_out(client, pool_world).status_code == 302


def test_bad_input_keeps_what_was_typed_and_links_the_errors(client, pool_world):
    _q1, q2, _q3 = pool_world.questions
    response = client.post(
        page_url(pool_world, "en"),
        form_data(
            pool_world,
            email="not-an-address",
            **{f"q{q2.pk}": None, "contact_consent": None, "accept_terms": None},
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Uusi edelläkävijä"' in body
    assert 'value="not-an-address"' in body
    assert "Kuljetusten tilaaminen." in body
    assert re.search(
        r'value="kuljetuspalvelu"[^>]*checked|checked[^>]*value="kuljetuspalvelu"', body
    )
    for name in ("email", "contact_consent", "accept_terms"):
        assert f'aria-describedby="id_{name}_error' in body or f'id="id_{name}_error"' in body
    assert "Staff need your consent to contact you." in body
    assert not Application.objects.exists()


def test_choices_not_offered_are_refused(client, pool_world):
    q1, _q2, _q3 = pool_world.questions
    other_municipality = pool_world.other_region.municipalities.get()
    response = client.post(
        page_url(pool_world),
        form_data(
            pool_world,
            municipality=str(other_municipality.pk),
            **{f"q{q1.pk}": ["kuljetuspalvelu", "jotain muuta"]},
            languages=["xx"],
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"municipality", f"q{q1.pk}", "languages"} <= set(form.errors)
    assert not Application.objects.exists()


def test_oversized_answers_are_refused_with_a_reason(client, pool_world):
    _q1, _q2, q3 = pool_world.questions
    response = client.post(
        page_url(pool_world, "en"), form_data(pool_world, **{f"q{q3.pk}": "x" * 1001})
    )
    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()
    assert not Application.objects.exists()


def test_an_identity_code_in_an_answer_is_refused(client, pool_world):
    _q1, _q2, q3 = pool_world.questions
    response = client.post(
        page_url(pool_world, "en"),
        form_data(pool_world, **{f"q{q3.pk}": "Hetuni on 131052-308T, soittakaa."}),
    )
    assert response.status_code == 400
    assert "personal identity code" in response.content.decode()
    assert not ScreeningAnswer.objects.exists()


def test_a_taken_display_name_is_refused(client, pool_world, apply_signed_out):
    response = apply_signed_out(client, pool_world, display_name="Asiakas")
    assert response.status_code == 400
    assert "display_name" in response.context["form"].errors


def test_the_rate_limit_counts_per_address(client, pool_world, settings, apply_signed_out):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "recruitment": (2, 3600)}
    for number in range(2):
        response = apply_signed_out(
            client, pool_world, email=f"a{number}@example.org", display_name=f"Nimi {number}"
        )
        assert response.status_code == 302
    response = apply_signed_out(client, pool_world, email="c@example.org", display_name="Nimi c")
    assert response.status_code == 429
    assert Application.objects.count() == 2


def test_a_display_name_taken_meanwhile_gets_a_number(
    client, pool_world, apply_signed_out, committed
):
    apply_signed_out(client, pool_world)
    UserFactory(display_name="Uusi edelläkävijä")
    committed(client.post, confirmation_link(mail.outbox[0]))
    assert User.objects.get(email="uusi@example.org").display_name == "Uusi edelläkävijä 2"


def test_a_panel_recruitment_page(client, pool_world):
    from panels.pool.models import Recruitment
    from tests.factories import PanelFactory

    panel = PanelFactory(region=pool_world.region)
    recruitment = Recruitment.objects.create(
        panel=panel, slug="raatiin", title="Raatiin", who_we_seek="x", what_it_means="y"
    )
    response = client.get(f"/en/panels/recruitment/{recruitment.slug}/")
    assert response.status_code == 200
    assert panel.name in response.content.decode()
