"""The anonymous overview comes from the cache, and real saves make it stale at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.frontpage import caching
from ideas.feedback.services import publish_response
from ideas.feedback.statuses import ExperimentStatus, IdeaStatus
from panels.meetings.models import MeetingRoom
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory
from tests.panels.factories import MeetingFactory
from tests.panels.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def page(client):
    return client.get("/en/").content.decode()


def test_a_copy_is_served_until_something_changes(client, world, cached):
    before = caching.generation()
    assert "Uusi kierros" not in page(client)
    # A change the receivers do not hear of (a raw update) stays unseen: the copy is served.
    from ideas.models import IdeaRound

    IdeaRound.objects.filter(pk=world["public_round"].pk).update(title="Uusi kierros")
    assert "Uusi kierros" not in page(client)
    assert caching.generation() == before


@pytest.mark.parametrize(
    "change, shown",
    [
        (
            lambda w: IdeaRoundFactory(region=w["lappi"], title="Uusi kierros", slug="uusi"),
            "Uusi kierros",
        ),
        (lambda w: IdeaFactory(round=w["public_round"]), "ideation · 4 ideas"),
        (lambda w: MeetingFactory(panel=w["panel"], title="Uusi tapaaminen"), "Uusi tapaaminen"),
        (lambda w: SurveyFactory(region=w["lappi"], title="Uusi kysely"), "Uusi kysely"),
    ],
    ids=["round", "idea", "meeting", "survey"],
)
def test_saves_make_the_copy_stale(client, world, cached, change, shown):
    assert shown not in page(client)
    change(world)
    assert shown in page(client)


def test_an_official_response_makes_the_copy_stale(client, world, cached):
    idea = IdeaFactory(round=world["public_round"], title="Vastausta odottava idea")
    assert "Vastausta odottava idea" not in page(client)  # no decision yet
    publish_response(
        world["decider"], idea, decision=IdeaStatus.NOT_TAKEN_FORWARD, reasons="Ei nyt."
    )
    content = page(client)
    assert "Vastausta odottava idea" in content
    assert "not taken forward" in content


def test_hiding_a_round_behind_a_panel_takes_it_off_the_anonymous_copy(client, world, cached):
    round_ = world["public_round"]
    assert "Selkeämmät palvelut" in page(client)
    round_.panel = world["panel"]
    round_.save()
    assert "Selkeämmät palvelut" not in page(client)


def test_a_survey_addressed_to_a_panel_leaves_the_anonymous_copy(client, world, cached):
    survey = SurveyFactory(region=world["lappi"], title="Pian raadin kysely")
    assert "Pian raadin kysely" in page(client)
    survey.panels.add(world["panel"])
    assert "Pian raadin kysely" not in page(client)


def test_opening_a_room_reaches_the_members_at_once(client, world, cached):
    client.force_login(world["member"])
    assert "Raadin kahvila" in page(client)
    MeetingRoom.objects.create(meeting=world["meeting"], opened_at=timezone.now())
    assert page(client).count("Live room open now") == 2


def test_publishing_a_running_experiment(client, world, cached):
    from cms.experiments.models import ExperimentIndexPage, ExperimentPage
    from cms.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = home.add_child(instance=ExperimentIndexPage(title="Experiments", slug="experiments"))
    assert "Kirjepajakokeilu" not in page(client)
    experiment = index.add_child(
        instance=ExperimentPage(
            title="Kirjepajakokeilu",
            slug="kirjepaja",
            region=world["lappi"],
            status=ExperimentStatus.RUNNING,
            live=False,
        )
    )
    assert "Kirjepajakokeilu" not in page(client)
    experiment.save_revision().publish()
    assert "Kirjepajakokeilu" in page(client)
    Page.objects.get(pk=experiment.pk).specific.unpublish()
    assert "Kirjepajakokeilu" not in page(client)


def test_time_alone_ends_a_copy(client, world, settings, cached):
    settings.FRONT_PAGE_CACHE_SECONDS = 0.001
    page(client)
    from ideas.models import IdeaRound

    IdeaRound.objects.filter(pk=world["public_round"].pk).update(
        closes_at=timezone.now() - timedelta(minutes=1),
        evaluation_starts=timezone.now() - timedelta(days=2),
        development_starts=timezone.now() - timedelta(days=3),
        ideation_starts=timezone.now() - timedelta(days=4),
    )
    import time

    time.sleep(0.01)
    assert "Selkeämmät palvelut" not in page(client)
