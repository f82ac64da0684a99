"""Ending someone's place in a workshop while they are on one of its boards.

A facilitator or guest taken off a workshop, from either side of the relation or by a
clear (the admin does both), has every open board socket asked to check again, as
panels.access does for panels and regions; a board they may no longer see closes.
"""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from panels.access import people_taken_off, recheck_people

from .models import Workshop


@receiver(
    m2m_changed, sender=Workshop.facilitators.through, dispatch_uid="workshops.access.facilitators"
)
def facilitators_changed(sender, instance, action, reverse, pk_set, **kwargs):
    recheck_people(people_taken_off(sender, instance, action, reverse, pk_set, "workshop"))


@receiver(m2m_changed, sender=Workshop.guests.through, dispatch_uid="workshops.access.guests")
def guests_changed(sender, instance, action, reverse, pk_set, **kwargs):
    recheck_people(people_taken_off(sender, instance, action, reverse, pk_set, "workshop"))
