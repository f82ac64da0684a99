"""Pages of spontaneous feedback. Thin: fetch what the person may see, check the rule, call a
service.

The inbox and the triage pages do not exist for people they are not for: visitors are asked
to sign in, everyone else who does not triage the item's region gets a 404.
"""

import uuid

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import limits
from accounts.emails import one_line
from ideas.feedback.timeliness import days, target_days
from ideas.models import TITLE_MAX_LENGTH
from panels.models import STAFF_ONLY, Region
from panels.places.filters import in_municipality
from panels.segments.models import client_group_of

from . import services
from .forms import FeedbackForm, InboxFilterForm, PublicFilterForm, PublishForm, TriageForm
from .models import Feedback, Status

INBOX_PER_PAGE = 30
PUBLIC_PER_PAGE = 20


# --- Giving feedback ----------------------------------------------------------------------


def _initial(request):
    """The region from the address (?region=slug), and the client group the signed-in person
    declared, when it is of that region."""
    initial = {"token": uuid.uuid4()}
    region = Region.objects.filter(slug=request.GET.get("region") or "").first()
    if region is not None:
        initial["region"] = region.slug
    group = client_group_of(request.user)
    if group is not None and group.is_active and (region is None or group.region == region):
        initial["client_group"] = group.pk
        initial.setdefault("region", group.region.slug)
    return initial


