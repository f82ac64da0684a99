"""The walk's pages: the list per region, the recording pages (a walk's places, one place at
a time with its form: made for a phone, plain forms, no script), a finding's edit page, the
merged report, the observers, and the staff's photo review queue.

Refusals: a walk the person may not see answers 404 (a signed-out visitor is asked to log
in first, as they may be an observer); an action on a walk they see but may not take answers
403, or, where the walk is simply not on, says why and goes back.
"""

import uuid

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.oversharing import PersonalDetails
from panels.models import STAFF_ONLY, Region
from panels.views import add_errors

from . import report, services
from .forms import FindingEditForm, FindingForm, ObserverForm, PublishForm, RejectForm
from .models import Finding, PhotoStatus, Walk, WalkPlace, WalkStatus
from .photos import content_type_of


def can(user, perm, obj):
    """The rule itself, never Django's blanket yes for superusers."""
    return rules.has_perm(f"walks.{perm}", user, obj)


def _refuse(request, walk):
    """No to someone: log in first; 403 to who sees the walk; 404 to everyone else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if walk is not None and can(request.user, "see_walk", walk):
        raise PermissionDenied
    raise Http404


def _walk(pk):
    return get_object_or_404(Walk.objects.select_related("template__region"), pk=pk)


def _finding(pk):
    return get_object_or_404(
        Finding.objects.select_related("walk__template__region", "place", "observer"), pk=pk
    )


# --- Lists ----------------------------------------------------------------------------------


def walk_list(request, region=None):
    walks = Walk.objects.visible_to(request.user).select_related("template__region")
    region_obj = None
    if region is not None:
        region_obj = get_object_or_404(Region, slug=region)
        walks = walks.filter(template__region=region_obj)
    walks = walks.annotate(finding_count=Count("findings")).order_by(
        "template__region__name", "-date", "-pk"
    )
    regions = {}
    for walk in walks:
        regions.setdefault(walk.template.region, []).append(walk)
    staff_regions = list(Region.objects.served_by(request.user, STAFF_ONLY))
    return render(
        request,
        "walks/walk_list.html",
        {
            "region": region_obj,
            "regions": list(regions.items()),
            "staff_regions": staff_regions,
        },
    )


# --- Recording --------------------------------------------------------------------------------


def walk_detail(request, pk):
    walk = _walk(pk)
    if not can(request.user, "open_walk", walk):
        if can(request.user, "read_report", walk):
            return redirect("panels:walk_report", walk.pk)
        return _refuse(request, walk)
    places = list(
        walk.template.places.annotate(
            mine=Count(
                "findings",
                filter=Q(findings__walk=walk, findings__observer=request.user.pk),
            ),
            all_findings=Count("findings", filter=Q(findings__walk=walk)),
        )
    )
    return render(
        request,
        "walks/walk_detail.html",
        {
            "walk": walk,
            "places": places,
            "can_record": can(request.user, "record_finding", walk),
            "can_run": can(request.user, "run_walk", walk),
            "publish_form": PublishForm(initial={"summary": walk.report_summary}),
            "pending_photos": walk.findings.filter(photo_status=PhotoStatus.PENDING).count()
            if can(request.user, "run_walk", walk)
            else 0,
        },
    )


def _why_not_recording(walk):
    if walk.status == WalkStatus.PLANNED:
        return _("The walk has not started yet: findings are recorded once staff start it.")
    if walk.status == WalkStatus.PUBLISHED:
        return _("The report is published: the findings can be read but not changed.")
    return None


def walk_place(request, pk, place_pk):
    walk = _walk(pk)
    if not can(request.user, "open_walk", walk):
        return _refuse(request, walk)
    place = get_object_or_404(WalkPlace, pk=place_pk, template_id=walk.template_id)
    may_record = can(request.user, "record_finding", walk)
    form = None
    if request.method == "POST":
        if not may_record:
            reason = _why_not_recording(walk)
            if reason is None:
                raise PermissionDenied
            messages.error(request, reason)
            return redirect("panels:walk_place", walk.pk, place.pk)
        form = FindingForm(request.POST, request.FILES, place=place)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_finding(
                    walk,
                    request.user,
                    place=place,
                    aspect=data["aspect"],
                    text=data["text"],
                    photo=data.get("photo"),
                    token=data.get("token") or None,
                    confirm_personal=data["confirm_personal"],
                )
            except PersonalDetails as error:
                form.refuse_personal_details(error)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your finding was saved."))
                return redirect(f"{reverse('panels:walk_place', args=[walk.pk, place.pk])}#mine")
    if form is None and may_record:
        form = FindingForm(place=place, initial={"token": uuid.uuid4().hex})
    mine = list(
        walk.findings.filter(place=place, observer=request.user.pk).select_related("observer")
    )
    places = list(walk.template.places.all())
    index = next(i for i, other in enumerate(places) if other.pk == place.pk)
    return render(
        request,
        "walks/walk_place.html",
        {
            "walk": walk,
            "place": place,
            "form": form,
            "mine": mine,
            "why_not": None if may_record else _why_not_recording(walk),
            "previous_place": places[index - 1] if index > 0 else None,
            "next_place": places[index + 1] if index + 1 < len(places) else None,
            "position": index + 1,
            "place_count": len(places),
        },
    )


def finding_edit(request, pk):
    finding = _finding(pk)
    walk = finding.walk
    if not can(request.user, "edit_finding", finding):
        if can(request.user, "see_walk", walk) and finding.observer_id == request.user.pk:
            messages.error(request, _why_not_recording(walk) or _("You cannot change this."))
            return redirect("panels:walk", walk.pk)
        return _refuse(request, walk)
    back = reverse("panels:walk_place", args=[walk.pk, finding.place_id]) if finding.place else ""
    form = FindingEditForm(
        request.POST or None,
        request.FILES or None,
        place=finding.place,
        has_photo=finding.has_photo,
        initial={"aspect": finding.aspect, "text": finding.text},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_finding(
                finding,
                request.user,
                aspect=data["aspect"],
                text=data["text"],
                photo=data.get("photo"),
                remove_photo=data.get("remove_photo", False),
                confirm_personal=data["confirm_personal"],
            )
        except PersonalDetails as error:
            form.refuse_personal_details(error)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your finding was saved."))
            return redirect(f"{back or walk.get_absolute_url()}#mine")
    return render(
        request,
        "walks/finding_edit.html",
        {"walk": walk, "finding": finding, "form": form, "back": back},
    )


@require_POST
def finding_remove(request, pk):
    finding = _finding(pk)
    if not can(request.user, "edit_finding", finding):
        return _refuse(request, finding.walk)
    walk, place_id = finding.walk, finding.place_id
    services.remove_finding(finding, request.user)
    messages.success(request, _("Your finding was removed."))
    if place_id:
        return redirect(f"{reverse('panels:walk_place', args=[walk.pk, place_id])}#mine")
    return redirect(walk)


# --- Running the walk ---------------------------------------------------------------------------


def walk_observers(request, pk):
    walk = _walk(pk)
    if not can(request.user, "run_walk", walk):
        return _refuse(request, walk)
    people = get_user_model().objects
    form = ObserverForm(request.POST if "email" in request.POST else None, auto_id="observer-%s")
    if request.method == "POST" and "remove" in request.POST:
        try:
            person = walk.observers.get(pk=int(request.POST["remove"]))
        except (ValueError, people.model.DoesNotExist):
            messages.error(request, _("That person is not an observer of this walk."))
        else:
            services.remove_observer(walk, request.user, person)
            messages.success(
                request,
                _("%(name)s is no longer an observer of the walk.") % {"name": person.display_name},
            )
        return redirect("panels:walk_observers", walk.pk)
    if form.is_bound and form.is_valid():
        person = (
            people.filter(email__iexact=form.cleaned_data["email"], is_active=True)
            .order_by("pk")
            .first()
        )
        if person is None:
            form.add_error("email", _("No active account has this e-mail address."))
        else:
            try:
                added = services.add_observer(walk, request.user, person)
            except ValidationError as error:
                add_errors(form, error)
            else:
                if added:
                    messages.success(
                        request,
                        _("%(name)s is now an observer of the walk.")
                        % {"name": person.display_name},
                    )
                else:
                    messages.info(
                        request,
                        _("%(name)s is already an observer of the walk.")
                        % {"name": person.display_name},
                    )
                return redirect("panels:walk_observers", walk.pk)
    return render(
        request,
        "walks/walk_observers.html",
        {"walk": walk, "form": form, "observers": list(walk.observers.order_by("display_name"))},
    )


@require_POST
def walk_status(request, pk):
    walk = _walk(pk)
    if not can(request.user, "run_walk", walk):
        return _refuse(request, walk)
    action = request.POST.get("action")
    try:
        if action == "start":
            services.start_walk(walk, request.user)
            messages.success(request, _("The walk has started: the observers can record findings."))
            return redirect(walk)
        if action == "publish":
            form = PublishForm(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(form.errors.get("summary", [])))
                return redirect(walk)
            services.publish_report(walk, request.user, summary=form.cleaned_data["summary"])
            messages.success(request, _("The report is published. The observers were told."))
            return redirect("panels:walk_report", walk.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(walk)
    raise Http404


def walk_report(request, pk):
    walk = _walk(pk)
    if not can(request.user, "read_report", walk):
        return _refuse(request, walk)
    can_run = can(request.user, "run_walk", walk)
    groups = report.merged(walk, request.user)
    return render(
        request,
        "walks/walk_report.html",
        {
            "walk": walk,
            "groups": groups,
            "finding_count": sum(group.count for group in groups),
            "can_run": can_run,
            "can_open": can_run or can(request.user, "open_walk", walk),
        },
    )


# --- Photos -------------------------------------------------------------------------------------


def photo_queue(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    regions = Region.objects.served_by(request.user, STAFF_ONLY)
    if not regions.exists():
        raise Http404
    pending = list(
        Finding.objects.filter(photo_status=PhotoStatus.PENDING, walk__template__region__in=regions)
        .exclude(photo="")
        .select_related("walk__template__region", "place", "observer")
        .order_by("created_at", "pk")
    )
    return render(
        request, "walks/photo_queue.html", {"pending": pending, "reject_form": RejectForm()}
    )


@require_POST
def photo_review(request, pk):
    finding = _finding(pk)
    if not can(request.user, "run_walk", finding.walk):
        return _refuse(request, finding.walk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        raise Http404
    form = RejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", [])))
        return redirect("panels:walk_photos")
    try:
        services.review_photo(finding, request.user, approve=decision == "approve", reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "approve":
            messages.success(request, _("The photo is approved."))
        else:
            messages.success(request, _("The photo was not approved and was removed."))
    return redirect("panels:walk_photos")


def photo(request, pk):
    """The photo file, to those the rules let see it; never cached by a shared cache."""
    finding = _finding(pk)
    if not finding.photo or not can(request.user, "see_photo", finding):
        if not request.user.is_authenticated and not finding.walk.is_published:
            return redirect_to_login(request.get_full_path())
        raise Http404
    response = FileResponse(
        finding.photo.open("rb"), content_type=content_type_of(finding.photo.name)
    )
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
