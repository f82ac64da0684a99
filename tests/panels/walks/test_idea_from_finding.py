"""A walk's finding becomes an idea (ideas.origins.walk_findings): only the region's staff may do it
(everyone else gets a 404, a signed-out visitor a log-in), only in a round of the walk's
region that takes ideas from them, through the same service as any idea, once; the idea
names the walk and the report links the idea."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.models import Idea, Phase
from panels.walks import services
from panels.walks.models import WalkStatus
from tests.factories import RegionFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

from .conftest import ROLES, RUN

pytestmark = pytest.mark.django_db

FINDING = "Kotiutusohjeet annettiin juuri ennen lähtöä."


@pytest.fixture
def finding(walk_world):
    return services.record_finding(
        walk_world.walk,
        walk_world.person("observer"),
        place=walk_world.places[1],
        aspect="encounters",
        text=FINDING,
    )


@pytest.fixture
def open_round(walk_world):
    return IdeaRoundFactory(
        region=walk_world.region,
        phase=Phase.IDEATION,
        title="Potilaan päivä",
        themes=["Kotiutuminen", "Opasteet"],
    )


def url(finding, round_=None):
    address = reverse("ideas:idea_from_finding", args=[finding.pk])
    return f"{address}?round={round_.pk}" if round_ is not None else address


def post(client, finding, round_, **fields):
    data = {"title": "Kotiutusohjeet ajoissa", "body": FINDING, "token": "", **fields}
    return client.post(url(finding, round_), data)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_regions_staff_may_make_an_idea(client, walk_world, finding, open_round, role):
    walk_world.set_status(WalkStatus.PUBLISHED)
    if role != "anonymous":
        client.force_login(walk_world.person(role))
    response = client.get(url(finding))
    if role == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    elif role in RUN:
        assert response.status_code == 200
        assert response.context["form"].initial["title"] == FINDING
        assert FINDING in response.context["form"].initial["body"]
    else:
        assert response.status_code == 404
    if role not in RUN:
        assert post(client, finding, open_round).status_code in (302, 404)
        assert not Idea.objects.exists()


def test_only_open_rounds_of_the_walks_region_are_offered(client, walk_world, finding, open_round):
    IdeaRoundFactory(region=walk_world.region, phase=Phase.DEVELOPMENT)
    other = IdeaRoundFactory(region=RegionFactory(), phase=Phase.IDEATION)
    client.force_login(walk_world.person("staff_same_region"))
    page = client.get(url(finding))
    assert page.context["rounds"] == [open_round] and page.context["round"] == open_round
    refused = post(client, finding, other)
    assert refused.status_code == 200 and refused.context["round"] is None
    assert not Idea.objects.exists()


def test_without_an_open_round_the_page_says_so(client, walk_world, finding):
    client.force_login(walk_world.person("staff_same_region"))
    page = client.get(url(finding))
    assert page.status_code == 200 and page.context["rounds"] == [] and "form" not in page.context


def test_one_action_posts_the_idea_once_and_it_links_back(client, walk_world, finding, open_round):
    staff = walk_world.person("staff_same_region")
    client.force_login(staff)
    theme = open_round.themes.get(name="Kotiutuminen")
    response = post(client, finding, open_round, themes=[theme.pk])
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.walk_finding == finding and idea.author == staff and idea.round == open_round
    # Once only: the address now leads to the idea, and posting again makes nothing.
    again = client.get(url(finding))
    assert again.status_code == 302 and again["Location"] == idea.get_absolute_url()
    assert post(client, finding, open_round).status_code == 302
    assert Idea.objects.count() == 1
    # The report links the idea and offers no second one.
    report = client.get(reverse("panels:walk_report", args=[walk_world.walk.pk]))
    content = report.content.decode()
    assert idea.get_absolute_url() in content and url(finding) not in content


def test_the_report_offers_the_action_to_staff_only(client, walk_world, finding, open_round):
    walk_world.set_status(WalkStatus.PUBLISHED)
    report = reverse("panels:walk_report", args=[walk_world.walk.pk])
    client.force_login(walk_world.person("staff_same_region"))
    assert url(finding) in client.get(report).content.decode()
    client.force_login(walk_world.person("observer"))
    assert url(finding) not in client.get(report).content.decode()


@pytest.fixture
def idea(finding, open_round):
    made = IdeaFactory(round=open_round, title="Kotiutus")
    made.walk_finding = finding
    made.save()
    return made


@pytest.mark.parametrize("role", ROLES)
def test_the_idea_page_names_the_walk_and_links_the_report_for_its_readers(
    client, walk_world, idea, role
):
    if role != "anonymous":
        client.force_login(walk_world.person(role))
    content = client.get(idea.get_absolute_url()).content.decode()
    assert walk_world.walk.title in content and "Keski-Suomi" in content
    report = reverse("panels:walk_report", args=[walk_world.walk.pk])
    assert (report in content) is (role in {"observer", "observer_client", *RUN})


def test_the_origin_line_adds_no_query_for_a_visitor(client, walk_world, idea, open_round):
    plain = IdeaFactory(round=open_round, title="Tavallinen idea")
    walk_world.set_status(WalkStatus.PUBLISHED)
    counts = []
    for shown in (plain, idea):
        client.get(shown.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            client.get(shown.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]
