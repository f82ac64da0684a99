"""Every call page and action for every role in every state of the call (liqd-style role-by-
state tables): who sees it, who may act, and how the others are refused — a signed-out
visitor is asked to log in, someone who sees the call but may not act gets 403, everyone else
404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from panels.pool.calls import services
from panels.pool.calls.models import Call, CallSignup, CallStatus, SignupStatus

from .conftest import MEANT_FOR, MEMBERS, OFFICIALS, ROLES, RUN, STATES, login

pytestmark = pytest.mark.django_db


def sees(role, status):
    return role in RUN or (status != CallStatus.DRAFT and role in OFFICIALS | MEMBERS)


def refused(response, role, status):
    """How a refusal must look for ``role``."""
    if role == "anonymous":
        return response.status_code == 302 and "login" in response["Location"]
    if sees(role, status):
        return response.status_code == 403
    return response.status_code == 404


def url(world, name, *extra):
    return reverse(f"panels:{name}", args=[world.pool.slug, world.call.pk, *extra])


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Haastattele asiakkaita puhelimitse",
        "task": "Kolme edelläkävijää haastattelemaan asiakkaita puhelimitse.",
        "places": "3",
        "starts_on": (today + timedelta(days=30)).isoformat(),
        "ends_on": (today + timedelta(days=40)).isoformat(),
        "signup_deadline": (today + timedelta(days=10)).isoformat(),
        "compensation": "paid",
        "compensation_details": "20 euroa päivältä",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_call_page(client, call_world, role, status):
    call = call_world.set_status(status)
    response = login(client, call_world, role).get(call.get_absolute_url())
    if sees(role, status):
        assert response.status_code == 200
        assert call.title in response.content.decode()
        signing_up = status == CallStatus.OPEN and role in MEANT_FOR
        assert response.context["can_sign_up"] == signing_up
        assert ('name="message"' in response.content.decode()) == signing_up
        assert response.context["can_run"] == (role in RUN)
    else:
        assert refused(response, role, status)


def test_the_call_page_when_it_is_not_for_you_says_why(client, call_world):
    with translation.override("en"):
        response = login(client, call_world, "other_member").get(call_world.call.get_absolute_url())
    assert "you do not meet them" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_a_new_call(client, call_world, role):
    new = reverse("panels:call_new", args=[call_world.pool.slug])
    client = login(client, call_world, role)
    page = client.get(new)
    response = client.post(new, form_data())
    created = Call.objects.filter(title="Haastattele asiakkaita puhelimitse").first()
    if role in RUN:
        assert page.status_code == 200
        assert response.status_code == 302 and created is not None
        assert created.status == CallStatus.DRAFT
        assert created.created_by == call_world.person(role)
        assert response["Location"] == created.get_absolute_url()
        return
    assert created is None
    if role == "anonymous":
        assert refused(page, role, CallStatus.DRAFT)
    else:
        assert page.status_code == 403 and response.status_code == 403


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_editing(client, call_world, role, status):
    call_world.set_status(status)
    client = login(client, call_world, role)
    page = client.get(url(call_world, "call_edit"))
    response = client.post(url(call_world, "call_edit"), form_data(title="Muutettu"))
    changed = Call.objects.filter(title="Muutettu").exists()
    if role in RUN and status == CallStatus.DRAFT:
        assert page.status_code == 200 and response.status_code == 302 and changed
        return
    assert not changed
    if role in RUN:
        # Published: it says so and goes back to the call.
        assert page.status_code == 302 and page["Location"] == call_world.call.get_absolute_url()
    else:
        assert refused(page, role, status) and refused(response, role, status)


@pytest.mark.parametrize("role", ROLES)
def test_publishing(client, call_world, role):
    call_world.set_status(CallStatus.DRAFT)
    response = login(client, call_world, role).post(url(call_world, "call_publish"))
    call_world.call.refresh_from_db()
    if role in RUN:
        assert response.status_code == 302 and call_world.call.status == CallStatus.OPEN
    else:
        assert call_world.call.is_draft
        assert refused(response, role, CallStatus.DRAFT)


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_signing_up(client, call_world, role, status):
    call_world.set_status(status)
    response = login(client, call_world, role).post(
        url(call_world, "call_signup"), {"message": "Käytän kuljetuspalvelua."}
    )
    signed = CallSignup.objects.filter(call=call_world.call).first()
    if status == CallStatus.OPEN and role in MEANT_FOR:
        assert response.status_code == 302
        assert signed.person == call_world.person(role)
        assert signed.message == "Käytän kuljetuspalvelua."
        return
    assert signed is None
    if status == CallStatus.OPEN or not sees(role, status):
        # Open but not for them (members it is not for, officials): 403.
        assert refused(response, role, status)
    else:
        # Not open (a draft staff see, or settled): it says why and goes back.
        assert response.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing(client, call_world, role):
    person = call_world.person(role)
    if role in MEANT_FOR:
        services.sign_up(call_world.call, person)
    response = login(client, call_world, role).post(url(call_world, "call_withdraw"))
    if role in MEANT_FOR:
        assert response.status_code == 302
        assert CallSignup.objects.get(person=person).status == SignupStatus.WITHDRAWN
    elif sees(role, CallStatus.OPEN):
        # Not signed up: it says so and goes back.
        assert response.status_code == 302
    else:
        assert refused(response, role, CallStatus.OPEN)


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_signup_list(client, call_world, role, status):
    services.sign_up(call_world.call, call_world.person("member"), message="Viesti")
    call_world.set_status(status)
    response = login(client, call_world, role).get(url(call_world, "call_signups"))
    if role in RUN:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Kyytien käyttäjä" in text and "kuljetuspalvelu" in text and "Viesti" in text
    else:
        assert refused(response, role, status)


@pytest.mark.parametrize("role", ROLES)
def test_confirming_a_place(client, call_world, role):
    signup = services.sign_up(call_world.call, call_world.person("member"))
    response = login(client, call_world, role).post(
        url(call_world, "call_confirm", signup.pk), {"action": "confirm"}
    )
    signup.refresh_from_db()
    if role in RUN:
        assert response.status_code == 302 and signup.status == SignupStatus.CONFIRMED
    else:
        assert signup.status == SignupStatus.SIGNED_UP
        assert refused(response, role, CallStatus.OPEN)


@pytest.mark.parametrize("role", ROLES)
def test_closing(client, call_world, role):
    response = login(client, call_world, role).post(url(call_world, "call_close"))
    call_world.call.refresh_from_db()
    if role in RUN:
        assert response.status_code == 302 and call_world.call.status == CallStatus.CLOSED
    else:
        assert call_world.call.is_open
        assert refused(response, role, CallStatus.OPEN)


@pytest.mark.parametrize("role", ROLES)
def test_posting_results(client, call_world, role):
    call_world.set_status(CallStatus.CLOSED)
    call_world.call.results = ""
    call_world.call.save()
    client = login(client, call_world, role)
    page = client.get(url(call_world, "call_results"))
    response = client.post(url(call_world, "call_results"), {"results": "Näin kävi."})
    call_world.call.refresh_from_db()
    if role in RUN:
        assert page.status_code == 200 and response.status_code == 302
        assert call_world.call.is_reported and call_world.call.results == "Näin kävi."
    else:
        assert not call_world.call.is_reported
        assert refused(page, role, CallStatus.CLOSED)
        assert refused(response, role, CallStatus.CLOSED)


def test_a_call_of_another_pool_is_not_found_under_this_pool(client, call_world):
    client.force_login(call_world.person("administrator"))
    response = client.get(f"/panels/pools/muu-pooli/calls/{call_world.call.pk}/")
    assert response.status_code == 404


def test_someone_who_signed_up_and_left_the_pool_still_sees_the_call(client, call_world):
    member = call_world.person("member")
    services.sign_up(call_world.call, member)
    member.pool_memberships.update(status="left")
    client.force_login(member)
    assert client.get(call_world.call.get_absolute_url()).status_code == 200
