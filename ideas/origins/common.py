"""The one way an idea is made from a source elsewhere (a decision, a finding): choosing the
round, posting the idea linked to its source once, and the page that does both."""

import rules
from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from .. import services
from ..forms import IdeaForm
from ..models import Idea, IdeaRound
from ..rules import seen_by


def rounds_open_to(user, region_id, *, preferred):
    """The idea rounds of the region in which ``user`` may post an idea now, those for which
    ``preferred(round_)`` is true first, then by title."""
    rounds = (
        IdeaRound.objects.visible_to(user)
        .filter(region_id=region_id)
        .select_related("region", "panel")
    )
    open_ = []
    for round_ in rounds:
        # Fetched through visible_to: the rules need not ask again whether it is seen.
        seen_by(user, round_)
        if rules.has_perm("ideas.post_idea", user, round_):
            open_.append(round_)
    open_.sort(key=lambda round_: (not preferred(round_), round_.title.casefold()))
    return open_


def post_linked_idea(author, round_, link_field, source, **idea):
    """Post an idea in ``round_`` and point its ``link_field`` at ``source``. A source becomes
    one idea: the same form sent twice returns its idea, and if another submission won the
    race, its idea is returned and nothing new is kept. ``idea``: the keyword arguments of
    ``services.post_idea``."""
    try:
        with transaction.atomic():
            new = services.post_idea(author, round_, **idea)
            if getattr(new, f"{link_field}_id") == source.pk:
                return new
            setattr(new, link_field, source)
            new.save(update_fields=[link_field])
    except IntegrityError:
        existing = Idea.objects.filter(**{link_field: source}).first()
        if existing is None:
            raise
        return existing
    return new


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


def idea_page(request, *, rounds, initial, post, template, context, posted):
    """The page that makes the idea: ``rounds`` to choose from, the idea form prefilled with
    ``initial``, ``post(round_, **idea)`` to post it, ``posted`` to say so afterwards."""
    context = {**context, "rounds": rounds}
    if not rounds:
        return render(request, template, context)
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
        return render(request, template, context)
    form = IdeaForm(request.POST or None, round=round_, initial=initial)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = post(
                round_,
                title=data["title"],
                body=data["body"],
                themes=data.get("themes") or [],
                token=data["token"],
                confirm_personal=data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
            return render(request, template, context)
        except services.RateLimited as limited:
            form.add_error(None, limited.message)
            return render(request, template, context, status=limited.status)
        messages.success(request, posted)
        return redirect(idea)
    return render(request, template, context)
