"""What deleting an account does to panels (accounts.privacy.erasure): memberships and
applications go with the person (their foreign keys cascade); invitations sent to their
address go too, since they hold the address."""

from django.db.models import Q
from django.dispatch import receiver

from accounts.privacy.erasure import account_erasing

from .models import Invitation


@receiver(account_erasing, dispatch_uid="panels.erasure")
def forget_invitations(sender, person, **kwargs):
    Invitation.objects.filter(Q(email__iexact=person.email) | Q(accepted_by=person)).delete()
