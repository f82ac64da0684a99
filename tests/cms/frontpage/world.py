"""A small forum with something happening: a public and a panel's round, a decision, an
implemented idea, a meeting with its live room open, a public and a panel's survey."""

from datetime import timedelta

from django.utils import timezone

from cms.frontpage.models import RegionHomePage
from cms.models import HomePage
from ideas.feedback.services import change_status, publish_response
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Phase
from panels.meetings.models import MeetingRoom
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory
from tests.panels.factories import MeetingFactory
from tests.panels.surveys.factories import SurveyFactory


def build_world():
    lappi = RegionFactory(name="Lappi", slug="lappi")
    kainuu = RegionFactory(name="Kainuu", slug="kainuu")
    panel = PanelFactory(region=lappi, name="Nuorten raati", slug="nuorten-raati")
    member = UserFactory(display_name="Raatilainen")
    MembershipFactory(panel=panel, person=member)
    outsider = UserFactory(display_name="Ulkopuolinen")
    decider = UserFactory(decision_maker=True, display_name="Päättäjä")
    lappi.officials.add(decider)

    public_round = IdeaRoundFactory(
        region=lappi, title="Selkeämmät palvelut", slug="selkeammat", phase=Phase.IDEATION
    )
    IdeaRoundFactory(region=lappi, title="Suljettu kierros", slug="suljettu", phase=Phase.CLOSED)
    kainuu_round = IdeaRoundFactory(
        region=kainuu, title="Kainuun kierros", slug="kainuu", phase=Phase.DEVELOPMENT
    )
    panel_round = IdeaRoundFactory(
        region=lappi,
        panel=panel,
        title="Raadin oma kierros",
        slug="raadin-oma",
        phase=Phase.IDEATION,
    )
    answered = IdeaFactory(round=public_round, title="Selkokieliset kirjeet")
    IdeaFactory(round=public_round, title="Ilta-aukiolo")
    done = IdeaFactory(round=public_round, title="Yksi yhteinen suunnitelma")
    IdeaFactory(round=kainuu_round, title="Kainuun idea")
    secret = IdeaFactory(round=panel_round, title="Raadin salainen idea")

    publish_response(
        decider, answered, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Selvitämme asian."
    )
    publish_response(
        decider, secret, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Raadille vastaus."
    )
    for status in (
        IdeaStatus.UNDER_CONSIDERATION,
        IdeaStatus.IN_DEVELOPMENT,
        IdeaStatus.IMPLEMENTED,
    ):
        change_status(decider, done, status, explanation="Eteni.")

    meeting = MeetingFactory(panel=panel, title="Raadin kahvila")
    live = MeetingFactory(
        panel=panel,
        title="Raadin livehetki",
        starts_at=timezone.now() - timedelta(minutes=30),
    )
    MeetingRoom.objects.create(meeting=live, opened_at=timezone.now())

    SurveyFactory(region=lappi, title="Kaikkien kysely")
    panel_survey = SurveyFactory(region=lappi, title="Raadin kysely")
    panel_survey.panels.add(panel)
    SurveyFactory(region=lappi, title="Suljettu kysely", closed=True)

    return {
        "lappi": lappi,
        "kainuu": kainuu,
        "panel": panel,
        "member": member,
        "outsider": outsider,
        "decider": decider,
        "public_round": public_round,
        "meeting": meeting,
    }


def add_region_page(region, language="en"):
    home = HomePage.objects.get(locale__language_code=language)
    page = home.add_child(
        instance=RegionHomePage(
            title=f"Kohtaamo: {region.name}",
            slug=region.slug,
            region=region,
            lead="Alueen oma etusivu.",
        )
    )
    page.save_revision().publish()
    return page


# What only the panel's people may see on the front page.
PANEL_ONLY = ("Raadin oma kierros", "Raadin salainen idea", "Raadin kysely", "Live room open now")
