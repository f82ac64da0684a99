"""The call pages' contents: the places left, the forms keeping what was typed and refusing
bad input with a reason, the sign-up list's answers and profiles, the pool page's list of
calls, the query counts (flat, few vs many sign-ups), and "my impact"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from panels.pool.calls import services
from panels.pool.calls.models import Call, CallStatus
from tests.factories import UserFactory

from .conftest import add_member, login
from .test_pages_matrix import form_data, url

pytestmark = pytest.mark.django_db


def signups(world, count, confirm=0):
    made = []
    for index in range(count):
        person = UserFactory(display_name=f"Kulkija {index}")
        add_member(
            world.pool,
            person,
            answers=["kuljetuspalvelu", "kotihoito"],
            interests=f"Liikkuminen {index}",
            availability="Arki-iltaisin",
        )
        made.append(services.sign_up(world.call, person, message=f"Viesti {index}"))
    for signup in made[:confirm]:
        services.confirm(world.call, world.person("staff_same_region"), signup)
    return made


def test_places_left_on_the_call_page(client, call_world):
    signups(call_world, 3, confirm=2)
    with translation.override("en"):
        page = login(client, call_world, "member").get(call_world.call.get_absolute_url())
    assert page.context["places_left"] == 3
    assert "3 of 5 places left" in page.content.decode()


def test_a_full_call_says_so_and_takes_no_more(client, call_world):
    call_world.call.places = 2
    call_world.call.save()
    signups(call_world, 2, confirm=2)
    with translation.override("en"):
        page = login(client, call_world, "member").get(call_world.call.get_absolute_url())
    text = page.content.decode()
    assert "0 of 2 places left" in text
    assert "All places have been taken." in text and 'name="message"' not in text


def test_the_new_call_form_keeps_what_was_typed_and_says_what_is_wrong(client, call_world):
    client.force_login(call_world.person("staff_same_region"))
    new = reverse("panels:call_new", args=[call_world.pool.slug])
    today = timezone.localdate()
    bad = form_data(
        title="Pidä tämä otsikko",
        places="0",
        ends_on=(today + timedelta(days=1)).isoformat(),
        task="x" * 3001,
    )
    response = client.post(new, bad)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"places", "ends_on", "task"}
    text = response.content.decode()
    assert 'value="Pidä tämä otsikko"' in text
    assert 'aria-describedby="id_places_error' in text or "aria-invalid" in text
    assert not Call.objects.filter(title="Pidä tämä otsikko").exists()


def test_criteria_are_offered_from_the_pools_region_and_saved(client, call_world):
    client.force_login(call_world.person("staff_same_region"))
    new = reverse("panels:call_new", args=[call_world.pool.slug])
    page = client.get(new)
    form = page.context["form"]
    assert {m.name for m in form.fields["municipalities"].queryset} == {
        "Hämeenlinna",
        "Riihimäki",
        "Forssa",
    }
    key = f"{call_world.question.pk}:kuljetuspalvelu"
    hml = call_world.municipalities["Hämeenlinna"]
    response = client.post(
        new,
        form_data(municipalities=[hml.pk], answers=[key], languages=["fi", "sv"]),
    )
    call = Call.objects.get(title="Haastattele asiakkaita puhelimitse")
    assert response.status_code == 302
    assert list(call.municipalities.all()) == [hml]
    assert call.languages == ["fi", "sv"]
    assert list(call.answer_criteria.values_list("value", flat=True)) == ["kuljetuspalvelu"]
    # A choice that is not offered is refused.
    response = client.post(new, form_data(title="Toinen", answers=[f"{key}x"]))
    assert "answers" in response.context["form"].errors
    # And the edit page shows what was chosen.
    edit = client.get(reverse("panels:call_edit", args=[call_world.pool.slug, call.pk]))
    assert edit.context["form"].initial["answers"] == [key]


def test_the_signup_form_refuses_an_oversized_message_and_keeps_it(client, call_world):
    long = "k" * 1001
    with translation.override("en"):
        response = login(client, call_world, "member").post(
            url(call_world, "call_signup"), {"message": long}
        )
    assert response.status_code == 400
    assert "message" in response.context["signup_form"].errors
    assert long in response.content.decode()


def test_the_signup_list_shows_answers_interests_and_availability(client, call_world):
    signups(call_world, 2)
    page = login(client, call_world, "staff_same_region").get(url(call_world, "call_signups"))
    text = page.content.decode()
    for expected in ("Kulkija 0", "Liikkuminen 1", "Arki-iltaisin", "kotihoito", "Viesti 1"):
        assert expected in text


def test_confirming_past_the_places_says_so(client, call_world):
    call_world.call.places = 1
    call_world.call.save()
    made = signups(call_world, 2, confirm=1)
    client.force_login(call_world.person("staff_same_region"))
    with translation.override("en"):
        response = client.post(
            url(call_world, "call_confirm", made[1].pk), {"action": "confirm"}, follow=True
        )
    assert "no place is left" in response.content.decode()
    assert services.confirmed_count(call_world.call) == 1


@pytest.mark.parametrize("size", [2, 25])
def test_call_page_queries_stay_flat(client, call_world, size, django_assert_num_queries):
    signups(call_world, size, confirm=2)
    client.force_login(call_world.person("member"))
    client.get(call_world.call.get_absolute_url())  # the session is warm
    with django_assert_num_queries(CALL_PAGE_QUERIES):
        response = client.get(call_world.call.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 25])
def test_staff_call_page_queries_stay_flat(client, call_world, size, django_assert_num_queries):
    signups(call_world, size, confirm=2)
    client.force_login(call_world.person("staff_same_region"))
    client.get(call_world.call.get_absolute_url())
    with django_assert_num_queries(STAFF_CALL_PAGE_QUERIES):
        response = client.get(call_world.call.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 25])
def test_signup_list_queries_stay_flat(client, call_world, size, django_assert_num_queries):
    signups(call_world, size, confirm=1)
    client.force_login(call_world.person("staff_same_region"))
    client.get(url(call_world, "call_signups"))
    with django_assert_num_queries(SIGNUP_LIST_QUERIES):
        response = client.get(url(call_world, "call_signups"))
    assert len(response.context["signups"]) == size


# Session and user, the call with its pool, the confirmed count, the person's own sign-up,
# the rule "a member of the pool?", membership, what the call asks for (three) and whom it
# matches (the criteria again, then the members), and the page frame (permissions, unread).
CALL_PAGE_QUERIES = 17
# Staff: the same, but the region rule instead of membership, the count of those who would be
# told (drafts) or signed up, and no match of their own beyond the sign-up check.
STAFF_CALL_PAGE_QUERIES = 20
# Session and user, the call, the region rule, the sign-ups with their people, the members
# with their applications, their answers, and the page frame (permissions, the admin profile,
# unread).
SIGNUP_LIST_QUERIES = 12


def test_the_pool_page_lists_the_calls(client, call_world):
    draft = Call.objects.create(
        pool=call_world.pool,
        title="Luonnos: kyselyn testaus",
        task="x",
        places=2,
        starts_on=call_world.call.starts_on,
        ends_on=call_world.call.ends_on,
        signup_deadline=call_world.call.signup_deadline,
    )
    pool_url = reverse("panels:pool", args=[call_world.pool.slug])
    for role, shown in [
        ("member", [call_world.call.title]),
        ("decision_maker", [call_world.call.title]),
        ("staff_same_region", [call_world.call.title, draft.title]),
        ("outsider", []),
    ]:
        client.logout()
        text = login(client, call_world, role).get(pool_url).content.decode()
        for title in (call_world.call.title, draft.title):
            assert (title in text) == (title in shown), (role, title)
    client.logout()
    assert call_world.call.title not in client.get(pool_url).content.decode()


def test_my_impact_shows_the_results_to_the_participants(client, call_world):
    staff = call_world.person("staff_same_region")
    made = signups(call_world, 2, confirm=1)
    services.close_call(call_world.call, staff)
    services.post_results(call_world.call, staff, results="Vahvistusviesti lähtee nyt heti.")
    participant, other = made[0].person, made[1].person
    client.force_login(participant)
    page = client.get(reverse("my_impact"))
    assert [call.pk for call in page.context["pool_calls"]] == [call_world.call.pk]
    assert "Vahvistusviesti lähtee nyt heti." in page.content.decode()
    client.force_login(other)
    page = client.get(reverse("my_impact"))
    assert page.context["pool_calls"] == []
    assert "Vahvistusviesti" not in page.content.decode()


def test_a_call_with_results_shows_them_on_its_page(client, call_world):
    call_world.set_status(CallStatus.REPORTED)
    page = login(client, call_world, "member").get(call_world.call.get_absolute_url())
    assert "Tilausjärjestelmä korjattiin." in page.content.decode()
