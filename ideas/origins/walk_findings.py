"""An observation walk's finding becomes an idea (see the package's docstring).

The staff of the walk's region (``walks.turn_into_idea``) post it, in a round of that region,
the region's own rounds (no panel) first. The finding's photo does not travel with it: it was
approved for the report, not for the idea's wider audience. For everyone else the finding
does not exist here (a 404). ``seed_walk_idea`` (in ideas.demo) posts the demo's finding this
way.
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
from panels.walks.models import Finding

from ..models import TITLE_MAX_LENGTH, Idea
from .common import idea_page, post_linked_idea, rounds_open_to


def rounds_for_finding(user, finding):
    return rounds_open_to(
        user, finding.walk.region_id, preferred=lambda round_: round_.panel_id is None
    )


def post_idea_from_finding(author, finding, round_, **idea):
    require_perm(author, "walks.turn_into_idea", finding.walk)
    return post_linked_idea(author, round_, "walk_finding", finding, **idea)


def _prefill(finding):
    place = finding.place.name if finding.place else ""
    origin = _("Observed on the walk “%(walk)s”, at: %(place)s (%(aspect)s).") % {
        "walk": finding.walk.title,
        "place": place or "—",
        "aspect": finding.get_aspect_display(),
    }
    return {
        "title": Truncator(one_line(finding.text)).chars(TITLE_MAX_LENGTH),
        "body": f"{finding.text}\n\n{origin}",
        "token": uuid.uuid4(),
    }


def _finding_for(user, pk):
    """The finding, if ``user`` runs its walk; otherwise it does not exist (404)."""
    finding = get_object_or_404(
        Finding.objects.select_related("walk__template__region", "place", "observer"), pk=pk
    )
    if not rules.has_perm("walks.turn_into_idea", user, finding.walk):
        raise Http404
    return finding


def idea_from_finding(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    finding = _finding_for(request.user, pk)
    existing = Idea.objects.filter(walk_finding=finding).first()
    if existing is not None:
        return redirect(existing)
    return idea_page(
        request,
        rounds=rounds_for_finding(request.user, finding),
        initial=_prefill(finding),
        post=lambda round_, **idea: post_idea_from_finding(request.user, finding, round_, **idea),
        template="ideas/idea_from_finding.html",
        context={"finding": finding, "walk": finding.walk},
        posted=_("The finding was posted as an idea."),
    )
