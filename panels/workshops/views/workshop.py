"""A panel's workshops, a new one, and a workshop's page with the facilitator's controls
(boards, timer, focus, finishing, guests, locks and dots)."""

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from panels.views import add_errors, can_in_panel, get_panel, posted

from .. import services
from ..forms import (
    BoardAddForm,
    BudgetForm,
    FocusForm,
    GuestForm,
    TimerForm,
    WorkshopCreateForm,
    WorkshopForm,
)
from ..models import Board, Workshop
from .common import board_for, can, run_or_404, workshop_for


def workshop_list(request, slug):
    panel = get_panel(slug)
    if not can_in_panel(request.user, "view_members", panel):
        raise Http404
    workshops = (
        Workshop.objects.filter(panel=panel)
        .seen_by(request.user)
        .select_related("meeting")
        .annotate(board_count=Count("boards"))
    )
    return render(
        request,
        "workshops/workshop_list.html",
        {
            "panel": panel,
            "workshops": workshops,
            "can_create": rules.has_perm("workshops.create_workshop", request.user, panel),
        },
    )


def workshop_create(request, slug):
    panel = get_panel(slug)
    if not rules.has_perm("workshops.create_workshop", request.user, panel):
        raise Http404
    form = WorkshopCreateForm(posted(request), panel=panel)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.create_workshop(
                panel,
                request.user,
                title=form.cleaned_data["title"],
                purpose=form.cleaned_data["purpose"],
                meeting=form.cleaned_data["meeting"],
                boards=form.cleaned_data["boards"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The workshop was created."))
            return redirect(workshop.get_absolute_url())
    return render(
        request, "workshops/workshop_form.html", {"panel": panel, "form": form, "workshop": None}
    )


# --- A workshop -----------------------------------------------------------------------------


def _detail_context(request, workshop, **bound):
    user = request.user
    boards = list(workshop.boards.select_related("locked_by").annotate(note_count=Count("notes")))
    for board in boards:
        board.workshop = workshop
        if board.is_card:
            values = board.card_values or {}
            board.filled = [
                (field.label, values[field.key])
                for field in board.template.fields
                if values.get(field.key)
            ]
    can_run = can(user, "run_workshop", workshop)
    context = {
        "workshop": workshop,
        "panel": workshop.panel,
        "boards": boards,
        "can_run": can_run,
        "booklet_readable": can_run or workshop.booklet_is_published,
    }
    if can_run:
        sources = (
            Board.objects.filter(
                workshop__panel=workshop.panel, workshop__in=Workshop.objects.seen_by(user)
            )
            .select_related("workshop")
            .order_by("-workshop__created_at", "position", "pk")
        )
        non_cards = [board for board in boards if not board.is_card]
        context.update(
            {
                "guests": workshop.guests.order_by("display_name"),
                "board_add_form": bound.get("board_add_form")
                or BoardAddForm(sources=sources, auto_id="board-add-%s"),
                "timer_form": bound.get("timer_form")
                or TimerForm(
                    initial={"minutes": 10, "label": workshop.timer_label}, auto_id="timer-%s"
                ),
                "focus_form": bound.get("focus_form")
                or FocusForm(
                    boards=non_cards,
                    initial={"board": workshop.focus_board_id},
                    auto_id="focus-%s",
                ),
                "guest_form": bound.get("guest_form") or GuestForm(auto_id="guest-%s"),
                "budget_failed": bound.get("budget_form"),
            }
        )
    return context


def workshop_detail(request, pk):
    workshop = workshop_for(request.user, pk)
    return render(request, "workshops/workshop_detail.html", _detail_context(request, workshop))


def _detail_again(request, workshop, **bound):
    """The workshop page again, with the form that failed showing what was typed."""
    return render(
        request, "workshops/workshop_detail.html", _detail_context(request, workshop, **bound)
    )


def workshop_edit(request, pk):
    workshop = workshop_for(request.user, pk, perm="run_workshop")
    form = WorkshopForm(posted(request), instance=workshop, panel=workshop.panel)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_workshop(form.save(commit=False), request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The workshop was saved."))
            return redirect(workshop.get_absolute_url())
    return render(
        request,
        "workshops/workshop_form.html",
        {"panel": workshop.panel, "form": form, "workshop": workshop},
    )


@require_POST
def board_add(request, pk):
    workshop = workshop_for(request.user, pk, perm="run_workshop")
    sources = Board.objects.filter(
        workshop__panel=workshop.panel, workshop__in=Workshop.objects.seen_by(request.user)
    ).select_related("workshop__panel")
    form = BoardAddForm(request.POST, sources=sources, auto_id="board-add-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["source"]:
                source = sources.get(pk=data["source"])
                board = services.duplicate_board(
                    source, workshop, request.user, title=data["title"]
                )
            else:
                board = services.add_board(
                    workshop, request.user, kind=data["kind"], title=data["title"]
                )
        except ValidationError as error:
            add_errors(form, error)
        except services.NotAllowed:
            raise Http404 from None
        else:
            messages.success(request, _("The board %(title)s was added.") % {"title": board.title})
            return redirect(f"{workshop.get_absolute_url()}#board-{board.pk}")
    return _detail_again(request, workshop, board_add_form=form)


@require_POST
def workshop_timer(request, pk):
    workshop = workshop_for(request.user, pk, perm="run_workshop")
    form = TimerForm(request.POST, auto_id="timer-%s")
    if form.is_valid():
        try:
            services.set_timer(
                workshop,
                request.user,
                minutes=form.cleaned_data["minutes"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if form.cleaned_data["minutes"]:
                messages.success(request, _("The timer is running."))
            else:
                messages.success(request, _("The timer was stopped."))
            return redirect(f"{workshop.get_absolute_url()}#controls")
    return _detail_again(request, workshop, timer_form=form)


@require_POST
def workshop_focus(request, pk):
    workshop = workshop_for(request.user, pk, perm="run_workshop")
    boards = list(workshop.boards.all())
    form = FocusForm(request.POST, boards=boards, auto_id="focus-%s")
    if form.is_valid():
        chosen = next((b for b in boards if b.pk == form.cleaned_data["board"]), None)
        try:
            services.set_focus(workshop, request.user, chosen)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if chosen is None:
                messages.success(request, _("Nobody is asked to a board now."))
            else:
                messages.success(
                    request,
                    _("Everyone is asked to come to the board %(title)s.")
                    % {"title": chosen.title},
                )
            return redirect(f"{workshop.get_absolute_url()}#controls")
    return _detail_again(request, workshop, focus_form=form)


@require_POST
def workshop_finish(request, pk):
    workshop = workshop_for(request.user, pk, perm="run_workshop")
    finished = request.POST.get("finished") != "0"
    services.finish_workshop(workshop, request.user, finished=finished)
    if finished:
        messages.success(
            request, _("The workshop has finished. Its boards are read-only; write the booklet.")
        )
    else:
        messages.success(request, _("The workshop is open again."))
    return redirect(workshop.get_absolute_url())


@require_POST
def workshop_guests(request, pk):
    workshop = workshop_for(request.user, pk, perm="run_workshop")
    people = get_user_model().objects
    if "remove" in request.POST:
        try:
            person = workshop.guests.get(pk=int(request.POST["remove"]))
        except (ValueError, people.model.DoesNotExist):
            messages.error(request, _("That person is not a guest of this workshop."))
        else:
            services.remove_guest(workshop, request.user, person)
            messages.success(
                request,
                _("%(name)s is no longer a guest of the workshop.") % {"name": person.display_name},
            )
        return redirect(f"{workshop.get_absolute_url()}#guests")
    form = GuestForm(request.POST, auto_id="guest-%s")
    if form.is_valid():
        person = (
            people.filter(email__iexact=form.cleaned_data["email"], is_active=True)
            .order_by("pk")
            .first()
        )
        if person is None:
            form.add_error("email", _("No active account has this e-mail address."))
        else:
            try:
                services.add_guest(workshop, request.user, person)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is now a guest of the workshop.") % {"name": person.display_name},
                )
                return redirect(f"{workshop.get_absolute_url()}#guests")
    return _detail_again(request, workshop, guest_form=form)


@require_POST
def board_lock(request, pk):
    board = board_for(request.user, pk)
    if not can(request.user, "lock_board", board):
        raise Http404
    locked = request.POST.get("locked") != "0"
    services.lock_board(board, request.user, locked=locked)
    if locked:
        messages.success(request, _("The board %(title)s is locked.") % {"title": board.title})
    else:
        messages.success(request, _("The board %(title)s is open again.") % {"title": board.title})
    return redirect(f"{board.workshop.get_absolute_url()}#board-{board.pk}")


@require_POST
def board_budget(request, pk):
    board = board_for(request.user, pk)
    run_or_404(request.user, board.workshop)
    form = BudgetForm(request.POST, auto_id=f"budget-{board.pk}-%s")
    if form.is_valid():
        try:
            services.set_vote_budget(board, request.user, form.cleaned_data["budget"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Dots per person on %(title)s: %(budget)s.")
                % {"title": board.title, "budget": form.cleaned_data["budget"]},
            )
            return redirect(f"{board.workshop.get_absolute_url()}#board-{board.pk}")
    form.board_id = board.pk
    return _detail_again(request, board.workshop, budget_form=form)
