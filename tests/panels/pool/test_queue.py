"""The staff's queue: the applicants with their answers, filtered by answer, municipality,
client group, language and status; the query count stays the same for 10 and 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from panels.pool.models import Application, ApplicationStatus, ScreeningAnswer
from tests.factories import UserFactory
from tests.panels.pool.conftest import received_application

pytestmark = pytest.mark.django_db


def queue_url(world, query=""):
    return f"/panels/recruitment/{world.recruitment.slug}/applications/{query}"


def shown(response):
    return {application.person.display_name for application in response.context["applications"]}


@pytest.fixture
def applicants(pool_world):
    q1, q2, q3 = pool_world.questions
    m1, m2, _m3 = pool_world.municipalities
    people = {}
    for name, services_used, way, municipality, languages, group in [
        ("Kyytiläinen", ["kuljetuspalvelu"], "kyselyt", m1, ["fi"], None),
        ("Kotihoitaja", ["kotihoito"], "haastattelut", m2, ["sv"], pool_world.client_group),
        ("Molemmat", ["kuljetuspalvelu", "kotihoito"], "haastattelut", m2, ["fi", "en"], None),
    ]:
        person = UserFactory(display_name=name)
        people[name] = received_application(
            pool_world,
            person=person,
            answers={q1: services_used, q2: way, q3: "Teksti"},
            municipality=municipality,
            languages=languages,
            client_group=group,
        )
    # Unconfirmed ones are not staff's to see.
    Application.objects.create(
        recruitment=pool_world.recruitment, email="x@example.org", display_name="Vahvistamaton"
    )
    return people


def test_the_queue_shows_answers_beside_each_applicant(client, pool_world, applicants):
    client.force_login(pool_world.person("staff_same_region"))
    response = client.get(queue_url(pool_world))
    assert response.status_code == 200
    assert shown(response) == {"Kyytiläinen", "Kotihoitaja", "Molemmat"}
    body = response.content.decode()
    assert "Vahvistamaton" not in body
    assert "kuljetuspalvelu, kotihoito" in body
    assert "Vammaispalvelujen asiakkaat" in body


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q{q1}=kuljetuspalvelu", {"Kyytiläinen", "Molemmat"}),
        ("q{q1}=kotihoito&q{q2}=haastattelut", {"Kotihoitaja", "Molemmat"}),
        ("q{q1}=kuljetuspalvelu&q{q2}=kyselyt", {"Kyytiläinen"}),
        ("municipality={m2}", {"Kotihoitaja", "Molemmat"}),
        ("client_group={group}", {"Kotihoitaja"}),
        ("language=en", {"Molemmat"}),
        ("language=fi", {"Kyytiläinen", "Molemmat"}),
        ("status=received", {"Kyytiläinen", "Kotihoitaja", "Molemmat"}),
        ("status=selected", set()),
    ],
)
def test_filters(client, pool_world, applicants, query, expected):
    q1, q2, _q3 = pool_world.questions
    query = query.format(
        q1=q1.pk,
        q2=q2.pk,
        m2=pool_world.municipalities[1].pk,
        group=pool_world.client_group.pk,
    )
    client.force_login(pool_world.person("staff_same_region"))
    response = client.get(queue_url(pool_world, "?" + query))
    assert response.status_code == 200
    assert shown(response) == expected


def test_a_bad_filter_value_is_said_and_ignored(client, pool_world, applicants):
    q1, _q2, _q3 = pool_world.questions
    client.force_login(pool_world.person("staff_same_region"))
    response = client.get(queue_url(pool_world, f"?q{q1}=eiole".replace(f"q{q1}", f"q{q1.pk}")))
    assert response.status_code == 200
    assert response.context["filters"].errors
    assert len(shown(response)) == 3


def _many(pool_world, count):
    q1, q2, q3 = pool_world.questions
    people = UserFactory.create_batch(count)
    applications = Application.objects.bulk_create(
        [
            Application(
                recruitment=pool_world.recruitment,
                person=person,
                display_name=person.display_name,
                municipality=pool_world.municipalities[index % 3],
                client_group=pool_world.client_group if index % 2 else None,
                languages=["fi"],
                status=ApplicationStatus.RECEIVED,
                contact_consent=True,
            )
            for index, person in enumerate(people)
        ]
    )
    ScreeningAnswer.objects.bulk_create(
        [
            ScreeningAnswer(application=application, question=question, value=value)
            for application in applications
            for question, value in [(q1, "kuljetuspalvelu"), (q1, "kotihoito"), (q2, "kyselyt")]
        ]
        + [ScreeningAnswer(application=a, question=q3, value="Teksti") for a in applications]
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("query", ["", "?status=received&language=fi&q{q1}=kuljetuspalvelu"])
def test_query_count_is_flat(client, pool_world, query):
    """The same number of queries for 10 and for 500 applicants (a page of 50)."""
    q1 = pool_world.questions[0]
    client.force_login(pool_world.person("staff_same_region"))
    url = queue_url(pool_world, query.format(q1=q1.pk))
    _many(pool_world, 10)
    few, response = _queries(client, url)
    assert len(response.context["applications"]) == 10
    _many(pool_world, 490)
    many, response = _queries(client, url)
    assert len(response.context["applications"]) == 50
    assert many == few == QUEUE_QUERY_COUNT


# Session, user, the page (with pool and panel), its questions, municipalities and client
# groups for the filters, the count, the page of applicants, their answers, and the base
# template's unread notices.
QUEUE_QUERY_COUNT = 16
