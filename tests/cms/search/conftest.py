"""A small world to search: every kind of thing, each with a public and a hidden twin that
share the word "kirjasto", so that whatever leaks shows up in the results."""

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.experiments.models import (
    ExperimentIndexPage,
    ExperimentPage,
    PracticeIndexPage,
    PracticePage,
)
from cms.models import ContentPage, HomePage, ImpactReportIndexPage, ImpactReportPage
from ideas.models import PageDiscussion
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory

WORD = "kirjasto"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_private(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def home(demo_pages):
    return HomePage.objects.get(locale__language_code="fi")


@pytest.fixture
def region(db):
    return RegionFactory(name="Lappi", slug="lappi")


@pytest.fixture
def world(home, region):
    """Public and hidden things of every kind, by title."""
    panel = PanelFactory(region=region, name="Nuorten raati")
    member = MembershipFactory(panel=panel).person
    public_round = IdeaRoundFactory(
        region=region,
        title="Kirjasto kaikille",
        description="Ideoita kirjastoon.",
        themes=["Kulttuuri"],
    )
    panel_round = IdeaRoundFactory(
        region=region, panel=panel, title="Raadin kirjasto", themes=["Salaisuus"]
    )
    idea = IdeaFactory(
        round=public_round,
        title="Kirjasto auki iltaisin",
        body="Kirjasto voisi olla auki.",
        themes=["Kulttuuri"],
    )
    panel_idea = IdeaFactory(round=panel_round, title="Raadin oma kirjasto-idea")
    hidden_idea = IdeaFactory(
        round=public_round,
        title="Piilotettu kirjasto-idea",
        hidden_at=timezone.now(),
        hidden_reason="Asiaton.",
    )
    # Its comment is not hidden itself: the idea hides it.
    CommentFactory(idea=hidden_idea, body="Piilotettu-idean kirjasto-kommentti.")
    IdeaFactory(round=public_round, title="Peruttu kirjasto-idea", withdrawn_at=timezone.now())
    comment = CommentFactory(idea=idea, body="Kirjasto on tärkeä paikka.")
    CommentFactory(idea=idea, body="Piilotettu kirjasto-kommentti.", hidden_at=timezone.now())
    CommentFactory(idea=idea, body="Poistettu kirjasto-kommentti.", deleted_at=timezone.now())
    CommentFactory(idea=panel_idea, body="Raadin kirjasto-kommentti.")

    experiments = home.add_child(instance=ExperimentIndexPage(title="Kokeilut", slug="kokeilut"))
    practices = home.add_child(instance=PracticeIndexPage(title="Mallit", slug="mallit"))
    reports = home.add_child(instance=ImpactReportIndexPage(title="Raportit", slug="raportit"))

    def page(parent, model, title, **fields):
        slug = f"{model.__name__.lower()}-{model.objects.count()}"
        return parent.add_child(instance=model(title=title, slug=slug, live=False, **fields))

    experiment = publish(
        page(experiments, ExperimentPage, "Kirjastokokeilu", region=region, summary="Kirjasto.")
    )
    experiment.themes.add("Kulttuuri")
    publish(experiment)
    page(experiments, ExperimentPage, "Luonnos kirjasto-kokeilu", summary="Kirjasto.")
    private_experiment = make_private(
        publish(page(experiments, ExperimentPage, "Yksityinen kirjasto-kokeilu", region=region))
    )
    # The region's staff moderate a restricted page's discussion; the search still lists
    # none of it.
    CommentFactory(
        idea=None,
        discussion=PageDiscussion.objects.get(page=private_experiment),
        body="Yksityinen kirjasto-keskustelu.",
    )
    practice = publish(
        page(practices, PracticePage, "Kirjastomalli", region=region, summary="Kirjasto.")
    )
    page(practices, PracticePage, "Luonnos kirjasto-malli", summary="Kirjasto.")
    make_private(publish(page(practices, PracticePage, "Yksityinen kirjasto-malli")))
    content = publish(page(home, ContentPage, "Kirjasto-opas", lead="Näin kirjasto toimii."))
    page(home, ContentPage, "Luonnos kirjasto-sivu", lead="Kirjasto.")
    make_private(publish(page(home, ContentPage, "Yksityinen kirjasto-sivu", lead="Kirjasto.")))
    report = publish(
        page(reports, ImpactReportPage, "Kirjastoraportti", region=region, intro="Kirjasto.")
    )
    page(reports, ImpactReportPage, "Luonnos kirjasto-raportti", intro="Kirjasto.")
    make_private(publish(page(reports, ImpactReportPage, "Yksityinen kirjasto-raportti")))
    return {
        "region": region,
        "panel": panel,
        "member": member,
        "public": {
            "round": public_round,
            "idea": idea,
            "comment": comment,
            "experiment": experiment,
            "practice": practice,
            "page": content,
            "impact-report": report,
        },
        "panel_round": panel_round,
        "panel_idea": panel_idea,
    }


@pytest.fixture
def viewers(world):
    """Who searches. Those in PANEL_INSIDERS may see the panel's round; nobody may see the
    hidden, withdrawn, deleted, draft or restricted things."""
    elsewhere = RegionFactory(name="Kainuu", slug="kainuu")
    staff, other_staff = UserFactory(staff=True), UserFactory(staff=True)
    decision_maker = UserFactory(decision_maker=True)
    world["region"].officials.add(staff)
    elsewhere.officials.add(other_staff, decision_maker)
    return {
        "anonymous": None,
        "member": world["member"],
        "non-member": UserFactory(),
        "expert": UserFactory(expert=True),
        "staff of the region": staff,
        "staff of another region": other_staff,
        "decision-maker of another region": decision_maker,
        "administrator": UserFactory(administrator=True),
    }


PANEL_INSIDERS = {"member", "staff of the region", "administrator"}


@pytest.fixture
def swedish_home(home):
    return HomePage.objects.get(locale=Locale.objects.get(language_code="sv"))
