"""The permission matrix of idea rounds, as django-rules predicates: one named rule per verb.

Rules take the object the verb is about: a round (see, post an idea, moderate), an idea
(see, edit, withdraw, comment, support, flag, moderate), a page's discussion (see, comment)
or a comment (edit, remove, flag, moderate). Who sees what comes from the QuerySets'
``visible_to``; the rules reuse them.

A comment is on an idea or in a page's discussion (PageDiscussion): the comment verbs are
the same for both, each asking its place's rules (``by_place``), so the pages, services and
the live thread that act on comments need not know which kind they hold.

Ask with ``rules.has_perm(perm, user, obj)`` (or the ``can`` template tag), not
``user.has_perm``: Django grants active superusers every permission before any rule runs,
which would let administrators post in a closed round or support their own hidden idea.

``why_not_post_idea`` and ``why_not_comment`` (at the end) put a "no" into words a person can
act on.

Round-level answers that need the database (membership, region staff, visibility) are
remembered on the round instance for the request, so checking a rule for each of 300
comments of one idea costs the same queries as checking it once.
"""

from dataclasses import dataclass

import rules
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from panels.models import STAFF_ONLY
from panels.rules import is_active_member, serves_region

from .feedback.models import OfficialResponse
from .models import DISCUSSION_PHASES, Comment, Idea, IdeaRound, PageDiscussion, Phase


def round_of(obj):
    if isinstance(obj, IdeaRound):
        return obj
    if isinstance(obj, Idea):
        return obj.round
    if isinstance(obj, Comment | OfficialResponse):
        return obj.idea.round
    raise TypeError(f"No idea round for {obj!r}")


def remembered(obj, user, name, compute):
    memo = obj.__dict__.setdefault("_rules_memo", {})
    key = (name, user.pk)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def seen_by(user, obj):
    """Tell the rules that ``user`` sees ``obj``, a round, an idea or a page's discussion
    fetched through its QuerySet's ``visible_to(user)``, so that they do not ask the database
    again. An idea's round is seen too: ``Idea.objects.visible_to`` yields only ideas of
    rounds one sees."""
    if isinstance(obj, Idea):
        remembered(obj, user, "see", lambda: True)
        obj = obj.round
    remembered(obj, user, "see", lambda: True)


def discussion_of(obj):
    if isinstance(obj, PageDiscussion):
        return obj
    if isinstance(obj, Comment) and obj.discussion_id is not None:
        return obj.discussion
    raise TypeError(f"No page discussion for {obj!r}")


# --- About the round ----------------------------------------------------------------------


