"""Anonymous answers join the stored responses only in shuffled groups, so that neither a copy
of the database nor the results page pairs an answer with the person who gave it.

An answer to an anonymous survey is held sealed (encrypted, padded, with no person and no time)
until twice SURVEY_ANONYMITY_BATCH answers wait; then a random group of SURVEY_ANONYMITY_BATCH
of them is written as responses in one transaction, in shuffled order, all with one time. The
rest are written when the survey closes. Someone with the database can then tell that a person
answered (the marker) but not which response is theirs, and someone comparing the results page
before and after a known person answered sees no change at all.
"""

from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from panels.surveys.models import (
    Answer,
    AnsweredMarker,
    PendingAnswer,
    Response,
    ResultsVisibility,
    Survey,
)
from panels.surveys.services import release_closed_surveys, submit_response
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

BATCH = 5


def _anonymous_survey(**kwargs):
    survey = SurveyFactory(
        is_anonymous=True,
        results_visibility=ResultsVisibility.IMMEDIATELY,
        publish_free_text=True,
        **kwargs,
    )
    return survey, QuestionFactory(survey=survey, kind="long_text", text="Mitä toivot?")


def _answer(survey, question, text, person=None):
    submit_response(survey, person or UserFactory(), [{"question": question, "text": text}])


def _close(survey):
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(minutes=1)
    )
    survey.refresh_from_db()


