"""The permission matrix of ideas.rules, as tables: who, round kind and phase, allowed or not.

Each verb has one row saying who may do it in a public round, who in a panel's round, and in
which phases. Every combination is checked, so a change anywhere in the rules shows up here.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from ideas.models import Phase
from ideas.rules import CommentPermissions, comment_permissions
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory

from .factories import CommentFactory, IdeaFactory, IdeaRoundFactory

ACTORS = [
    "anonymous",
    "client",  # signed in, not a member of the round's panel
    "member",  # active member of the round's panel
    "author",  # wrote the idea and a comment on it (a member, for a panel's round)
    "region_staff",
    "other_staff",  # staff of another region
    "decision_maker",  # an official of the round's region
    "administrator",
]
SIGNED_IN = set(ACTORS) - {"anonymous"}
EVERYONE = set(ACTORS)
PANEL_INSIDERS = {"member", "author", "region_staff", "decision_maker", "administrator"}
PANEL_PARTICIPANTS = {"member", "author"}
MODERATORS = {"region_staff", "administrator"}
ALL_PHASES = set(Phase)
DISCUSSION = {Phase.IDEATION, Phase.DEVELOPMENT}

# verb: (permission, what it is asked about, public round: who, panel round: who, phases)
MATRIX = {
    "see round": ("ideas.see_round", "round", EVERYONE, PANEL_INSIDERS, ALL_PHASES),
    "post idea": ("ideas.post_idea", "round", SIGNED_IN, PANEL_PARTICIPANTS, {Phase.IDEATION}),
    "see idea": ("ideas.see_idea", "idea", EVERYONE, PANEL_INSIDERS, ALL_PHASES),
    "comment": ("ideas.comment_on_idea", "idea", SIGNED_IN, PANEL_PARTICIPANTS, DISCUSSION),
    "support": ("ideas.support_idea", "idea", SIGNED_IN, PANEL_PARTICIPANTS, DISCUSSION),
    "edit idea": ("ideas.edit_idea", "idea", {"author"}, {"author"}, {Phase.IDEATION}),
    "withdraw idea": ("ideas.withdraw_idea", "idea", {"author"}, {"author"}, DISCUSSION),
    "flag idea": (
        "ideas.flag_idea",
        "idea",
        SIGNED_IN - {"author"},
        PANEL_INSIDERS - {"author"},
        ALL_PHASES,
    ),
    "edit comment": ("ideas.edit_comment", "comment", {"author"}, {"author"}, DISCUSSION),
    "remove comment": ("ideas.remove_comment", "comment", {"author"}, {"author"}, ALL_PHASES),
    "flag comment": (
        "ideas.flag_comment",
        "comment",
        SIGNED_IN - {"author"},
        PANEL_INSIDERS - {"author"},
        ALL_PHASES,
    ),
    "moderate round": ("ideas.moderate_round", "round", MODERATORS, MODERATORS, ALL_PHASES),
    "moderate idea": ("ideas.moderate_idea", "idea", MODERATORS, MODERATORS, ALL_PHASES),
    "moderate comment": ("ideas.moderate_comment", "comment", MODERATORS, MODERATORS, ALL_PHASES),
}


def build_world(kind, phase):
    region = RegionFactory()
    panel = PanelFactory(region=region) if kind == "panel" else None
    round_ = IdeaRoundFactory(region=region, panel=panel, phase=phase)
    people = {"anonymous": AnonymousUser()}
    people["client"] = UserFactory()
    people["member"] = UserFactory(expert=True)
    people["author"] = UserFactory()
    people["region_staff"] = UserFactory(staff=True)
    people["other_staff"] = UserFactory(staff=True)
    people["decision_maker"] = UserFactory(decision_maker=True)
    people["administrator"] = UserFactory(administrator=True)
    region.officials.add(people["region_staff"], people["decision_maker"])
    RegionFactory().officials.add(people["other_staff"])
    if panel is not None:
        MembershipFactory(panel=panel, person=people["member"])
        MembershipFactory(panel=panel, person=people["author"])
    idea = IdeaFactory(round=round_, author=people["author"])
    comment = CommentFactory(idea=idea, author=people["author"])
    return people, {"round": round_, "idea": idea, "comment": comment}


CASES = [(verb, kind, phase) for verb in MATRIX for kind in ("public", "panel") for phase in Phase]


@pytest.mark.django_db
@pytest.mark.parametrize(("verb", "kind", "phase"), CASES, ids=lambda v: str(v))
def test_matrix(verb, kind, phase):
    permission, about, public_who, panel_who, phases = MATRIX[verb]
    people, objects = build_world(kind, phase)
    who = public_who if kind == "public" else panel_who
    for actor in ACTORS:
        # Fresh instances: the rules remember answers on the instance they were asked about.
        target = type(objects[about]).objects.get(pk=objects[about].pk)
        expected = actor in who and phase in phases
        allowed = rules.has_perm(permission, people[actor], target)
        assert allowed == expected, f"{actor} {verb} in a {kind} round in {phase}"


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["hidden", "withdrawn"])
def test_hidden_or_withdrawn_idea_is_seen_by_its_author_and_moderators_only(state):
    people, objects = build_world("public", Phase.IDEATION)
    idea = objects["idea"]
    setattr(idea, f"{state}_at", idea.created_at)
    idea.save()
    sees = {"author", "region_staff", "administrator"}
    for actor in ACTORS:
        fresh = type(idea).objects.get(pk=idea.pk)
        assert rules.has_perm("ideas.see_idea", people[actor], fresh) == (actor in sees), actor
        # Nobody discusses, supports, edits or reports what others cannot see.
        for verb in ("comment_on_idea", "support_idea", "edit_idea", "flag_idea"):
            assert not rules.has_perm(f"ideas.{verb}", people[actor], fresh), (actor, verb)


@pytest.mark.django_db
def test_hidden_comment_is_read_by_its_author_and_moderators_only():
    people, objects = build_world("public", Phase.IDEATION)
    comment = objects["comment"]
    comment.hidden_at = comment.created_at
    comment.save()
    reads = {"author", "region_staff", "administrator"}
    for actor in ACTORS:
        fresh = type(comment).objects.get(pk=comment.pk)
        assert rules.has_perm("ideas.read_hidden_comment", people[actor], fresh) == (actor in reads)
        assert not rules.has_perm("ideas.edit_comment", people[actor], fresh)
        assert not rules.has_perm("ideas.flag_comment", people[actor], fresh)


@pytest.mark.django_db
def test_inactive_panel_membership_does_not_let_one_take_part():
    _people, objects = build_world("panel", Phase.IDEATION)
    former = UserFactory()
    MembershipFactory(panel=objects["round"].panel, person=former, status="left")
    assert not rules.has_perm("ideas.see_round", former, objects["round"])
    assert not rules.has_perm("ideas.post_idea", former, objects["round"])


@pytest.mark.django_db
def test_facilitator_and_the_person_running_a_panel_round_see_it():
    _people, objects = build_world("panel", Phase.IDEATION)
    round_ = objects["round"]
    facilitator = UserFactory(expert=True)
    round_.panel.facilitators.add(facilitator)
    runner = UserFactory(staff=True)
    round_.run_by = runner
    round_.save()
    assert rules.has_perm("ideas.see_round", facilitator, round_)
    assert rules.has_perm("ideas.see_round", runner, type(round_).objects.get(pk=round_.pk))


COMMENT_STATES = ["shown", "hidden", "removed"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["public", "panel"])
@pytest.mark.parametrize("phase", list(Phase))
def test_a_threads_permissions_by_kind_of_comment_match_the_rules_for_each_comment(kind, phase):
    """ideas.rules.comment_permissions answers once per kind of comment (own or not, hidden,
    removed); every comment of that kind must get what the rules say about it alone."""
    people, objects = build_world(kind, phase)
    idea = objects["idea"]
    others = UserFactory()
    comments = []
    for state in COMMENT_STATES:
        for author in (people["author"], others):
            # Two of each kind: the second is answered from what the first was.
            for _ in range(2):
                comment = CommentFactory(idea=idea, author=author)
                if state == "hidden":
                    comment.hidden_at = comment.created_at
                if state == "removed":
                    comment.deleted_at = comment.created_at
                comment.save()
                comments.append(comment)
    for actor in ACTORS:
        user = people[actor]
        shared_idea = type(idea).objects.get(pk=idea.pk)
        for comment in comments:
            in_thread = type(comment).objects.get(pk=comment.pk)
            in_thread.idea = shared_idea
            may = comment_permissions(user, in_thread)
            alone = type(comment).objects.get(pk=comment.pk)
            expected = CommentPermissions(
                reply=alone.is_public and rules.has_perm("ideas.comment_on_idea", user, alone.idea),
                edit=rules.has_perm("ideas.edit_comment", user, alone),
                remove=rules.has_perm("ideas.remove_comment", user, alone),
                flag=rules.has_perm("ideas.flag_comment", user, alone),
                moderate=rules.has_perm("ideas.moderate_comment", user, alone),
                read_hidden=rules.has_perm("ideas.read_hidden_comment", user, alone),
            )
            assert may == expected, (actor, comment.pk)
