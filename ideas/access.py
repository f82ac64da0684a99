"""Fetch and check: what a person may not see does not exist for them (a 404).

Views (and websocket consumers) look rounds, ideas and comments up through
these, so that visibility is decided in one place (the QuerySets' ``visible_to``).
"""

from django.shortcuts import get_object_or_404

from .models import Comment, Idea, IdeaRound


def get_round_for(user, slug):
    rounds = IdeaRound.objects.visible_to(user).select_related("region", "panel")
    return get_object_or_404(rounds, slug=slug)


def get_idea_for(user, pk):
    ideas = (
        Idea.objects.visible_to(user)
        .select_related("round__region", "round__panel", "author")
        .with_counts()
        .with_supported_by(user)
    )
    return get_object_or_404(ideas, pk=pk)


def get_comment_for(user, pk):
    comments = Comment.objects.visible_to(user).select_related(
        "idea__round__region", "idea__round__panel", "idea__author", "author"
    )
    return get_object_or_404(comments, pk=pk)
