"""Survey pages. Thin: visibility from Survey.objects.visible_to and panels.surveys.rules,
actions from panels.surveys.services, numbers from panels.surveys.results.

A survey a person may not see answers 404, like the rest of panels. Answering is counted
against the "survey_answer" abuse limit (accounts.limits). Reading a closed survey's results
or export first stores its anonymous answers still waiting (services.release_closed): a closing
time passes without any request to act on it.
"""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Value, When
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.limits import RateLimited, count_for

from . import services
from .charts import radar_chart
from .forms import InterviewForm, SurveyAnswerForm
from .models import (
    MIN_RESPONSES_FOR_RESULTS,
    AnsweredMarker,
    InterviewCount,
    PendingAnswer,
    QuestionKind,
    Response,
    ResultsVisibility,
    Survey,
    anonymity_batch,
)
from .results import (
    SPLITS,
    describe,
    is_suppressed,
    own_answers,
    results_for,
    split_results,
    wheel_chart,
    write_csv,
)
from .rules import has_answered, is_in_audience, is_survey_official, may_interview


def _can(user, permission, survey):
    return rules.has_perm(f"surveys.{permission}", user, survey)


def _survey_for(user, pk):
    # A round of a series links its own page ("my life wheel over time") in the same query.
    surveys = Survey.objects.visible_to(user).select_related("region", "series_round")
    return get_object_or_404(surveys, pk=pk)


def _questions(survey):
    return list(survey.questions.order_by("sort_order", "pk").prefetch_related("choices"))