def give(request):
    signed_in = request.user.is_authenticated
    form = FeedbackForm(
        request.POST or None,
        signed_in=signed_in,
        initial=_initial(request) if request.method != "POST" else None,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = services.give_feedback(
                request.user,
                region=data["region"],
                service_area=data["service_area"],
                client_group=data["client_group"],
                municipality=data["municipality"],
                what_happened=data["what_happened"],
                what_would_be_better=data["what_would_be_better"],
                anonymous=data.get("anonymous", False),
                reply_email=data["reply_email"],
                token=data["token"],
                confirm_personal=data["confirm_personal"],
                rate_key=services.rate_key(request.user, limits.client_address(request)),
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
        except services.RateLimited as limited:
            form.add_error(None, limited.message)
            status = limited.status
        else:
            # The confirmation names the region only: the item has no page of its own yet.
            request.session["service_feedback_sent"] = feedback.region.slug
            return redirect("service_feedback:thanks")
    return render(request, "service_feedback/give.html", {"form": form}, status=status)


def thanks(request):
    slug = request.session.pop("service_feedback_sent", None)
    region = Region.objects.filter(slug=slug).first() if slug else None
    return render(
        request, "service_feedback/thanks.html", {"region": region, "target_days": target_days()}
    )


# --- The staff's inbox --------------------------------------------------------------------


def _refuse(request, perm, obj=None):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.has_perm(perm, request.user, obj):
        raise Http404
    return None


def with_age(items, now, target):
    """Display only, for the rows of one page: how old each item is against the target."""
    for item in items:
        item.age_days = days((item.answered_at or now) - item.created_at)
        item.overdue = item.answered_at is None and item.age_days > target
    return items


def inbox(request):
    refusal = _refuse(request, "service_feedback.see_inbox")
    if refusal is not None:
        return refusal
    regions = Region.objects.served_by(request.user, STAFF_ONLY)
    filters = InboxFilterForm(request.GET or None, regions=regions)
    items = Feedback.objects.triaged_by(request.user).select_related(
        "region", "service_area", "client_group"
    )
    chosen = filters.cleaned_data if filters.is_valid() else {}
    if chosen.get("status"):
        items = items.filter(status=chosen["status"])
    if chosen.get("service_area"):
        items = items.filter(service_area=chosen["service_area"])
    if chosen.get("client_group"):
        items = items.filter(client_group=chosen["client_group"])
    # The waiting ones first, oldest first: they are the work.
    items = items.order_by(F("answered_at").asc(nulls_first=True), "created_at", "pk")
    page = Paginator(items, INBOX_PER_PAGE).get_page(request.GET.get("page"))
    target = target_days()
    with_age(page.object_list, timezone.now(), target)
    return render(
        request,
        "service_feedback/inbox.html",
        {
            "filters": filters,
            "page_obj": page,
            "items": page.object_list,
            "target_days": target,
        },
    )


def _feedback_for_staff(request, pk):
    """The item, if the person triages its region; otherwise it does not exist (404)."""
    items = Feedback.objects.triaged_by(request.user).select_related(
        "region", "service_area", "client_group", "idea__round", "answered_by", "municipality"
    )
    return get_object_or_404(items, pk=pk)


def _prefill(feedback):
    text = one_line(feedback.what_would_be_better or feedback.what_happened)
    body = feedback.what_happened
    if feedback.what_would_be_better:
        body += "\n\n" + feedback.what_would_be_better
    return {
        "title": Truncator(text).chars(TITLE_MAX_LENGTH),
        "body": body,
        "token": uuid.uuid4(),
    }


def triage(request, pk):
    refusal = _refuse(request, "service_feedback.see_inbox")
    if refusal is not None:
        return refusal
    feedback = _feedback_for_staff(request, pk)
    with_age([feedback], timezone.now(), target_days())
    context = {"feedback": feedback, "target_days": target_days()}
    if feedback.is_answered:
        context["publish_form"] = PublishForm(initial={"publish": feedback.publish})
        return render(request, "service_feedback/triage.html", context)
    rounds = services.idea_rounds_for(request.user, feedback)
    form = TriageForm(request.POST or None, rounds=rounds, initial=_prefill(feedback))
    context.update(form=form, rounds=rounds)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.triage(
                request.user,
                feedback,
                outcome=data["outcome"],
                answer=data["answer"],
                reason=data["reason"],
                forwarded_to=data["forwarded_to"],
                publish=data["publish"],
                round_=form.chosen_round(),
                title=data["title"],
                body=data["body"],
                token=data["token"],
                confirm_personal=data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
        except services.RateLimited as limited:
            form.add_error(None, limited.message)
            status = limited.status
        except services.AlreadyTriaged:
            messages.info(request, _("Someone answered this feedback already."))
            return redirect(feedback.get_triage_url())
        else:
            messages.success(request, _("The feedback was answered."))
            return redirect("service_feedback:inbox")
    return render(request, "service_feedback/triage.html", context, status=status)


@require_POST
def publish(request, pk):
    refusal = _refuse(request, "service_feedback.see_inbox")
    if refusal is not None:
        return refusal
    feedback = _feedback_for_staff(request, pk)
    form = PublishForm(request.POST)
    if form.is_valid() and feedback.is_answered:
        services.set_published(request.user, feedback, form.cleaned_data["publish"])
        messages.success(
            request,
            _("It is shown on the public page.")
            if feedback.publish
            else _("It is no longer shown on the public page."),
        )
    return redirect(feedback.get_triage_url())


# --- The public page ----------------------------------------------------------------------


def public(request, slug):
    region = get_object_or_404(Region, slug=slug)
    filters = PublicFilterForm(request.GET or None, region=region)
    items = (
        Feedback.objects.published()
        .filter(region=region)
        .select_related("service_area", "idea", "municipality")
        .order_by("-answered_at", "-pk")
    )
    municipality = None
    if filters.is_valid():
        if filters.cleaned_data["service_area"]:
            items = items.filter(service_area=filters.cleaned_data["service_area"])
        municipality = filters.cleaned_data["municipality"]
        if municipality is not None:
            # Also the feedback that names no municipality: it may concern this one too.
            items = in_municipality(items, municipality)
    page = Paginator(items, PUBLIC_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "service_feedback/public.html",
        {
            "region": region,
            "filters": filters,
            "page_obj": page,
            "items": page.object_list,
            "statuses": Status,
            "municipality": municipality,
        },
    )
