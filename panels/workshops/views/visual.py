"""A board's visual view (the canvas the live script keeps current: panels/workshops/static/
workshops/board.js) and its catch-up over HTTP, for pages where websockets are blocked.

The visual view reads without JavaScript: every note, its place, colour (in words too), votes
and author, and the links as "A → B" lines. Changing the board without a mouse or without
JavaScript happens on the structured view (panels:workshop_board_list), which it links to.
"""

import rules
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import live
from ..models import Board, NoteLink

LINK_END_LENGTH = 60


def _board_for(user, pk):
    """The board, if ``user`` may see its workshop; 404 otherwise (not found and not allowed
    look the same)."""
    board = (
        Board.objects.select_related(
            "workshop__panel__region", "workshop__focus_board", "card_edited_by"
        )
        .filter(pk=pk)
        .first()
    )
    if board is None or not rules.has_perm("workshops.see_workshop", user, board):
        raise Http404
    return board


def _shorten(text, length=LINK_END_LENGTH):
    return text if len(text) <= length else text[: length - 1] + "…"


def _layout(board, notes_by_region):
    """The regions as the template draws them: rings from the outside in (each ring holds
    the next), the service path as rows of cells under the phases, or one area."""
    template = board.template

    def region(item):
        return {"key": item.key, "label": item.label, "notes": notes_by_region[item.key]}

    if template.layout == "rings":
        return {"rings": [region(item) for item in sorted(template.regions, key=_ring_order)]}
    if template.layout == "grid":
        cells = {(item.row, item.column): item for item in template.regions}
        return {
            "columns": [label for _key, label in template.columns],
            "rows": [
                {
                    "label": row_label,
                    "cells": [
                        region(cells[(row_index, column_index)])
                        for column_index in range(len(template.columns))
                    ],
                }
                for row_index, (_key, row_label) in enumerate(template.rows)
            ],
        }
    return {"areas": [region(item) for item in template.regions]}


def _ring_order(region):
    return -(region.ring or 0)


def board(request, pk):
    board = _board_for(request.user, pk)
    workshop = board.workshop
    template = board.template
    user = request.user
    notes, notes_by_region, links = [], {item.key: [] for item in template.regions}, []
    mine = {}
    if not board.is_card:
        mine = live.votes_of(board, user)
        notes = list(live.notes_of(board))
        for note in notes:
            note.shown_colour = template.colour(note.colour)
            note.shown_region = template.region(note.region)
            note.my_votes = mine.get(note.pk, 0)
            notes_by_region[note.shown_region.key].append(note)
        by_id = {note.pk: note for note in notes}
        for link in NoteLink.objects.filter(board=board).order_by("pk"):
            link.source_text = _link_end(by_id.get(link.source_id))
            link.target_text = _link_end(by_id.get(link.target_id))
            links.append(link)
    can_post = rules.has_perm("workshops.take_part", user, board)
    can_run = rules.has_perm("workshops.run_workshop", user, board)
    boards = list(workshop.boards.all())
    votes_left = max(0, board.vote_budget - sum(mine.values()))
    change = live.last_change_id(board)
    config = {
        "board": board.pk,
        "workshop": workshop.pk,
        "layout": template.layout,
        "viewer": user.pk,
        "can_post": can_post,
        "can_run": can_run,
        "locked": board.is_locked,
        "finished": workshop.is_finished,
        "vote_budget": board.vote_budget,
        "votes_left": votes_left,
        "my_votes": {str(note_id): n for note_id, n in mine.items()},
        "change": change,
        "resume_after": live.resume_point(board),
        "regions": [{"key": item.key, "label": str(item.label)} for item in template.regions],
        "colours": [
            {
                "key": item.key,
                "label": str(item.label),
                "background": item.background,
                "border": item.border,
            }
            for item in template.colours
        ],
    }
    return render(
        request,
        "workshops/board.html",
        {
            "board": board,
            "workshop": workshop,
            "panel": workshop.panel,
            "kind": template,
            "layout": _layout(board, notes_by_region),
            "notes": notes,
            "links": links,
            "boards": boards,
            "cards": [item for item in boards if item.is_card],
            "card_fields": [
                {"label": field.label, "value": (board.card_values or {}).get(field.key, "")}
                for field in template.fields
            ],
            "can_post": can_post,
            "can_run": can_run,
            "votes_left": votes_left,
            "board_config": config,
            "timer_ends_at": workshop.timer_ends_at
            if workshop.timer_ends_at and workshop.timer_ends_at > timezone.now()
            else None,
        },
    )


def _link_end(note):
    if note is None:
        return ""
    return "–" if note.is_hidden else _shorten(note.text)


@require_GET
def board_catch_up(request, pk):
    """GET ?after=<change id>: the frames the board's socket would have sent since then
    (panels.workshops.live.catch_up_answer), with "at", the server's time. 404 for
    those who may not see the workshop, so a page whose person was removed stops polling."""
    board = _board_for(request.user, pk)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = -1
    if after < 0:
        return JsonResponse({"error": '"after" is a change id, 0 or more.'}, status=400)
    return JsonResponse({**live.catch_up_answer(board, after), "at": timezone.now().isoformat()})