def survey_list(request):
    user = request.user
    now = timezone.now()
    if user.is_authenticated:
        answered = Exists(Response.objects.filter(survey=OuterRef("pk"), respondent=user)) | Exists(
            AnsweredMarker.objects.filter(survey=OuterRef("pk"), user=user)
        )
    else:
        answered = Q(pk__in=request.session.get(services.SESSION_KEY, []))
    released = Q(results_visibility=ResultsVisibility.IMMEDIATELY) | Q(
        results_visibility=ResultsVisibility.AFTER_CLOSING, closes_at__lte=now
    )
    official = Q(pk__in=Survey.objects.of_officials(user).values("pk"))
    rows = (
        Survey.objects.visible_to(user, now)
        .select_related("region")
        .annotate(
            response_count=Count("responses", distinct=True),
            has_answered=Case(When(answered, then=Value(True)), default=Value(False)),
            results_visible=Case(
                When(official | released, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            is_official=Case(When(official, then=Value(True)), default=Value(False)),
        )
        .order_by("-opens_at", "-pk")
    )
    groups = {"open": [], "upcoming": [], "closed": []}
    for survey in rows:
        if survey.is_open(now):
            groups["open"].append(survey)
        elif survey.is_closed(now):
            groups["closed"].append(survey)
        else:
            groups["upcoming"].append(survey)
    return render(
        request,
        "surveys/list.html",
        {**groups, "min_responses": MIN_RESPONSES_FOR_RESULTS},
    )


def survey_detail(request, pk):
    user = request.user
    survey = _survey_for(user, pk)
    questions = _questions(survey)
    answered_here = services.answered_in_session(request.session, survey)
    may_answer = _can(user, "answer_survey", survey) and not answered_here
    form = None
    refused = None
    if may_answer:
        data = request.POST if request.method == "POST" else None
        form = SurveyAnswerForm(survey, questions, data)
        if data is not None and form.is_valid():
            rows = form.answers()
            try:
                # Per person, or per address for visitors: a new browser session is free,
                # an address is not.
                count_for("survey_answer", request)
                services.submit_response(survey, user, rows, session=request.session)
            except RateLimited as limited:
                # What was typed stays in the form.
                form.add_error(None, limited.message)
                refused = limited
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if survey.is_anonymous:
                    # The answers are not linked to the person, so they cannot be shown later:
                    # show them now, once, from what was sent.
                    return _thanks(request, survey, questions, rows)
                messages.success(request, _("Thank you! Your answers were saved."))
                return redirect("surveys:detail", survey.pk)
    elif request.method == "POST":
        messages.error(request, _("Your answers were not saved: you cannot answer this survey."))
    mine = own_answers(survey, user)
    blocks = form.blocks() if form is not None else []
    context = {
        "survey": survey,
        "questions": questions,
        "form": form,
        "blocks": blocks,
        "field_errors": any(block.errors for block in blocks),
        "has_answered": answered_here or has_answered.test(user, survey),
        "own": _own_list(questions, mine) if mine else None,
        "can_see_results": _can(user, "view_survey_results", survey),
        "can_change": _can(user, "change_survey", survey),
        "can_interview": _can(user, "interview_for_survey", survey),
        "is_open": survey.is_open(),
        "in_audience": is_in_audience.test(user, survey),
        # For the facts: who will see the results, and whether there are written answers.
        "is_public": survey.is_public(),
        "asks_for_text": any(q.is_text or q.allow_other for q in questions),
    }
    status = 400 if form is not None and form.is_bound and not form.is_valid() else 200
    if refused is not None:
        status = refused.status
    page = render(request, "surveys/detail.html", context, status=status)
    if refused is not None:
        page["Retry-After"] = str(refused.retry_after)
    return page


def _own_list(questions, mine):
    return [(question, [describe(a) for a in mine.get(question.pk, [])]) for question in questions]


def _thanks(request, survey, questions, rows):
    wheels = []
    for question in questions:
        if question.kind != QuestionKind.LIFE_WHEEL:
            continue
        values = {row["choice"].pk: row["number"] for row in rows if row["question"] == question}
        domains = list(question.choices.all())
        labels = [domain.label for domain in domains]
        own = [values.get(domain.pk) for domain in domains]
        wheels.append(
            {
                "question": question,
                "dom_id": f"own-wheel-{question.pk}",
                "chart": radar_chart(labels, [(_("Your answers"), own, "wheel--own")]),
                "own_rows": [
                    (label, None, value) for label, value in zip(labels, own, strict=True)
                ],
            }
        )
    own = [
        (question, [_describe_row(row) for row in rows if row["question"] == question])
        for question in questions
    ]
    return render(
        request,
        "surveys/thanks.html",
        {
            "survey": survey,
            "own": own,
            "wheels": wheels,
            "can_see_results": _can(request.user, "view_survey_results", survey),
            "batch": anonymity_batch(),
        },
    )


def _describe_row(row):
    if row.get("choice") is not None and row.get("number") is not None:
        return f"{row['choice'].label}: {row['number']}"
    if row.get("choice") is not None:
        return row["choice"].label
    if row.get("number") is not None:
        return str(row["number"])
    return row.get("text", "")


def survey_results(request, pk):
    user = request.user
    survey = _survey_for(user, pk)
    if not _can(user, "view_survey_results", survey):
        raise Http404
    services.release_closed(survey)
    questions = _questions(survey)
    official = is_survey_official.test(user, survey)
    split = request.GET.get("split")
    if split in SPLITS:
        return _split_page(request, survey, questions, official, split)
    results = results_for(
        survey,
        questions,
        official=official,
        free_text=_can(user, "view_survey_free_text", survey),
    )
    mine = own_answers(survey, user)
    for result in results.questions:
        if result.question.kind == QuestionKind.LIFE_WHEEL and not result.suppressed:
            own = None
            if mine and mine.get(result.question.pk):
                own = {a.choice_id: a.number for a in mine[result.question.pk]}
            result.chart = wheel_chart(result, own)
            result.own = own
            if own:
                result.own_rows = [
                    (label, average, own.get(domain.pk))
                    for (label, average, _count), domain in zip(
                        result.domains, result.question.choices.all(), strict=True
                    )
                ]
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "results": results,
            "min_responses": MIN_RESPONSES_FOR_RESULTS,
            "can_export": _can(user, "export_survey", survey),
            "can_see_free_text": _can(user, "view_survey_free_text", survey),
            "own": _own_list(questions, mine) if mine else None,
            "batch": anonymity_batch(),
            "splits": SPLITS,
            # Officials may know how many anonymous answers wait (not what they say): that
            # someone answered is what the markers say anyway.
            "waiting": (
                PendingAnswer.objects.filter(survey=survey).count()
                if official and survey.is_anonymous
                else 0
            ),
        },
    )


