"""Who sees which series page: the permission matrix, own wheels nobody else's, bad input,
and flat query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from panels.surveys.series.models import OwnWheel
from panels.surveys.series.own import keep_copy
from tests.factories import RegionFactory, UserFactory

from .helpers import add_ratings, make_series, member

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "client", "expert", "staff", "other_staff", "decision_maker", "admin"]


@pytest.fixture
def world():
    series, panel, staff = make_series(rounds=2)
    first, latest = series.rounds.order_by("number")
    add_ratings(first, [[2, 3, 4, 5]] * 5)
    add_ratings(latest, [[4, 3, 5, 6]] * 5)
    people = {
        "anonymous": None,
        "client": UserFactory(),
        "expert": UserFactory(expert=True),
        "staff": staff,
        "other_staff": UserFactory(staff=True),
        "decision_maker": UserFactory(decision_maker=True),
        "admin": UserFactory(administrator=True),
        "member": member(panel),
    }
    RegionFactory().officials.add(people["other_staff"])
    series.region.officials.add(people["decision_maker"])
    keep_copy(people["member"], first, [[2, 3, 4, 5]])
    keep_copy(people["member"], latest, [[4, 3, 5, 9]])
    return {"series": series, "panel": panel, "people": people}


def _get(client, person, url):
    if person is not None:
        client.force_login(person)
    return client.get(url)


def _url(name, *args):
    with translation.override("en"):
        return reverse(f"survey_series:{name}", args=args)


OFFICIAL = {"staff": 200, "decision_maker": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["detail", "effect", "effect_csv"])
def test_official_pages(client, world, role, page):
    response = _get(client, world["people"][role], _url(page, world["series"].pk))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == OFFICIAL.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_the_series_list(client, world, role):
    response = _get(client, world["people"][role], _url("list"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    listed = world["series"].name in response.content.decode()
    assert listed == (role in OFFICIAL)


@pytest.mark.parametrize("role", ROLES)
def test_own_wheels_page_shows_only_the_asker(client, world, role):
    response = _get(client, world["people"][role], _url("mine", world["series"].pk))
    if role == "anonymous":
        assert response.status_code == 302
        return
    # Officials may open the page (they see the region's surveys) but it is their own: empty.
    assert response.status_code == (200 if role in OFFICIAL else 404)
    if response.status_code == 200:
        assert "9" not in [cell.strip() for cell in response.content.decode().split("<td>")]
        assert b"series-change" not in response.content


def test_the_member_sees_their_wheels_and_the_change(client, world):
    client.force_login(world["people"]["member"])
    response = client.get(_url("mine", world["series"].pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "My life wheel over time" in page
    assert "<title" in page and "<desc" in page and "<caption>" in page
    assert '<td class="series-change">+4</td>' in page  # leisure 5 -> 9
    assert '<td class="series-change">0</td>' in page  # health 3 -> 3
    assert page.count('class="wheel--round-') == 2


def test_the_member_lists_their_series(client, world):
    client.force_login(world["people"]["member"])
    page = client.get(_url("list")).content.decode()
    assert _url("mine", world["series"].pk) in page


def test_a_copy_is_deleted_only_by_its_person(client, world):
    copy = OwnWheel.objects.filter(person=world["people"]["member"]).first()
    for role in ("staff", "admin", "client"):
        client.force_login(world["people"][role])
        assert client.post(_url("delete_own_wheel", copy.pk)).status_code == 404
    assert OwnWheel.objects.filter(pk=copy.pk).exists()
    client.force_login(world["people"]["member"])
    assert client.get(_url("delete_own_wheel", copy.pk)).status_code == 405
    response = client.post(_url("delete_own_wheel", copy.pk))
    assert response.status_code == 302
    assert not OwnWheel.objects.filter(pk=copy.pk).exists()
    assert OwnWheel.objects.filter(person=world["people"]["member"]).count() == 1


def test_the_effect_page_shows_the_change_and_the_csv_downloads(client, world):
    client.force_login(world["people"]["decision_maker"])
    page = client.get(_url("effect", world["series"].pk)).content.decode()
    assert "<h1>The effect of taking part</h1>" in page
    assert '<td class="series-change">+2</td>' in page
    csv = client.get(_url("effect_csv", world["series"].pk))
    assert csv["Content-Type"].startswith("text/csv")
    assert "Asuminen" in csv.content.decode("utf-8-sig")


@pytest.mark.parametrize("role", ["decision_maker", "other_staff", "client", "admin"])
def test_only_region_staff_and_administrators_start_a_round(client, world, role):
    client.force_login(world["people"][role])
    day = timezone.localdate() + timedelta(days=30)
    data = {"opens_on": day.isoformat(), "closes_on": (day + timedelta(days=9)).isoformat()}
    response = client.post(_url("start_round", world["series"].pk), data)
    assert response.status_code == (302 if role == "admin" else 404)
    assert world["series"].rounds.count() == (3 if role == "admin" else 2)


def test_starting_a_round_from_the_page(client, world):
    client.force_login(world["people"]["staff"])
    page = client.get(_url("detail", world["series"].pk)).content.decode()
    assert "Start the next round" in page
    day = timezone.localdate() + timedelta(days=30)
    data = {
        "opens_on": day.isoformat(),
        "closes_on": (day + timedelta(days=9)).isoformat(),
        "publish": "on",
    }
    response = client.post(_url("start_round", world["series"].pk), data)
    assert response.status_code == 302
    third = world["series"].rounds.get(number=3).survey
    assert timezone.localdate(third.opens_at) == day and third.is_published


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"opens_on": "", "closes_on": ""}, "This field is required."),
        ({"opens_on": "2030-02-31", "closes_on": "2030-03-10"}, "Enter a valid date."),
        ({"opens_on": "2030-03-10", "closes_on": "2030-03-01"}, "The last day cannot be before"),
        ({"opens_on": "2099-03-10", "closes_on": "2099-03-11"}, "within the next three years"),
        ({"opens_on": "2000-03-10", "closes_on": "2000-03-11"}, "must open after the previous"),
        ({"opens_on": "x" * 5000, "closes_on": "2030-03-11"}, "Enter a valid date."),
    ],
)
def test_bad_dates_are_refused_and_what_was_typed_stays(client, world, data, message):
    client.force_login(world["people"]["staff"])
    response = client.post(_url("start_round", world["series"].pk), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if data["closes_on"]:
        assert f'value="{data["closes_on"]}"' in page
    assert world["series"].rounds.count() == 2


@pytest.mark.parametrize("page", ["effect", "mine", "list", "detail"])
def test_query_counts_stay_flat(client, page, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = []
    for rounds, respondents in ((2, 5), (5, 40)):
        series, panel, staff = make_series(rounds=rounds)
        person = member(panel)
        for index, round_ in enumerate(series.rounds.order_by("number")):
            add_ratings(round_, [[index, 3, 4, 5]] * respondents)
            keep_copy(person, round_, [[index, 3, 4, 5]])
        viewer = person if page in ("mine", "list") else staff
        urls.append((viewer, _url(page) if page == "list" else _url(page, series.pk)))
    client.force_login(urls[0][0])
    with CaptureQueriesContext(connection) as few:
        assert client.get(urls[0][1]).status_code == 200
    client.force_login(urls[1][0])
    with django_assert_num_queries(len(few)):
        assert client.get(urls[1][1]).status_code == 200


def test_a_rounds_survey_page_links_the_members_own_wheels(client, world):
    series, people = world["series"], world["people"]
    survey = series.rounds.order_by("number").first().survey
    client.force_login(people["member"])
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert reverse("survey_series:mine", args=[series.pk]) in page
