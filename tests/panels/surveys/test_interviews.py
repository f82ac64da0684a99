"""Interviews on someone's behalf: who may run them, what the form demands, that an interview
sent twice is stored once, and that nothing stored identifies the person interviewed or links
the interviewer to the answers."""

import uuid
from datetime import time, timedelta

import pytest
import rules
from django.utils import timezone

from panels.surveys.models import (
    Answer,
    AnsweredMarker,
    Channel,
    InterviewCount,
    PendingAnswer,
    Response,
    Survey,
)
from panels.surveys.services import submit_interview
from tests.factories import ClientGroupFactory, MembershipFactory, UserFactory
from tests.panels.conftest import ROLES, build_world
from tests.panels.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SurveyFactory,
    full_survey,
    valid_post,
)

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
EXTRA_ROLES = ["expert_member", "expert_outsider"]


def _world():
    world = build_world()
    world.people["expert_member"] = UserFactory(expert=True, display_name="Kokemusraatilainen")
    MembershipFactory(panel=world.panel, person=world.people["expert_member"])
    world.people["expert_outsider"] = UserFactory(expert=True, display_name="Vertainen")
    return world


# role -> may interview: (a panel survey, a public survey, a closed public survey).
# The facilitator is an expert by experience who is not a member of the panel.
MATRIX = {
    "anonymous": (False, False, False),
    "outsider": (False, False, False),
    "applicant": (False, False, False),
    "member": (False, False, False),
    "facilitator": (False, True, False),
    "staff_same_region": (True, True, False),
    "staff_other_region": (False, False, False),
    "decision_maker": (False, False, False),
    "administrator": (True, True, False),
    "expert_member": (True, True, False),
    "expert_outsider": (False, True, False),
}


@pytest.mark.parametrize("role", ROLES + EXTRA_ROLES)
def test_who_may_interview(client, role):
    world = _world()
    region = world.panel.region
    surveys = [
        SurveyFactory(region=region, panels=[world.panel]),
        SurveyFactory(region=region),
        SurveyFactory(region=region, closed=True),
    ]
    user = world.person(role)
    got = tuple(rules.has_perm("surveys.interview_for_survey", user, s) for s in surveys)
    assert got == MATRIX[role]
    # The page agrees with the rule: the form, or nothing (404) to whoever may not.
    if role != "anonymous":
        client.force_login(user)
    pages = tuple(client.get(f"/surveys/{s.pk}/interview/").status_code for s in surveys)
    assert pages == tuple(200 if allowed else 404 for allowed in MATRIX[role])


@pytest.fixture
def setup(client):
    staff = UserFactory(staff=True)
    survey, q = full_survey()
    survey.region.officials.add(staff)
    client.force_login(staff)
    group = ClientGroupFactory(region=survey.region, name="Omaishoitajat")
    return {"client": client, "survey": survey, "q": q, "staff": staff, "group": group}


def _interview(q, client_id=None, **overrides):
    data = valid_post(q)
    data.update({"channel": "phone", "consent": "on", "client_id": str(client_id or uuid.uuid4())})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _url(survey):
    return f"/en/surveys/{survey.pk}/interview/"


