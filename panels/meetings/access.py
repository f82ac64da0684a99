"""Ending someone's place in a panel's live rooms while they are in one.

A room's websocket checks who may see it when it connects (panels.meetings.rules). When a
person's place in the panel ends mid-session (removed, left, no longer a facilitator), their
open room sockets are asked to check again (live.access), and close if the answer is now no.
This listens to the panel's own rows: a membership that is saved and is not active, or
deleted, and a facilitator taken off the panel.

Every room socket of a signed-in person joins ``person_group_name(panel id, user id)``: one
message reaches all the rooms of that panel the person has open, in every tab and worker.
The message is sent after the commit, so the re-check sees the change.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from live.access import recheck_later
from panels.models import Membership, MembershipStatus, Panel


def person_group_name(panel_id, user_id):
    return f"meeting-rooms.panel-{panel_id}.person-{user_id}"


def _recheck(pairs):
    """Ask the open room sockets of each (panel id, person id) whether the person may still
    be there, once the change is committed."""
    recheck_later(person_group_name(panel_id, person_id) for panel_id, person_id in pairs)


@receiver(post_save, sender=Membership, dispatch_uid="meetings.access.membership_saved")
def membership_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.status != MembershipStatus.ACTIVE:
        _recheck([(instance.panel_id, instance.person_id)])


@receiver(post_delete, sender=Membership, dispatch_uid="meetings.access.membership_deleted")
def membership_deleted(sender, instance, **kwargs):
    _recheck([(instance.panel_id, instance.person_id)])


@receiver(
    m2m_changed,
    sender=Panel.facilitators.through,
    dispatch_uid="meetings.access.facilitators_changed",
)
def facilitators_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``panel.facilitators.remove(person)`` or ``person.facilitated_panels.remove(panel)``,
    or a clear of either."""
    if action == "post_remove":
        other_ids = pk_set or ()
    elif action == "pre_clear":
        # After the clear nobody remembers who was there.
        rows = sender.objects.filter(**{"user" if reverse else "panel": instance.pk})
        other_ids = list(rows.values_list("panel_id" if reverse else "user_id", flat=True))
    else:
        return
    if reverse:  # instance is the person
        _recheck((panel_id, instance.pk) for panel_id in other_ids)
    else:
        _recheck((instance.pk, person_id) for person_id in other_ids)
