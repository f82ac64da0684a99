"""Pages of the feedback loop: moving an idea's status, publishing and editing official
responses, saying whether a response answered, and the responder's clarification queue."""

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.limits import RateLimited
from ideas.access import get_idea_for
from ideas.models import Idea, IdeaRound
from ideas.views import forbidden

from . import services
from .forms import FeedbackForm, ResponseContentForm, ResponseForm, StatusForm
from .models import OfficialResponse, ResponseFeedback


def get_response_for(user, pk):
    """A response on an idea the person may see; anything else does not exist for them."""
    visible = OfficialResponse.objects.filter(idea__in=Idea.objects.visible_to(user))
    return get_object_or_404(
        visible.select_related("idea__round__region", "idea__author", "responder"), pk=pk
    )


def _refuse_unless(request, perm, obj, title, explanation, back_url):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.has_perm(perm, request.user, obj):
        return forbidden(request, title, explanation, back_url)
    return None


def _form_error(form, error):
    """A refusal from the service (two officials raced) shown on the form, keeping its input."""
    form.add_error(None, error.messages[0] if error.messages else str(error))


def status_change(request, pk):
    idea = get_idea_for(request.user, pk)
    refused = _refuse_unless(
        request,
        "feedback.change_status",
        idea,
        _("Change status"),
        _("The region's staff and decision-makers change the status of public ideas."),
        idea.get_absolute_url(),
    )
    if refused:
        return refused
    form = StatusForm(request.POST or None, idea=idea)
    if not form.fields["to_status"].choices:
        return forbidden(
            request,
            _("Change status"),
            _("This idea has reached the end of its road: its status no longer changes."),
            idea.get_absolute_url(),
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_status(
                request.user,
                idea,
                data["to_status"],
                explanation=data["explanation"],
                merged_into=data.get("merged_into"),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The status was changed. The author was told why."))
            return redirect(idea)
    return render(request, "feedback/status_form.html", {"idea": idea, "form": form})


def respond(request, pk):
    idea = get_idea_for(request.user, pk)
    refused = _refuse_unless(
        request,
        "feedback.respond_to_idea",
        idea,
        _("Official response"),
        _("The region's decision-makers and staff publish official responses to public ideas."),
        idea.get_absolute_url(),
    )
    if refused:
        return refused
    form = ResponseForm(request.POST or None, idea=idea, initial={"decision": idea.status})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            response = services.publish_response(
                request.user,
                idea,
                decision=data.pop("decision"),
                reasons=data.pop("reasons"),
                merged_into=data.pop("merged_into", None),
                **data,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Your response was published. Those who follow the idea were told.")
            )
            return redirect(response.get_absolute_url())
    return render(request, "feedback/response_form.html", {"idea": idea, "form": form})


def response_edit(request, pk):
    response = get_response_for(request.user, pk)
    idea = response.idea
    refused = _refuse_unless(
        request,
        "feedback.edit_response",
        response,
        _("Edit response"),
        _("A response is edited by the person who published it."),
        response.get_absolute_url(),
    )
    if refused:
        return refused
    initial = {name: getattr(response, name) for name in OfficialResponse.CONTENT_FIELDS}
    form = ResponseContentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_response(request.user, response, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Your changes were saved. The earlier version stays visible.")
            )
            return redirect(response.get_absolute_url())
    return render(
        request,
        "feedback/response_form.html",
        {"idea": idea, "form": form, "response": response},
    )


def response_feedback(request, pk):
    response = get_response_for(request.user, pk)
    refused = _refuse_unless(
        request,
        "feedback.give_feedback_on_response",
        response,
        _("Did this answer the idea?"),
        _("The idea's author and its supporters say whether a response answered it."),
        response.get_absolute_url(),
    )
    if refused:
        return refused
    earlier = ResponseFeedback.objects.filter(response=response, person=request.user).first()
    initial = {"verdict": earlier.verdict, "comment": earlier.comment} if earlier else None
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feedback = services.give_feedback(request.user, response, **form.cleaned_data)
        except RateLimited as limited:
            form.add_error(None, limited.message)
            return render(
                request,
                "feedback/feedback_form.html",
                {"response": response, "idea": response.idea, "form": form},
                status=limited.status,
            )
        if feedback.asks_for_clarification:
            messages.success(request, _("Thank you. The responder was asked to clarify."))
        else:
            messages.success(request, _("Thank you for telling us."))
        return redirect(response.get_absolute_url())
    return render(
        request,
        "feedback/feedback_form.html",
        {"response": response, "idea": response.idea, "form": form},
    )


def clarification_queue(request):
    """Requests for clarification on responses in the regions the person acts for."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.has_perm("feedback.see_response_dashboard", request.user):
        raise Http404
    rounds = IdeaRound.objects.answered_by(request.user)
    requests = (
        ResponseFeedback.objects.clarification_requests()
        .filter(response__idea__round__in=rounds)
        .filter(response__idea__in=Idea.objects.visible_to(request.user))
        .select_related("person", "response__idea__round", "response__responder")
        .order_by("updated_at", "pk")
    )
    mine_first = sorted(requests, key=lambda item: item.response.responder_id != request.user.pk)
    return render(request, "feedback/clarification_queue.html", {"requests": mine_first})


@require_POST
def clarification_handled(request, pk):
    feedback = get_object_or_404(
        ResponseFeedback.objects.select_related("response__idea__round__region"), pk=pk
    )
    if not rules.has_perm("feedback.handle_clarification", request.user, feedback.response):
        raise Http404
    services.handle_clarification(request.user, feedback)
    messages.success(request, _("Marked as clarified."))
    return redirect("ideas:clarification_queue")
