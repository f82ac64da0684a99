"""Municipalities in the ideas app: a round's municipality is of its region; the rounds list,
the region's public feedback page and the response-time dashboard filter by municipality (the
whole region's items included, marked); the feedback form offers municipalities; official
responses are given "on behalf of" the responder's organisation, frozen when published."""

import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from ideas.feedback import services as feedback_services
from ideas.feedback.models import OfficialResponse
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Phase
from ideas.service_feedback.models import Feedback, Status
from panels.models import Affiliation
from tests.factories import ServiceAreaFactory, UserFactory
from tests.ideas.feedback.test_dashboard import PAGE_QUERIES
from tests.panels.places.conftest import Places
from tests.panels.places.factories import OrganisationFactory

from .factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

ROUNDS = "/en/rounds/"
DASHBOARD = reverse("ideas:response_dashboard")
# Measured; the same at both sizes is the point: the session and the user, the header's
# notification count, the municipality select, whether the viewer moderates or sees the
# dashboard, and one query for the rounds with their counts.
ROUND_LIST_QUERIES = 7


@pytest.fixture
def places(db):
    return Places()


@pytest.fixture
def rounds(places):
    """A round in Rovaniemi, one in Utsjoki, one of the whole of Lapland, one in Joensuu."""
    return {
        "rovaniemi": IdeaRoundFactory(
            region=places.lapland, municipality=places.rovaniemi, title="Rovaniemen kierros"
        ),
        "utsjoki": IdeaRoundFactory(
            region=places.lapland, municipality=places.utsjoki, title="Utsjoen kierros"
        ),
        "lapland": IdeaRoundFactory(region=places.lapland, title="Koko Lapin kierros"),
        "joensuu": IdeaRoundFactory(
            region=places.karelia, municipality=places.joensuu, title="Joensuun kierros"
        ),
    }


def _shown(response):
    return {r.title for _heading, rounds in response.context["sections"] for r in rounds}


# --- A round's municipality ---------------------------------------------------------------


def test_a_rounds_municipality_is_of_its_region(places):
    round_ = IdeaRoundFactory(region=places.lapland, municipality=places.joensuu)
    with pytest.raises(ValidationError) as refused:
        round_.full_clean()
    assert "municipality" in refused.value.error_dict
    round_.municipality = places.utsjoki
    round_.full_clean()


def test_the_round_admin_offers_the_staffs_regions_municipalities(client, places):
    client.force_login(places.staff)
    page = client.get("/admin/idea_rounds/new/").content.decode()
    assert 'name="municipality"' in page
    assert "Rovaniemi" in page and "Joensuu" not in page


# --- The rounds list ----------------------------------------------------------------------


def test_the_rounds_list_shows_everything_without_a_filter(client, rounds):
    response = client.get(ROUNDS)
    assert _shown(response) == {r.title for r in rounds.values()}
    assert response.context["municipality"] is None


def test_filtering_rounds_by_municipality_includes_the_whole_regions(client, places, rounds):
    response = client.get(ROUNDS, {"municipality": places.rovaniemi.pk})
    assert _shown(response) == {"Rovaniemen kierros", "Koko Lapin kierros"}
    html = response.content.decode()
    assert "whole region" in html  # the region-wide round is marked
    assert "Showing Rovaniemi and, marked “whole region”" in html
    response = client.get(ROUNDS, {"municipality": places.joensuu.pk})
    assert _shown(response) == {"Joensuun kierros"}


def test_an_unknown_municipality_is_said_and_nothing_is_filtered(client, rounds):
    response = client.get(ROUNDS, {"municipality": "999999"})
    assert response.status_code == 200
    assert _shown(response) == {r.title for r in rounds.values()}
    html = response.content.decode()
    assert 'id="id_municipality-error"' in html and 'aria-invalid="true"' in html


def test_the_municipality_select_is_grouped_by_region(client, rounds):
    html = client.get(ROUNDS).content.decode()
    assert '<optgroup label="Lappi">' in html and '<optgroup label="Pohjois-Karjala">' in html


@pytest.mark.parametrize("size", [2, 20])
def test_the_rounds_list_costs_the_same_whatever_its_size(
    client, places, size, django_assert_num_queries
):
    for n in range(size):
        IdeaFactory(
            round=IdeaRoundFactory(
                region=places.lapland, municipality=places.rovaniemi if n % 2 else None
            )
        )
    client.force_login(UserFactory())
    with django_assert_num_queries(ROUND_LIST_QUERIES):
        response = client.get(ROUNDS, {"municipality": places.rovaniemi.pk})
    assert len(_shown(response)) == size