def test_an_interview_is_stored_without_anyone_linked(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    data = _interview(q, client_group=str(setup["group"].pk))
    page = client.post(_url(survey), data, follow=True)
    assert page.status_code == 200
    assert "an empty form for the next interview" in page.content.decode()
    response = Response.objects.get(survey=survey)
    assert response.respondent is None
    assert response.channel == Channel.PHONE and response.is_interview
    assert response.client_group == setup["group"]
    assert str(response.client_id) == data["client_id"]
    # The day only: the interviewer's timetable cannot pair the answer with a person.
    assert timezone.localtime(response.submitted_at).time() == time.min
    assert response.answers.count() == 13
    # Only a count is kept of the interviewer; nothing about the interview links to them.
    assert InterviewCount.objects.get(survey=survey, interviewer=setup["staff"]).count == 1
    assert not AnsweredMarker.objects.exists()
    # The next form is fresh: a new interview id.
    assert data["client_id"] not in page.content.decode()


def test_the_same_interview_sent_twice_is_stored_once(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    data = _interview(q)
    first = client.post(_url(survey), data, **JSON)
    assert first.status_code == 201 and first.json() == {"status": "received"}
    again = client.post(_url(survey), data, **JSON)
    assert again.status_code == 200 and again.json() == {"status": "already_received"}
    # Without JavaScript too.
    page = client.post(_url(survey), data, follow=True)
    assert "already been received" in page.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.count() == 13
    assert InterviewCount.objects.get().count == 1
    # Another interview is another response.
    assert client.post(_url(survey), _interview(q), **JSON).status_code == 201
    assert Response.objects.filter(survey=survey).count() == 2
    assert InterviewCount.objects.get().count == 2


def test_a_resend_after_closing_still_hears_it_was_received(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    data = _interview(q)
    client.post(_url(survey), data, **JSON)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert client.post(_url(survey), data, **JSON).json() == {"status": "already_received"}
    refused = client.post(_url(survey), _interview(q), **JSON)
    assert refused.status_code == 403 and refused.json()["status"] == "refused"
    assert Response.objects.filter(survey=survey).count() == 1


def test_consent_is_required_and_what_was_typed_is_kept(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    data = _interview(q, consent=None, **{f"q{q['long_text'].pk}": "Iltavastaanotto olisi hyvä"})
    page = client.post(_url(survey), data)
    assert page.status_code == 400
    html = page.content.decode()
    assert "Iltavastaanotto olisi hyvä" in html
    assert data["client_id"] in html  # the same interview, when sent again
    assert 'aria-invalid="true"' in html
    assert "Tick this once the person has agreed to answer." in html
    assert not Response.objects.exists() and not InterviewCount.objects.exists()
    as_json = client.post(_url(survey), data, **JSON)
    assert as_json.status_code == 400
    assert set(as_json.json()["errors"]) == {"consent"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"channel": None}, "channel"),
        ({"channel": "self"}, "channel"),  # an interview is not self-answered
        ({"channel": "carrier-pigeon"}, "channel"),
        ({"client_group": "999999"}, "client_group"),
        ({"client_id": "not-a-uuid"}, "__all__"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(setup, overrides, field):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    response = client.post(_url(survey), _interview(q, **overrides), **JSON)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Response.objects.exists()


def test_another_regions_client_group_is_refused(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    elsewhere = ClientGroupFactory(name="Omaishoitajat muualla")
    response = client.post(_url(survey), _interview(q, client_group=str(elsewhere.pk)), **JSON)
    assert response.status_code == 400
    with pytest.raises(Exception, match="client group"):
        submit_interview(
            survey,
            setup["staff"],
            [],
            channel="phone",
            client_id=uuid.uuid4(),
            client_group=elsewhere,
        )
    assert not Response.objects.exists()


def test_an_oversized_answer_is_refused(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    data = _interview(q, **{f"q{q['short_text'].pk}": "x" * 501})
    assert client.post(_url(survey), data, **JSON).status_code == 400
    assert not Response.objects.exists()


def test_an_anonymous_interview_waits_sealed_for_its_group(client, settings):
    settings.SURVEY_ANONYMITY_BATCH = 2
    expert = UserFactory(expert=True)
    survey = SurveyFactory(is_anonymous=True)
    question = QuestionFactory(survey=survey, kind="single_choice", required=True)
    choices = [ChoiceFactory(question=question) for _ in range(2)]
    group = ClientGroupFactory(region=survey.region)
    client.force_login(expert)
    sent = []
    for n in range(3):
        client_id = str(uuid.uuid4())
        sent.append(client_id)
        data = {
            f"q{question.pk}": str(choices[n % 2].pk),
            "channel": "home_visit" if n else "event",
            "client_group": str(group.pk),
            "consent": "on",
            "client_id": client_id,
        }
        assert client.post(_url(survey), data, **JSON).status_code == 201
        # Waiting answers are found again: a resend stores nothing.
        assert client.post(_url(survey), data, **JSON).json()["status"] == "already_received"
    # Three wait (fewer than two groups), sealed: nothing readable, nobody linked.
    assert PendingAnswer.objects.filter(survey=survey).count() == 3
    assert not Response.objects.filter(survey=survey).exists()
    lengths = {len(bytes(p.sealed)) for p in PendingAnswer.objects.all()}
    assert len(lengths) == 1
    # A fourth makes two groups: one group of two is stored, shuffled, with the day only.
    data["client_id"] = str(uuid.uuid4())
    sent.append(data["client_id"])
    assert client.post(_url(survey), data, **JSON).status_code == 201
    stored = list(Response.objects.filter(survey=survey))
    assert len(stored) == 2 and PendingAnswer.objects.count() == 2
    for response in stored:
        assert response.respondent is None
        assert response.channel in ("home_visit", "event")
        assert response.client_group == group
        assert str(response.client_id) in sent
        assert timezone.localtime(response.submitted_at).time() == time.min
    # A stored one sent again is still "already received".
    data["client_id"] = str(stored[0].client_id)
    assert client.post(_url(survey), data, **JSON).json()["status"] == "already_received"
    assert InterviewCount.objects.get(interviewer=expert).count == 4
    assert not AnsweredMarker.objects.exists()


def test_a_self_answer_and_an_interview_seal_to_the_same_length(client):
    """A waiting interview must not be told apart from a waiting self-answer by its length."""
    from panels.surveys.services import submit_response

    survey = SurveyFactory(is_anonymous=True)
    question = QuestionFactory(survey=survey, kind="short_text")
    submit_response(survey, UserFactory(), [{"question": question, "text": "Hyvä"}])
    submit_interview(
        survey,
        UserFactory(staff=True, is_superuser=True),
        [{"question": question, "text": "Hyvä"}],
        channel="pop_up",
        client_id=uuid.uuid4(),
        client_group=ClientGroupFactory(region=survey.region),
    )
    assert len({len(bytes(p.sealed)) for p in PendingAnswer.objects.all()}) == 1


def test_a_self_answer_carries_the_declared_group_of_the_region_only():
    from panels.segments.models import SelfDescription
    from panels.surveys.services import submit_response

    survey = SurveyFactory()
    question = QuestionFactory(survey=survey)
    here, elsewhere = UserFactory(), UserFactory()
    group = ClientGroupFactory(region=survey.region)
    SelfDescription.objects.create(person=here, client_group=group)
    SelfDescription.objects.create(person=elsewhere, client_group=ClientGroupFactory())
    for person in (here, elsewhere):
        submit_response(survey, person, [{"question": question, "text": "Kyllä"}])
    assert Response.objects.get(respondent=here).client_group == group
    assert Response.objects.get(respondent=elsewhere).client_group is None
    assert set(Response.objects.values_list("channel", flat=True)) == {"self"}


def test_the_interviewers_count_is_in_their_data_export(setup):
    from accounts.privacy.export import collect_sections

    client, survey, q = setup["client"], setup["survey"], setup["q"]
    client.post(_url(survey), _interview(q), **JSON)
    client.post(_url(survey), _interview(q), **JSON)
    data = collect_sections(setup["staff"])
    section = next(s for s in data if s.key == "survey_interviews")
    assert section.rows == [{"survey": survey.title, "count": 2}]


def test_the_survey_page_offers_the_interview_to_who_may_run_it(setup):
    client, survey = setup["client"], setup["survey"]
    assert (
        f"/surveys/{survey.pk}/interview/" in client.get(f"/surveys/{survey.pk}/").content.decode()
    )
    client.force_login(UserFactory())
    assert (
        f"/surveys/{survey.pk}/interview/"
        not in client.get(f"/surveys/{survey.pk}/").content.decode()
    )


def test_interviews_have_a_rate_limit_of_their_own_and_nothing_is_lost(setup, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "interview": (1, 3600)}
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    assert client.post(_url(survey), _interview(q), **JSON).status_code == 201
    limited = client.post(_url(survey), _interview(q), **JSON)
    assert limited.status_code == 429 and limited.json()["status"] == "limited"
    page = client.post(_url(survey), _interview(q))
    assert page.status_code == 400
    assert page.context["form"]["consent"].value()
    assert Response.objects.filter(survey=survey).count() == 1