@rules.predicate
def can_see_round(user, obj):
    round_ = round_of(obj)
    return remembered(
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
    return remembered(round_, user, "member", lambda: is_active_member(user, round_.panel))


@rules.predicate
def is_round_moderator(user, obj):
    """Staff acting for the round's region, or an administrator."""
    return serves_region(user, round_of(obj), STAFF_ONLY)


@rules.predicate
def is_round_official(user, obj):
    """Staff or a decision-maker acting for the round's region, or an administrator: the
    people who move ideas along and answer them (ideas.feedback.rules)."""
    return serves_region(user, round_of(obj))


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
    return remembered(
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
def comment_is_public(user, comment):
    return comment.is_public


@rules.predicate
def comment_is_not_removed(user, comment):
    return comment.deleted_at is None


@rules.predicate
def can_see_comment_idea(user, comment):
    return can_see_idea.test(user, comment.idea)


# --- About a page's discussion --------------------------------------------------------------
# cms keeps is_public and is_open in step with the page; nothing here asks the database but
# "is this person staff of the region", remembered on the discussion like a round's answers.


@rules.predicate
def on_a_page(user, comment):
    """The comment is in a page's discussion, not on an idea."""
    return comment.discussion_id is not None


def by_place(on_idea, on_page):
    """One rule about a comment: ``on_idea`` for a comment on an idea, ``on_page`` for one in
    a page's discussion. Only the one that applies is asked."""
    return (~on_a_page & on_idea) | (on_a_page & on_page)


@rules.predicate
def is_discussion_moderator(user, obj):
    """Staff acting for the discussion's region, or an administrator; a discussion of no
    region (platform-wide) is moderated by administrators only."""
    discussion = discussion_of(obj)
    if user.is_authenticated and user.is_superuser:
        return True
    return discussion.region_id is not None and serves_region(user, discussion, STAFF_ONLY)


@rules.predicate
def can_see_discussion(user, obj):
    """A public one everyone; one that is not (its page was unpublished, say) its moderators,
    as PageDiscussion.objects.visible_to says."""
    discussion = discussion_of(obj)
    return remembered(
        discussion,
        user,
        "see",
        lambda: discussion.is_public or is_discussion_moderator.test(user, discussion),
    )


@rules.predicate
def discussion_is_public(user, obj):
    return discussion_of(obj).is_public


@rules.predicate
def discussion_is_open(user, obj):
    return discussion_of(obj).is_open


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

# A page's discussion: read while the page is public, commented on while it is also open.
# Comments there are edited, removed, reported and moderated as on ideas, by the region's
# staff (administrators where the discussion has no region).
discussion_accepts_comments = discussion_is_public & discussion_is_open
rules.add_perm("ideas.see_discussion", can_see_discussion)
rules.add_perm("ideas.comment_on_discussion", rules.is_active & discussion_accepts_comments)

rules.add_perm(
    "ideas.edit_comment",
    is_author
    & comment_is_public
    & by_place(idea_is_public & in_discussion, discussion_accepts_comments),
)
# Taking back one's own words is allowed in every phase, also after the round closes or the
# page's comments close; on a page, while the person can still see it.
rules.add_perm(
    "ideas.remove_comment",
    is_author & comment_is_not_removed & by_place(rules.always_true, can_see_discussion),
)
comment_moderator = by_place(is_round_moderator, is_discussion_moderator)
# A hidden comment stays readable to its author (with the reason) and to moderators.
rules.add_perm("ideas.read_hidden_comment", is_author | comment_moderator)
rules.add_perm(
    "ideas.flag_comment",
    rules.is_authenticated
    & ~is_author
    & comment_is_public
    & by_place(can_see_comment_idea, can_see_discussion),
)

rules.add_perm("ideas.moderate_round", is_round_moderator)
rules.add_perm("ideas.moderate_idea", is_round_moderator)
rules.add_perm("ideas.moderate_comment", comment_moderator)


# --- A thread's comments at once -----------------------------------------------------------


@dataclass(frozen=True)
class CommentPermissions:
    """What one person may do with one comment, as its thread shows it."""

    reply: bool
    edit: bool
    remove: bool
    flag: bool
    moderate: bool
    read_hidden: bool


def comment_perm_of(place):
    """The rule for commenting on ``place``: an idea, or a page's discussion."""
    if isinstance(place, PageDiscussion):
        return "ideas.comment_on_discussion"
    return "ideas.comment_on_idea"


def comment_permissions(user, comment):
    """The comment rules' answers for ``comment``, asked once per kind of comment.

    Besides the person and the comment's idea (its round, phase and visibility), the comment
    rules look only at whether the person wrote the comment and whether it is hidden or
    removed. Comments alike in those get the same answers, so a thread of hundreds asks the
    rules at most eight times, whatever its size; the answers are remembered on the idea
    instance, like the round's (on the discussion instance for a page's comments). A rule
    that starts to look at anything else about a comment belongs in the key below
    (tests.ideas.test_rules and test_page_discussions compare every kind with the rules).
    """
    own = user.is_authenticated and comment.author_id == user.pk
    kind = ("comment", own, comment.hidden_at is not None, comment.deleted_at is not None)
    place = comment.place
    comment_on = comment_perm_of(place)

    def ask():
        return CommentPermissions(
            reply=comment.is_public and rules.has_perm(comment_on, user, place),
            edit=rules.has_perm("ideas.edit_comment", user, comment),
            remove=rules.has_perm("ideas.remove_comment", user, comment),
            flag=rules.has_perm("ideas.flag_comment", user, comment),
            moderate=rules.has_perm("ideas.moderate_comment", user, comment),
            read_hidden=rules.has_perm("ideas.read_hidden_comment", user, comment),
        )

    return remembered(place, user, kind, ask)


# --- Why not, in words ----------------------------------------------------------------------
# The rules say yes or no; these say why not, in the order that helps most: the phase first
# (nobody can post in a closed round, signed in or not), then signing in, then membership.


def _phase_explanation(round_, phase):
    if phase == Phase.UPCOMING:
        starts = formats.date_format(timezone.localtime(round_.ideation_starts), "DATE_FORMAT")
        return _("This round has not started yet. Ideation starts on %(date)s.") % {"date": starts}
    if phase == Phase.DEVELOPMENT:
        return _(
            "New ideas are no longer posted: the round is in the development phase, where the "
            "ideas already posted are refined and discussed."
        )
    if phase == Phase.EVALUATION:
        return _(
            "The round is in the evaluation phase: decision-makers are assessing the ideas, "
            "so they are no longer changed, supported or discussed."
        )
    if phase == Phase.CLOSED:
        return _(
            "This round is closed. Its ideas and discussions can be read but no longer changed."
        )
    return ""


def _membership_explanation(user, round_):
    if not user.is_authenticated:
        return None
    if round_.panel_id is not None:
        return _("This round is for the members of the panel %(panel)s.") % {
            "panel": round_.panel.name
        }
    return _("You cannot take part in this round.")


def why_not_post_idea(user, round_):
    """An empty string when the person may post an idea in the round."""
    if rules.has_perm("ideas.post_idea", user, round_):
        return ""
    phase = round_.phase
    if phase != Phase.IDEATION:
        return _phase_explanation(round_, phase)
    if not user.is_authenticated:
        return _("Log in to post an idea.")
    return _membership_explanation(user, round_)


def why_not_comment_on_discussion(user, discussion):
    """An empty string when the person may comment in the page's discussion."""
    if rules.has_perm("ideas.comment_on_discussion", user, discussion):
        return ""
    if not discussion.is_public:
        return _("This page is not published, so it cannot be commented on.")
    if not discussion.is_open:
        return _("Comments on this page are closed. The discussion can still be read.")
    if not user.is_authenticated:
        return _("Log in to comment.")
    return _("You cannot comment here.")


def why_not_comment(user, idea):
    """An empty string when the person may comment on and support the idea."""
    if rules.has_perm("ideas.comment_on_idea", user, idea):
        return ""
    if not idea.is_public:
        return _("This idea is not shown to others, so it cannot be discussed or supported.")
    phase = idea.round.phase
    if phase not in DISCUSSION_PHASES:
        return _phase_explanation(idea.round, phase)
    if not user.is_authenticated:
        return _("Log in to comment and to support ideas.")
    return _membership_explanation(user, idea.round)