def _split_page(request, survey, questions, official, split):
    results = split_results(survey, questions, official=official, by=split)
    for group in results.groups:
        for result in group.questions:
            if result.question.kind == QuestionKind.LIFE_WHEEL and not result.suppressed:
                result.chart = wheel_chart(result)
    return render(
        request,
        "surveys/results_split.html",
        {
            "survey": survey,
            "results": results,
            "split": split,
            "split_label": SPLITS[split],
            "splits": SPLITS,
            "min_responses": MIN_RESPONSES_FOR_RESULTS,
            "batch": anonymity_batch(),
        },
    )


def survey_csv(request, pk):
    user = request.user
    survey = _survey_for(user, pk)
    if not _can(user, "export_survey", survey):
        raise Http404
    services.release_closed(survey)
    total = survey.responses.count()
    if is_suppressed(survey, total, official=True):
        messages.error(
            request,
            _("An anonymous survey is exported once it has at least %(count)s responses.")
            % {"count": MIN_RESPONSES_FOR_RESULTS},
        )
        return redirect("surveys:results", survey.pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the text as UTF-8
    write_csv(survey, _questions(survey), response)
    return response


# --- Interviews ---------------------------------------------------------------------------


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def survey_interview(request, pk):
    """Fill the survey in for the person one talks to (surveys.interview_for_survey).

    A plain form post answers with a redirect to a fresh form for the next interview; the
    page's script (static/surveys/interview.js) posts with ``Accept: application/json`` and
    gets JSON: 201 stored, 200 already received (sent before: nothing new stored), 400 with
    the errors, 403 when interviewing is not (or no longer) possible."""
    user = request.user
    survey = _survey_for(user, pk)
    questions = _questions(survey)
    wants_json = _wants_json(request)
    data = request.POST if request.method == "POST" else None
    form = InterviewForm(survey, questions, data)
    if data is not None and form.is_valid():
        client_id = form.cleaned_data["client_id"]
        # A device sending again what was stored before (its answer lost on the way) hears
        # so even after the survey closed, and can forget the interview.
        if may_interview.test(user, survey) and services.interview_received(survey, client_id):
            return _interview_done(request, survey, stored=False)
    if not _can(user, "interview_for_survey", survey):
        if wants_json:
            message = _("This survey cannot be answered in interviews now.")
            return JsonResponse({"status": "refused", "message": message}, status=403)
        raise Http404
    if data is not None and form.is_valid():
        try:
            # Its own, larger limit: one interviewer at an event sends many in an hour.
            count_for("interview", request)
            stored = services.submit_interview(
                survey,
                user,
                form.answers(),
                channel=form.cleaned_data["channel"],
                client_group=form.cleaned_data["client_group"],
                client_id=form.cleaned_data["client_id"],
            )
        except RateLimited as limited:
            if wants_json:
                # The device keeps the interview and sends it again later.
                return JsonResponse(
                    {"status": "limited", "message": str(limited.message)}, status=429
                )
            form.add_error(None, limited.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _interview_done(request, survey, stored=stored)
    if wants_json and form.is_bound:
        return JsonResponse(
            {"status": "invalid", "errors": form.errors.get_json_data()}, status=400
        )
    blocks = form.blocks()
    context = {
        "survey": survey,
        "form": form,
        "blocks": blocks,
        "field_errors": any(block.errors for block in blocks)
        or any(bound.errors for bound in form.interview_fields())
        or bool(form["consent"].errors),
        "done": InterviewCount.objects.filter(survey=survey, interviewer=user)
        .values_list("count", flat=True)
        .first()
        or 0,
    }
    status = 400 if form.is_bound else 200
    return render(request, "surveys/interview.html", context, status=status)


def _interview_done(request, survey, *, stored):
    if _wants_json(request):
        if stored:
            return JsonResponse({"status": "received"}, status=201)
        return JsonResponse({"status": "already_received"}, status=200)
    if stored:
        messages.success(
            request, _("The interview was saved. Here is an empty form for the next interview.")
        )
    else:
        messages.info(request, _("This interview had already been received: nothing was added."))
    return redirect("surveys:interview", survey.pk)
