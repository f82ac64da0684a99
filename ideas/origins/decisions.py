"""A co-design workshop's decision becomes an idea (see the package's docstring).

Whoever runs the workshop (``workshops.run_workshop``) posts it, in a round of the panel's
region, the panel's own rounds first. For everyone else the decision does not exist (a 404).
"""

import uuid

import rules
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.emails import one_line
from accounts.permissions import require_perm
from panels.workshops.models import Decision

from ..models import TITLE_MAX_LENGTH, Idea
from .common import idea_page, post_linked_idea, rounds_open_to


def rounds_for_decision(user, decision):
    panel = decision.workshop.panel
    return rounds_open_to(
        user, panel.region_id, preferred=lambda round_: round_.panel_id == panel.pk
    )


def post_idea_from_decision(author, decision, round_, **idea):
    require_perm(author, "workshops.run_workshop", decision.workshop)
    return post_linked_idea(author, round_, "workshop_decision", decision, **idea)


def _prefill(decision):
    return {
        "title": Truncator(one_line(decision.text)).chars(TITLE_MAX_LENGTH),
        "body": decision.text,
        "token": uuid.uuid4(),
    }


def _decision_for(user, pk):
    """The decision, if ``user`` runs its workshop; otherwise it does not exist (404)."""
    decision = get_object_or_404(Decision.objects.select_related("workshop__panel__region"), pk=pk)
    if not rules.has_perm("workshops.run_workshop", user, decision.workshop):
        raise Http404
    return decision


def idea_from_decision(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    decision = _decision_for(request.user, pk)
    existing = Idea.objects.filter(workshop_decision=decision).first()
    if existing is not None:
        return redirect(existing)
    return idea_page(
        request,
        rounds=rounds_for_decision(request.user, decision),
        initial=_prefill(decision),
        post=lambda round_, **idea: post_idea_from_decision(request.user, decision, round_, **idea),
        template="ideas/idea_from_decision.html",
        context={"decision": decision, "workshop": decision.workshop},
        posted=_("The decision was posted as an idea."),
    )