def _stored_texts(survey, order):
    """The answers' texts in the order their responses are stored: ``order`` is SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.id FROM surveys_response r WHERE r.survey_id = %s ORDER BY {order}",  # noqa: S608
            [survey.pk],
        )
        ids = [row[0] for row in cursor.fetchall()]
    by_response = {str(a.response_id).replace("-", ""): a.text for a in Answer.objects.all()}
    return [by_response[str(pk).replace("-", "")] for pk in ids]


def _physical_order():
    return "r.ctid" if connection.vendor == "postgresql" else "r.rowid"


def test_answers_wait_until_two_groups_have_gathered():
    survey, question = _anonymous_survey()
    texts = [f"Toive numero {n}" for n in range(2 * BATCH)]
    for text in texts[:-1]:
        _answer(survey, question, text)
        # Not one answer is a response yet, nor visible anywhere as one.
        assert not Response.objects.exists()
        assert not Answer.objects.exists()
    assert AnsweredMarker.objects.filter(survey=survey).count() == 2 * BATCH - 1
    assert PendingAnswer.objects.filter(survey=survey).count() == 2 * BATCH - 1

    _answer(survey, question, texts[-1])
    responses = list(Response.objects.filter(survey=survey))
    assert len(responses) == BATCH
    written = set(Answer.objects.values_list("text", flat=True))
    assert len(written) == BATCH and written <= set(texts)
    # One time for the whole group, and that time the day only.
    assert len({response.submitted_at for response in responses}) == 1
    assert timezone.localtime(responses[0].submitted_at).time().isoformat() == "00:00:00"
    assert all(response.respondent_id is None for response in responses)
    assert PendingAnswer.objects.filter(survey=survey).count() == BATCH


def test_the_pending_store_holds_ciphertext_only_and_no_person_or_time(settings):
    survey, question = _anonymous_survey()
    short = QuestionFactory(survey=survey, kind="short_text", text="Nimimerkki?")
    texts = ["Äänekoski: bussi kulkee harvoin", "x", "Kahvia odottaville " * 200]
    for text in texts:
        submit_response(
            survey,
            UserFactory(),
            [{"question": question, "text": text}, {"question": short, "text": "Aamuvirkku"}],
        )
    # The table has a key, the survey and the sealed bytes: no person, no time, no order.
    columns = {
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), PendingAnswer._meta.db_table
        )
    }
    assert columns == {"id", "survey_id", "sealed"}
    sealed = [bytes(row.sealed) for row in PendingAnswer.objects.all()]
    for blob in sealed:
        # (Not the one-letter answer: any byte turns up in random ciphertext.)
        for text in [texts[0], texts[2], "Aamuvirkku", "Äänekoski", "bussi", "Kahvia"]:
            assert text.encode() not in blob
            assert text.encode("utf-16-le") not in blob
    # Every sealed answer of the survey is as long as the others, whatever was written: its
    # length would otherwise pair it with the stored answer of the same length.
    assert len({len(blob) for blob in sealed}) == 1
    # Without the server's secret key the sealed answers cannot be opened.
    settings.SECRET_KEY = "a-different-secret-key-from-another-server-xxxxxxxxxxxxxx"
    _close(survey)
    assert release_closed_surveys() == 0
    assert not Response.objects.exists()
    assert PendingAnswer.objects.count() == len(texts)


def test_a_previous_secret_key_still_opens_what_was_sealed_with_it(settings):
    survey, question = _anonymous_survey()
    _answer(survey, question, "Ennen avaimen vaihtoa")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-secret-key-after-rotation-xxxxxxxxxxxxxxxxxxxxxxxxx"
    _close(survey)
    assert release_closed_surveys() == 1
    assert Answer.objects.get().text == "Ennen avaimen vaihtoa"


@pytest.mark.django_db(transaction=True)
def test_the_stored_order_of_a_group_is_a_shuffle_not_the_order_of_the_markers(client):
    """Nine people answer, one after the other, each in their own transaction; the survey
    closes and the next look at the results writes the nine as one group. Neither the
    physical order of the rows (SQLite's rowid, PostgreSQL's ctid), nor their keys, nor their
    times follow the markers' order: all nine orders of the markers are equally likely, so a
    match (or the reverse) is a 2 in 9! (about 1 in 180,000) chance."""
    survey, question = _anonymous_survey()
    texts = [f"Vastaus {n}" for n in range(2 * BATCH - 1)]
    people = [UserFactory() for _ in texts]
    for person, text in zip(people, texts, strict=True):
        _answer(survey, question, text, person)
    markers = AnsweredMarker.objects.filter(survey=survey).order_by("id")
    assert [m.user_id for m in markers] == [p.pk for p in people]
    assert not Response.objects.exists()

    _close(survey)
    assert client.get(f"/en/surveys/{survey.pk}/results/").status_code == 200
    assert Response.objects.filter(survey=survey).count() == len(texts)

    for order in (_physical_order(), "r.id"):
        stored = _stored_texts(survey, order)
        assert sorted(stored) == sorted(texts)
        assert stored not in (texts, texts[::-1]), order
    # One time for the group: no timestamp orders it.
    assert Response.objects.filter(survey=survey).values("submitted_at").distinct().count() == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(DISTINCT xmin::text) FROM surveys_response WHERE survey_id = %s",
                [survey.pk],
            )
            assert cursor.fetchone()[0] == 1  # one transaction wrote the whole group
            cursor.execute(
                "SELECT count(DISTINCT xmin::text) FROM surveys_answeredmarker "
                "WHERE survey_id = %s",
                [survey.pk],
            )
            assert cursor.fetchone()[0] == len(texts)  # as each person answered


def test_the_group_is_written_in_the_shuffled_order(monkeypatch):
    """The rows are inserted in the order the shuffle gives, whatever order the answers came
    in: that is what leaves the physical order (SQLite's rowid) meaningless."""
    from panels.surveys import services

    def by_text_descending(responses):
        responses.sort(key=lambda rows: rows[0]["text"], reverse=True)

    monkeypatch.setattr(services, "_shuffle", by_text_descending)
    survey, question = _anonymous_survey()
    texts = ["Bussi", "Digituki", "Aamut", "Chat", "Ovi", "Kahvi", "Hissi", "Ehdotus", "Jono"]
    for text in texts:
        _answer(survey, question, text)
    _close(survey)
    release_closed_surveys()
    assert _stored_texts(survey, _physical_order()) == sorted(texts, reverse=True)


def test_the_rest_is_written_when_the_survey_closes(client):
    survey, question = _anonymous_survey()
    for n in range(2 * BATCH + 2):
        _answer(survey, question, f"Toive {n}")
    first_group = set(Response.objects.filter(survey=survey).values_list("pk", flat=True))
    assert len(first_group) == BATCH
    assert PendingAnswer.objects.filter(survey=survey).count() == BATCH + 2

    _close(survey)
    page = client.get(f"/en/surveys/{survey.pk}/results/").content.decode()
    assert Response.objects.filter(survey=survey).count() == 2 * BATCH + 2
    assert not PendingAnswer.objects.exists()
    assert "12 responses" in page
    # The last group carries the day the survey closed, one time for all its rows.
    last = Response.objects.filter(survey=survey).exclude(pk__in=first_group)
    closing_day = datetime.combine(timezone.localdate(survey.closes_at), time.min)
    assert {r.submitted_at for r in last} == {timezone.make_aware(closing_day)}


def test_the_csv_export_writes_the_rest_after_closing(client):
    staff = UserFactory(staff=True)
    survey, question = _anonymous_survey()
    survey.region.officials.add(staff)
    for n in range(2 * BATCH - 1):
        _answer(survey, question, f"Toive {n}")
    _close(survey)
    client.force_login(staff)
    content = client.get(f"/en/surveys/{survey.pk}/results.csv").content.decode("utf-8-sig")
    assert all(f"Toive {n}" in content for n in range(2 * BATCH - 1))
    assert not PendingAnswer.objects.exists()


def test_the_periodic_command_writes_the_rest_of_closed_surveys():
    import io

    survey, question = _anonymous_survey()
    still_open, other_question = _anonymous_survey()
    for n in range(3):
        _answer(survey, question, f"Toive {n}")
        _answer(still_open, other_question, f"Toive {n}")
    _close(survey)
    out = io.StringIO()
    call_command("notify_opened_surveys", stdout=out)
    assert Response.objects.filter(survey=survey).count() == 3
    assert not Response.objects.filter(survey=still_open).exists()
    assert PendingAnswer.objects.filter(survey=still_open).count() == 3


def test_visitors_answers_wait_too(client):
    survey, question = _anonymous_survey()
    client.post(f"/en/surveys/{survey.pk}/", {f"q{question.pk}": "Ilman kirjautumista"})
    assert not Response.objects.exists()
    assert PendingAnswer.objects.filter(survey=survey).count() == 1


# --- The results page moves only in steps -------------------------------------------------


def _main(page):
    """The page's main content, as the reader sees it."""
    html = page.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def _multiple_choice_survey(**kwargs):
    survey = SurveyFactory(results_visibility=ResultsVisibility.IMMEDIATELY, **kwargs)
    question = QuestionFactory(survey=survey, kind="single_choice", text="Mikä palvelu?")
    choices = [ChoiceFactory(question=question, label=label) for label in ("Neuvola", "Ohjaamo")]
    return survey, question, choices


def test_one_known_persons_anonymous_answer_does_not_change_the_results_page(client):
    survey, question, (neuvola, ohjaamo) = _multiple_choice_survey(is_anonymous=True)
    for _ in range(2 * BATCH):
        submit_response(survey, UserFactory(), [{"question": question, "choice": neuvola}])
    url = f"/en/surveys/{survey.pk}/results/"
    before = _main(client.get(url))
    assert "5 responses" in before
    known = UserFactory()
    submit_response(survey, known, [{"question": question, "choice": ohjaamo}])
    assert _main(client.get(url)) == before
    # And not after the next few either, until a whole group of five is added at once.
    for _ in range(BATCH - 2):
        submit_response(survey, UserFactory(), [{"question": question, "choice": neuvola}])
        assert _main(client.get(url)) == before
    submit_response(survey, UserFactory(), [{"question": question, "choice": neuvola}])
    assert "10 responses" in _main(client.get(url))


def test_one_known_persons_named_answer_does_not_change_what_members_see(client):
    """A named survey's answers are seen by staff with the names; the other members see the
    results, which move in steps of five while the survey is open."""
    panel = PanelFactory()
    staff = UserFactory(staff=True)
    panel.region.officials.add(staff)
    survey, question, (neuvola, ohjaamo) = _multiple_choice_survey(
        region=panel.region, panels=[panel]
    )
    members = [MembershipFactory(panel=panel).person for _ in range(BATCH + 1)]
    watcher = members[-1]
    for person in members[:BATCH]:
        submit_response(survey, person, [{"question": question, "choice": neuvola}])
    url = f"/en/surveys/{survey.pk}/results/"
    client.force_login(watcher)
    before = _main(client.get(url))
    assert "5 responses" in before and "100" in before
    known = UserFactory()
    MembershipFactory(panel=panel, person=known)
    submit_response(survey, known, [{"question": question, "choice": ohjaamo}])
    assert _main(client.get(url)) == before
    # Staff see every named answer at once.
    client.force_login(staff)
    assert "6 responses" in _main(client.get(url))
