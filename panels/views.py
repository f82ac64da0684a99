"""Panel pages. Thin: permissions come from panels.rules, actions from panels.services.

What a person may not see answers 404 (``_require``), so a URL does not reveal whether an
application, a past meeting or a staff page exists.
"""

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import (
    AcceptInvitationForm,
    ApplicationForm,
    AttendanceRecordForm,
    AttendanceResponseForm,
    DecisionForm,
    InvitationForm,
    JoinForm,
    LeaveForm,
    MeetingForm,
    RemoveMemberForm,
)
from .models import (
    CURRENT_STATUSES,
    Attendance,
    AttendanceResponse,
    Invitation,
    Meeting,
    Membership,
    Panel,
    Region,
)

HISTORY_LENGTH = 50

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


def _can(user, permission, obj=None):
    """The rule exactly as panels.rules states it. (``user.has_perm`` would let active
    superusers through every rule, even "join an invitation-only panel".)"""
    return rules.has_perm(f"panels.{permission}", user, obj)


def _require(user, permission, obj=None):
    if not _can(user, permission, obj):
        raise Http404


def _panel(slug):
    return get_object_or_404(Panel.objects.select_related("region"), slug=slug)


def _meeting_for(user, pk):
    """The meeting, if ``user`` may see it at all."""
    return get_object_or_404(
        Meeting.objects.visible_to(user).select_related("panel__region"), pk=pk
    )


def _posted(request):
    """The submitted data, or None for a GET: a form without fields (join, leave) posts an
    empty body, which must still bind the form."""
    return request.POST if request.method == "POST" else None


def _add_errors(form, error):
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


def _permissions(user, panel):
    return {name: _can(user, name, panel) for name in PANEL_PERMISSIONS}


# --- Browsing -----------------------------------------------------------------------------


def panel_list(request):
    panels = Panel.objects.with_member_count().order_by("is_archived", "name")
    regions = Region.objects.prefetch_related(Prefetch("panels", queryset=panels))
    return render(request, "panels/panel_list.html", {"regions": regions})


def panel_detail(request, slug):
    panel = get_object_or_404(
        Panel.objects.select_related("region").prefetch_related("facilitators"), slug=slug
    )
    user = request.user
    can = _permissions(user, panel)
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
    panel = _panel(slug)
    form = JoinForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.join_panel(request.user, panel)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Welcome! You are now a member of this panel."))
            return redirect("panels:detail", panel.slug)
    return render(request, "panels/join.html", {"panel": panel, "form": form})


@login_required
def apply(request, slug):
    panel = _panel(slug)
    form = ApplicationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_to_panel(request.user, panel, form.cleaned_data["motivation"])
        except ValidationError as error:
            _add_errors(form, error)
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
    panel = _panel(slug)
    membership = get_object_or_404(Membership.objects.current(), person=request.user, panel=panel)
    form = LeaveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_panel(request.user, panel)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("You have left the panel."))
            return redirect("panels:detail", panel.slug)
    return render(
        request, "panels/leave.html", {"panel": panel, "membership": membership, "form": form}
    )


@login_required
def remove_member(request, slug, pk):
    panel = _panel(slug)
    _require(request.user, "remove_member", panel)
    membership = get_object_or_404(panel.memberships.active().select_related("person"), pk=pk)
    form = RemoveMemberForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_member(
                membership, removed_by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
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
    _require(request.user, "manage_panels")
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
    form = DecisionForm(_posted(request), decision=request.POST.get("decision"))
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_application(
                membership,
                decided_by=request.user,
                approve=form.approve,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _add_errors(form, error)
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
    panel = _panel(slug)
    _require(request.user, "invite_to_panel", panel)
    form = InvitationForm(_posted(request))
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
            _add_errors(form, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect("panels:invite", panel.slug)
    pending = panel.invitations.pending().order_by("-created_at")
    return render(request, "panels/invite.html", {"panel": panel, "form": form, "pending": pending})


def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("panel__region"), token=token)
    form = AcceptInvitationForm(_posted(request))
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


# --- Meetings -----------------------------------------------------------------------------


def meeting_detail(request, pk):
    meeting = _meeting_for(request.user, pk)
    user = request.user
    panel = meeting.panel
    can = _permissions(user, panel)
    can["respond"] = not meeting.is_over() and _can(user, "respond_to_meeting", panel)
    my_response = None
    if can["respond"]:
        my_response = (
            Attendance.objects.filter(meeting=meeting, person=user)
            .values_list("response", flat=True)
            .first()
        )
    attendances = None
    if can["view_members"]:
        attendances = meeting.attendances.select_related("person").order_by("person__display_name")
    context = {
        "meeting": meeting,
        "panel": panel,
        "can": can,
        "response_form": AttendanceResponseForm(initial={"response": my_response}),
        "my_response": my_response,
        "attendances": attendances,
    }
    return render(request, "panels/meeting_detail.html", context)


def _meeting_form_page(request, panel, meeting):
    form = MeetingForm(_posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting(
                form.save(commit=False),
                by=request.user,
                publish_minutes=form.cleaned_data["publish_minutes"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("panels:meeting", meeting.pk)
    return render(
        request, "panels/meeting_form.html", {"panel": panel, "meeting": meeting, "form": form}
    )


@login_required
def meeting_create(request, slug):
    panel = _panel(slug)
    _require(request.user, "edit_meeting", panel)
    return _meeting_form_page(request, panel, Meeting(panel=panel))


@login_required
def meeting_edit(request, pk):
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "edit_meeting", meeting.panel)
    return _meeting_form_page(request, meeting.panel, meeting)


@login_required
@require_POST
def meeting_respond(request, pk):
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "respond_to_meeting", meeting.panel)
    form = AttendanceResponseForm(request.POST)
    if form.is_valid():
        try:
            services.respond_to_meeting(meeting, request.user, form.cleaned_data["response"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you, your answer was saved."))
    else:
        messages.error(request, _("Choose whether you are coming."))
    return redirect("panels:meeting", meeting.pk)


@login_required
def meeting_attendance(request, pk):
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "record_attendance", meeting.panel)
    members = meeting.panel.memberships.active().values("person")
    people = get_user_model().objects.filter(pk__in=members).order_by("display_name")
    present = meeting.attendances.filter(attended=True).values_list("person", flat=True)
    form = AttendanceRecordForm(
        request.POST or None, members=people, initial={"present": list(present)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(meeting, present=form.cleaned_data["present"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Attendance was recorded."))
            return redirect("panels:meeting", meeting.pk)
    return render(
        request,
        "panels/meeting_attendance.html",
        {"meeting": meeting, "panel": meeting.panel, "form": form},
    )
