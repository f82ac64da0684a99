"""Ending someone's place in a panel or a region while they are live.

Every live socket checks who may see what when it connects. When a person's place ends
mid-session (a membership that ends or is deleted, a facilitator taken off a panel, an
official taken off a region), every open socket of that person, on every surface and worker,
is asked to check again (live.access.recheck_person_later), and closes if the answer is now
no: a panel's meeting room, an idea thread in a panel's round, what an official saw as an
official. The message is sent after the commit, so the re-check sees the change.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from live.access import recheck_person_later

from .models import Membership, MembershipStatus, Panel, Region


def recheck_people(person_ids):
    for person_id in set(person_ids):
        recheck_person_later(person_id)


@receiver(post_save, sender=Membership, dispatch_uid="panels.access.membership_saved")
def membership_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.status != MembershipStatus.ACTIVE:
        recheck_people([instance.person_id])


@receiver(post_delete, sender=Membership, dispatch_uid="panels.access.membership_deleted")
def membership_deleted(sender, instance, **kwargs):
    recheck_people([instance.person_id])


def people_taken_off(sender, instance, action, reverse, pk_set, place_column):
    """Who lost a place through an m2m change: ``remove`` or ``clear`` from either side."""
    if action == "post_remove":
        other_ids = list(pk_set or ())
    elif action == "pre_clear":
        # After the clear nobody remembers who was there.
        rows = sender.objects.filter(**{"user" if reverse else place_column: instance.pk})
        other_ids = list(
            rows.values_list(f"{place_column}_id" if reverse else "user_id", flat=True)
        )
    else:
        return []
    if reverse:  # the instance is the person
        return [instance.pk] if other_ids else []
    return other_ids


@receiver(m2m_changed, sender=Panel.facilitators.through, dispatch_uid="panels.access.facilitators")
def facilitators_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``panel.facilitators.remove(person)`` or ``person.facilitated_panels.remove(panel)``,
    or a clear of either."""
    recheck_people(people_taken_off(sender, instance, action, reverse, pk_set, "panel"))


@receiver(m2m_changed, sender=Region.officials.through, dispatch_uid="panels.access.officials")
def officials_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``region.officials.remove(person)`` or ``person.regions.remove(region)``, or a clear."""
    recheck_people(people_taken_off(sender, instance, action, reverse, pk_set, "region"))
