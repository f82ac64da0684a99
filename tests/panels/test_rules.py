"""The permission matrix: every role against every verb, for one panel of region A."""

import pytest
import rules

from panels.models import JoiningPolicy
from tests.panels.conftest import ROLES, build_world

pytestmark = pytest.mark.django_db


def can(user, verb, obj=None):
    """The rule as written. Django's ``user.has_perm`` lets any active superuser through every
    rule; the views ask the rules directly, and so does this table."""
    return rules.has_perm(f"panels.{verb}", user, obj)


VERBS = [
    "view_panel",
    "view_members",
    "view_minutes",
    "join_panel",
    "apply_to_panel",
    "decide_application",
    "invite_to_panel",
    "edit_meeting",
    "remove_member",
    "leave_panel",
]

Y, N = True, False
# fmt: off
MATRIX = {
    #                     view members minutes join apply decide invite meeting remove leave
    "anonymous":          (Y,   N,      N,      N,   N,    N,     N,     N,      N,     N),
    "outsider":           (Y,   N,      N,      Y,   Y,    N,     N,     N,      N,     N),
    "applicant":          (Y,   N,      N,      N,   N,    N,     N,     N,      N,     Y),
    "member":             (Y,   Y,      Y,      N,   N,    N,     N,     N,      N,     Y),
    "facilitator":        (Y,   Y,      Y,      Y,   Y,    N,     N,     Y,      Y,     N),
    "staff_same_region":  (Y,   Y,      Y,      Y,   Y,    Y,     Y,     Y,      Y,     N),
    "staff_other_region": (Y,   N,      N,      Y,   Y,    N,     N,     N,      N,     N),
    "decision_maker":     (Y,   Y,      Y,      Y,   Y,    N,     N,     N,      N,     N),
    "administrator":      (Y,   Y,      Y,      Y,   Y,    Y,     Y,     Y,      Y,     N),
}
# fmt: on

# Joining is asked of an open panel and applying of an application panel: on the other
# policies nobody may do either (tested below).
POLICY_FOR = {"join_panel": JoiningPolicy.OPEN}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("verb", VERBS)
def test_matrix(role, verb):
    world = build_world(POLICY_FOR.get(verb, JoiningPolicy.APPLICATION))
    expected = MATRIX[role][VERBS.index(verb)]
    assert can(world.person(role), verb, world.panel) is expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("policy", "verb"),
    [
        (JoiningPolicy.APPLICATION, "join_panel"),
        (JoiningPolicy.INVITATION, "join_panel"),
        (JoiningPolicy.OPEN, "apply_to_panel"),
        (JoiningPolicy.INVITATION, "apply_to_panel"),
    ],
)
def test_nobody_joins_or_applies_against_the_policy(role, policy, verb):
    world = build_world(policy)
    assert not can(world.person(role), verb, world.panel)


@pytest.mark.parametrize("role", ROLES)
def test_nobody_joins_an_archived_panel(role):
    world = build_world(JoiningPolicy.OPEN)
    world.panel.is_archived = True
    world.panel.save()
    assert not can(world.person(role), "join_panel", world.panel)
    assert can(world.person(role), "view_panel", world.panel)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (role, role in {"staff_same_region", "staff_other_region", "administrator"})
        for role in ROLES
    ],
)
def test_who_runs_some_panels(role, expected):
    world = build_world()
    assert can(world.person(role), "manage_panels") is expected


@pytest.mark.parametrize("role", ROLES)
def test_the_inner_circle_query_and_the_rule_agree(role):
    """Lists use Panel.objects.inner_circle_of, detail pages the rule: they never differ."""
    from panels.models import Panel

    world = build_world()
    user = world.person(role)
    listed = set(Panel.objects.inner_circle_of(user))
    allowed = {panel for panel in Panel.objects.all() if can(user, "view_members", panel)}
    assert listed == allowed


def test_the_membership_predicates_keep_their_meaning():
    """Other apps build on these four predicates (see panels/rules.py)."""
    from panels import rules as panel_rules

    world = build_world()
    panel = world.panel
    assert panel_rules.is_active_member(world.person("member"), panel)
    assert not panel_rules.is_active_member(world.person("applicant"), panel)
    assert panel_rules.is_facilitator(world.person("facilitator"), panel)
    assert panel_rules.is_region_staff(world.person("staff_same_region"), panel)
    assert not panel_rules.is_region_staff(world.person("decision_maker"), panel)
    assert not panel_rules.is_region_staff(world.person("staff_other_region"), panel)
    assert panel_rules.is_administrator(world.person("administrator"))
