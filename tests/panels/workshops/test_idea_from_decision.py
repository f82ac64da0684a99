"""A workshop's decision becomes an idea (ideas.origins.decisions): only those who run the workshop
may do it (everyone else gets a 404), only in a round of the panel's region that takes ideas
from them, through the same service as any idea; the idea links back to the workshop, and
the booklet link shows only to those who may read the booklet."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.models import Idea, Phase
from panels.workshops import services
from tests.factories import PanelFactory, RegionFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

from .conftest import RUN, WORKSHOP_ROLES

pytestmark = pytest.mark.django_db

DECISION = "Jokaiselle nuorelle nimetään yksi vastuutyöntekijä, joka pysyy mukana."


@pytest.fixture
def decision(workshop_world):
    return services.add_decision(
        workshop_world.workshop,
        workshop_world.person("facilitator"),
        text=DECISION,
        board=workshop_world.network,
    )


@pytest.fixture
def open_round(workshop_world):
    return IdeaRoundFactory(
        region=workshop_world.panel.region,
        phase=Phase.IDEATION,
        title="Nuorten palvelut",
        themes=["Palveluohjaus", "Asuminen"],
    )


@pytest.fixture
def closed_rounds(workshop_world):
    """Rounds that are not offered: in development, in another region, of another panel."""
    region = workshop_world.panel.region
    return [
        IdeaRoundFactory(region=region, phase=Phase.DEVELOPMENT, title="Kehitysvaihe"),
        IdeaRoundFactory(region=RegionFactory(), phase=Phase.IDEATION, title="Muu alue"),
        IdeaRoundFactory(
            region=region,
            panel=PanelFactory(region=region),
            phase=Phase.IDEATION,
            title="Toisen raadin kierros",
        ),
    ]


def url(decision, round_=None):
    address = reverse("ideas:idea_from_decision", args=[decision.pk])
    return f"{address}?round={round_.pk}" if round_ is not None else address


def post(client, decision, round_, **fields):
    data = {"title": "Yksi vastuutyöntekijä nuorille", "body": DECISION, "token": "", **fields}
    return client.post(url(decision, round_), data)


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_only_those_who_run_the_workshop_may_make_an_idea(
    client, workshop_world, decision, open_round, role
):
    if role != "anonymous":
        client.force_login(workshop_world.person(role))
    response = client.get(url(decision))
    if role == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    elif role in RUN:
        assert response.status_code == 200
        assert "Yksi vastuutyöntekijä" not in response.content.decode()
        assert DECISION in response.content.decode()
    else:
        assert response.status_code == 404
    if role not in RUN:
        response = post(client, decision, open_round)
        assert response.status_code in (302, 404) and not Idea.objects.exists()


def test_a_missing_decision_is_a_404(client, workshop_world, decision):
    client.force_login(workshop_world.person("facilitator"))
    assert (
        client.get(reverse("ideas:idea_from_decision", args=[decision.pk + 1])).status_code == 404
    )


def test_only_open_rounds_of_the_region_where_the_person_may_post_are_offered(
    client, workshop_world, decision, open_round, closed_rounds
):
    client.force_login(workshop_world.person("staff_same_region"))
    page = client.get(url(decision))
    assert page.context["rounds"] == [open_round]
    # One round: nothing to choose, the form is for it, prefilled from the decision.
    assert page.context["round"] == open_round
    form = page.context["form"]
    assert form.initial["body"] == DECISION and form.initial["title"] == DECISION[:140]
    assert set(form.fields["themes"].queryset.values_list("name", flat=True)) == {
        "Palveluohjaus",
        "Asuminen",
    }
    for round_ in closed_rounds:
        response = post(client, decision, round_)
        assert response.status_code == 200 and response.context["round"] is None
    assert not Idea.objects.exists()


def test_with_two_rounds_the_round_is_chosen_first(client, workshop_world, decision, open_round):
    second = IdeaRoundFactory(region=workshop_world.panel.region, phase=Phase.IDEATION)
    client.force_login(workshop_world.person("facilitator"))
    page = client.get(url(decision))
    assert page.context["round"] is None and 'name="title"' not in page.content.decode()
    assert 'name="round"' in page.content.decode()
    assert {round_.pk for round_ in page.context["rounds"]} == {open_round.pk, second.pk}
    page = client.get(url(decision, second))
    assert page.context["round"] == second


def test_without_an_open_round_the_page_says_so(client, workshop_world, decision, closed_rounds):
    client.force_login(workshop_world.person("facilitator"))
    page = client.get(url(decision))
    assert page.status_code == 200 and page.context["rounds"] == []
    assert "form" not in page.context


def test_posting_makes_the_idea_through_the_service_and_links_back(
    client, workshop_world, decision, open_round
):
    runner = workshop_world.person("workshop_facilitator")
    client.force_login(runner)
    theme = open_round.themes.get(name="Palveluohjaus")
    response = post(client, decision, open_round, themes=[theme.pk])
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.workshop_decision == decision and idea.round == open_round
    assert idea.author == runner and idea.title == "Yksi vastuutyöntekijä nuorille"
    assert list(idea.themes.values_list("name", flat=True)) == ["Palveluohjaus"]
    # A second time, the address leads to the idea.
    again = client.get(url(decision))
    assert again.status_code == 302 and again["Location"] == idea.get_absolute_url()
    assert post(client, decision, open_round).status_code == 302
    assert Idea.objects.count() == 1


def test_personal_details_are_asked_about_first(client, workshop_world, decision, open_round):
    client.force_login(workshop_world.person("facilitator"))
    body = "Soittakaa numeroon 040 123 4567."
    page = post(client, decision, open_round, body=body)
    assert page.status_code == 200 and not Idea.objects.exists()
    assert page.context["form"].personal_details is not None
    assert post(client, decision, open_round, body=body, confirm_personal="on").status_code == 302
    assert Idea.objects.get().shared_despite_warning


@pytest.fixture
def idea(workshop_world, decision, open_round):
    made = IdeaFactory(round=open_round, title="Vastuutyöntekijä")
    made.workshop_decision = decision
    made.save()
    return made


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_the_idea_page_names_the_workshop_and_links_the_booklet_only_for_its_readers(
    client, workshop_world, idea, role
):
    if role != "anonymous":
        client.force_login(workshop_world.person(role))
    page = client.get(idea.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    workshop = workshop_world.workshop
    assert workshop.title in content and workshop.panel.name in content
    booklet = reverse("panels:workshop_booklet", args=[workshop.pk])
    may_read = role not in ("anonymous", "outsider", "applicant", "staff_other_region")
    assert (booklet in content) is may_read


def test_the_origin_line_adds_no_query_for_a_visitor(client, workshop_world, idea, open_round):
    plain = IdeaFactory(round=open_round, title="Tavallinen idea")
    counts = []
    for shown in (plain, idea):
        client.get(shown.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            client.get(shown.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]
