"""What deleting an account does to observation walks (accounts.privacy.erasure).

A finding stays where it was observed, so the walk's report keeps its sense: its place,
aspect and text stay, its observer becomes NULL (the foreign key does that) and the report
shows "former member". The person's photos go at once, files and all, whether or not they
asked that their words go: a photo is the most identifying thing they gave. With "remove my
words" the findings' text is replaced too. Their places as observers go with their
many-to-many rows.
"""

from django.conf import settings
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.privacy.erasure import account_erasing

from .models import Finding, PhotoStatus


def erased_finding_text():
    """The text an erased finding keeps, in the site's language (a report has one)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Removed at the author's request")


def _delete_files_after_commit(storage, names):
    from django.db import transaction

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@receiver(account_erasing, dispatch_uid="walks.erasure")
def erase(sender, person, remove_words, **kwargs):
    findings = Finding.objects.filter(observer=person)
    with_photos = findings.exclude(photo="")
    names = list(with_photos.values_list("photo", flat=True))
    if names:
        _delete_files_after_commit(Finding._meta.get_field("photo").storage, names)
        with_photos.update(
            photo="", photo_status=PhotoStatus.NONE, photo_reviewed_by=None, photo_reviewed_at=None
        )
    if remove_words:
        findings.update(text=erased_finding_text())
