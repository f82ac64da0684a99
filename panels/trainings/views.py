"""A training's attendance page: who attended, and a button per attendee to mark completion
(which grants the level) or undo it. Plain forms, no script.

Refusals: a signed-out visitor is asked to log in; anyone else who does not run the
training gets 404 (a training's attendees are not public).
"""

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import AttendeeForm
from .models import Training, TrainingAttendance


def _training_for(request, pk):
    """The training, if ``request.user`` runs it; otherwise log in first, or 404."""
    training = get_object_or_404(Training.objects.select_related("region"), pk=pk)
    if not rules.has_perm("trainings.run_training", request.user, training):
        if not request.user.is_authenticated:
            return None, redirect_to_login(request.get_full_path())
        raise Http404
    return training, None


def training_detail(request, pk):
    training, refusal = _training_for(request, pk)
    if refusal:
        return refusal
    form = AttendeeForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                attendance, created = services.add_attendee(training, request.user, form.person)
            except ValidationError as error:
                form.add_error("who", error)
            else:
                name = attendance.person.display_name
                if created:
                    messages.success(request, _("%(name)s is now an attendee.") % {"name": name})
                else:
                    messages.info(request, _("%(name)s is already an attendee.") % {"name": name})
                return redirect(training.get_absolute_url())
        status = 400
    attendances = training.attendances.select_related("person").order_by(
        "person__display_name", "pk"
    )
    return render(
        request,
        "trainings/training_detail.html",
        {
            "training": training,
            "trainers": training.trainers.all(),
            "attendances": attendances,
            "form": form,
        },
        status=status,
    )


@require_POST
def attendance_action(request, pk, attendance_pk, action):
    training, refusal = _training_for(request, pk)
    if refusal:
        return refusal
    attendance = get_object_or_404(
        TrainingAttendance.objects.select_related("person", "qualification"),
        pk=attendance_pk,
        training=training,
    )
    name = attendance.person.display_name
    try:
        if action == "remove":
            services.remove_attendee(attendance, request.user)
            messages.success(request, _("%(name)s is no longer an attendee.") % {"name": name})
        elif action == "complete":
            if services.complete(attendance, request.user):
                messages.success(
                    request,
                    _("%(name)s completed the training and now holds its level.") % {"name": name},
                )
        elif action == "undo":
            if services.undo_completion(attendance, request.user):
                messages.success(
                    request,
                    _("The completion of %(name)s is undone and the level revoked.")
                    % {"name": name},
                )
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(training.get_absolute_url())
