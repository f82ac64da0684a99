"""The walks demo: Central Finland's ward walk with two observers, a dozen findings across
places and aspects, its published report, and one finding that became an idea."""

import pytest
from django.core.management import call_command

from ideas.demo import seed_walk_idea
from ideas.models import Idea, Phase
from panels.walks.demo import FINDING_FOR_IDEA, WALK_TITLE, seed_walks
from panels.walks.models import Finding, Walk, WalkStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = False
    call_command("seed_demo")


def test_the_ward_walk_has_two_observers_and_its_report(seeded, client):
    walk = Walk.objects.get(title=WALK_TITLE)
    assert walk.template.region.slug == "keski-suomi"
    assert walk.status == WalkStatus.PUBLISHED and walk.report_summary
    assert [place.name for place in walk.template.places.all()] == [
        "Sisäänkäynti ja aula",
        "Ilmoittautuminen",
        "Odotustila",
        "Osaston käytävä",
        "Potilashuone",
        "Kotiutus",
    ]
    roles = sorted(walk.observers.values_list("role", flat=True))
    assert roles == ["expert_by_experience", "staff"]
    findings = Finding.objects.filter(walk=walk)
    assert findings.count() >= 12
    assert set(findings.values_list("observer__role", flat=True)) == set(roles)
    assert len(set(findings.values_list("place", flat=True))) == 6
    assert len(set(findings.values_list("aspect", flat=True))) >= 4
    page = client.get(f"/panels/walks/{walk.pk}/report/")
    assert page.status_code == 200 and "Päivä elämässä" in page.content.decode()


def test_one_finding_became_an_idea_in_an_open_round_of_the_region(seeded, client):
    idea = Finding.objects.get(text=FINDING_FOR_IDEA).idea
    assert idea.round.region.slug == "keski-suomi" and idea.round.phase == Phase.IDEATION
    assert idea.author.email == "osallisuus@kohtaamo.example"
    assert Idea.objects.filter(walk_finding__isnull=False).count() == 1
    assert WALK_TITLE in client.get(idea.get_absolute_url()).content.decode()


def test_seeding_again_changes_nothing(seeded):
    counts = (Walk.objects.count(), Finding.objects.count(), Idea.objects.count())
    seed_walks()
    seed_walk_idea()
    assert (Walk.objects.count(), Finding.objects.count(), Idea.objects.count()) == counts


def test_the_walks_seed_skips_without_the_panels_seed():
    assert seed_walks() == []
    assert seed_walk_idea() is None
