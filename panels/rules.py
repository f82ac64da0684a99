"""The permission matrix of panels, as django-rules predicates (see ARCHITECTURE.md).

Other apps build on the membership predicates here (an idea round for a panel is open to
its active members), so their names and meaning are a contract.
"""

import rules

from accounts.roles import Role

from .models import Membership


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_active_member(user, panel):
    if not user.is_authenticated or panel is None:
        return False
    return Membership.objects.active().filter(person=user, panel=panel).exists()


@rules.predicate
def is_facilitator(user, panel):
    if not user.is_authenticated or panel is None:
        return False
    return panel.facilitators.filter(pk=user.pk).exists()


@rules.predicate
def is_region_staff(user, panel):
    """Staff who act for the panel's region."""
    if not user.is_authenticated or panel is None or user.role != Role.STAFF:
        return False
    return panel.region.officials.filter(pk=user.pk).exists()
