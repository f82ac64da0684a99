"""An observation walk's finding becomes an idea: the feedback loop takes over.

The staff of the walk's region (``walks.turn_into_idea``) pick an idea round of that region
that is taking ideas and in which they may post, edit the title and description prefilled
from the finding, and post the idea through ``ideas.services.post_idea``, as any idea is
posted (themes, the personal-details guard, the rate limit, the notices). The idea then points
back at the finding (``Idea.walk_finding``): ideas knows walks, never the other way round.
The finding's photo does not travel with it: it was approved for the report, not for the
idea's wider audience.

For everyone else the finding does not exist here (a 404); once it has an idea, the address
leads to that idea. ``seed_walk_idea`` (in ideas.demo) posts the demo's finding this way.
"""

import uuid

import rules
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.emails import one_line
from accounts.permissions import require_perm
from panels.walks.models import Finding

from . import services
from .forms import IdeaForm
from .models import TITLE_MAX_LENGTH, Idea, IdeaRound
from .rules import seen_by


def rounds_for_finding(user, finding):
    """The idea rounds of the walk's region in which ``user`` may post an idea now, the
    region's own rounds (no panel) first."""
    rounds = (
        IdeaRound.objects.visible_to(user)
        .filter(region_id=finding.walk.region_id)
        .select_related("region", "panel")
    )
    open_ = []
    for round_ in rounds:
        # Fetched through visible_to: the rules need not ask again whether it is seen.
        seen_by(user, round_)
        if rules.has_perm("ideas.post_idea", user, round_):
            open_.append(round_)
    open_.sort(key=lambda round_: (round_.panel_id is not None, round_.title.casefold()))
    return open_


def post_idea_from_finding(author, finding, round_, **idea):
    """Post an idea made from ``finding`` in ``round_`` and link it to the finding. A finding
    becomes one idea: if another submission won the race, its idea is returned and nothing
    new is kept. ``idea``: the keyword arguments of ``services.post_idea``."""
    require_perm(author, "walks.turn_into_idea", finding.walk)
    try:
        with transaction.atomic():
            new = services.post_idea(author, round_, **idea)
            if new.walk_finding_id == finding.pk:
                return new  # the same form sent twice
            new.walk_finding = finding
            new.save(update_fields=["walk_finding"])
    except IntegrityError:
        existing = Idea.objects.filter(walk_finding=finding).first()
        if existing is None:
            raise
        return existing
    return new


def _prefill(finding):
    text = one_line(finding.text)
    place = finding.place.name if finding.place else ""
    origin = _("Observed on the walk “%(walk)s”, at: %(place)s (%(aspect)s).") % {
        "walk": finding.walk.title,
        "place": place or "—",
        "aspect": finding.get_aspect_display(),
    }
    return {
        "title": Truncator(text).chars(TITLE_MAX_LENGTH),
        "body": f"{finding.text}\n\n{origin}",
        "token": uuid.uuid4(),
    }


class RoundChoiceForm(forms.Form):
    round = forms.TypedChoiceField(
        label=gettext_lazy("Idea round"), coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {round_.pk: round_ for round_ in rounds}
        self.fields["round"].choices = [
            (round_.pk, f"{round_.title} ({round_.panel or round_.region})") for round_ in rounds
        ]

    def chosen(self):
        return self.rounds[self.cleaned_data["round"]] if self.is_valid() else None


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
    rounds = rounds_for_finding(request.user, finding)
    context = {"finding": finding, "walk": finding.walk, "rounds": rounds}
    if not rounds:
        return render(request, "ideas/idea_from_finding.html", context)
    # The round is chosen first (its themes are offered with the idea), in the address, so the
    # choice works without JavaScript; with one round there is nothing to choose.
    choice = RoundChoiceForm(
        request.GET if "round" in request.GET else None,
        rounds=rounds,
        initial={"round": rounds[0].pk},
    )
    # A round that is not offered is refused on the choice form, never replaced.
    only = rounds[0] if len(rounds) == 1 else None
    round_ = choice.chosen() if choice.is_bound else only
    context.update(choice=choice, round=round_)
    if round_ is None:
        return render(request, "ideas/idea_from_finding.html", context)
    form = IdeaForm(request.POST or None, round=round_, initial=_prefill(finding))
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = post_idea_from_finding(
                request.user,
                finding,
                round_,
                title=data["title"],
                body=data["body"],
                themes=data.get("themes") or [],
                token=data["token"],
                confirm_personal=data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
            return render(request, "ideas/idea_from_finding.html", context)
        except services.RateLimited as limited:
            form.add_error(None, limited.message)
            return render(request, "ideas/idea_from_finding.html", context, status=limited.status)
        messages.success(request, _("The finding was posted as an idea."))
        return redirect(idea)
    return render(request, "ideas/idea_from_finding.html", context)
