"""Recruitment and pool pages. Thin: fetch, check the rule, call a service.

- The recruitment page is public; signed in, the form skips the name and address.
- The confirmation link shows a page with one button: mail scanners that open every link must
  not confirm an application or sign anyone in. Pressing it links or creates the account.
- The staff's queue and decisions do not exist for those who do not run the region (404; a
  visitor is asked to log in first).
- A pool's page is public; its member count and queue links are for staff.
- "My pools" is the person's own: interests, availability, pause, resume, leave, and their
  applications.
"""

import rules
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import limits
from panels.models import LANGUAGE_NAMES
from panels.views import add_errors

from . import services
from .forms import ApplicationForm, DecisionForm, MemberProfileForm, QueueFilterForm
from .models import (
    DECIDABLE_STATUSES,
    IN_POOL,
    Application,
    ApplicationStatus,
    Pool,
    PoolMember,
    PoolMemberStatus,
    Recruitment,
    ScreeningAnswer,
)

QUEUE_PER_PAGE = 50


def can(user, perm, obj):
    """The rule itself, never Django's blanket yes for superusers."""
    return rules.has_perm(f"pool.{perm}", user, obj)


def _recruitment(slug):
    return get_object_or_404(
        Recruitment.objects.select_related("pool__region", "panel__region"), slug=slug
    )


def _questions(recruitment):
    return list(recruitment.questions.order_by("position", "pk"))


def _problem(person, recruitment):
    try:
        services.check_can_apply(person, recruitment)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


# --- The public page ------------------------------------------------------------------------


