"""One answer to "is this person an official of this region": Region.objects.served_by and the
predicates built on it (panels.rules.serves_region).

Every place that used to answer the question itself is asked here, for a staff member and a
decision-maker of the region: each answers yes while their role is theirs, and no at once
once the role drops to developer-client, though the region still lists them as officials.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from wagtail.permissions import policy_registry

from accounts.roles import Role
from cms.region_access import regions_of
from ideas.feedback.timeliness import regions_for
from ideas.models import Idea, IdeaRound
from panels.meetings.models import Meeting
from panels.meetings.services import room_of_meeting
from panels.models import STAFF_ONLY, Panel, Region
from panels.rules import is_region_official, is_region_staff
from panels.surveys.models import Survey
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory
from tests.panels.factories import MeetingFactory
from tests.panels.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db

OFFICIALS = {"staff", "decision_maker"}
STAFF = {"staff"}


@pytest.fixture
def world():
    region = RegionFactory()
    panel = PanelFactory(region=region)
    round_ = IdeaRoundFactory(region=region, panel=panel)
    idea = IdeaFactory(round=round_)
    hidden = IdeaFactory(round=IdeaRoundFactory(region=region), hidden_at=idea.created_at)
    survey = SurveyFactory(region=region, panels=[panel])
    meeting = MeetingFactory(panel=panel)
    return {
        "region": region,
        "panel": panel,
        "round": round_,
        "idea": idea,
        "hidden": hidden,
        "survey": survey,
        "meeting": meeting,
    }


def fresh(obj):
    """A newly loaded row: the rules remember their answers on the instance they asked."""
    return type(obj).objects.get(pk=obj.pk)


# Each place: (who answers yes while their role is theirs, the question asked of a person).
PLACES = {
    "Region.objects.served_by": (
        OFFICIALS,
        lambda user, w: Region.objects.served_by(user).filter(pk=w["region"].pk).exists(),
    ),
    "panels.rules.is_region_official": (
        OFFICIALS,
        lambda user, w: is_region_official.test(user, fresh(w["panel"])),
    ),
    "panels.rules.is_region_staff": (
        STAFF,
        lambda user, w: is_region_staff.test(user, fresh(w["panel"])),
    ),
    "Panel.objects.inner_circle_of (the panel's members and minutes)": (
        OFFICIALS,
        lambda user, w: rules.has_perm("panels.view_members", user, fresh(w["panel"])),
    ),
    "Panel.objects.managed_by (deciding applications)": (
        STAFF,
        lambda user, w: rules.has_perm("panels.decide_application", user, fresh(w["panel"])),
    ),
    "the meeting's live room": (
        OFFICIALS,
        lambda user, w: rules.has_perm(
            "meetings.see_room", user, room_of_meeting(fresh(w["meeting"]))
        ),
    ),
    "IdeaRound.objects.visible_to (a panel's round)": (
        OFFICIALS,
        lambda user, w: IdeaRound.objects.visible_to(user).filter(pk=w["round"].pk).exists(),
    ),
    "IdeaRound.objects.answered_by": (
        OFFICIALS,
        lambda user, w: IdeaRound.objects.answered_by(user).filter(pk=w["round"].pk).exists(),
    ),
    "IdeaRound.objects.managed_by (moderation)": (
        STAFF,
        lambda user, w: rules.has_perm("ideas.moderate_round", user, fresh(w["round"])),
    ),
    "Idea.objects.visible_to (a hidden idea)": (
        STAFF,
        lambda user, w: Idea.objects.visible_to(user).filter(pk=w["hidden"].pk).exists(),
    ),
    "ideas.rules.is_round_official (responding)": (
        OFFICIALS,
        lambda user, w: rules.has_perm("feedback.respond_to_idea", user, fresh(w["idea"])),
    ),
    "ideas.feedback.timeliness.regions_for (the dashboard)": (
        OFFICIALS,
        lambda user, w: regions_for(user).filter(pk=w["region"].pk).exists(),
    ),
    "Survey.objects.of_officials (written answers)": (
        OFFICIALS,
        lambda user, w: rules.has_perm("surveys.view_survey_free_text", user, fresh(w["survey"])),
    ),
    "Survey.objects.managed_by (changing a survey)": (
        STAFF,
        lambda user, w: rules.has_perm("surveys.change_survey", user, fresh(w["survey"])),
    ),
    "cms.region_access.regions_of (impact reports)": (
        OFFICIALS,
        # None means every region (administrators).
        lambda user, w: (
            regions_of(user) is None or regions_of(user).filter(pk=w["region"].pk).exists()
        ),
    ),
}


def official(role, region):
    person = UserFactory(role=role)
    region.officials.add(person)
    return person


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("role", sorted(OFFICIALS))
def test_an_official_acts_for_the_region_until_their_role_drops(world, place, role):
    who, ask = PLACES[place]
    person = official(role, world["region"])
    assert ask(person, world) == (role in who)
    person.role = Role.DEVELOPER_CLIENT
    person.save()
    assert world["region"].officials.filter(pk=person.pk).exists()
    assert ask(type(person).objects.get(pk=person.pk), world) is False


@pytest.mark.parametrize("place", PLACES)
def test_nobody_else_is_an_official(world, place):
    _who, ask = PLACES[place]
    elsewhere = official(Role.STAFF, RegionFactory())
    listed_client = official(Role.DEVELOPER_CLIENT, world["region"])
    for person in (AnonymousUser(), UserFactory(), elsewhere, listed_client):
        assert ask(person, world) is False, person


@pytest.mark.parametrize("place", PLACES)
def test_administrators_act_for_every_region(world, place):
    _who, ask = PLACES[place]
    assert ask(UserFactory(administrator=True), world) is True


def test_the_admin_policies_ask_the_same_question(world):
    """The Wagtail admin's policies for rounds, surveys, panels and meetings."""
    staff = official(Role.STAFF, world["region"])
    models = (IdeaRound, Survey, Panel, Meeting)
    policies = [policy_registry.get_by_type(model) for model in models]
    assert all(policy.user_has_permission(staff, "change") for policy in policies)
    staff.role = Role.DEVELOPER_CLIENT
    staff.save()
    assert not any(policy.user_has_permission(staff, "change") for policy in policies)


def test_who_acts_for_a_region_asked_the_other_way_round(world):
    """Region.objects.people_serving: the people the admin lists as able to act, say."""
    region = world["region"]
    staff = official(Role.STAFF, region)
    decision_maker = official(Role.DECISION_MAKER, region)
    listed_client = official(Role.DEVELOPER_CLIENT, region)
    administrator = UserFactory(administrator=True)
    serving = set(Region.objects.filter(pk=region.pk).people_serving())
    assert {staff, decision_maker, administrator} <= serving
    assert listed_client not in serving
    assert decision_maker not in set(Region.objects.people_serving(STAFF_ONLY))
    staff.role = Role.DEVELOPER_CLIENT
    staff.save()
    assert staff not in set(Region.objects.people_serving())


def test_administrators_act_in_the_admin_before_any_region_exists():
    administrator = UserFactory(administrator=True)
    assert not Region.objects.exists()
    for model in (IdeaRound, Survey, Panel, Meeting):
        assert policy_registry.get_by_type(model).user_has_permission(administrator, "add"), model
