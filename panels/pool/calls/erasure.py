"""What deleting an account does to calls to the pool (accounts.privacy.erasure): the
person's sign-ups (and the messages they wrote with them) are deleted, so a call's list
simply has one sign-up fewer; the confirmed count of a reported call drops with it. Nothing
else names them: a call they created as staff keeps no author (the foreign key sets it to
NULL)."""

from django.dispatch import receiver

from accounts.privacy.erasure import account_erasing

from .models import CallSignup


@receiver(account_erasing, dispatch_uid="pool_calls.erasure")
def erase(sender, person, remove_words, **kwargs):
    CallSignup.objects.filter(person=person).delete()
