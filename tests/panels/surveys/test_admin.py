"""Building surveys in the Wagtail admin; only safe edits once a survey has answers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification
from panels.surveys.models import Question, Response, Survey
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def _when(delta):
    return (timezone.localtime() + delta).strftime("%Y-%m-%d %H:%M")


def form_data(survey_fields, questions):
    """POST data for the survey form: ``questions`` a list of dicts, each with optional
    ``id``, ``DELETE`` and ``choices`` (a list of dicts with optional ``id`` and ``DELETE``)."""
    data = {
        "title": "Kysely",
        "introduction": "",
        "opens_at": _when(-timedelta(hours=1)),
        "closes_at": _when(timedelta(days=7)),
        "results_visibility": "after_closing",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(sum(1 for q in questions if q.get("id"))),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    data.update(survey_fields)
    for i, question in enumerate(questions):
        prefix = f"questions-{i}"
        choices = question.get("choices", [])
        data.update(
            {
                f"{prefix}-id": question.get("id", ""),
                f"{prefix}-ORDER": str(i + 1),
                f"{prefix}-kind": question["kind"],
                f"{prefix}-text": question["text"],
                f"{prefix}-help_text": "",
                f"{prefix}-low_label": "",
                f"{prefix}-high_label": "",
                f"{prefix}-choices-TOTAL_FORMS": str(len(choices)),
                f"{prefix}-choices-INITIAL_FORMS": str(sum(1 for c in choices if c.get("id"))),
                f"{prefix}-choices-MIN_NUM_FORMS": "0",
                f"{prefix}-choices-MAX_NUM_FORMS": "1000",
            }
        )
        if question.get("required"):
            data[f"{prefix}-required"] = "on"
        if question.get("DELETE"):
            data[f"{prefix}-DELETE"] = "on"
        for j, choice in enumerate(choices):
            cprefix = f"{prefix}-choices-{j}"
            data[f"{cprefix}-id"] = choice.get("id", "")
            data[f"{cprefix}-ORDER"] = str(j + 1)
            data[f"{cprefix}-label"] = choice["label"]
            if choice.get("DELETE"):
                data[f"{cprefix}-DELETE"] = "on"
    return data


@pytest.fixture
def staff_client(client):
    region = RegionFactory()
    staff = UserFactory(staff=True)
    region.officials.add(staff)
    client.force_login(staff)
    return client, staff, region


def test_staff_build_and_publish_a_survey_for_a_panel(staff_client):
    client, staff, region = staff_client
    panel = PanelFactory(region=region)
    member = UserFactory()
    MembershipFactory(panel=panel, person=member)
    data = form_data(
        {"region": region.pk, "panels": [panel.pk], "is_published": "on"},
        [
            {"kind": "short_text", "text": "Mikä auttoi?"},
            {
                "kind": "single_choice",
                "text": "Mikä palvelu?",
                "required": True,
                "choices": [{"label": "Neuvola"}, {"label": "Ohjaamo"}],
            },
        ],
    )
    response = client.post("/admin/survey_admin/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get()
    assert survey.created_by == staff
    assert [q.text for q in survey.questions.order_by("sort_order")] == [
        "Mikä auttoi?",
        "Mikä palvelu?",
    ]
    assert survey.questions.get(kind="single_choice").choices.count() == 2
    # Open on saving: the member is told, the staff member is not.
    assert survey.announced_at is not None
    assert list(Notification.objects.values_list("recipient", flat=True)) == [member.pk]


def test_a_choice_question_needs_choices(staff_client):
    client, _staff, region = staff_client
    data = form_data(
        {"region": region.pk},
        [{"kind": "single_choice", "text": "Mikä?", "choices": [{"label": "Yksi"}]}],
    )
    response = client.post("/admin/survey_admin/new/", data)
    assert response.status_code == 200
    assert not Survey.objects.exists()


@pytest.fixture
def answered_survey(staff_client):
    client, _staff, region = staff_client
    survey = SurveyFactory(region=region)
    question = QuestionFactory(survey=survey, kind="single_choice", text="Mikä palvelu?")
    a = ChoiceFactory(question=question, label="Neuvola")
    b = ChoiceFactory(question=question, label="Ohjaamo")
    Response.objects.create(survey=survey, respondent=UserFactory())
    existing = {
        "id": str(question.pk),
        "kind": "single_choice",
        "text": "Mikä palvelu?",
        "choices": [{"id": str(a.pk), "label": "Neuvola"}, {"id": str(b.pk), "label": "Ohjaamo"}],
    }
    fields = {"region": region.pk, "is_published": "on", "title": survey.title}
    return client, survey, question, existing, fields


def test_the_admin_says_the_survey_has_answers(answered_survey):
    client, survey, *_ = answered_survey
    page = client.get(f"/admin/survey_admin/edit/{survey.pk}/").content.decode()
    assert "Kyselyyn on vastattu" in page


def test_safe_edits_are_allowed(answered_survey):
    client, survey, question, existing, fields = answered_survey
    existing["text"] = "Minkä palvelun kautta tulit?"
    existing["choices"][0]["label"] = "Äitiysneuvola"
    existing["choices"].append({"label": "Kirjasto"})
    added = {"kind": "long_text", "text": "Muuta kerrottavaa?"}
    response = client.post(
        f"/admin/survey_admin/edit/{survey.pk}/", form_data(fields, [existing, added])
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Minkä palvelun kautta tulit?"
    assert question.choices.count() == 3
    assert survey.questions.count() == 2


UNSAFE = {
    "deleting a question": lambda q: q.update(DELETE=True),
    "deleting a choice": lambda q: q["choices"][0].update(DELETE=True),
    "changing the kind": lambda q: q.update(kind="multiple_choice"),
    "making it required": lambda q: q.update(required=True),
}


@pytest.mark.parametrize("case", list(UNSAFE))
def test_unsafe_edits_are_refused(answered_survey, case):
    client, survey, question, existing, fields = answered_survey
    UNSAFE[case](existing)
    response = client.post(f"/admin/survey_admin/edit/{survey.pk}/", form_data(fields, [existing]))
    assert response.status_code == 200
    assert (
        "siihen on vastattu" in response.content.decode()
        or "voi poistaa" in response.content.decode()
    )
    question.refresh_from_db()
    assert question.kind == "single_choice" and not question.required
    assert question.choices.count() == 2


def test_adding_a_required_question_is_refused(answered_survey):
    client, survey, _question, existing, fields = answered_survey
    added = {"kind": "short_text", "text": "Uusi pakollinen", "required": True}
    response = client.post(
        f"/admin/survey_admin/edit/{survey.pk}/", form_data(fields, [existing, added])
    )
    assert response.status_code == 200
    assert not Question.objects.filter(text="Uusi pakollinen").exists()


def test_staff_see_only_their_own_regions_surveys(staff_client):
    client, _staff, region = staff_client
    own = SurveyFactory(region=region, title="Oman alueen kysely")
    other = SurveyFactory(title="Toisen alueen kysely")
    page = client.get("/admin/survey_admin/").content.decode()
    assert "Oman alueen kysely" in page and "Toisen alueen kysely" not in page
    assert client.get(f"/admin/survey_admin/edit/{other.pk}/").status_code == 404
    assert client.get(f"/admin/survey_admin/edit/{own.pk}/").status_code == 200


LOOSENING = {
    "staff only -> after closing": ("staff_only", False, {"results_visibility": "after_closing"}),
    "staff only -> immediately": ("staff_only", False, {"results_visibility": "immediately"}),
    "after closing -> immediately": ("after_closing", False, {"results_visibility": "immediately"}),
    "publishing the written answers": ("after_closing", False, {"publish_free_text": "on"}),
}


@pytest.mark.parametrize("case", list(LOOSENING))
def test_loosening_who_sees_the_answers_is_refused_once_answered(answered_survey, case):
    client, survey, _question, existing, fields = answered_survey
    visibility, free_text, change = LOOSENING[case]
    Survey.objects.filter(pk=survey.pk).update(
        results_visibility=visibility, publish_free_text=free_text
    )
    data = form_data({**fields, "results_visibility": visibility, **change}, [existing])
    response = client.post(f"/admin/survey_admin/edit/{survey.pk}/", data)
    assert response.status_code == 200
    assert "laajemmin kuin vastaajille kerrottiin" in response.content.decode()
    survey.refresh_from_db()
    assert survey.results_visibility == visibility and survey.publish_free_text is free_text


TIGHTENING = {
    "immediately -> staff only": ("immediately", False, {"results_visibility": "staff_only"}),
    "immediately -> after closing": ("immediately", False, {"results_visibility": "after_closing"}),
    "unpublishing the written answers": ("after_closing", True, {}),
}


@pytest.mark.parametrize("case", list(TIGHTENING))
def test_tightening_is_allowed_once_answered(answered_survey, case):
    client, survey, _question, existing, fields = answered_survey
    visibility, free_text, change = TIGHTENING[case]
    Survey.objects.filter(pk=survey.pk).update(
        results_visibility=visibility, publish_free_text=free_text
    )
    data = form_data({**fields, "results_visibility": visibility, **change}, [existing])
    response = client.post(f"/admin/survey_admin/edit/{survey.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    survey.refresh_from_db()
    assert survey.results_visibility == change.get("results_visibility", visibility)
    assert survey.publish_free_text is False


def test_loosening_is_allowed_before_any_answers(staff_client):
    client, _staff, region = staff_client
    survey = SurveyFactory(region=region, results_visibility="staff_only")
    data = form_data(
        {
            "region": region.pk,
            "title": survey.title,
            "results_visibility": "immediately",
            "publish_free_text": "on",
        },
        [],
    )
    assert client.post(f"/admin/survey_admin/edit/{survey.pk}/", data).status_code == 302
    survey.refresh_from_db()
    assert survey.results_visibility == "immediately" and survey.publish_free_text


def test_deleting_a_survey_with_answers_is_refused(staff_client):
    from panels.surveys.models import Answer

    client, _staff, region = staff_client
    survey = SurveyFactory(region=region)
    question = QuestionFactory(survey=survey)
    response = Response.objects.create(survey=survey, respondent=UserFactory())
    Answer.objects.create(response=response, question=question, text="Hyvä")
    url = f"/admin/survey_admin/delete/{survey.pk}/"
    page = client.get(url, follow=True)
    assert page.status_code == 200
    assert "Kyselyä ei voi poistaa" in page.content.decode()
    refused = client.post(url, follow=True)
    assert refused.status_code == 200
    assert refused.redirect_chain[-1][0] == f"/admin/survey_admin/edit/{survey.pk}/"
    assert "Kyselyä ei voi poistaa" in refused.content.decode()
    assert Survey.objects.filter(pk=survey.pk).exists()
    assert Answer.objects.filter(response__survey=survey).count() == 1


def test_a_survey_without_answers_can_be_deleted(staff_client):
    client, _staff, region = staff_client
    survey = SurveyFactory(region=region)
    QuestionFactory(survey=survey)
    response = client.post(f"/admin/survey_admin/delete/{survey.pk}/")
    assert response.status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()


def test_the_answers_notice_follows_the_users_language(answered_survey, staff_client):
    from wagtail.users.models import UserProfile

    client, survey, *_ = answered_survey
    _client, staff, _region = staff_client
    profile = UserProfile.get_for_user(staff)
    for language, words in [
        ("sv", "Enkäten har redan svar"),
        ("fi", "Tähän kyselyyn on jo vastattu"),
    ]:
        profile.preferred_language = language
        profile.save()
        page = client.get(f"/admin/survey_admin/edit/{survey.pk}/").content.decode()
        assert words in page, language


def test_the_add_buttons_read_naturally(staff_client):
    client, _staff, _region = staff_client
    page = client.get("/admin/survey_admin/new/").content.decode()
    assert "Lisää kysymys" in page and "Lisää Kysymys" not in page
    assert "Lisää vaihtoehto" in page and "Lisää Vaihtoehto" not in page


def test_a_survey_answered_while_being_deleted_is_kept(staff_client, monkeypatch):
    """The answer arrives between the check and the delete: the database refuses (answers
    protect their question), and the admin says so instead of failing."""
    from panels.surveys.models import Answer

    client, _staff, region = staff_client
    survey = SurveyFactory(region=region)
    question = QuestionFactory(survey=survey)
    response = Response.objects.create(survey=survey, respondent=UserFactory())
    Answer.objects.create(response=response, question=question, text="Hyvä")
    monkeypatch.setattr(Survey, "has_responses", lambda self: False)
    refused = client.post(f"/admin/survey_admin/delete/{survey.pk}/", follow=True)
    assert refused.status_code == 200
    assert "Kyselyä ei voi poistaa" in refused.content.decode()
    assert Answer.objects.filter(response__survey=survey).count() == 1
