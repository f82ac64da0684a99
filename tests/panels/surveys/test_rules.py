"""Who sees, answers, sees results, exports and edits a survey: role x survey state."""

import pytest
import rules

from panels.surveys.models import ResultsVisibility
from tests.panels.conftest import ROLES, build_world
from tests.panels.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db

PERMS = ["view_survey", "answer_survey", "view_survey_results", "export_survey", "change_survey"]

# role -> (view, answer, results, export, change) for an open panel survey whose results are
# released at once. The applicant is not yet a member; the other region's staff see nothing.
OPEN_PANEL_SURVEY = {
    "anonymous": (False, False, False, False, False),
    "outsider": (False, False, False, False, False),
    "applicant": (False, False, False, False, False),
    "member": (True, True, True, False, False),
    "facilitator": (False, False, False, False, False),
    "staff_same_region": (True, False, True, True, True),
    "staff_other_region": (False, False, False, False, False),
    "decision_maker": (True, False, True, False, False),
    "administrator": (True, False, True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_open_panel_survey(role):
    world = build_world()
    survey = SurveyFactory(
        region=world.panel.region,
        panels=[world.panel],
        results_visibility=ResultsVisibility.IMMEDIATELY,
    )
    user = world.person(role)
    got = tuple(rules.has_perm(f"surveys.{perm}", user, survey) for perm in PERMS)
    assert got == OPEN_PANEL_SURVEY[role]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        # (view, answer, results) for the panel's member
        ({"upcoming": True}, (False, False, False)),
        ({"is_published": False}, (False, False, False)),
        ({"closed": True}, (True, False, True)),
        (
            {"closed": True, "results_visibility": ResultsVisibility.STAFF_ONLY},
            (True, False, False),
        ),
        ({"results_visibility": ResultsVisibility.AFTER_CLOSING}, (True, True, False)),
    ],
)
def test_a_member_and_the_survey_state(state, expected):
    world = build_world()
    kwargs = {"results_visibility": ResultsVisibility.AFTER_CLOSING, **state}
    survey = SurveyFactory(region=world.panel.region, panels=[world.panel], **kwargs)
    member = world.person("member")
    got = tuple(rules.has_perm(f"surveys.{perm}", member, survey) for perm in PERMS[:3])
    assert got == expected


@pytest.mark.parametrize(
    ("role", "anonymous", "expected"),
    [
        ("anonymous", True, True),
        ("anonymous", False, False),
        ("outsider", False, True),
        ("staff_other_region", True, True),
    ],
)
def test_who_may_answer_a_public_survey(role, anonymous, expected):
    world = build_world()
    survey = SurveyFactory(region=world.panel.region, is_anonymous=anonymous)
    assert rules.has_perm("surveys.answer_survey", world.person(role), survey) is expected


def test_free_text_only_when_published(client):
    world = build_world()
    survey = SurveyFactory(
        region=world.panel.region,
        panels=[world.panel],
        results_visibility=ResultsVisibility.IMMEDIATELY,
    )
    member = world.person("member")
    assert not rules.has_perm("surveys.view_survey_free_text", member, survey)
    staff = world.person("staff_same_region")
    assert rules.has_perm("surveys.view_survey_free_text", staff, survey)
    survey.publish_free_text = True
    survey.save()
    survey = type(survey).objects.get(pk=survey.pk)
    assert rules.has_perm("surveys.view_survey_free_text", member, survey)


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        ("anonymous", (404, 404, 404)),
        ("member", (200, 200, 404)),
        ("staff_same_region", (200, 200, 200)),
        ("staff_other_region", (404, 404, 404)),
    ],
)
def test_the_pages_agree_with_the_rules(client, role, pages):
    world = build_world()
    survey = SurveyFactory(
        region=world.panel.region,
        panels=[world.panel],
        results_visibility=ResultsVisibility.IMMEDIATELY,
    )
    if role != "anonymous":
        client.force_login(world.person(role))
    got = tuple(
        client.get(f"/surveys/{survey.pk}/{suffix}").status_code
        for suffix in ("", "results/", "results.csv")
    )
    assert got == pages
