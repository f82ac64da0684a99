"""A board's structured view, the accessible equivalent of the visual board: every note,
link and comment changed with a plain form, which on failure shows the page again with what
was typed."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import oversharing
from live.ratelimit import refusal_message
from panels.views import add_errors

from .. import exports, live, services
from ..forms import CommentForm, LinkForm, NoteEditForm, NoteForm, NoteMoveForm, ReasonForm
from ..models import Note, NoteComment, NoteLink, Vote
from .common import board_for, can, note_for, note_url, refused, why_closed


def _structured_context(request, board, failed=None):
    """Everything the structured view shows, in the same number of queries however many notes
    the board has: the rules are asked of notes that share this one board (and so one
    workshop, whose instance remembers the answers)."""
    user = request.user
    workshop = board.workshop
    template = board.template
    notes = list(live.notes_of(board))
    by_id = {note.pk: note for note in notes}
    mine = {}
    if user.is_authenticated:
        mine = dict(
            Vote.objects.filter(note__board=board, person=user)
            .values_list("note")
            .annotate(n=Count("pk"))
            .values_list("note", "n")
        )
    can_run = can(user, "run_workshop", workshop)
    takes_part = can(user, "take_part", board)
    for note in notes:
        note.board = board
        note.region_label = template.region(note.region).label
        note.colour_style = template.colour(note.colour)
        note.colour_label = note.colour_style.label if note.colour_style else ""
        note.readable = not note.is_hidden or can(user, "read_hidden", note)
        note.can_edit = can(user, "edit_note", note)
        note.can_remove = can(user, "remove_note", note)
        note.my_votes = mine.get(note.pk, 0)
        note.changed_by_other = bool(note.edited_by_id) and note.edited_by_id != note.author_id
        note.arrows_out, note.arrows_in = [], []
        note.failed = None
        for item in note.comments.all():
            item.can_remove = can(user, "remove_comment", item)
        note.visible_comments = [item for item in note.comments.all() if not item.deleted_at]
    links = list(NoteLink.objects.filter(board=board))
    for link in links:
        link.source_note, link.target_note = by_id.get(link.source_id), by_id.get(link.target_id)
        if link.source_note is not None:
            link.source_note.arrows_out.append(link)
        if link.target_note is not None:
            link.target_note.arrows_in.append(link)
    if failed is not None and failed.get("note") in by_id:
        by_id[failed["note"]].failed = failed
    sections = exports.group_by_region(board, notes)
    for section in sections:
        key = section["region"].key
        if failed is not None and failed.get("action") == "add" and failed["region"] == key:
            section["add_form"] = failed["form"]
        else:
            section["add_form"] = NoteForm(
                board=board,
                initial={
                    "region": key,
                    "colour": template.colours[0].key if template.colours else "",
                    "token": uuid.uuid4().hex,
                },
                auto_id=f"add-{key}-%s",
            )
    linkable = [note for note in notes if not note.is_hidden]
    if failed is not None and failed.get("action") == "link":
        link_form = failed["form"]
    else:
        link_form = LinkForm(
            notes=linkable,
            initial={"source": request.GET.get("link_from", "")},
            auto_id="link-%s",
        )
    used = sum(mine.values())
    return {
        "board": board,
        "workshop": workshop,
        "panel": workshop.panel,
        "template": template,
        "sections": sections,
        "notes": notes,
        "links": links,
        "link_form": link_form if takes_part and len(linkable) > 1 else None,
        "can_run": can_run,
        "takes_part": takes_part,
        "closed_reason": why_closed(board),
        "dots_left": max(0, board.vote_budget - used),
        "region_choices": template.regions,
        "colour_choices": template.colours,
        "failed": failed,
        "other_boards": [other for other in workshop.boards.all() if other.pk != board.pk],
    }


def _structured_again(request, board, failed):
    return render(
        request, "workshops/board_structured.html", _structured_context(request, board, failed)
    )


def board_structured(request, pk):
    board = board_for(request.user, pk)
    if board.is_card:
        return redirect("panels:workshop_card", board.pk)
    return render(request, "workshops/board_structured.html", _structured_context(request, board))


def _note_failure(form, error):
    """Put what a service refused on the form that asked for it."""
    if isinstance(error, oversharing.PersonalDetails):
        form.refuse_personal_details(error)
    elif isinstance(error, services.RateLimited):
        form.add_error(None, refusal_message(error))
    else:
        add_errors(form, error)


@require_POST
def note_add(request, pk):
    board = board_for(request.user, pk)
    back = reverse("panels:workshop_board_list", args=[board.pk])
    if not can(request.user, "take_part", board):
        return refused(request, board, back)
    region = request.POST.get("region", "")
    form = NoteForm(request.POST, board=board, auto_id=f"add-{region}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            note = services.add_note(
                board,
                request.user,
                region=data["region"],
                colour=data["colour"],
                text=data["text"],
                token=data["token"] or None,
                confirm_personal=data["confirm_personal"],
            )
        except (ValidationError, oversharing.PersonalDetails, services.RateLimited) as error:
            _note_failure(form, error)
        except services.NotAllowed:
            return refused(request, board, back)
        else:
            messages.success(request, _("Your note was added."))
            return redirect(f"{back}#note-{note.pk}")
    if region not in board.template.region_keys():
        # Nowhere on the page to show it: the first region's form keeps what was typed.
        form.add_error(None, _("This board has no such place: %(region)s.") % {"region": region})
        region = board.template.regions[0].key
        form.auto_id = f"add-{region}-%s"
    return _structured_again(request, board, {"action": "add", "region": region, "form": form})


def _note_action(request, pk, *, form_class=None, act, done, action, perm):
    """One change to one note from its form on the structured view: back to the note on
    success, the page again with what was typed on failure."""
    note = note_for(request.user, pk)
    board = note.board
    back = note_url(note)
    if not can(request.user, perm, note):
        return refused(request, board, back)
    form = None
    if form_class is not None:
        form = form_class(request.POST, note=note, auto_id=f"note-{note.pk}-{action}-%s")
    if form is None or form.is_valid():
        try:
            result = act(note, form.cleaned_data if form is not None else {})
        except (ValidationError, oversharing.PersonalDetails, services.RateLimited) as error:
            if form is None:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return redirect(back)
            _note_failure(form, error)
        except services.NotAllowed:
            return refused(request, board, back)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(back)
    return _structured_again(request, board, {"note": note.pk, "action": action, "form": form})


class _WithNote:
    """A form class that takes ``note`` and passes what it needs of it on."""

    def __init__(self, form_class, needs):
        self.form_class, self.needs = form_class, needs

    def __call__(self, *args, note, **kwargs):
        if self.needs == "board":
            return self.form_class(*args, board=note.board, **kwargs)
        return self.form_class(*args, **kwargs)


@require_POST
def note_edit(request, pk):
    def act(note, data):
        note, overwritten = services.edit_note(
            note,
            request.user,
            text=data.get("text"),
            colour=data["colour"],
            base_version=data["version"],
            confirm_personal=data["confirm_personal"],
        )
        return overwritten

    def done(overwritten):
        if overwritten is None:
            return _("Your changes were saved.")
        return _(
            "Your changes were saved. %(name)s had changed the note since you opened it; "
            "your version replaced theirs."
        ) % {"name": overwritten.display_name}

    return _note_action(
        request, pk, form_class=NoteEditForm, act=act, done=done, action="edit", perm="edit_note"
    )


@require_POST
def note_move(request, pk):
    def act(note, data):
        position = data["position"] - 1 if data["position"] else None
        return services.move_note(note, request.user, region=data["region"], position=position)

    def done(note):
        return _("The note was moved to %(region)s.") % {
            "region": note.board.template.region(note.region).label
        }

    return _note_action(
        request,
        pk,
        form_class=_WithNote(NoteMoveForm, "board"),
        act=act,
        done=done,
        action="move",
        perm="edit_note",
    )


@require_POST
def note_vote(request, pk):
    return _note_action(
        request,
        pk,
        act=lambda note, data: services.vote(note, request.user),
        done=lambda left: _("You gave a dot. Dots left: %(left)s.") % {"left": left},
        action="vote",
        perm="edit_note",
    )


@require_POST
def note_unvote(request, pk):
    return _note_action(
        request,
        pk,
        act=lambda note, data: services.unvote(note, request.user),
        done=lambda left: _("You took back a dot. Dots left: %(left)s.") % {"left": left},
        action="unvote",
        perm="take_part",
    )


@require_POST
def note_remove(request, pk):
    note = note_for(request.user, pk)
    back = reverse("panels:workshop_board_list", args=[note.board_id])
    if not can(request.user, "remove_note", note):
        return refused(request, note.board, back)
    try:
        services.remove_note(note, request.user)
    except services.NotAllowed:
        return refused(request, note.board, back)
    messages.success(request, _("The note was removed."))
    return redirect(back)


@require_POST
def note_comment(request, pk):
    def act(note, data):
        return services.comment(
            note,
            request.user,
            body=data["body"],
            token=data["token"] or None,
            confirm_personal=data["confirm_personal"],
        )

    return _note_action(
        request,
        pk,
        form_class=_WithNote(CommentForm, None),
        act=act,
        done=_("Your comment was added."),
        action="comment",
        perm="comment_on_note",
    )


@require_POST
def note_hide(request, pk):
    note = note_for(request.user, pk)
    if not can(request.user, "hide_note", note):
        raise Http404
    return _note_action(
        request,
        pk,
        form_class=_WithNote(ReasonForm, None),
        act=lambda note, data: services.hide_note(note, request.user, reason=data["reason"]),
        done=_("The note was hidden. Its author was told the reason."),
        action="hide",
        perm="hide_note",
    )


@require_POST
def note_restore(request, pk):
    note = note_for(request.user, pk)
    if not can(request.user, "hide_note", note):
        raise Http404
    return _note_action(
        request,
        pk,
        form_class=_WithNote(ReasonForm, None),
        act=lambda note, data: services.restore_note(note, request.user, reason=data["reason"]),
        done=_("The note is shown again."),
        action="restore",
        perm="hide_note",
    )


@require_POST
def link_add(request, pk):
    board = board_for(request.user, pk)
    back = reverse("panels:workshop_board_list", args=[board.pk])
    if not can(request.user, "take_part", board):
        return refused(request, board, back)
    notes = list(Note.objects.filter(board=board, hidden_at__isnull=True))
    for note in notes:
        note.region_label = board.template.region(note.region).label
    form = LinkForm(request.POST, notes=notes, auto_id="link-%s")
    if form.is_valid():
        by_id = {note.pk: note for note in notes}
        source, target = by_id[form.cleaned_data["source"]], by_id[form.cleaned_data["target"]]
        source.board = target.board = board
        try:
            services.link_notes(source, target, request.user, label=form.cleaned_data["label"])
        except ValidationError as error:
            add_errors(form, error)
        except services.NotAllowed:
            return refused(request, board, back)
        else:
            messages.success(request, _("The notes were linked."))
            return redirect(f"{back}#note-{source.pk}")
    return _structured_again(request, board, {"action": "link", "form": form})


@require_POST
def link_remove(request, pk):
    link = get_object_or_404(
        NoteLink.objects.select_related("board__workshop__panel__region"), pk=pk
    )
    board = link.board
    if not can(request.user, "see_workshop", board.workshop):
        raise Http404
    back = f"{reverse('panels:workshop_board_list', args=[board.pk])}#links"
    try:
        services.unlink(link, request.user)
    except services.NotAllowed:
        return refused(request, board, back)
    messages.success(request, _("The link was removed."))
    return redirect(back)


def _comment_for(user, pk):
    item = get_object_or_404(
        NoteComment.objects.select_related("note__board__workshop__panel__region"), pk=pk
    )
    if not can(user, "see_workshop", item.note.board.workshop):
        raise Http404
    return item


@require_POST
def comment_remove(request, pk):
    item = _comment_for(request.user, pk)
    if not can(request.user, "remove_comment", item):
        raise Http404
    services.remove_comment(item, request.user)
    messages.success(request, _("Your comment was removed."))
    return redirect(note_url(item.note))


@require_POST
def comment_hide(request, pk):
    item = _comment_for(request.user, pk)
    if not can(request.user, "hide_comment", item):
        raise Http404
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.hide_comment(item, request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The comment was hidden. Its author was told the reason."))
    else:
        messages.error(request, _("Write the reason for hiding the comment."))
    return redirect(note_url(item.note))
