"""Placeholder until the pages are written."""

from django.http import Http404


def board(request, **kwargs):
    raise Http404


def board_catch_up(request, **kwargs):
    raise Http404
