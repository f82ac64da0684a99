"""What deleting an account does to co-design workshops (accounts.privacy.erasure).

Dots go with the person: a vote is theirs alone. Notes, links and comments stay where they
are, so the board keeps its shape and the booklet its sense: their author becomes NULL,
shown as a "former member" (the foreign keys do that). With "remove my words" the notes keep
their place, colour and links but not their text, link labels are emptied and comments stay
as removed, without their text (as room messages in meetings do). Guest and facilitator
places go with the person through their many-to-many rows.

Every note whose author, text or dots change is written to its board's change log, so an
open board and a reconnecting client catch up with it (panels.workshops.live).
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.privacy.erasure import account_erasing

from .models import BoardChange, ChangeKind, Note, NoteComment, NoteLink, Vote
from .services import board_changed


def erased_note_text():
    """The text an erased note keeps, in the site's language: a note is read on the board, in
    the booklet and in exports, which all need one."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Removed at the author's request")


def _log(entries):
    """One change-log entry per (board id, kind, note id, link id), broadcast after the
    commit."""
    changes = BoardChange.objects.bulk_create(
        [
            BoardChange(board_id=board_id, kind=kind, note_id=note_id, link_id=link_id)
            for board_id, kind, note_id, link_id in sorted(entries)
        ]
    )
    for change in changes:
        transaction.on_commit(
            lambda change=change: board_changed.send(sender=BoardChange, change=change)
        )


@receiver(account_erasing, dispatch_uid="workshops.erasure")
def erase(sender, person, remove_words, **kwargs):
    authored = Note.objects.filter(author=person)
    votes = Vote.objects.filter(person=person)
    touched = {
        (board_id, ChangeKind.NOTE, note_id, None)
        for board_id, note_id in authored.values_list("board_id", "pk")
    }
    touched |= {
        (board_id, ChangeKind.NOTE, note_id, None)
        for board_id, note_id in votes.values_list("note__board_id", "note_id")
    }
    votes.delete()
    if remove_words:
        now = timezone.now()
        authored.update(
            text=erased_note_text(), edited_at=now, edited_by=None, version=F("version") + 1
        )
        labelled = NoteLink.objects.filter(created_by=person).exclude(label="")
        touched |= {
            (board_id, ChangeKind.LINK, None, link_id)
            for board_id, link_id in labelled.values_list("board_id", "pk")
        }
        labelled.update(label="")
        NoteComment.objects.filter(author=person).update(body="", deleted_at=now)
    if touched:
        _log(touched)
