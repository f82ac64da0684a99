"""Once a survey has answers (stored or still waiting to be added to the results), the admin
refuses every edit that would show them to more people than the respondents were told: a wider
audience while participants see the results, another region's staff, anonymous answers made
named, and a closed survey opened again (whose next closing would add a handful of answers
to results people have already seen). Narrowing stays possible."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from panels.surveys.models import PendingAnswer, Response, Survey
from panels.surveys.services import submit_response
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory
from tests.panels.surveys.test_admin import _when, form_data

pytestmark = pytest.mark.django_db

AUDIENCE = "its audience cannot grow"


@pytest.fixture
def staff(client):
    region = RegionFactory()
    person = UserFactory(staff=True)
    region.officials.add(person)
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(person)
    return client, region


def _answered(region, *, panels=(), **kwargs):
    survey = SurveyFactory(region=region, panels=list(panels), **kwargs)
    question = QuestionFactory(survey=survey, kind="single_choice", text="Mikä palvelu?")
    choices = [ChoiceFactory(question=question, label=label) for label in ("Neuvola", "Ohjaamo")]
    existing = {
        "id": str(question.pk),
        "kind": "single_choice",
        "text": question.text,
        "choices": [{"id": str(c.pk), "label": c.label} for c in choices],
    }
    fields = {
        "region": region.pk,
        "is_published": "on",
        "title": survey.title,
        "results_visibility": survey.results_visibility,
        "panels": [panel.pk for panel in panels],
    }
    if survey.is_anonymous:
        fields["is_anonymous"] = "on"
        submit_response(survey, UserFactory(), [{"question": question, "choice": choices[0]}])
    else:
        Response.objects.create(survey=survey, respondent=UserFactory())
    return survey, existing, fields


def _edit(client, survey, fields, existing):
    return client.post(f"/admin/survey_admin/edit/{survey.pk}/", form_data(fields, [existing]))


def _panels(survey):
    return set(Survey.objects.get(pk=survey.pk).panels.values_list("pk", flat=True))


@pytest.mark.parametrize("visibility", ["immediately", "after_closing"])
def test_unticking_every_panel_is_refused(staff, visibility):
    client, region = staff
    panel = PanelFactory(region=region)
    survey, existing, fields = _answered(region, panels=[panel], results_visibility=visibility)
    response = _edit(client, survey, {**fields, "panels": []}, existing)
    assert response.status_code == 200
    assert AUDIENCE in response.content.decode()
    assert _panels(survey) == {panel.pk}


def test_adding_a_panel_is_refused(staff):
    client, region = staff
    panel, other = PanelFactory(region=region), PanelFactory(region=region)
    survey, existing, fields = _answered(region, panels=[panel])
    response = _edit(client, survey, {**fields, "panels": [panel.pk, other.pk]}, existing)
    assert response.status_code == 200
    assert AUDIENCE in response.content.decode()
    assert _panels(survey) == {panel.pk}
    # Swapping one panel for another grows the audience too.
    response = _edit(client, survey, {**fields, "panels": [other.pk]}, existing)
    assert AUDIENCE in response.content.decode()
    assert _panels(survey) == {panel.pk}


def test_the_audience_of_an_anonymous_survey_with_waiting_answers_cannot_grow(staff):
    client, region = staff
    panel = PanelFactory(region=region)
    survey, existing, fields = _answered(region, panels=[panel], is_anonymous=True)
    assert not Response.objects.exists() and PendingAnswer.objects.count() == 1
    response = _edit(client, survey, {**fields, "panels": []}, existing)
    assert AUDIENCE in response.content.decode()
    assert _panels(survey) == {panel.pk}


def test_narrowing_the_audience_is_allowed(staff):
    client, region = staff
    panel, other = PanelFactory(region=region), PanelFactory(region=region)
    survey, existing, fields = _answered(region, panels=[panel, other])
    response = _edit(client, survey, {**fields, "panels": [panel.pk]}, existing)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _panels(survey) == {panel.pk}


def test_a_wider_audience_is_allowed_when_only_staff_see_the_results(staff):
    """The audience then only answers: nobody in it sees the results."""
    client, region = staff
    panel, other = PanelFactory(region=region), PanelFactory(region=region)
    survey, existing, fields = _answered(region, panels=[panel], results_visibility="staff_only")
    response = _edit(client, survey, {**fields, "panels": [panel.pk, other.pk]}, existing)
    assert response.status_code == 302, response.content.decode()[:3000]
    # And in the same edit as restricting the results to staff.
    survey, existing, fields = _answered(region, panels=[panel])
    response = _edit(
        client, survey, {**fields, "panels": [], "results_visibility": "staff_only"}, existing
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _panels(survey) == set()


def test_moving_the_survey_to_another_region_is_refused(staff):
    client, region = staff
    elsewhere = RegionFactory()
    elsewhere.officials.add(*region.officials.all())
    survey, existing, fields = _answered(region)
    response = _edit(client, survey, {**fields, "region": elsewhere.pk}, existing)
    assert response.status_code == 200
    assert "cannot move to another region" in response.content.decode()
    assert Survey.objects.get(pk=survey.pk).region == region


def test_making_an_anonymous_survey_named_is_refused(staff):
    client, region = staff
    survey, existing, fields = _answered(region, is_anonymous=True)
    fields.pop("is_anonymous")
    response = _edit(client, survey, fields, existing)
    assert response.status_code == 200
    assert "Whether the survey is anonymous cannot change" in response.content.decode()
    assert Survey.objects.get(pk=survey.pk).is_anonymous


def test_opening_a_closed_survey_again_is_refused(staff):
    client, region = staff
    survey, existing, fields = _answered(region, is_anonymous=True)
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )
    for closes in (_when(timedelta(days=7)), ""):
        data = {**fields, "opens_at": _when(-timedelta(days=30)), "closes_at": closes}
        response = _edit(client, survey, data, existing)
        assert response.status_code == 200
        assert "cannot be opened again" in response.content.decode()
        assert Survey.objects.get(pk=survey.pk).is_closed()


def test_closing_a_survey_in_the_admin_adds_its_waiting_answers(staff):
    client, region = staff
    survey, existing, fields = _answered(region, is_anonymous=True)
    assert PendingAnswer.objects.count() == 1
    data = {
        **fields,
        "opens_at": _when(-timedelta(days=2)),
        "closes_at": _when(-timedelta(minutes=1)),
    }
    response = _edit(client, survey, data, existing)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not PendingAnswer.objects.exists()
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_survey_whose_answers_all_wait_counts_as_answered(staff):
    client, region = staff
    survey, existing, fields = _answered(region, is_anonymous=True)
    assert not Response.objects.exists()
    response = _edit(client, survey, fields, {**existing, "DELETE": True})
    assert response.status_code == 200
    assert survey.questions.count() == 1
    page = client.get(f"/admin/survey_admin/delete/{survey.pk}/", follow=True)
    assert "cannot be deleted" in page.content.decode()
    assert Survey.objects.filter(pk=survey.pk).exists()