# --- Spontaneous feedback -----------------------------------------------------------------


def _give(places, area, **fields):
    return {
        "region": places.lapland.slug,
        "service_area": area.pk,
        "what_happened": "Jonotin puhelimessa tunnin eikä kukaan vastannut.",
        "what_would_be_better": "",
        "client_group": "",
        "municipality": "",
        "reply_email": "",
        "token": str(uuid.uuid4()),
        **fields,
    }


def test_the_feedback_form_offers_municipalities_optionally(client, places):
    area = ServiceAreaFactory(region=places.lapland, name="Sosiaalipalvelut")
    page = client.get("/en/feedback/").content.decode()
    assert 'name="municipality"' in page and '<optgroup label="Lappi">' in page
    client.post("/en/feedback/", _give(places, area))
    assert Feedback.objects.get().municipality is None
    client.post("/en/feedback/", _give(places, area, municipality=places.utsjoki.pk))
    assert Feedback.objects.filter(municipality=places.utsjoki).count() == 1


def test_feedback_on_another_regions_municipality_is_refused_and_kept(client, places):
    area = ServiceAreaFactory(region=places.lapland)
    response = client.post("/en/feedback/", _give(places, area, municipality=places.joensuu.pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert "Choose a municipality of Lappi." in form.errors["municipality"]
    assert form["what_happened"].value().startswith("Jonotin")
    assert not Feedback.objects.exists()


def _published(places, area, municipality, text):
    return Feedback.objects.create(
        region=places.lapland,
        service_area=area,
        municipality=municipality,
        what_happened=text,
        status=Status.ANSWERED,
        answer="Kiitos.",
        answered_at=timezone.now(),
        publish=True,
    )


def test_the_public_feedback_page_filters_by_municipality(client, places):
    area = ServiceAreaFactory(region=places.lapland)
    _published(places, area, places.rovaniemi, "Rovaniemellä")
    _published(places, area, None, "Ei kuntaa")
    _published(places, area, places.utsjoki, "Utsjoella")
    url = f"/en/feedback/regions/{places.lapland.slug}/"
    page = client.get(url)
    assert {item.what_happened for item in page.context["items"]} == {
        "Rovaniemellä",
        "Ei kuntaa",
        "Utsjoella",
    }
    assert "Joensuu" not in page.content.decode()  # only the region's municipalities
    page = client.get(url, {"municipality": places.rovaniemi.pk})
    assert {item.what_happened for item in page.context["items"]} == {"Rovaniemellä", "Ei kuntaa"}
    assert "no municipality given" in page.content.decode()
    # Another region's municipality is not a choice here.
    page = client.get(url, {"municipality": places.joensuu.pk})
    assert len(page.context["items"]) == 3
    assert 'aria-describedby="id_municipality-error"' in page.content.decode()


# --- The response-time dashboard ----------------------------------------------------------


def test_the_dashboard_filters_ideas_by_municipality(client, places, rounds):
    for round_ in rounds.values():
        IdeaFactory(round=round_)
    client.force_login(UserFactory(administrator=True))
    response = client.get(DASHBOARD, {"municipality": places.rovaniemi.pk})
    assert response.status_code == 200
    assert {r.title for r, _figures in response.context["round_rows"]} == {
        "Rovaniemen kierros",
        "Koko Lapin kierros",
    }
    assert [region.name for region, _figures in response.context["region_rows"]] == ["Lappi"]
    assert sum(f.waiting for _r, f in response.context["region_rows"]) == 2
    assert response.context["municipality"] == places.rovaniemi


def test_the_dashboard_offers_the_chosen_regions_municipalities_or_all_grouped(
    client, places, rounds
):
    client.force_login(UserFactory(administrator=True))
    html = client.get(DASHBOARD).content.decode()
    assert '<optgroup label="Lappi">' in html and '<optgroup label="Pohjois-Karjala">' in html
    html = client.get(DASHBOARD, {"region": places.karelia.pk}).content.decode()
    assert ">Joensuu<" in html and ">Rovaniemi<" not in html


def test_a_municipality_outside_the_chosen_region_is_an_error(client, places, rounds):
    client.force_login(UserFactory(administrator=True))
    response = client.get(
        "/en" + DASHBOARD, {"region": places.karelia.pk, "municipality": places.rovaniemi.pk}
    )
    assert response.status_code == 200
    assert "That municipality is not in the chosen region." in response.content.decode()


def test_a_municipality_outside_the_viewers_regions_does_not_exist(client, places, rounds):
    client.force_login(places.staff)
    assert client.get(DASHBOARD, {"municipality": places.rovaniemi.pk}).status_code == 200
    assert client.get(DASHBOARD, {"municipality": places.joensuu.pk}).status_code == 404


@pytest.mark.parametrize("size", [1, 10])
def test_the_filtered_dashboard_costs_the_same(client, places, size, django_assert_num_queries):
    for n in range(size):
        round_ = IdeaRoundFactory(
            region=places.lapland, municipality=places.rovaniemi if n % 2 else None
        )
        IdeaFactory(round=round_)
    client.force_login(UserFactory(administrator=True))
    client.get(DASHBOARD)  # warm the per-process caches
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(DASHBOARD, {"municipality": places.rovaniemi.pk})
    assert len(response.context["round_rows"]) == size


# --- On behalf of -------------------------------------------------------------------------


@pytest.fixture
def idea(places):
    return IdeaFactory(round=IdeaRoundFactory(region=places.lapland, phase=Phase.DEVELOPMENT))


def _publish(person, idea, reasons="Selvitämme asian."):
    return feedback_services.publish_response(
        person, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons=reasons
    )


def test_a_response_is_given_on_behalf_of_the_responders_organisation(client, places, idea):
    Affiliation.objects.create(person=places.decision_maker, organisation=places.social)
    response = _publish(places.decision_maker, idea)
    assert response.on_behalf_of == places.social
    with translation.override("en"):
        url = idea.get_absolute_url()
    page = client.get(url).content.decode()
    assert "on behalf of Rovaniemen sosiaalipalvelut" in page


def test_on_behalf_of_is_frozen_when_published(places, idea):
    affiliation = Affiliation.objects.create(
        person=places.decision_maker, organisation=places.social
    )
    first = _publish(places.decision_maker, idea)
    # A change of job rewrites no earlier response; an edit keeps it too.
    affiliation.organisation = OrganisationFactory(region=places.lapland, name="Lapin yliopisto")
    affiliation.save()
    feedback_services.edit_response(places.decision_maker, first, reasons="Selvitämme pian.")
    first.refresh_from_db()
    assert first.on_behalf_of == places.social and first.versions.count() == 1
    second = feedback_services.publish_response(
        places.decision_maker, idea, decision=IdeaStatus.IN_DEVELOPMENT, reasons="Kehitetään."
    )
    assert second.on_behalf_of.name == "Lapin yliopisto"


def test_no_organisation_without_an_affiliation_in_the_ideas_region(places, idea):
    assert _publish(places.decision_maker, idea).on_behalf_of is None
    # An organisation of another region does not speak for this region's idea.
    places.karelia.officials.add(places.decision_maker)
    Affiliation.objects.create(person=places.decision_maker, organisation=places.ohjaamo)
    assert _publish(places.decision_maker, idea, "Toinen").on_behalf_of is None


def test_on_behalf_of_costs_no_query_per_response(client, places, idea):
    Affiliation.objects.create(person=places.decision_maker, organisation=places.social)
    with translation.override("en"):
        url = idea.get_absolute_url()
    counts = []
    for size in (1, 10):
        while OfficialResponse.objects.filter(idea=idea).count() < size:
            _publish(places.decision_maker, idea, f"Vastaus {timezone.now()}")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        counts.append(len(queries))
        assert page.content.decode().count("on behalf of Rovaniemen sosiaalipalvelut") == size
    assert counts[0] == counts[1]


def test_the_demo_has_lapland_rounds_in_municipalities_and_responses_on_behalf(settings):
    from django.core.management import call_command

    from ideas.models import IdeaRound

    settings.DEBUG = False
    for _run in range(2):
        call_command("seed_demo", stdout=io.StringIO())
        assert IdeaRound.objects.get(slug="odotusajat-lyhyemmiksi").municipality.name == (
            "Rovaniemi"
        )
        assert IdeaRound.objects.get(slug="kehittajakahvilat-2025").municipality is None
        given = OfficialResponse.objects.filter(
            idea__round__region__slug="lappi", on_behalf_of__isnull=False
        )
        assert given.exists()
        assert {
            r.on_behalf_of.region.slug for r in given.select_related("on_behalf_of__region")
        } == {"lappi"}


def test_the_responders_data_export_says_on_whose_behalf(places, idea):
    from accounts.privacy.export import collect_sections

    Affiliation.objects.create(person=places.decision_maker, organisation=places.social)
    _publish(places.decision_maker, idea)
    section = next(
        s for s in collect_sections(places.decision_maker) if s.key == "official_responses"
    )
    assert section.rows[0]["on_behalf_of"] == "Rovaniemen sosiaalipalvelut"
