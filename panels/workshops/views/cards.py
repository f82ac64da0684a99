"""A card: its fields filled in as a form, and placing it on a board."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import oversharing
from live.ratelimit import refusal_message
from panels.views import add_errors

from .. import services
from ..forms import CardForm, PlaceCardForm
from .common import board_for, can, note_url, refused, why_closed


def card_edit(request, pk):
    card = board_for(request.user, pk)
    if not card.is_card:
        return redirect("panels:workshop_board_list", card.pk)
    user = request.user
    takes_part = can(user, "take_part", card)
    workshop = card.workshop
    targets = [
        board for board in workshop.boards.all() if not board.is_card and not board.is_locked
    ]
    form = CardForm(
        request.POST if request.method == "POST" and "place" not in request.POST else None,
        card=card,
    )
    place_form = PlaceCardForm(
        request.POST if request.method == "POST" and "place" in request.POST else None,
        boards=targets,
        auto_id="place-%s",
    )
    if request.method == "POST":
        if not takes_part:
            if not can(user, "see_workshop", workshop):
                raise Http404
            return refused(request, card, reverse("panels:workshop_card", args=[card.pk]))
        if "place" in request.POST:
            if place_form.is_valid():
                board_id, region = place_form.cleaned_data["place"]
                board = next(board for board in targets if board.pk == board_id)
                try:
                    note = services.add_note(
                        board, user, region=region, colour="", text="", card=card
                    )
                except ValidationError as error:
                    add_errors(place_form, error)
                except services.RateLimited as limited:
                    place_form.add_error(None, refusal_message(limited))
                except services.NotAllowed:
                    return refused(request, board, reverse("panels:workshop_card", args=[card.pk]))
                else:
                    messages.success(
                        request,
                        _("The card was placed on %(board)s.") % {"board": board.title},
                    )
                    return redirect(note_url(note))
        elif form.is_valid():
            values = form.card_values()
            try:
                services.save_card(
                    card, user, values, confirm_personal=form.cleaned_data["confirm_personal"]
                )
            except oversharing.PersonalDetails as error:
                form.refuse_personal_details(error)
            except ValidationError as error:
                add_errors(form, error)
            except services.NotAllowed:
                return refused(request, card, reverse("panels:workshop_card", args=[card.pk]))
            else:
                messages.success(request, _("The card was saved."))
                return redirect("panels:workshop_card", card.pk)
    values = card.card_values or {}
    return render(
        request,
        "workshops/card.html",
        {
            "card": card,
            "board": card,
            "workshop": workshop,
            "panel": workshop.panel,
            "form": form if takes_part else None,
            "place_form": place_form if takes_part and targets else None,
            "fields": [(field.label, values.get(field.key, "")) for field in card.template.fields],
            "closed_reason": why_closed(card),
            "placements": card.placements.select_related("board"),
        },
    )
