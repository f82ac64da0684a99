"""The call pages: a new call and its edit page (region staff, while a draft), the call's own
page (the task, the places left, signing up and withdrawing; staff's controls), the staff's
sign-up list with each person's screening answers, interests and availability beside them,
and the results form.

Refusals: a call the person may not see answers 404 (a signed-out visitor is asked to log in
first, as they may be a member); an action on a call they see but may not take answers 403,
or, where the call is simply not open any more, says why and goes back.
"""

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from panels.models import LANGUAGE_NAMES
from panels.pool.models import Pool, PoolMember, ScreeningAnswer
from panels.views import add_errors

from . import services
from .forms import CallForm, ResultsForm, SignupForm
from .matching import matching_members
from .models import Call, CallSignup, SignupStatus


def can(user, perm, obj):
    """The rule itself, never Django's blanket yes for superusers."""
    return rules.has_perm(f"pool_calls.{perm}", user, obj)


def _refuse(request, call):
    """No to someone: log in first; 403 to who sees the call; 404 to everyone else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if call is not None and can(request.user, "see_call", call):
        raise PermissionDenied
    raise Http404


def _call(pool_slug, pk):
    return get_object_or_404(
        Call.objects.select_related("pool__region"), pk=pk, pool__slug=pool_slug
    )


def _criteria(call):
    """What the call asks for, for the page: three small queries, whatever the call."""
    answers = {}
    for criterion in call.answer_criteria.select_related("question"):
        answers.setdefault(criterion.question.text, []).append(criterion.value)
    return {
        "municipalities": [str(m) for m in call.municipalities.order_by("name")],
        "client_groups": [g.name for g in call.client_groups.order_by("position", "name")],
        "languages": [str(LANGUAGE_NAMES.get(code, code)) for code in call.languages or []],
        "answers": list(answers.items()),
    }


# --- Writing a call -------------------------------------------------------------------------


def call_new(request, pool_slug):
    pool = get_object_or_404(Pool.objects.select_related("region"), slug=pool_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, "create_call", pool):
        raise PermissionDenied
    form = CallForm(request.POST or None, pool=pool, initial={"compensation": "unpaid"})
    if request.method == "POST" and form.is_valid():
        fields, criteria = form.split()
        try:
            call = services.create_call(pool, request.user, fields=fields, criteria=criteria)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The call is saved as a draft. Nobody is told until you publish it.")
            )
            return redirect(call)
    return render(request, "pool_calls/call_form.html", {"pool": pool, "form": form, "call": None})


def call_edit(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "edit_call", call):
        if can(request.user, "run_call", call):
            messages.error(request, _("The call is published: it can no longer be edited."))
            return redirect(call)
        return _refuse(request, call)
    form = CallForm(request.POST or None, pool=call.pool, initial=CallForm.initial_for(call))
    if request.method == "POST" and form.is_valid():
        fields, criteria = form.split()
        try:
            services.edit_call(call, request.user, fields=fields, criteria=criteria)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect(call)
    return render(
        request, "pool_calls/call_form.html", {"pool": call.pool, "form": form, "call": call}
    )


@require_POST
def call_publish(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "run_call", call):
        return _refuse(request, call)
    try:
        call, told = services.publish_call(call, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The call is open for sign-ups. %(count)s members were told.") % {"count": told},
        )
    return redirect(call)


# --- The call's page ------------------------------------------------------------------------


def _detail_context(request, call, signup_form=None):
    user = request.user
    confirmed = services.confirmed_count(call)
    mine = (
        CallSignup.objects.filter(call=call, person=user).first() if user.is_authenticated else None
    )
    can_run = can(user, "run_call", call)
    active = mine is not None and mine.status in services.ACTIVE_SIGNUP
    why_not = None if active else services.why_not_sign_up(call, user, confirmed=confirmed)
    is_member = PoolMember.objects.filter(pool_id=call.pool_id, person=user.pk).exists()
    return {
        "call": call,
        "pool": call.pool,
        "criteria": _criteria(call),
        "confirmed": confirmed,
        "places_left": call.places_left(confirmed),
        "mine": mine,
        "active_signup": active,
        "can_sign_up": not active and why_not is None,
        # Officials who are not members are not told why they cannot sign up.
        "why_not": why_not if (is_member or mine) and not active else None,
        "can_withdraw": active and call.signup_is_open(),
        "signup_form": signup_form or SignupForm(initial={"message": mine.message if mine else ""}),
        "can_run": can_run,
        "can_edit": can(user, "edit_call", call),
        "matching_count": len(matching_members(call)) if can_run and call.is_draft else None,
        "signup_count": call.signups.filter(status__in=services.ACTIVE_SIGNUP).count()
        if can_run
        else None,
    }


def call_detail(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "see_call", call):
        return _refuse(request, call)
    return render(request, "pool_calls/call_detail.html", _detail_context(request, call))


@require_POST
def call_signup(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not request.user.is_authenticated or not can(request.user, "see_call", call):
        return _refuse(request, call)
    form = SignupForm(request.POST)
    if form.is_valid():
        try:
            services.sign_up(call, request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_errors(form, error)
            elif call.is_open and not matching_members(call, person=request.user):
                # Not a member the call is for: refused, with the reason.
                raise PermissionDenied(" ".join(error.messages)) from None
            else:
                messages.error(request, " ".join(error.messages))
                return redirect(call)
        else:
            messages.success(
                request, _("You are signed up. Staff confirm the places, and you are told.")
            )
            return redirect(call)
    # The page again, with the form's errors and what was typed.
    return render(
        request,
        "pool_calls/call_detail.html",
        _detail_context(request, call, signup_form=form),
        status=400,
    )


@require_POST
def call_withdraw(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "withdraw", call):
        if request.user.is_authenticated and can(request.user, "see_call", call):
            messages.error(request, _("You are not signed up to this call."))
            return redirect(call)
        return _refuse(request, call)
    try:
        services.withdraw(call, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have withdrawn from the call."))
    return redirect(call)


# --- Running the call -----------------------------------------------------------------------


def signup_rows(call):
    """The sign-ups with each person's pool profile and screening answers: three queries,
    however many signed up."""
    signups = list(call.signups.select_related("person").order_by("created_at", "pk"))
    answers = ScreeningAnswer.objects.select_related("question").order_by(
        "question__position", "question_id", "pk"
    )
    members = {
        member.person_id: member
        for member in PoolMember.objects.filter(
            pool_id=call.pool_id, person__in=[signup.person_id for signup in signups]
        )
        .select_related("municipality", "application")
        .prefetch_related(Prefetch("application__answers", queryset=answers))
    }
    for signup in signups:
        signup.member = members.get(signup.person_id)
        signup.answers = []
        if signup.member is not None and signup.member.application is not None:
            grouped = {}
            for answer in signup.member.application.answers.all():
                grouped.setdefault(answer.question.text, []).append(answer.value)
            signup.answers = list(grouped.items())
    return signups


def call_signups(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "see_signups", call):
        return _refuse(request, call)
    signups = signup_rows(call)
    confirmed = sum(1 for signup in signups if signup.status == SignupStatus.CONFIRMED)
    return render(
        request,
        "pool_calls/call_signups.html",
        {
            "call": call,
            "pool": call.pool,
            "signups": signups,
            "confirmed": confirmed,
            "places_left": call.places_left(confirmed),
        },
    )


@require_POST
def call_confirm(request, pool_slug, pk, signup_pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "run_call", call):
        return _refuse(request, call)
    signup = get_object_or_404(CallSignup.objects.select_related("person"), pk=signup_pk, call=call)
    release = request.POST.get("action") == "release"
    try:
        if release:
            services.release(call, request.user, signup)
        else:
            services.confirm(call, request.user, signup)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if release:
            message = _("The place of %(name)s is free again.")
        else:
            message = _("%(name)s has a place.")
        messages.success(request, message % {"name": signup.person.display_name})
    return redirect("panels:call_signups", call.pool.slug, call.pk)


@require_POST
def call_close(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "run_call", call):
        return _refuse(request, call)
    try:
        services.close_call(call, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The places are settled. Everyone who signed up was told the outcome.")
        )
    return redirect(call)


def call_results(request, pool_slug, pk):
    call = _call(pool_slug, pk)
    if not can(request.user, "run_call", call):
        return _refuse(request, call)
    form = ResultsForm(request.POST or None, initial={"results": call.results})
    if request.method == "POST" and form.is_valid():
        first = not call.is_reported
        try:
            services.post_results(call, request.user, results=form.cleaned_data["results"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            if first:
                messages.success(request, _("The results are posted. The participants were told."))
            else:
                messages.success(request, _("The results are corrected."))
            return redirect(call)
    return render(
        request, "pool_calls/call_results.html", {"call": call, "pool": call.pool, "form": form}
    )
