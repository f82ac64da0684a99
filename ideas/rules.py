"""The permission matrix of idea rounds, as django-rules predicates: one named rule per verb.

Rules take the object the verb is about: a round (see, post an idea, moderate), an idea
(see, edit, withdraw, comment, support, flag, moderate) or a comment (edit, remove, flag,
moderate). Who sees what comes from the QuerySets' ``visible_to``; the rules reuse them.

Ask with ``rules.has_perm(perm, user, obj)`` (or the ``can`` template tag), not
``user.has_perm``: Django grants active superusers every permission before any rule runs,
which would let administrators post in a closed round or support their own hidden idea.

Round-level answers that need the database (membership, region staff, visibility) are
remembered on the round instance for the request, so checking a rule for each of 300
comments of one idea costs the same queries as checking it once.
"""

import rules

from accounts.roles import Role
from panels.rules import is_active_member, is_administrator

from .models import (
    DISCUSSION_PHASES,
    Comment,
    Idea,
    IdeaRound,
    IdeaStatus,
    OfficialResponse,
    Phase,
    Support,
)


def round_of(obj):
    if isinstance(obj, IdeaRound):
        return obj
    if isinstance(obj, Idea):
        return obj.round
    if isinstance(obj, Comment | OfficialResponse):
        return obj.idea.round
    raise TypeError(f"No idea round for {obj!r}")


def _remembered(obj, user, name, compute):
    memo = obj.__dict__.setdefault("_rules_memo", {})
    key = (name, user.pk)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# --- About the round ----------------------------------------------------------------------


@rules.predicate
def can_see_round(user, obj):
    round_ = round_of(obj)
    return _remembered(
        round_,
        user,
        "see",
        lambda: IdeaRound.objects.visible_to(user).filter(pk=round_.pk).exists(),
    )


@rules.predicate
def is_round_participant(user, obj):
    """Signed in and, for a panel's round, an active member of the panel."""
    if not user.is_authenticated:
        return False
    round_ = round_of(obj)
    if round_.panel_id is None:
        return True
    return _remembered(round_, user, "member", lambda: is_active_member(user, round_.panel))


@rules.predicate
def is_round_moderator(user, obj):
    """Staff acting for the round's region, or an administrator."""
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    if user.role != Role.STAFF:
        return False
    round_ = round_of(obj)
    return _remembered(
        round_,
        user,
        "moderator",
        lambda: round_.region.officials.filter(pk=user.pk).exists(),
    )


@rules.predicate
def is_round_official(user, obj):
    """Staff or a decision-maker acting for the round's region, or an administrator: the
    people who move ideas along and answer them."""
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    if user.role not in (Role.STAFF, Role.DECISION_MAKER):
        return False
    round_ = round_of(obj)
    return _remembered(
        round_,
        user,
        "official",
        lambda: round_.region.officials.filter(pk=user.pk).exists(),
    )


@rules.predicate
def is_official_anywhere(user):
    """Staff, decision-makers and administrators: they see the response-time dashboard (each
    for their own regions)."""
    return user.is_authenticated and (
        is_administrator(user) or user.role in (Role.STAFF, Role.DECISION_MAKER)
    )


def in_phases(*phases):
    names = "_or_".join(phases)

    @rules.predicate(name=f"in_{names}")
    def predicate(user, obj):
        return round_of(obj).phase in phases

    return predicate


in_ideation = in_phases(Phase.IDEATION)
in_discussion = in_phases(*DISCUSSION_PHASES)


# --- About an idea or a comment -----------------------------------------------------------


@rules.predicate
def can_see_idea(user, idea):
    return _remembered(
        idea, user, "see", lambda: Idea.objects.visible_to(user).filter(pk=idea.pk).exists()
    )


@rules.predicate
def is_author(user, obj):
    return user.is_authenticated and obj.author_id == user.pk


@rules.predicate
def idea_is_public(user, obj):
    idea = obj.idea if isinstance(obj, Comment) else obj
    return idea.is_public


@rules.predicate
def idea_is_merged(user, idea):
    return idea.status == IdeaStatus.MERGED


@rules.predicate
def comment_is_public(user, comment):
    return comment.is_public


@rules.predicate
def comment_is_not_removed(user, comment):
    return comment.deleted_at is None


@rules.predicate
def can_see_comment_idea(user, comment):
    return can_see_idea.test(user, comment.idea)


@rules.predicate
def is_responder(user, response):
    return user.is_authenticated and response.responder_id == user.pk


@rules.predicate
def is_answered_by(user, response):
    """The response answers this person: they wrote the idea or supported it."""
    if not user.is_authenticated:
        return False
    idea = response.idea
    if idea.author_id == user.pk:
        return True
    return _remembered(
        idea,
        user,
        "supporter",
        lambda: Support.objects.filter(idea=idea, person=user).exists(),
    )


# --- The matrix ---------------------------------------------------------------------------

take_part = is_round_participant & can_see_round

rules.add_perm("ideas.see_round", can_see_round)
rules.add_perm("ideas.post_idea", take_part & in_ideation)

rules.add_perm("ideas.see_idea", can_see_idea)
rules.add_perm("ideas.edit_idea", is_author & idea_is_public & in_ideation)
# Withdrawing ends before evaluation: decision-makers then assess a set that stays still.
rules.add_perm("ideas.withdraw_idea", is_author & idea_is_public & in_discussion)
rules.add_perm("ideas.comment_on_idea", take_part & idea_is_public & in_discussion)
rules.add_perm("ideas.support_idea", take_part & idea_is_public & in_discussion)
rules.add_perm(
    "ideas.flag_idea", rules.is_authenticated & ~is_author & idea_is_public & can_see_idea
)

rules.add_perm("ideas.edit_comment", is_author & comment_is_public & idea_is_public & in_discussion)
# Taking back one's own words is allowed in every phase, also after the round closes.
rules.add_perm("ideas.remove_comment", is_author & comment_is_not_removed)
# A hidden comment stays readable to its author (with the reason) and to moderators.
rules.add_perm("ideas.read_hidden_comment", is_author | is_round_moderator)
rules.add_perm(
    "ideas.flag_comment",
    rules.is_authenticated & ~is_author & comment_is_public & can_see_comment_idea,
)

rules.add_perm("ideas.moderate_round", is_round_moderator)
rules.add_perm("ideas.moderate_idea", is_round_moderator)
rules.add_perm("ideas.moderate_comment", is_round_moderator)

# The feedback loop. Ideas are answered in every phase, also after the round has closed: an
# idea must not disappear silently. Hidden and withdrawn ideas are not answered.
rules.add_perm("ideas.change_status", is_round_official & idea_is_public)
# A merged idea is answered through the idea that took it.
rules.add_perm("ideas.respond_to_idea", is_round_official & idea_is_public & ~idea_is_merged)
# The responder corrects their own words; an administrator may too.
rules.add_perm("ideas.edit_response", (is_responder & is_round_official) | is_administrator)
rules.add_perm("ideas.give_feedback_on_response", is_answered_by & ~is_responder)
rules.add_perm("ideas.handle_clarification", is_round_official)
rules.add_perm("ideas.see_response_dashboard", is_official_anywhere)