def recruitment(request, slug):
    recruitment = _recruitment(slug)
    questions = _questions(recruitment)
    signed_in = request.user.is_authenticated
    problem = _problem(request.user, recruitment)
    form = None
    status = 200
    if problem is None:
        form = ApplicationForm(
            request.POST or None,
            recruitment=recruitment,
            questions=questions,
            signed_in=signed_in,
            initial={"languages": [request.LANGUAGE_CODE]},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                application = services.apply(
                    recruitment,
                    person=request.user,
                    email=data.get("email", ""),
                    display_name=data.get("display_name", ""),
                    municipality=data.get("municipality"),
                    client_group=data.get("client_group"),
                    languages=data["languages"],
                    answers=form.answers(),
                    contact_consent=data["contact_consent"],
                    rate_key=services.rate_key(request.user, limits.client_address(request)),
                )
            except limits.RateLimited as limited:
                form.add_error(None, limited.message)
                status = limited.status
            except ValidationError as error:
                add_errors(form, error)
            else:
                request.session["pool_applied"] = application.pk
                return redirect("panels:recruitment_sent", recruitment.slug)
        elif request.method == "POST":
            status = 400
    elif request.method == "POST":
        status = 409
    return render(
        request,
        "pool/recruitment.html",
        {"recruitment": recruitment, "form": form, "problem": problem},
        status=status,
    )


def recruitment_sent(request, slug):
    recruitment = _recruitment(slug)
    pk = request.session.pop("pool_applied", None)
    application = Application.objects.filter(pk=pk, recruitment=recruitment).first()
    if application is None:
        return redirect("panels:recruitment", recruitment.slug)
    return render(
        request, "pool/sent.html", {"recruitment": recruitment, "application": application}
    )


def confirm(request, slug, token):
    recruitment = _recruitment(slug)
    try:
        application, language = services.read_confirmation(token, recruitment)
    except services.LinkNotValid:
        return render(
            request, "pool/confirm_invalid.html", {"recruitment": recruitment}, status=404
        )
    if request.method != "POST":
        return render(
            request, "pool/confirm.html", {"recruitment": recruitment, "application": application}
        )
    try:
        result = services.confirm_application(application, language)
    except services.LinkNotValid:
        return render(
            request, "pool/confirm_invalid.html", {"recruitment": recruitment}, status=404
        )
    # A new account is signed in, but never over someone already signed in on this browser
    # (a forwarded link must not switch a person into an account another can recover).
    if result.created and not request.user.is_authenticated:
        login(request, result.person, backend="django.contrib.auth.backends.ModelBackend")
    return render(
        request,
        "pool/confirmed.html",
        {
            "recruitment": recruitment,
            "result": result,
            "signed_in_as_them": request.user.is_authenticated
            and request.user.pk == result.person.pk,
        },
    )


# --- The staff's queue ----------------------------------------------------------------------


def _refuse(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def _filtered(applications, filters):
    if not filters.is_valid():
        return applications
    data = filters.cleaned_data
    if data.get("status"):
        applications = applications.filter(status=data["status"])
    if data.get("municipality"):
        applications = applications.filter(municipality=data["municipality"])
    if data.get("client_group"):
        applications = applications.filter(client_group=data["client_group"])
    if data.get("language"):
        # JSON lists: contains is not supported on SQLite, so the code is matched in its quotes.
        applications = applications.filter(languages__icontains=f'"{data["language"]}"')
    for question, value in filters.chosen_answers():
        applications = applications.filter(
            Exists(
                ScreeningAnswer.objects.filter(
                    application=OuterRef("pk"), question=question, value=value
                )
            )
        )
    return applications


def with_answers(applications, questions):
    """Display only: each application's answers as [(question, [values])], in question order."""
    for application in applications:
        by_question = {}
        for answer in application.answers.all():
            by_question.setdefault(answer.question_id, []).append(answer.value)
        application.answer_rows = [
            (question, by_question.get(question.pk, [])) for question in questions
        ]
        application.decidable = application.status in DECIDABLE_STATUSES
        application.language_names = [
            str(LANGUAGE_NAMES.get(code, code)) for code in application.languages
        ]
    return applications


def _decision_form(application, data=None):
    return DecisionForm(data, prefix=f"application-{application.pk}")


def queue(request, slug):
    recruitment = _recruitment(slug)
    if not can(request.user, "see_applications", recruitment):
        return _refuse(request)
    questions = _questions(recruitment)
    filters = QueueFilterForm(request.GET or None, recruitment=recruitment, questions=questions)
    applications = (
        recruitment.applications.confirmed()
        .select_related("person", "municipality", "client_group")
        .prefetch_related(
            Prefetch("answers", queryset=ScreeningAnswer.objects.order_by("question_id", "pk"))
        )
        .order_by("created_at", "pk")
    )
    applications = _filtered(applications, filters)
    page = Paginator(applications, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    with_answers(page.object_list, questions)
    for application in page.object_list:
        application.decision_form = _decision_form(application)
    return render(
        request,
        "pool/queue.html",
        {
            "recruitment": recruitment,
            "questions": questions,
            "filters": filters,
            "page_obj": page,
            "applications": page.object_list,
        },
    )


@require_POST
def decide(request, slug, pk):
    recruitment = _recruitment(slug)
    if not can(request.user, "decide", recruitment):
        return _refuse(request)
    application = get_object_or_404(
        recruitment.applications.confirmed().select_related(
            "person", "municipality", "client_group"
        ),
        pk=pk,
    )
    form = _decision_form(application, request.POST)
    if form.is_valid():
        try:
            services.decide(
                application,
                decided_by=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Decision saved on %(name)s's application; they have been told.")
                % {"name": application.person.display_name},
            )
            back = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                return redirect(back)
            return redirect("panels:recruitment_queue", slug)
    # The form again, with what was typed and what is missing.
    questions = _questions(recruitment)
    with_answers([application], questions)
    return render(
        request,
        "pool/decide.html",
        {"recruitment": recruitment, "application": application, "form": form},
        status=400,
    )


# --- The pool's page ------------------------------------------------------------------------


def pool(request, slug):
    pool = get_object_or_404(Pool.objects.select_related("region"), slug=slug)
    context = {
        "pool": pool,
        "recruitments": pool.recruitments.accepting().order_by("closes_on", "pk"),
        "runs_pool": can(request.user, "run_pool", pool),
    }
    if context["runs_pool"]:
        context["counts"] = pool.members.aggregate(
            active=Count("pk", filter=Q(status=PoolMemberStatus.ACTIVE)),
            paused=Count("pk", filter=Q(status=PoolMemberStatus.PAUSED)),
        )
        context["all_recruitments"] = pool.recruitments.annotate(
            waiting=Count("applications", filter=Q(applications__status__in=DECIDABLE_STATUSES))
        ).order_by("-created_at")
    if request.user.is_authenticated:
        context["my_membership"] = pool.members.filter(
            person=request.user, status__in=IN_POOL
        ).first()
    return render(request, "pool/pool.html", context)


# --- My pools -------------------------------------------------------------------------------


def _member_form(member, data=None):
    return MemberProfileForm(
        data,
        prefix=f"member-{member.pk}",
        initial={"interests": member.interests, "availability": member.availability},
    )


def _my_pools_page(request, bound=None, status=200):
    members = list(
        PoolMember.objects.filter(person=request.user, status__in=IN_POOL)
        .select_related("pool__region", "municipality")
        .order_by("pool__name")
    )
    for member in members:
        member.form = (
            bound
            if bound is not None and bound.prefix == f"member-{member.pk}"
            else (_member_form(member))
        )
    applications = (
        Application.objects.filter(person=request.user)
        .exclude(status=ApplicationStatus.UNVERIFIED)
        .select_related("recruitment__pool", "recruitment__panel")
        .order_by("-created_at")
    )
    for application in applications:
        application.withdrawable = application.status in DECIDABLE_STATUSES
    return render(
        request,
        "pool/my_pools.html",
        {"members": members, "applications": applications},
        status=status,
    )


@login_required
def my_pools(request):
    return _my_pools_page(request)


def _own_member(request, pk):
    member = get_object_or_404(
        PoolMember.objects.select_related("pool").filter(status__in=IN_POOL), pk=pk
    )
    if not can(request.user, "manage_membership", member):
        raise Http404
    return member


@login_required
@require_POST
def member_profile(request, pk):
    member = _own_member(request, pk)
    form = _member_form(member, request.POST)
    if not form.is_valid():
        return _my_pools_page(request, bound=form, status=400)
    services.update_profile(member, request.user, **form.cleaned_data)
    messages.success(request, _("Saved. The pool's staff see this when they call people."))
    return redirect("pool:my_pools")


@login_required
@require_POST
def member_status(request, pk):
    member = _own_member(request, pk)
    action = request.POST.get("action")
    if action == "pause":
        services.set_paused(member, request.user, True)
        messages.success(request, _("Paused: you are not called to tasks until you resume."))
    elif action == "resume":
        services.set_paused(member, request.user, False)
        messages.success(request, _("Welcome back: you can be called to tasks again."))
    elif action == "leave":
        services.leave_pool(member, request.user)
        messages.success(request, _("You have left %(pool)s.") % {"pool": member.pool.name})
    else:
        messages.error(request, _("Choose what to do."))
    return redirect("pool:my_pools")


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, pk=pk, person=request.user)
    try:
        services.withdraw(application, request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("pool:my_pools")
