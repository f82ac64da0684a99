"""Demo surveys: open and closed ones with answers; seeding twice changes nothing."""

import pytest
from django.utils import translation

from accounts.demo import seed_people
from panels.demo import seed_panels
from panels.surveys.models import Answer, Question, Response, Survey

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (Survey, Question, Response, Answer)]


def test_demo_surveys_are_idempotent_and_answered():
    seed_people("demo-salasana-42")
    seed_panels()
    first = _counts()
    seed_panels()
    assert _counts() == first
    surveys = list(Survey.objects.all())
    assert any(s.is_open() for s in surveys) and any(s.is_closed() for s in surveys)
    assert all(s.responses.count() >= 5 for s in surveys)
    wheel = Survey.objects.get(title__startswith="Elämänpyörä")
    assert wheel.panels.exists()
    assert wheel.questions.filter(kind="life_wheel").get().choices.count() == 6
    assert (
        Survey.objects.filter(is_anonymous=True, responses__respondent__isnull=False).count() == 0
    )


def test_the_keski_suomi_interview_survey_and_the_staff_survey():
    import rules

    from panels.surveys.models import InterviewCount
    from panels.surveys.results import split_results

    seed_people("demo-salasana-42")
    seed_panels()
    seed_panels()  # twice: still one set of interviews
    survey = Survey.objects.get(region__slug="keski-suomi", title="Terveysaseman uusi palvelumalli")
    assert survey.is_open() and survey.is_public()
    responses = survey.responses.all()
    assert responses.count() == 16
    assert not responses.filter(respondent__isnull=False).exists()
    channels = {c: responses.filter(channel=c).count() for c in ("phone", "pop_up")}
    assert channels == {"phone": 11, "pop_up": 5}
    assert responses.filter(client_group__region=survey.region).count() == 11
    interviewer = survey.interview_counts.get()
    assert interviewer.interviewer.email == "kokemus@kohtaamo.example"
    assert interviewer.count == 16 and InterviewCount.objects.count() == 1
    assert rules.has_perm("surveys.interview_for_survey", interviewer.interviewer, survey)
    questions = list(survey.questions.order_by("sort_order").prefetch_related("choices"))
    with translation.override("en"):
        split = split_results(survey, questions, official=True, by="channel")
        assert [(g.label, g.count) for g in split.groups] == [("phone", 11), ("pop-up on site", 5)]

    staff_survey = Survey.objects.get(region__slug="keski-suomi", audience_staff=True)
    coordinator = interviewer.interviewer.__class__.objects.get(email="osallisuus@kohtaamo.example")
    assert rules.has_perm("surveys.view_survey", coordinator, staff_survey)
    assert not rules.has_perm(
        "surveys.view_survey", interviewer.interviewer, staff_survey
    )  # an expert by experience is not its audience
