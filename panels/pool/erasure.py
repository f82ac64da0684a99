"""What deleting an account does to pools and recruitment (accounts.privacy.erasure).

A person's applications (with their answers) and their places in pools are theirs alone, not
words said to others: they go. The foreign keys would cascade anyway; what they cannot reach
is an application never confirmed, which holds the address instead of the account, so those
sent from the person's address go too. A staff member's decisions stay, with "decided by"
emptied by its foreign key.
"""

from django.dispatch import receiver

from accounts.privacy.erasure import account_erasing

from .models import Application, PoolMember


@receiver(account_erasing, dispatch_uid="pool.erasure")
def erase(sender, person, remove_words, **kwargs):
    PoolMember.objects.filter(person=person).delete()
    Application.objects.filter(person=person).delete()
    if person.email:
        Application.objects.filter(person__isnull=True, email__iexact=person.email).delete()
