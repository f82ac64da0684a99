"""Attendance and completion of innoagent trainings: every change in one transaction.

Completing a training grants its level (accounts.qualifications.services.grant, dated the
day of the training and named after it) and tells the attendee once; the staff member who
marks it is never told of their own action (they may attend a training they also record).
Undoing a completion revokes exactly the qualification it granted. A level that is not for
the attendee's role (level I: professionals, level II: experts by experience) is refused
with the reason, both when the attendee is added and when they complete.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.notifications import notify
from accounts.qualifications import services as qualifications
from accounts.roles import InnoagentLevel

from .apps import QUALIFIED
from .models import TrainingAttendance


def _locked(attendance):
    """The attendance as stored, its row locked: two staff members marking the same attendee
    at once grant one qualification."""
    return (
        # PostgreSQL locks no outer-joined row: only the attendance's own ("self").
        TrainingAttendance.objects.select_for_update(of=("self",))
        .select_related("training", "person", "qualification")
        .get(pk=attendance.pk)
    )


def _copy_state(source, target):
    for name in ("qualification", "completed_at", "completed_by"):
        setattr(target, name, getattr(source, name))


def add_attendee(training, actor, person):
    """Add ``person`` to the training's attendees; returns (attendance, created)."""
    if not person.is_active:
        raise ValidationError(_("This account is not active."), code="inactive")
    qualifications.check_fits(person, training.level)
    return TrainingAttendance.objects.get_or_create(training=training, person=person)


@transaction.atomic
def remove_attendee(attendance, actor):
    """Remove an attendee who has not completed the training (undo the completion first)."""
    attendance = TrainingAttendance.objects.select_for_update().get(pk=attendance.pk)
    if attendance.is_completed:
        raise ValidationError(
            _("%(name)s has completed the training: undo the completion first.")
            % {"name": attendance.person.display_name},
            code="completed",
        )
    attendance.delete()


@transaction.atomic
def complete(attendance, actor):
    """Mark ``attendance`` completed and grant the training's level. Returns False (and does
    nothing) if it was already completed."""
    given, attendance = attendance, _locked(attendance)
    if attendance.is_completed:
        return False
    training, person = attendance.training, attendance.person
    attendance.qualification = qualifications.grant(
        person,
        training.level,
        training.held_on,
        training_name=training.name,
        granted_by=actor,
    )
    attendance.completed_at = timezone.now()
    attendance.completed_by = actor
    attendance.save(update_fields=["qualification", "completed_at", "completed_by"])
    _copy_state(attendance, given)
    if person.pk != actor.pk:
        notify(
            person,
            kind=QUALIFIED,
            message=format_lazy(
                gettext_lazy(
                    "You completed the training “{training}” and are now an {level}. The "
                    "badge is shown beside your name."
                ),
                training=training.name,
                level=InnoagentLevel(training.level).label,
            ),
        )
    return True


@transaction.atomic
def undo_completion(attendance, actor):
    """Undo a completion marked by mistake: revoke the qualification it granted. Returns False
    if the attendance was not completed. The attendee is not told: the mark was a mistake."""
    given, attendance = attendance, _locked(attendance)
    if not attendance.is_completed:
        return False
    if attendance.qualification is not None:
        qualifications.revoke(attendance.qualification, by=actor)
    attendance.qualification = None
    attendance.completed_at = None
    attendance.completed_by = None
    attendance.save(update_fields=["qualification", "completed_at", "completed_by"])
    _copy_state(attendance, given)
    return True
