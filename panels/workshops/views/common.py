"""What every workshop page asks first: the thing asked for, if the person may see it
(404 if not, as every members-only page answers), and why a board cannot be changed now."""

import rules
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Board, Note, Workshop


def can(user, perm, obj):
    """The rule itself, never Django's blanket yes for superusers."""
    return rules.has_perm(f"workshops.{perm}", user, obj)


def workshop_for(user, pk, perm="see_workshop"):
    workshop = get_object_or_404(
        Workshop.objects.select_related("panel__region", "meeting", "focus_board"), pk=pk
    )
    if not can(user, perm, workshop):
        raise Http404
    return workshop


def board_for(user, pk):
    board = get_object_or_404(
        Board.objects.select_related(
            "workshop__panel__region", "workshop__focus_board", "locked_by", "card_edited_by"
        ),
        pk=pk,
    )
    if not can(user, "see_workshop", board.workshop):
        raise Http404
    return board


def note_for(user, pk):
    note = get_object_or_404(
        Note.objects.select_related("board__workshop__panel__region", "author"), pk=pk
    )
    if not can(user, "see_workshop", note.board.workshop):
        raise Http404
    return note


def run_or_404(user, workshop):
    if not can(user, "run_workshop", workshop):
        raise Http404


def note_url(note):
    """The note on the structured view: the page scrolls to it, and focus starts there."""
    return f"{reverse('panels:workshop_board_list', args=[note.board_id])}#note-{note.pk}"


def why_closed(board):
    """Why nobody may change ``board`` now, or None."""
    if board.workshop.is_finished:
        return _("The workshop has finished: its boards can be read but not changed.")
    if board.is_locked:
        return _("A facilitator has locked this board: it can be read but not changed.")
    return None


def refused(request, board, back):
    """The rules said no to someone who sees the board: a closed board is explained, any
    other refusal answers as if the thing were not there."""
    reason = why_closed(board)
    if reason is None:
        raise Http404
    messages.error(request, reason)
    return redirect(back)
