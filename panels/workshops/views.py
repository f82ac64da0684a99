"""Placeholder until the pages are written."""

from django.http import Http404


def board_add(request, **kwargs):
    raise Http404


def board_budget(request, **kwargs):
    raise Http404


def board_csv(request, **kwargs):
    raise Http404


def board_lock(request, **kwargs):
    raise Http404


def board_png(request, **kwargs):
    raise Http404


def board_structured(request, **kwargs):
    raise Http404


def booklet(request, **kwargs):
    raise Http404


def booklet_edit(request, **kwargs):
    raise Http404


def booklet_pdf(request, **kwargs):
    raise Http404


def card_edit(request, **kwargs):
    raise Http404


def comment_hide(request, **kwargs):
    raise Http404


def comment_remove(request, **kwargs):
    raise Http404


def decision_remove(request, **kwargs):
    raise Http404


def link_add(request, **kwargs):
    raise Http404


def link_remove(request, **kwargs):
    raise Http404


def next_step_done(request, **kwargs):
    raise Http404


def next_step_remove(request, **kwargs):
    raise Http404


def note_add(request, **kwargs):
    raise Http404


def note_comment(request, **kwargs):
    raise Http404


def note_edit(request, **kwargs):
    raise Http404


def note_hide(request, **kwargs):
    raise Http404


def note_move(request, **kwargs):
    raise Http404


def note_remove(request, **kwargs):
    raise Http404


def note_restore(request, **kwargs):
    raise Http404


def note_unvote(request, **kwargs):
    raise Http404


def note_vote(request, **kwargs):
    raise Http404


def workshop_create(request, **kwargs):
    raise Http404


def workshop_detail(request, **kwargs):
    raise Http404


def workshop_edit(request, **kwargs):
    raise Http404


def workshop_finish(request, **kwargs):
    raise Http404


def workshop_focus(request, **kwargs):
    raise Http404


def workshop_guests(request, **kwargs):
    raise Http404


def workshop_list(request, **kwargs):
    raise Http404


def workshop_timer(request, **kwargs):
    raise Http404
