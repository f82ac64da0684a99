"""The documentation booklet (decisions, next steps, summary; a draft until published) and
the downloads: the booklet as PDF, a board as PNG, its notes as CSV."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from panels.views import add_errors

from .. import exports, services
from ..forms import DecisionForm, NextStepForm, SummaryForm
from ..models import Decision, NextStep
from .common import board_for, can, workshop_for


def _booklet_for(user, pk):
    """The workshop whose booklet ``user`` may read: runners read the draft, everyone else who
    sees the workshop only the published booklet."""
    workshop = workshop_for(user, pk, perm="read_booklet")
    can_run = can(user, "run_workshop", workshop)
    if not can_run and not workshop.booklet_is_published:
        raise Http404
    return workshop, can_run


def _booklet_context(workshop, can_run):
    return {
        "workshop": workshop,
        "panel": workshop.panel,
        "can_run": can_run,
        "decisions": exports.decisions_of(workshop),
        "next_steps": list(workshop.next_steps.all()),
        "documents": exports.booklet_boards(workshop),
    }


def booklet(request, pk):
    workshop, can_run = _booklet_for(request.user, pk)
    return render(request, "workshops/booklet.html", _booklet_context(workshop, can_run))


def booklet_edit(request, pk):
    workshop = workshop_for(request.user, pk, perm="run_workshop")
    boards = list(workshop.boards.all())
    action = request.POST.get("action") if request.method == "POST" else None
    summary_form = SummaryForm(
        request.POST if action in ("summary", "publish") else None,
        initial={"summary": workshop.booklet_summary},
        auto_id="summary-%s",
    )
    decision_form = DecisionForm(
        request.POST if action == "decision" else None, boards=boards, auto_id="decision-%s"
    )
    step_form = NextStepForm(request.POST if action == "step" else None, auto_id="step-%s")
    back = reverse("panels:workshop_booklet_edit", args=[workshop.pk])
    if action in ("summary", "publish") and summary_form.is_valid():
        summary = summary_form.cleaned_data["summary"]
        if action == "publish":
            services.publish_booklet(workshop, request.user, summary=summary)
            messages.success(request, _("The booklet is published to the panel."))
            return redirect("panels:workshop_booklet", workshop.pk)
        services.save_booklet_summary(workshop, request.user, summary)
        messages.success(request, _("The summary was saved."))
        return redirect(f"{back}#summary")
    if action == "unpublish":
        services.unpublish_booklet(workshop, request.user)
        messages.success(request, _("The booklet is a draft again: only the facilitators see it."))
        return redirect(back)
    if action == "decision" and decision_form.is_valid():
        board_id = decision_form.cleaned_data["board"]
        try:
            services.add_decision(
                workshop,
                request.user,
                text=decision_form.cleaned_data["text"],
                board=next((b for b in boards if b.pk == board_id), None),
            )
        except ValidationError as error:
            add_errors(decision_form, error)
        else:
            messages.success(request, _("The decision was added."))
            return redirect(f"{back}#decisions")
    if action == "step" and step_form.is_valid():
        try:
            services.add_next_step(workshop, request.user, **step_form.cleaned_data)
        except ValidationError as error:
            add_errors(step_form, error)
        else:
            messages.success(request, _("The next step was added."))
            return redirect(f"{back}#next-steps")
    context = _booklet_context(workshop, True)
    context.update(
        {"summary_form": summary_form, "decision_form": decision_form, "step_form": step_form}
    )
    return render(request, "workshops/booklet_edit.html", context)


@require_POST
def decision_remove(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("workshop__panel__region"), pk=pk)
    workshop_for(request.user, decision.workshop_id, perm="run_workshop")
    services.remove_decision(decision, request.user)
    messages.success(request, _("The decision was removed."))
    return redirect(
        reverse("panels:workshop_booklet_edit", args=[decision.workshop_id]) + "#decisions"
    )


def _step_for(request, pk):
    step = get_object_or_404(NextStep.objects.select_related("workshop__panel__region"), pk=pk)
    workshop_for(request.user, step.workshop_id, perm="run_workshop")
    return step


@require_POST
def next_step_done(request, pk):
    step = _step_for(request, pk)
    done = request.POST.get("done") != "0"
    services.set_next_step_done(step, request.user, done=done)
    if done:
        messages.success(request, _("The next step is marked done."))
    else:
        messages.success(request, _("The next step is marked not done."))
    return redirect(
        reverse("panels:workshop_booklet_edit", args=[step.workshop_id]) + "#next-steps"
    )


@require_POST
def next_step_remove(request, pk):
    step = _step_for(request, pk)
    services.remove_next_step(step, request.user)
    messages.success(request, _("The next step was removed."))
    return redirect(
        reverse("panels:workshop_booklet_edit", args=[step.workshop_id]) + "#next-steps"
    )


# --- Exports ------------------------------------------------------------------------------


def _download(content, content_type, name, extension):
    """An attachment whose file name is safe anywhere: ASCII letters, digits and dashes, with
    the full name for browsers that read RFC 5987."""
    ascii_name = slugify(name)[:80] or "kohtaamo"
    full_name = slugify(name, allow_unicode=True)[:80] or ascii_name
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}.{extension}"; '
        f"filename*=UTF-8''{quote(full_name)}.{extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def board_csv(request, pk):
    board = board_for(request.user, pk)
    if board.is_card:
        raise Http404
    return _download(exports.board_csv(board), "text/csv; charset=utf-8", board.title, "csv")


def board_png(request, pk):
    board = board_for(request.user, pk)
    if board.is_card:
        raise Http404
    return _download(exports.board_png(board), "image/png", board.title, "png")


def booklet_pdf(request, pk):
    workshop, _runs = _booklet_for(request.user, pk)
    content = exports.booklet_pdf(workshop, language=get_language() or "fi")
    return _download(content, "application/pdf", workshop.title, "pdf")
