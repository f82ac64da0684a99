"""A co-design workshop's decision becomes an idea: the feedback loop takes over.

Whoever runs the workshop (``workshops.run_workshop``) picks an idea round of the panel's
region that is taking ideas and in which they may post, edits the title and description
prefilled from the decision, and posts the idea through ``ideas.services.post_idea``, as any
idea is posted (themes, the personal-details guard, the rate limit, the notices). The idea
then points back at the decision (``Idea.workshop_decision``): ideas knows workshops, never
the other way round.

For everyone else the decision does not exist (a 404); once it has an idea, the address
leads to that idea.
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
from panels.workshops.models import Decision

from . import services
from .forms import IdeaForm
from .models import TITLE_MAX_LENGTH, Idea, IdeaRound
from .rules import seen_by


def rounds_for_decision(user, decision):
    """The idea rounds of the workshop panel's region in which ``user`` may post an idea now:
    the panel's own rounds first."""
    panel = decision.workshop.panel
    rounds = (
        IdeaRound.objects.visible_to(user)
        .filter(region_id=panel.region_id)
        .select_related("region", "panel")
    )
    open_ = []
    for round_ in rounds:
        # Fetched through visible_to: the rules need not ask again whether it is seen.
        seen_by(user, round_)
        if rules.has_perm("ideas.post_idea", user, round_):
            open_.append(round_)
    open_.sort(key=lambda round_: (round_.panel_id != panel.pk, round_.title.casefold()))
    return open_


def post_idea_from_decision(author, decision, round_, **idea):
    """Post an idea made from ``decision`` in ``round_`` and link it to the decision. A decision
    becomes one idea: if another submission won the race, its idea is returned and nothing
    new is kept. ``idea``: the keyword arguments of ``services.post_idea``."""
    require_perm(author, "workshops.run_workshop", decision.workshop)
    try:
        with transaction.atomic():
            new = services.post_idea(author, round_, **idea)
            new.workshop_decision = decision
            new.save(update_fields=["workshop_decision"])
    except IntegrityError:
        existing = Idea.objects.filter(workshop_decision=decision).first()
        if existing is None:
            raise
        return existing
    return new


def _prefill(decision):
    text = one_line(decision.text)
    return {
        "title": Truncator(text).chars(TITLE_MAX_LENGTH),
        "body": decision.text,
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
    rounds = rounds_for_decision(request.user, decision)
    context = {"decision": decision, "workshop": decision.workshop, "rounds": rounds}
    if not rounds:
        return render(request, "ideas/idea_from_decision.html", context)
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
        return render(request, "ideas/idea_from_decision.html", context)
    form = IdeaForm(request.POST or None, round=round_, initial=_prefill(decision))
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = post_idea_from_decision(
                request.user,
                decision,
                round_,
                title=data["title"],
                body=data["body"],
                themes=data.get("themes") or [],
                token=data["token"],
                confirm_personal=data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
            return render(request, "ideas/idea_from_decision.html", context)
        except services.RateLimited as limited:
            form.add_error(None, limited.message)
            return render(request, "ideas/idea_from_decision.html", context, status=limited.status)
        messages.success(request, _("The decision was posted as an idea."))
        return redirect(idea)
    return render(request, "ideas/idea_from_decision.html", context)
