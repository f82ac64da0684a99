"""Surveys addressed to a role: the staff (or decision-makers) of the survey's region, or every
expert by experience; who sees and answers them, who is told when they open, and that the
admin keeps a survey with answers from reaching more people than it did."""

import pytest
import rules

from accounts.models import Notification
from panels.surveys.models import ResultsVisibility, Survey
from panels.surveys.services import announce_survey
from tests.factories import MembershipFactory, UserFactory
from tests.panels.conftest import ROLES, build_world
from tests.panels.surveys.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

# role -> (sees, may answer) for: the staff survey, the decision-makers' survey, the experts'
# survey, all of region A (the world's panel's region).
MATRIX = {
    "anonymous": ((False, False), (False, False), (False, False)),
    "outsider": ((False, False), (False, False), (False, False)),
    "applicant": ((False, False), (False, False), (False, False)),
    "member": ((False, False), (False, False), (False, False)),
    # The facilitator is an expert by experience.
    "facilitator": ((False, False), (False, False), (True, True)),
    # Staff and decision-makers of region A see every survey of it; answer the ones for them.
    "staff_same_region": ((True, True), (True, False), (True, False)),
    "staff_other_region": ((False, False), (False, False), (False, False)),
    "decision_maker": ((True, False), (True, True), (True, False)),
    # Administrators see everything, but are not "the staff of every region".
    "administrator": ((True, False), (True, False), (True, False)),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_and_answers_a_role_survey(client, role):
    world = build_world()
    region = world.panel.region
    surveys = [
        SurveyFactory(region=region, audience_staff=True),
        SurveyFactory(region=region, audience_decision_makers=True),
        SurveyFactory(region=region, audience_experts=True),
    ]
    user = world.person(role)
    got = tuple(
        (
            rules.has_perm("surveys.view_survey", user, survey),
            rules.has_perm("surveys.answer_survey", user, survey),
        )
        for survey in surveys
    )
    assert got == MATRIX[role]
    # The list agrees.
    listed = set(Survey.objects.visible_to(user).values_list("pk", flat=True))
    assert listed == {s.pk for s, (sees, _a) in zip(surveys, MATRIX[role], strict=True) if sees}


def test_a_staff_member_answers_the_staff_survey_of_their_region(client):
    world = build_world()
    survey = SurveyFactory(region=world.panel.region, audience_staff=True, is_anonymous=True)
    question = QuestionFactory(survey=survey, kind="short_text")
    client.force_login(world.person("staff_same_region"))
    page = client.post(f"/surveys/{survey.pk}/", {f"q{question.pk}": "Tärkeää työtä"})
    assert page.status_code == 200
    assert survey.answered_markers.filter(user=world.person("staff_same_region")).exists()
    client.force_login(world.person("staff_other_region"))
    assert client.get(f"/surveys/{survey.pk}/").status_code == 404
    client.force_login(world.person("member"))
    assert client.get(f"/surveys/{survey.pk}/").status_code == 404


def test_panels_and_roles_add_up():
    world = build_world()
    survey = SurveyFactory(region=world.panel.region, panels=[world.panel], audience_staff=True)
    for role, expected in [
        ("member", True),
        ("staff_same_region", True),
        ("outsider", False),
        ("staff_other_region", False),
    ]:
        assert rules.has_perm("surveys.answer_survey", world.person(role), survey) is expected
    assert not survey.is_public()


def test_the_addressed_are_told_once_and_the_publisher_not(client):
    world = build_world()
    region = world.panel.region
    publisher = world.person("staff_same_region")
    colleague = UserFactory(staff=True)
    region.officials.add(colleague)
    former = UserFactory(staff=True, is_active=False)
    region.officials.add(former)
    survey = SurveyFactory(
        region=region,
        audience_staff=True,
        audience_experts=True,
        panels=[world.panel],
        created_by=publisher,
    )
    expert = UserFactory(expert=True)
    MembershipFactory(panel=world.panel, person=expert)  # addressed twice, told once
    told = announce_survey(survey, by=publisher)
    recipients = sorted(
        Notification.objects.filter(kind="panels.survey_opened").values_list("recipient", flat=True)
    )
    expected = sorted(
        {
            colleague.pk,
            expert.pk,
            world.person("facilitator").pk,  # an expert by experience
            world.person("member").pk,
        }
    )
    assert recipients == expected and told == len(expected)
    assert announce_survey(survey) == 0


def test_the_admin_refuses_to_widen_the_audience_by_role(client):
    from panels.surveys.admin import _reaches_more

    class Form:
        def __init__(self, initial, cleaned):
            self.initial, self.cleaned_data = initial, cleaned

    shown = {"results_visibility": ResultsVisibility.IMMEDIATELY}
    grows = Form({"panels": [1]}, {**shown, "panels": [], "audience_staff": True})
    assert _reaches_more(grows)
    shrinks = Form({"panels": [], "audience_staff": True}, {**shown, "panels": []})
    # Removing the last role makes the survey public: wider.
    assert _reaches_more(shrinks)
    narrower = Form(
        {"panels": [], "audience_staff": True, "audience_experts": True},
        {**shown, "panels": [], "audience_staff": True},
    )
    assert not _reaches_more(narrower)
    staff_only = {"results_visibility": ResultsVisibility.STAFF_ONLY}
    assert not _reaches_more(Form({"panels": [1]}, {**staff_only, "audience_experts": True}))


def test_staff_address_a_survey_to_their_regions_staff_in_the_admin(client):
    from panels.surveys.models import Survey as Model
    from tests.panels.surveys.test_admin import form_data

    world = build_world()
    staff = world.person("staff_same_region")
    colleague = UserFactory(staff=True)
    world.panel.region.officials.add(colleague)
    client.force_login(staff)
    data = form_data(
        {"region": world.panel.region.pk, "audience_staff": "on", "is_published": "on"},
        [{"kind": "likert", "text": "Osallistaminen kuuluu työhöni."}],
    )
    assert client.post("/admin/survey_admin/new/", data).status_code == 302
    survey = Model.objects.get()
    assert survey.audience_staff and not survey.is_public()
    # Announced on saving: the region's other staff, not the publisher.
    assert list(
        Notification.objects.filter(kind="panels.survey_opened").values_list("recipient", flat=True)
    ) == [colleague.pk]
    page = client.get(f"/admin/survey_admin/edit/{survey.pk}/").content.decode()
    assert 'name="audience_staff"' in page
    assert f"/surveys/{survey.pk}/interview/" in page  # "Run as an interview"
