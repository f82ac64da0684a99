"""Fetch and check: what a person may not see does not exist for them (a 404).

Views (and websocket consumers) look rounds, ideas, pages' discussions and comments up through
these, so that visibility is decided in one place (the QuerySets' ``visible_to``). What they
return is known to the rules as seen (ideas.rules.seen_by): asking again costs no query.
"""

from django.shortcuts import get_object_or_404

from .models import Comment, Idea, IdeaRound, PageDiscussion
from .rules import seen_by


def get_round_for(user, slug):
    rounds = IdeaRound.objects.visible_to(user).select_related("region", "panel")
    round_ = get_object_or_404(rounds, slug=slug)
    seen_by(user, round_)
    return round_


def get_idea_for(user, pk):
    ideas = (
        Idea.objects.visible_to(user)
        # The workshop decision it came from, for the idea page's "from the workshop" line.
        # The spontaneous feedback it was made from (ideas.service_feedback), for its line too.
        .select_related(
            "round__region",
            "round__panel",
            "author",
            "workshop_decision__workshop__panel",
            "source_feedback__service_area",
            # The observation walk finding it came from (ideas.origins.walk_findings), for its line.
            "walk_finding__walk__template__region",
        )
        .with_counts()
        .with_supported_by(user)
    )
    idea = get_object_or_404(ideas, pk=pk)
    seen_by(user, idea)
    return idea


def get_discussion_for(user, pk):
    discussion = get_object_or_404(PageDiscussion.objects.visible_to(user), pk=pk)
    seen_by(user, discussion)
    return discussion


def get_comment_for(user, pk):
    comments = Comment.objects.visible_to(user).select_related(
        "idea__round__region", "idea__round__panel", "idea__author", "discussion", "author"
    )
    comment = get_object_or_404(comments, pk=pk)
    # Comment.objects.visible_to yields only comments on ideas and pages the person sees.
    seen_by(user, comment.place)
    return comment
