""" "My impact": a person's own contributions and what became of them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from ideas.feedback import services as responses
from ideas.feedback.models import Citation
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Comment, Idea, Phase, Support
from panels.surveys.models import ResultsVisibility
from panels.surveys.services import submit_response
from tests.factories import UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory, SupportFactory
from tests.panels.surveys.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

URL = "/en/my-impact/"


@pytest.fixture
def official(region):
    person = UserFactory(decision_maker=True)
    region.officials.add(person)
    return person


@pytest.fixture
def round_(region):
    return IdeaRoundFactory(region=region, phase=Phase.DEVELOPMENT)


def test_signing_in_first(client):
    page = client.get(URL)
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_what_became_of_everything_i_gave(client, round_, official, demo_pages):
    me = UserFactory(display_name="Minä")
    answered = IdeaFactory(round=round_, author=me, title="Vastattu idea")
    implemented = IdeaFactory(round=round_, author=me, title="Toteutunut idea")
    IdeaFactory(round=round_, author=me, title="Odottava idea")
    IdeaFactory(round=round_, title="Jonkun muun idea")  # not mine
    theirs = IdeaFactory(round=round_, title="Idea jota kommentoin")
    supported = IdeaFactory(round=round_, title="Idea jota tuin")
    hidden = IdeaFactory(round=round_, title="Piilotettu idea", hidden_at=timezone.now())
    CommentFactory(idea=theirs, author=me, body="Hyvä ajatus!")
    CommentFactory(idea=hidden, author=me, body="Tätä ei näy")
    SupportFactory(idea=supported, person=me)

    responses.publish_response(
        official, answered, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Selvitetään."
    )
    for status in (
        IdeaStatus.UNDER_CONSIDERATION,
        IdeaStatus.IN_DEVELOPMENT,
        IdeaStatus.IMPLEMENTED,
    ):
        responses.change_status(official, implemented, status, explanation="Eteenpäin.")
    responses.publish_response(
        official, implemented, decision=IdeaStatus.IMPLEMENTED, reasons="Valmis."
    )
    responses.publish_response(
        official, theirs, decision=IdeaStatus.NOT_TAKEN_FORWARD, reasons="Ei resursseja."
    )
    report = Page.objects.filter(depth=2).first()  # a live page of the demo tree
    Citation.objects.create(idea=implemented, page=report)

    client.force_login(me)
    page = client.get(URL)
    text = page.content.decode()
    totals = page.context["totals"]
    assert (totals["ideas"], totals["answered"], totals["implemented"]) == (3, 2, 1)
    assert (totals["comments"], totals["supports"], totals["cited"]) == (1, 1, 1)
    for title in ("Vastattu idea", "Toteutunut idea", "Odottava idea", "Idea jota kommentoin"):
        assert title in text
    assert "Idea jota tuin" in text
    assert "Jonkun muun idea" not in text
    assert "Piilotettu idea" not in text and "Tätä ei näy" not in text
    assert "not taken forward" in text
    assert "Waiting for an official response" in text
    assert f'Cited in: <a href="{report.url}">{report.title}</a>' in text

    # Newest change first: the citation came last, then the response to the commented idea.
    kinds = [(entry.kind, entry.idea.title) for entry in page.context["entries"]]
    assert kinds[:2] == [("idea", "Toteutunut idea"), ("comment", "Idea jota kommentoin")]


def test_withdrawn_ideas_stay_in_their_authors_history(client, round_):
    me = UserFactory()
    IdeaFactory(round=round_, author=me, title="Peruttu", withdrawn_at=timezone.now())
    client.force_login(me)
    text = client.get(URL).content.decode()
    assert "Peruttu" in text and "withdrawn" in text


def answer_survey(survey, person):
    question = QuestionFactory(survey=survey)
    submit_response(survey, person, [{"question": question, "text": "Hyvä"}])


def test_survey_answers_and_what_became_of_them(client):
    me = UserFactory()
    named = SurveyFactory(title="Elämänpyörä", results_visibility=ResultsVisibility.IMMEDIATELY)
    anonymous = SurveyFactory(
        title="Aukioloajat", is_anonymous=True, results_visibility=ResultsVisibility.STAFF_ONLY
    )
    SurveyFactory(title="Vastaamaton")
    answer_survey(named, me)
    answer_survey(anonymous, me)
    client.force_login(me)
    page = client.get(URL)
    text = page.content.decode()
    assert page.context["totals"]["surveys"] == 2
    assert "Elämänpyörä" in text and "Aukioloajat" in text and "Vastaamaton" not in text
    assert f"/surveys/{named.pk}/results/" in text
    assert f"/surveys/{anonymous.pk}/results/" not in text
    assert "your answers are not linked to you" in text


def many_contributions(person, round_, official, count):
    others = UserFactory()
    mine = Idea.objects.bulk_create(
        Idea(round=round_, author=person, title=f"Oma {i}", body="x") for i in range(count)
    )
    theirs = Idea.objects.bulk_create(
        Idea(round=round_, author=others, title=f"Muiden {i}", body="x") for i in range(count)
    )
    Comment.objects.bulk_create(Comment(idea=idea, author=person, body="k") for idea in theirs)
    Support.objects.bulk_create(Support(idea=idea, person=person) for idea in theirs)
    for _ in range(count // 5):
        answer_survey(SurveyFactory(), person)
    for idea in mine[:3] + theirs[:3]:
        responses.publish_response(
            official, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="r"
        )


@pytest.mark.parametrize("size", [5, 60])
def test_queries_do_not_grow_with_a_persons_history(client, round_, official, size):
    me = UserFactory()
    many_contributions(me, round_, official, size)
    client.force_login(me)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL)
    assert page.status_code == 200
    assert page.context["totals"]["ideas"] == size
    assert page.context["totals"]["comments"] == size
    assert page.context["totals"]["surveys"] == size // 5
    assert len(queries) == MY_IMPACT_QUERIES, [q["sql"][:120] for q in queries]


# Session, user, the four kinds of contribution, the spontaneous feedback sent under one's
# name (ideas.service_feedback), the workshops written in (and, when there
# are any, the ideas their decisions became: tests/panels/workshops/test_my_impact.py), the
# citations of the ideas on the page, the experiments that grew from any of them, the calls to
# a pool taken part in (panels.pool.calls.impact), and the page frame (unread count,
# permissions).
MY_IMPACT_QUERIES = 14


def test_an_old_idea_changes_recently(round_, official, client):
    me = UserFactory()
    old = IdeaFactory(
        round=round_, author=me, title="Vanha", created_at=timezone.now() - timedelta(days=90)
    )
    IdeaFactory(round=round_, author=me, title="Uusi")
    responses.publish_response(official, old, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="r")
    client.force_login(me)
    entries = client.get(URL).context["entries"]
    assert [entry.item.title for entry in entries] == ["Vanha", "Uusi"]


def test_a_report_and_its_translations_are_one_citation(client, round_, demo_pages, settings):
    from django.db.models import Count

    key = (
        Page.objects.filter(depth__gt=1, live=True)
        .order_by()
        .values("translation_key")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values_list("translation_key", flat=True)
        .first()
    )
    versions = list(Page.objects.filter(translation_key=key).select_related("locale"))
    assert len(versions) == len(settings.LANGUAGES)
    me = UserFactory()
    idea = IdeaFactory(round=round_, author=me)
    supported = IdeaFactory(round=round_)
    SupportFactory(idea=supported, person=me)
    for page in versions:
        Citation.objects.create(idea=idea, page=page)
        Citation.objects.create(idea=supported, page=page)
    client.force_login(me)
    english = next(p for p in versions if p.locale.language_code == "en")
    entries = {e.kind: e for e in client.get(URL).context["entries"]}
    assert entries["idea"].idea.citation_count == 1
    assert entries["support"].idea.citation_count == 1
    [shown] = entries["idea"].idea.reports
    assert shown.page_id == english.pk  # the page is in English, so is the report
