"""The feedback loop's permission matrix, as django-rules predicates. The object is an idea
(move its status, answer it, handle clarifications) or an official response (edit it, say
whether it answered the idea).

The people who answer ideas are the officials of the idea's region (staff and decision-makers,
and administrators everywhere): panels.rules.serves_region, through ideas.rules.round_of.
"""

import rules

from accounts.roles import Role
from ideas.models import Support
from ideas.rules import idea_is_public, is_round_official, remembered
from panels.rules import is_administrator

from .statuses import IdeaStatus


@rules.predicate
def idea_is_merged(user, idea):
    return idea.status == IdeaStatus.MERGED


@rules.predicate
def is_official_anywhere(user):
    """Staff, decision-makers and administrators: they see the response-time dashboard (each
    for their own regions)."""
    return user.is_authenticated and (
        is_administrator(user) or user.role in (Role.STAFF, Role.DECISION_MAKER)
    )


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
    return remembered(
        idea,
        user,
        "supporter",
        lambda: Support.objects.filter(idea=idea, person=user).exists(),
    )


# The feedback loop. Ideas are answered in every phase, also after the round has closed: an
# idea must not disappear silently. Hidden and withdrawn ideas are not answered.
rules.add_perm("feedback.change_status", is_round_official & idea_is_public)
# A merged idea is answered through the idea that took it.
rules.add_perm("feedback.respond_to_idea", is_round_official & idea_is_public & ~idea_is_merged)
# The responder corrects their own words; an administrator may too.
rules.add_perm("feedback.edit_response", (is_responder & is_round_official) | is_administrator)
rules.add_perm("feedback.give_feedback_on_response", is_answered_by & ~is_responder)
rules.add_perm("feedback.handle_clarification", is_round_official)
rules.add_perm("feedback.see_response_dashboard", is_official_anywhere)
