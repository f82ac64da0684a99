"""Plain language (selkokieli): the reader's switch, the plain versions that replace the
standard text, the plain variants of the interface's key texts, and the writer's aid."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.plain_language import CHECKLIST, COOKIE, PlainLanguageTextarea, measure
from ideas.feedback import services as responses
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Phase
from panels.surveys.models import Survey
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

PLAIN = "Sinulla on yksi työntekijä. Hän auttaa sinua."


def plain_on(client):
    client.cookies[COOKIE] = "1"


# --- The measure beside the field ----------------------------------------------------------


def test_measure_counts_sentences_words_and_long_words():
    result = measure("Tämä on lyhyt lause. Hyvinvointisuunnitelma on pitkä sana! Kolmas?")
    assert result.sentences == 3
    assert result.words == 9
    assert result.words_per_sentence == 3.0
    assert result.long_words == 1  # hyvinvointisuunnitelma
    assert result.longest_sentence == 4
    assert not result.sentences_too_long


def test_measure_flags_long_sentences_and_copes_with_nothing():
    long_sentence = " ".join(["sana"] * 25) + "."
    assert measure(long_sentence).sentences_too_long
    assert measure("").words == 0
    assert measure("  ...  ").sentences == 0


def test_the_widget_shows_the_checklist_and_the_figures():
    html = PlainLanguageTextarea().render("plain_summary", "Yksi lause. Toinen lause.")
    assert "data-plain-writing" in html
    assert "<textarea" in html and 'name="plain_summary"' in html
    with translation.override("en"):
        html = PlainLanguageTextarea().render("plain_summary", "Yksi lause. Toinen lause.")
        for item in CHECKLIST:
            assert str(item).replace("“", "&ldquo;")[:20] in html or str(item)[:20] in html
        assert "Sentences: 2" in html
        assert "not a certificate" in html


# --- The switch ----------------------------------------------------------------------------


def test_the_switch_sets_and_clears_the_cookie_and_goes_back(client):
    response = client.get(reverse("plain_language"), {"plain": "1", "next": "/rounds/"})
    assert response.status_code == 302
    assert response["Location"] == "/rounds/"
    assert response.cookies[COOKIE].value == "1"
    assert response.cookies[COOKIE]["max-age"] > 30 * 24 * 3600  # remembered
    response = client.get(reverse("plain_language"), {"plain": "0", "next": "/rounds/"})
    assert response.cookies[COOKIE].value == ""


def test_the_switch_never_sends_people_to_another_site(client):
    response = client.get(
        reverse("plain_language"), {"plain": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_switch_is_on_every_page_and_says_its_state(client):
    page = client.get("/en/rounds/").content.decode()
    assert "Plain language: off" in page
    plain_on(client)
    page = client.get("/en/rounds/").content.decode()
    assert "Plain language: on" in page
    assert "plain=0" in page


# --- Plain versions replace the standard text --------------------------------------------


@pytest.fixture
def round_with_plain_version():
    return IdeaRoundFactory(
        description="Kehitämme monialaista palvelukokonaisuutta.", plain_summary=PLAIN
    )


def test_a_round_offers_its_plain_version_and_shows_it_when_asked(client, round_with_plain_version):
    url = round_with_plain_version.get_absolute_url()
    page = client.get(url).content.decode()
    assert "monialaista palvelukokonaisuutta" in page
    assert PLAIN not in page
    assert "plain=1" in page  # the offer to read it
    plain_on(client)
    page = client.get(url).content.decode()
    assert PLAIN in page
    assert "monialaista palvelukokonaisuutta" not in page
    assert "plain=0" in page  # and the way back


def test_without_a_plain_version_the_standard_text_stays(client):
    round_ = IdeaRoundFactory(description="Tavallinen kuvaus.")
    plain_on(client)
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "Tavallinen kuvaus." in page


def test_an_official_response_shows_its_plain_version(client):
    region = RegionFactory()
    decision_maker = UserFactory(decision_maker=True)
    region.officials.add(decision_maker)
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION))
    responses.publish_response(
        decision_maker,
        idea,
        decision=IdeaStatus.UNDER_CONSIDERATION,
        reasons="Monimutkaiset perustelut hallinnollisella kielellä.",
        plain_summary=PLAIN,
    )
    url = idea.get_absolute_url()
    assert "Monimutkaiset perustelut" in client.get(url).content.decode()
    plain_on(client)
    page = client.get(url).content.decode()
    assert PLAIN in page
    assert "Monimutkaiset perustelut" not in page


def test_editing_a_response_keeps_the_plain_version_in_its_history():
    region = RegionFactory()
    decision_maker = UserFactory(decision_maker=True)
    region.officials.add(decision_maker)
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION))
    response = responses.publish_response(
        decision_maker, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Syyt."
    )
    responses.edit_response(decision_maker, response, plain_summary=PLAIN)
    response.refresh_from_db()
    assert response.plain_summary == PLAIN
    assert response.versions.get().plain_summary == ""


def test_a_survey_shows_its_plain_introduction(client):
    survey = Survey.objects.create(
        region=RegionFactory(),
        title="Kysely",
        introduction="Pitkä ja vaikea johdanto.",
        plain_summary=PLAIN,
        is_published=True,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=1),
    )
    url = reverse("surveys:detail", args=[survey.pk])
    assert "Pitkä ja vaikea johdanto." in client.get(url).content.decode()
    plain_on(client)
    page = client.get(url).content.decode()
    assert PLAIN in page
    assert "Pitkä ja vaikea johdanto." not in page


def test_the_staff_response_form_has_the_writing_aid(client):
    region = RegionFactory()
    decision_maker = UserFactory(decision_maker=True)
    region.officials.add(decision_maker)
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION))
    client.force_login(decision_maker)
    page = client.get(reverse("ideas:respond", args=[idea.pk])).content.decode()
    assert "data-plain-writing" in page
    assert "accounts/plain-language.js" in page


# --- The interface's key texts -------------------------------------------------------------


KEY_TEXTS = [
    # (page, standard text, plain text), in English so that the test reads.
    ("panel", "An open panel you join at once", "A panel is a group of people."),
    ("round", "Describe the problem or the improvement", "Write your idea."),
    ("idea", "What happens next: staff and decision-makers", "What happens to the idea?"),
]


@pytest.mark.parametrize(("where", "standard", "plain"), KEY_TEXTS)
def test_key_texts_have_a_plain_variant(client, where, standard, plain):
    panel = PanelFactory()
    round_ = IdeaRoundFactory(phase=Phase.IDEATION)
    idea = IdeaFactory(round=round_)
    client.force_login(UserFactory())
    url = {
        "panel": f"/en/panels/{panel.slug}/",
        "round": f"/en/rounds/{round_.slug}/new/",
        "idea": "/en" + idea.get_absolute_url(),
    }[where]
    page = client.get(url).content.decode()
    assert standard in page and plain not in page
    plain_on(client)
    page = client.get(url).content.decode()
    assert plain in page and standard not in page
    assert '<html lang="en">' in page  # plain language is a flag, not a locale


def test_the_admin_editors_have_the_writing_aid(client):
    round_ = IdeaRoundFactory()
    client.force_login(UserFactory(administrator=True))
    page = client.get(reverse("idea_rounds:edit", args=[round_.pk])).content.decode()
    assert "data-plain-writing" in page
    assert 'name="plain_summary"' in page
