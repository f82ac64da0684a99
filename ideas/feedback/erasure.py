"""What deleting an account does to official responses and to what people said of them
(accounts.privacy.erasure). A response stays, attributed to the role its author answered in
(``responder_role``) and the idea's region: "a decision-maker of Lappi". A "did this answer
the idea?" keeps its verdict in the figures; with "remove my words" its comment goes."""

from django.dispatch import receiver

from accounts.privacy.erasure import account_erasing

from .models import ResponseFeedback


@receiver(account_erasing, dispatch_uid="feedback.erasure")
def remove_words(sender, person, remove_words, **kwargs):
    if remove_words:
        ResponseFeedback.objects.filter(person=person).update(comment="")
