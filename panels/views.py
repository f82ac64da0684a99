"""Panel pages. Thin: permissions come from panels.rules, actions from panels.services.

What a person may not see answers 404 (``require_in_panel``), so a URL does not reveal whether an
application, a past meeting or a staff page exists.
"""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .forms import (
    AcceptInvitationForm,
    ApplicationForm,
    DecisionForm,
    InvitationForm,
    JoinForm,
    LeaveForm,
    RemoveMemberForm,
)
from .meetings.models import Attendance, AttendanceResponse
from .models import (
    CURRENT_STATUSES,
    Invitation,
    Membership,
    Panel,
    Region,
)
from .places.filters import MunicipalityFilterForm, in_municipality
from .workshops.models import Workshop

HISTORY_LENGTH = 50
# The newest workshops on a panel's page; the rest are on the panel's workshop list.
WORKSHOPS_SHOWN = 10

PANEL_PERMISSIONS = [
    "view_members",
    "view_minutes",
    "join_panel",
    "apply_to_panel",
    "leave_panel",
    "decide_application",
    "invite_to_panel",
    "change_panel",
    "edit_meeting",
    "remove_member",
]


def can_in_panel(user, permission, obj=None):
    """The rule exactly as panels.rules states it. (``user.has_perm`` would let active
    superusers through every rule, even "join an invitation-only panel".)"""
    return rules.has_perm(f"panels.{permission}", user, obj)


def require_in_panel(user, permission, obj=None):
    if not can_in_panel(user, permission, obj):
        raise Http404


def get_panel(slug):
    return get_object_or_404(Panel.objects.select_related("region"), slug=slug)


def posted(request):
    """The submitted data, or None for a GET: a form without fields (join, leave) posts an
    empty body, which must still bind the form."""
    return request.POST if request.method == "POST" else None


