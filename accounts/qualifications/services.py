"""Granting and revoking innoagent qualifications: the only writers of ``Qualification``.

Invariant: ``User.innoagent_level`` is the highest level among the person's unrevoked
qualifications (``InnoagentLevel.NONE`` without one). Every write here recomputes it from the
rows in the same transaction, with the person's row locked, so two grants or a grant and a
revocation at once cannot leave it stale.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import InnoagentLevel, Role

from .models import ROLES_FOR_LEVEL, Qualification


def fits(person, level):
    """Whether ``level`` is for someone of ``person``'s role."""
    return person.role in ROLES_FOR_LEVEL.get(level, ())


def check_fits(person, level):
    """Refuse, with the reason, a level that is not for the person's role."""
    if level not in ROLES_FOR_LEVEL:
        raise ValidationError(_("An innoagent level is I or II."), code="level")
    if fits(person, level):
        return
    if level == InnoagentLevel.LEVEL_II:
        message = _(
            "Level II is for experts by experience, and %(name)s is a %(role)s. An "
            "administrator can change their role first."
        )
    else:
        message = _(
            "Level I is for professionals (staff and decision-makers), and %(name)s is a "
            "%(role)s. An administrator can change their role first."
        )
    raise ValidationError(
        message % {"name": person.display_name, "role": Role(person.role).label},
        code="role",
    )


def highest_level(person):
    """The highest level ``person`` holds unrevoked, read from the rows."""
    found = Qualification.objects.held().filter(person=person).aggregate(top=Max("level"))
    return found["top"] or InnoagentLevel.NONE


def sync_level(person):
    """Bring ``person.innoagent_level`` (the row and the object) in step with the rows."""
    user_model = get_user_model()
    # Lock the person's row first: concurrent grants and revocations then take turns.
    list(user_model.objects.select_for_update().filter(pk=person.pk).values_list("pk"))
    level = highest_level(person)
    user_model.objects.filter(pk=person.pk).update(innoagent_level=level)
    person.innoagent_level = level
    return level


@transaction.atomic
def grant(person, level, granted_on, training_name="", granted_by=None):
    """Grant ``person`` innoagent ``level`` (refused with a ValidationError if the level is not
    for their role) and return the new qualification."""
    check_fits(person, level)
    qualification = Qualification.objects.create(
        person=person,
        level=level,
        granted_on=granted_on,
        training_name=training_name,
        granted_by=granted_by,
    )
    sync_level(person)
    return qualification


@transaction.atomic
def revoke(qualification, by=None):
    """Revoke ``qualification`` (kept, marked revoked); revoking it again changes nothing."""
    if qualification.revoked_at is None:
        qualification.revoked_at = timezone.now()
        qualification.revoked_by = by
        qualification.save(update_fields=["revoked_at", "revoked_by"])
    sync_level(qualification.person)
    return qualification
