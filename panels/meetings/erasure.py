"""What deleting an account does to meetings (accounts.privacy.erasure): attendance goes with
the person; their live room messages stay as a former member's, or, with "remove my words",
stay in place as removed, without their text."""

from django.dispatch import receiver
from django.utils import timezone

from accounts.privacy.erasure import account_erasing

from .models import RoomMessage


@receiver(account_erasing, dispatch_uid="meetings.erasure")
def remove_words(sender, person, remove_words, **kwargs):
    if remove_words:
        RoomMessage.objects.filter(author=person).update(body="", deleted_at=timezone.now())
