"""Giving feedback: anyone, no account needed; anonymous means no link to the person;
bad input keeps what was typed and says what is wrong; the personal-details guard and the
rate limit apply."""

import uuid

import pytest
from django.db import connection
from django.test.utils import override_settings

from ideas.service_feedback.models import TEXT_MAX_LENGTH, Feedback
from panels.segments.models import SelfDescription
from tests.factories import UserFactory

URL = "/en/feedback/"


def data(world, **fields):
    return {
        "region": world.region.slug,
        "service_area": world.area.pk,
        "what_happened": "Jonotin puhelimessa tunnin eikä kukaan vastannut.",
        "what_would_be_better": "Takaisinsoitto samana päivänä.",
        "client_group": "",
        "reply_email": "",
        "token": str(uuid.uuid4()),
        **fields,
    }


@pytest.mark.django_db
def test_a_visitor_gives_feedback_without_an_account(client, world):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<h1") == 1
    assert 'name="anonymous"' not in html  # not signed in: anonymous anyway
    assert "delete the address as soon as the answer is sent" in html
    response = client.post(URL, data(world, reply_email="vastaus@example.org"))
    assert response.status_code == 302 and response["Location"].endswith("/feedback/thanks/")
    item = Feedback.objects.get()
    assert item.author is None and item.reply_email == "vastaus@example.org"
    assert item.created_at.minute == 0 and item.created_at.second == 0  # coarse
    thanks = client.get(response["Location"])
    assert "Thank you for your feedback" in thanks.content.decode()
    assert f"/feedback/regions/{world.region.slug}/" in thanks.content.decode()


@pytest.mark.django_db
def test_a_signed_in_person_is_linked_unless_anonymous(client, world):
    person = UserFactory()
    client.force_login(person)
    client.post(URL, data(world, what_happened="Ensimmäinen palaute, nimellä."))
    client.post(URL, data(world, what_happened="Toinen palaute, nimettömänä.", anonymous="on"))
    named = Feedback.objects.get(what_happened__startswith="Ensimmäinen")
    anonymous = Feedback.objects.get(what_happened__startswith="Toinen")
    assert named.author == person
    assert anonymous.author_id is None and anonymous.answered_by_id is None


@pytest.mark.django_db
def test_an_anonymous_row_holds_no_user_id_nor_address(client, world):
    """What a database reader sees of an anonymous item: no column with the sender's id,
    address or session."""
    person = UserFactory(email="tunnistettava@example.org")
    client.force_login(person)
    client.post(URL, data(world, anonymous="on"), REMOTE_ADDR="203.0.113.7")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM service_feedback_feedback")
        row = cursor.fetchone()
        columns = [column[0] for column in cursor.description]
    values = dict(zip(columns, row, strict=True))
    assert values["author_id"] is None
    text = " ".join(str(value) for value in values.values())
    assert "203.0.113.7" not in text
    assert "tunnistettava" not in text
    assert str(person.pk) not in [str(values[c]) for c in columns if c.endswith("_id")]


@pytest.mark.django_db
def test_the_client_group_is_prefilled_from_the_profile_in_that_region(client, world):
    person = UserFactory()
    SelfDescription.objects.create(person=person, client_group=world.group)
    client.force_login(person)
    form = client.get(URL).context["form"]
    assert form.initial["client_group"] == world.group.pk
    assert form.initial["region"] == world.region.slug
    # Another region asked for: not prefilled with this region's group.
    form = client.get(URL, {"region": world.other.slug}).context["form"]
    assert "client_group" not in form.initial


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"what_happened": ""}, "what_happened", "This field is required."),
        ({"region": ""}, "region", "This field is required."),
        ({"service_area": ""}, "service_area", "This field is required."),
        ({"what_happened": "x" * (TEXT_MAX_LENGTH + 1)}, "what_happened", "at most 3000"),
        ({"what_would_be_better": "x" * (TEXT_MAX_LENGTH + 1)}, "what_would_be_better", "3000"),
        ({"reply_email": "ei-osoite"}, "reply_email", "valid email"),
        ({"service_area": "999999"}, "service_area", "Select a valid choice"),
        ({"region": "ei-ole"}, "region", "Select a valid choice"),
    ],
)
def test_bad_input_keeps_what_was_typed(client, world, fields, field, message):
    response = client.post(
        URL, data(world, **{"what_would_be_better": "Pidä tämä teksti.", **fields})
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    if field != "what_would_be_better":
        assert "Pidä tämä teksti." in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_a_service_area_of_another_region_is_refused_not_replaced(client, world):
    response = client.post(
        URL, data(world, service_area=world.other_area.pk, client_group=world.other_group.pk)
    )
    form = response.context["form"]
    assert form.errors["service_area"] == ["Choose a service area of Etelä-Karjala."]
    assert form.errors["client_group"] == ["Choose a client group of Etelä-Karjala."]
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_personal_details_ask_first_and_can_be_sent_anyway(client, world):
    text = "Matti Virtanen sai masennusdiagnoosin ja hänen numeronsa on 040 123 4567."
    response = client.post(URL, data(world, what_happened=text))
    assert response.status_code == 200
    html = response.content.decode()
    assert "personal-details-warning" in html and "<mark>" in html
    assert not Feedback.objects.exists()
    form = response.context["form"]
    again = {**data(world, what_happened=text), "token": form.data["token"]}
    again["confirm_personal"] = "on"
    response = client.post(URL, again)
    assert response.status_code == 302
    assert Feedback.objects.get().shared_despite_warning


@pytest.mark.django_db
def test_a_valid_personal_identity_code_is_refused(client, world):
    response = client.post(
        URL, data(world, what_happened="Tunnukseni on 131052-308T.", confirm_personal="on")
    )
    assert response.status_code == 200
    assert "personal identity code" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_the_same_form_sent_twice_saves_once(client, world):
    sent = data(world)
    client.post(URL, sent)
    client.post(URL, sent)
    assert Feedback.objects.count() == 1


@override_settings(RATE_LIMITS={"service_feedback": (2, 3600)})
@pytest.mark.django_db
def test_visitors_are_rate_limited_by_address(client, world):
    for _ in range(2):
        assert client.post(URL, data(world), REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post(URL, data(world, what_happened="Kolmas"), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "too many times" in response.content.decode()
    assert "Kolmas" in response.content.decode()  # kept
    # Another address is counted on its own.
    assert client.post(URL, data(world), REMOTE_ADDR="198.51.100.2").status_code == 302
    assert Feedback.objects.count() == 3