def add_errors(form, error):
    """Put a service's ValidationError on the form, on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _problem(check, *args):
    """The message ``check`` would raise, or None."""
    try:
        check(*args)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def panel_permissions(user, panel):
    return {name: can_in_panel(user, name, panel) for name in PANEL_PERMISSIONS}


# --- Browsing -----------------------------------------------------------------------------


def panel_list(request):
    # ?municipality=: that municipality's panels and its region's whole-region panels.
    filters = MunicipalityFilterForm(request.GET or None)
    municipality = filters.chosen()
    panels = Panel.objects.with_member_count().select_related("municipality")
    regions = Region.objects.all()
    if municipality is not None:
        panels = in_municipality(panels, municipality)
        regions = regions.filter(pk=municipality.region_id)
    panels = panels.order_by("is_archived", "name")
    regions = regions.prefetch_related(Prefetch("panels", queryset=panels))
    return render(
        request,
        "panels/panel_list.html",
        {"regions": regions, "filters": filters, "municipality": municipality},
    )


def panel_detail(request, slug):
    panel = get_object_or_404(
        Panel.objects.select_related("region", "municipality").prefetch_related(
            "facilitators", "organisations"
        ),
        slug=slug,
    )
    user = request.user
    can = panel_permissions(user, panel)
    upcoming = list(panel.meetings.upcoming()[:10])
    context = {
        "panel": panel,
        "can": can,
        "upcoming": upcoming,
        "membership": None,
        "members": None,
        "past": None,
        "application_count": 0,
        "history": None,
    }
    if user.is_authenticated:
        context["membership"] = (
            Membership.objects.current().filter(person=user, panel=panel).first()
        )
        responses = dict(
            Attendance.objects.filter(person=user, meeting__in=upcoming)
            .exclude(response="")
            .values_list("meeting", "response")
        )
        for meeting in upcoming:
            if meeting.pk in responses:
                meeting.my_response = AttendanceResponse(responses[meeting.pk]).label
    # The panel's co-design workshops, to those who see them: the inner circle, and guests
    # their own (Workshop.objects.seen_by, the one answer to who sees a workshop).
    context["workshops"] = list(
        Workshop.objects.seen_by(user)
        .filter(panel=panel)
        .select_related("meeting")[:WORKSHOPS_SHOWN]
    )
    context["can_create_workshop"] = rules.has_perm("workshops.create_workshop", user, panel)
    if can["view_members"]:
        context["members"] = (
            panel.memberships.active().select_related("person").order_by("person__display_name")
        )
    if can["view_minutes"]:
        context["past"] = panel.meetings.past()[:50]
    if can["decide_application"]:
        context["application_count"] = panel.memberships.applications().count()
        # Leaving, removal and refusals stay on record; staff see the latest of them here.
        context["history"] = (
            panel.memberships.exclude(status__in=CURRENT_STATUSES)
            .select_related("person", "decided_by")
            .order_by("-decided_at", "-pk")[:HISTORY_LENGTH]
        )
    return render(request, "panels/panel_detail.html", context)


# --- Joining and leaving ------------------------------------------------------------------


@login_required
def join(request, slug):
    panel = get_panel(slug)
    form = JoinForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.join_panel(request.user, panel)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Welcome! You are now a member of this panel."))
            return redirect("panels:detail", panel.slug)
    return render(request, "panels/join.html", {"panel": panel, "form": form})


@login_required
def apply(request, slug):
    panel = get_panel(slug)
    form = ApplicationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_to_panel(request.user, panel, form.cleaned_data["motivation"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Thank you! Your application was sent. You will be told the decision.")
            )
            return redirect("panels:detail", panel.slug)
    problem = None
    if not form.is_bound:
        # Say at once why applying would fail, rather than after the motivation is written.
        problem = _problem(services.check_can_become_member, request.user, panel, "application")
    return render(request, "panels/apply.html", {"panel": panel, "form": form, "problem": problem})


@login_required
def leave(request, slug):
    panel = get_panel(slug)
    membership = get_object_or_404(Membership.objects.current(), person=request.user, panel=panel)
    form = LeaveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_panel(request.user, panel)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("You have left the panel."))
            return redirect("panels:detail", panel.slug)
    return render(
        request, "panels/leave.html", {"panel": panel, "membership": membership, "form": form}
    )


@login_required
def remove_member(request, slug, pk):
    panel = get_panel(slug)
    require_in_panel(request.user, "remove_member", panel)
    membership = get_object_or_404(panel.memberships.active().select_related("person"), pk=pk)
    form = RemoveMemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_member(
                membership, removed_by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The member was removed and told the reason."))
            return redirect("panels:detail", panel.slug)
    return render(
        request,
        "panels/remove_member.html",
        {"panel": panel, "membership": membership, "form": form},
    )


# --- Applications -------------------------------------------------------------------------


@login_required
def application_queue(request):
    require_in_panel(request.user, "manage_panels")
    applications = (
        Membership.objects.decidable_by(request.user)
        .select_related("person", "panel__region")
        .order_by("created_at")
    )
    return render(
        request,
        "panels/application_queue.html",
        {"applications": applications, "form": DecisionForm()},
    )


@login_required
def decide(request, pk):
    # Every application to a panel this person runs, decided or not, so that a second
    # decision gets a message rather than a 404; applications elsewhere stay invisible.
    membership = get_object_or_404(
        Membership.objects.filter(panel__in=Panel.objects.managed_by(request.user)).select_related(
            "person", "panel__region"
        ),
        pk=pk,
    )
    form = DecisionForm(posted(request), decision=request.POST.get("decision"))
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_application(
                membership,
                decided_by=request.user,
                approve=form.approve,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if form.approve:
                messages.success(request, _("The application was approved."))
            else:
                messages.success(request, _("The application was declined."))
            return redirect("panels:applications")
    return render(request, "panels/decide.html", {"membership": membership, "form": form})


# --- Invitations --------------------------------------------------------------------------


@login_required
def invite(request, slug):
    panel = get_panel(slug)
    require_in_panel(request.user, "invite_to_panel", panel)
    form = InvitationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                panel,
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            # The same words whoever the address belongs to (see services.invite).
            messages.success(
                request,
                _("The invitation is on its way, unless the person already belongs to the panel."),
            )
            return redirect("panels:invite", panel.slug)
    pending = panel.invitations.pending().order_by("-created_at")
    return render(request, "panels/invite.html", {"panel": panel, "form": form, "pending": pending})


def invitation(request, token):
    """An invitation link. Once the invitation is used or has expired, the link says only that:
    links get forwarded and lie in mailboxes, and must not show the address or the panel."""
    invitation = get_object_or_404(Invitation.objects.select_related("panel__region"), token=token)
    if invitation.accepted_at is not None or invitation.is_expired():
        if request.user.is_authenticated and invitation.accepted_by_id == request.user.pk:
            return redirect("panels:detail", invitation.panel.slug)
        return render(request, "panels/invitation_closed.html", status=410)
    form = AcceptInvitationForm(posted(request))
    problem = None
    if request.user.is_authenticated:
        problem = _problem(services.check_can_accept, invitation, request.user)
        if request.method == "POST" and problem is None and form.is_valid():
            try:
                services.accept_invitation(invitation, request.user)
            except ValidationError as error:
                problem = " ".join(error.messages)
            else:
                messages.success(request, _("Welcome! You are now a member of this panel."))
                return redirect("panels:detail", invitation.panel.slug)
    elif request.method == "POST":
        return redirect(f"{reverse('account_login')}?next={request.path}")
    return render(
        request,
        "panels/invitation.html",
        {"invitation": invitation, "form": form, "problem": problem},
    )
