"""A world with public and non-public data side by side, for the open-data API and dump.

Public: a round in Lappi with themes, two ideas (one moved and answered, its response edited
once), an erased idea, a live experiment, practice and impact report, a closed public survey
with five responses (results published) and an open one (results not yet published).

Never public (each carries SECRET in a text field, so a search of any answer finds it):
a panel's round and its idea, a hidden idea, a withdrawn idea, draft pages, an unpublished
survey, a survey for a panel only, and the authors' e-mail addresses.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from cms.experiments.models import ExperimentPage, PracticePage
from cms.models import ImpactReportPage
from ideas.feedback import services
from panels.models import Affiliation, Organisation
from panels.surveys.models import Response
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

SECRET = "SALAINEN"
PRIVATE_EMAIL = "yksityinen.osoite@example.org"


def add_page(model, *, live=True, **fields):
    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(
        instance=model(slug=f"{model.__name__.lower()}-{fields['title'][-1]}", live=False, **fields)
    )
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def public_idea(round_, title, **kwargs):
    return IdeaFactory(round=round_, title=title, **kwargs)


@pytest.fixture
def world(db):
    region = RegionFactory(slug="lappi", name="Lappi")
    other = RegionFactory(slug="karjala", name="Karjala")
    author = UserFactory(email=PRIVATE_EMAIL, display_name="Kirjoittaja")
    decider = UserFactory(decision_maker=True, display_name="Päättäjä")
    region.officials.add(decider)
    organisation = Organisation.objects.create(region=region, name="Lapin hyvinvointialue")
    Affiliation.objects.create(person=decider, organisation=organisation)
    round_ = IdeaRoundFactory(region=region, slug="nuoret-2026", themes=["asuminen"])
    other_round = IdeaRoundFactory(region=other, slug="karjala-2026")
    first = public_idea(round_, "Selkokieliset kirjeet", author=author, themes=["asuminen"])
    second = public_idea(other_round, "Takaisinsoitto", author=author, themes=["tyo"])
    erased = public_idea(round_, f"Poistettu {SECRET} otsikko", author=None)
    erased.erased_at = timezone.now()
    erased.body = f"{SECRET} teksti"
    erased.save()
    response = services.publish_response(
        decider, first, decision="under_consideration", reasons="Selvitämme asian."
    )
    services.edit_response(decider, response, reasons="Selvitämme asian keväällä.")

    panel = PanelFactory(region=region)
    panel_round = IdeaRoundFactory(region=region, panel=panel, slug="raadin-kierros")
    hidden_ones = [
        public_idea(panel_round, f"Raadin {SECRET} idea", author=author),
        public_idea(round_, f"Piilotettu {SECRET}", hidden_at=timezone.now()),
        public_idea(round_, f"Peruttu {SECRET}", withdrawn_at=timezone.now()),
    ]
    # A panel's idea answered and moved: its response and status history stay the panel's.
    services.publish_response(
        decider, hidden_ones[0], decision="under_consideration", reasons=f"{SECRET} vastaus"
    )

    experiment = add_page(
        ExperimentPage, title="Kokeilu A", region=region, starts_on=timezone.localdate()
    )
    practice = add_page(PracticePage, title="Toimintamalli A", region=region)
    report = add_page(ImpactReportPage, title="Raportti A", region=region)
    drafts = [
        add_page(ExperimentPage, title=f"Luonnos {SECRET} B", region=region, live=False),
        add_page(ImpactReportPage, title=f"Luonnos {SECRET} C", live=False),
    ]

    closed = SurveyFactory(region=region, closed=True, title="Suljettu kysely")
    question = QuestionFactory(survey=closed, kind="single_choice", text="Mikä palvelu?")
    ChoiceFactory(question=question, label="Terveysasema")
    for _n in range(5):
        Response.objects.create(survey=closed, respondent=UserFactory())
    open_survey = SurveyFactory(region=region, title="Avoin kysely")
    SurveyFactory(region=region, title=f"Julkaisematon {SECRET}", is_published=False)
    SurveyFactory(region=region, title=f"Raadin {SECRET} kysely", panels=[panel])
    SurveyFactory(
        region=region,
        title=f"Tuleva {SECRET}",
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=9),
    )
    return {
        "region": region,
        "round": round_,
        "ideas": [first, second, erased],
        "hidden": hidden_ones,
        "response": response,
        "pages": [experiment, practice, report],
        "drafts": drafts,
        "closed_survey": closed,
        "open_survey": open_survey,
        "decider": decider,
    }
