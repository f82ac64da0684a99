"""What deleting an account does to spontaneous feedback (accounts.privacy.erasure): the
feedback and its answer stay, without the sender (the foreign key is set to NULL), so the
region's figures and its public page keep them. An address left for an answer not yet sent
goes. With "remove my words" the texts go too and the item leaves the public page; its
outcome still counts in the figures."""

from django.dispatch import receiver

from accounts.privacy.erasure import account_erasing

from .models import Feedback


@receiver(account_erasing, dispatch_uid="service_feedback.erasure")
def forget_sender(sender, person, remove_words, **kwargs):
    theirs = Feedback.objects.filter(author=person)
    if remove_words:
        theirs.update(what_happened="", what_would_be_better="", publish=False)
    theirs.update(reply_email="", author=None)
