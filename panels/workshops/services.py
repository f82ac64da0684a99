"""Every change to a workshop, whether it comes from a page's form or a board's socket
(panels.workshops.consumers): each checks the rules (panels.workshops.rules) itself, runs in
one transaction, writes the board's change log, and announces the change through
``board_changed`` only once it is committed; panels.workshops.live broadcasts it.

Errors: ``NotAllowed`` (the rules say no; a locked board or a finished workshop says no to
everyone), ``ValidationError`` with a message for the person (a region the template does
not have, a vote past the budget, …), ``RateLimited`` and ``PersonalDetails`` as for
comments: new notes and comments count against the same per-person limit as every other post.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import oversharing
from accounts.notifications import MODERATION, notify
from accounts.oversharing import PersonalDetails
from accounts.permissions import NotAllowed, require_perm
from live.models import ModerationKind
from live.ratelimit import RateLimited, check_post_rate
from panels.models import Membership
from panels.services import link_for

from .kinds import CARD_KINDS, KINDS
from .models import (
    LINK_LABEL_MAX_LENGTH,
    MAX_VOTE_BUDGET,
    NOTE_MAX_LENGTH,
    Board,
    BoardChange,
    ChangeKind,
    Decision,
    NextStep,
    Note,
    NoteComment,
    NoteLink,
    NoteModeration,
    Vote,
    Workshop,
)

# kwargs: change (a BoardChange). Sent after the commit, once per change.
board_changed = Signal()

TIMER_MAX_MINUTES = 180


def _log(board, kind, by, *, note_id=None, link_id=None):
    change = BoardChange.objects.create(
        board=board, kind=kind, note_id=note_id, link_id=link_id, actor=by
    )
    transaction.on_commit(lambda: board_changed.send(sender=BoardChange, change=change))
    return change


def _log_workshop(workshop, by):
    """A change every board shows (the timer, the focus, finishing): logged on each board, so
    that each board's catch-up has it."""
    for board in workshop.boards.all():
        _log(board, ChangeKind.WORKSHOP, by)


def _locked_board(board):
    """The board, locked for this transaction (PostgreSQL: concurrent votes and moves on one
    board wait for each other; SQLite writes one at a time anyway)."""
    return Board.objects.select_for_update().select_related("workshop__panel").get(pk=board.pk)


def _clean_text(text, max_length, field_label):
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("%(field)s cannot be empty.") % {"field": field_label})
    if len(text) > max_length:
        raise ValidationError(
            _("%(field)s is %(length)s characters long; at most %(max)s are allowed.")
            % {"field": field_label, "length": len(text), "max": max_length}
        )
    return text


def _check_place(board, region, colour=None):
    template = board.template
    if template.is_card:
        raise ValidationError(_("A card has fields, not notes."))
    if region not in template.region_keys():
        raise ValidationError(_("This board has no such place: %(region)s.") % {"region": region})
    if colour is not None and colour not in template.colour_keys():
        raise ValidationError(_("This board has no such colour: %(colour)s.") % {"colour": colour})


def _next_position(board, region):
    latest = board.notes.filter(region=region).aggregate(latest=Max("position"))["latest"]
    return 0 if latest is None else latest + 1


# --- Workshops and boards -----------------------------------------------------------------


@transaction.atomic
def create_workshop(panel, by, *, title, purpose="", meeting=None, boards=()):
    """A new workshop of ``panel``, run by ``by``, with a board for each template key in
    ``boards``."""
    require_perm(by, "workshops.create_workshop", panel)
    workshop = Workshop(panel=panel, meeting=meeting, title=title, purpose=purpose, created_by=by)
    workshop.full_clean()
    workshop.save()
    workshop.facilitators.add(by)
    for kind in boards:
        add_board(workshop, by, kind=kind)
    return workshop


@transaction.atomic
def save_workshop(workshop, by):
    require_perm(by, "workshops.run_workshop", workshop)
    workshop.full_clean()
    workshop.save()
    _log_workshop(workshop, by)
    return workshop


@transaction.atomic
def add_board(workshop, by, *, kind, title=""):
    require_perm(by, "workshops.run_workshop", workshop)
    if kind not in KINDS:
        raise ValidationError(_("There is no such board template."))
    latest = workshop.boards.aggregate(latest=Max("position"))["latest"]
    board = Board.objects.create(
        workshop=workshop,
        kind=kind,
        title=(title or "").strip()[:160] or str(KINDS[kind].label),
        position=0 if latest is None else latest + 1,
    )
    _log(board, ChangeKind.BOARD, by)
    return board


@transaction.atomic
def duplicate_board(source, into, by, *, title=""):
    """A copy of ``source`` (from this or an earlier workshop of the same panel) in ``into``:
    its notes, their places, colours and links, and a card's fields; not votes or comments,
    which belonged to the earlier session. The person must be able to see the source."""
    require_perm(by, "workshops.run_workshop", into)
    require_perm(by, "workshops.see_workshop", source.workshop)
    if source.workshop.panel_id != into.panel_id:
        raise ValidationError(_("Only a board of the same panel's workshops can be copied."))
    board = add_board(into, by, kind=source.kind, title=title or source.title)
    board.card_values = dict(source.card_values or {})
    board.duplicated_from = source
    board.vote_budget = source.vote_budget
    board.save(update_fields=["card_values", "duplicated_from", "vote_budget"])
    copies = {}
    for note in source.notes.filter(hidden_at__isnull=True, card__isnull=True):
        copies[note.pk] = Note.objects.create(
            board=board,
            region=note.region,
            colour=note.colour,
            text=note.text,
            position=note.position,
            author=note.author,
        )
    for link in source.links.all():
        if link.source_id in copies and link.target_id in copies:
            NoteLink.objects.create(
                board=board,
                source=copies[link.source_id],
                target=copies[link.target_id],
                label=link.label,
                created_by=by,
            )
    return board


@transaction.atomic
def lock_board(board, by, *, locked):
    require_perm(by, "workshops.lock_board", board)
    board = _locked_board(board)
    if locked and board.locked_at is None:
        board.locked_at, board.locked_by = timezone.now(), by
    elif not locked:
        board.locked_at, board.locked_by = None, None
    board.save(update_fields=["locked_at", "locked_by"])
    _log(board, ChangeKind.BOARD, by)
    return board


@transaction.atomic
def set_vote_budget(board, by, budget):
    require_perm(by, "workshops.run_workshop", board)
    if (
        not isinstance(budget, int)
        or isinstance(budget, bool)
        or not 0 <= budget <= MAX_VOTE_BUDGET
    ):
        raise ValidationError(
            _("The number of dots is a whole number from 0 to %(max)s.") % {"max": MAX_VOTE_BUDGET}
        )
    board = _locked_board(board)
    board.vote_budget = budget
    board.save(update_fields=["vote_budget"])
    _log(board, ChangeKind.BOARD, by)
    return board


@transaction.atomic
def save_card(card, by, values, *, confirm_personal=False):
    """Fill in a card's fields; ``values`` by the template's field keys (others are
    refused). The text is checked for personal details like a comment: a client card is
    about a fictional person."""
    require_perm(by, "workshops.take_part", card)
    if card.kind not in CARD_KINDS:
        raise ValidationError(_("Only a card has fields."))
    fields = {field.key: field for field in card.template.fields}
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationError(
            _("This card has no such field: %(field)s.") % {"field": ", ".join(sorted(unknown))}
        )
    cleaned = dict(card.card_values or {})
    for key, value in values.items():
        if not isinstance(value, str):
            raise ValidationError(_("A card's fields are text."))
        value = value.strip()
        if len(value) > fields[key].max_length:
            raise ValidationError(
                _("%(field)s is %(length)s characters long; at most %(max)s are allowed.")
                % {"field": fields[key].label, "length": len(value), "max": fields[key].max_length}
            )
        cleaned[key] = value
    oversharing.check(
        confirmed=confirm_personal, **{key: value for key, value in cleaned.items() if value}
    )
    card = _locked_board(card)
    card.card_values = cleaned
    card.card_edited_at, card.card_edited_by = timezone.now(), by
    if cleaned.get("name"):
        card.title = cleaned["name"][:160]
    card.save(update_fields=["card_values", "card_edited_at", "card_edited_by", "title"])
    _log(card, ChangeKind.BOARD, by)
    for placement in card.placements.select_related("board"):
        placement.text = card.title[:NOTE_MAX_LENGTH]
        placement.save(update_fields=["text"])
        _log(placement.board, ChangeKind.NOTE, by, note_id=placement.pk)
    return card


# --- Notes ------------------------------------------------------------------------------


def add_note(board, by, *, region, colour, text, token=None, card=None, confirm_personal=False):
    """A note in ``region``. The same ``token`` adds it once (a client sending again after a
    lost connection gets the first note back). ``card``: a card of the same workshop, placed
    on the board as a note that shows its name."""
    if token is not None:
        existing = Note.objects.filter(board=board, author=by, submission_token=token).first()
        if existing is not None:
            return existing
    if card is None:
        text = _clean_text(text, NOTE_MAX_LENGTH, _("A note"))
        oversharing.check(confirmed=confirm_personal, text=text)
    check_post_rate(by)
    try:
        return _add_note(board, by, region=region, colour=colour, text=text, token=token, card=card)
    except IntegrityError:
        if token is None:
            raise
        return Note.objects.get(board=board, author=by, submission_token=token)


@transaction.atomic
def _add_note(board, by, *, region, colour, text, token, card):
    require_perm(by, "workshops.take_part", board)
    board = _locked_board(board)
    if not colour and board.template.colours:
        colour = board.template.colours[0].key
    _check_place(board, region, colour)
    if card is not None:
        card = Board.objects.get(pk=card.pk)
        if card.workshop_id != board.workshop_id or card.kind not in CARD_KINDS:
            raise ValidationError(_("Only a card of this workshop can be placed here."))
        text = card.card_name[:NOTE_MAX_LENGTH]
    note = Note.objects.create(
        board=board,
        region=region,
        colour=colour,
        text=text,
        card=card,
        author=by,
        position=_next_position(board, region),
        submission_token=token,
    )
    _log(board, ChangeKind.NOTE, by, note_id=note.pk)
    return note


@transaction.atomic
def edit_note(note, by, *, text=None, colour=None, base_version=None, confirm_personal=False):
    """Change a note's text or colour. Last write wins, and says so: returns the note and,
    when ``base_version`` (the version the editor started from) is older than the note,
    who changed it in between — the editor's change replaced theirs."""
    note = Note.objects.select_for_update().select_related("board__workshop__panel").get(pk=note.pk)
    require_perm(by, "workshops.edit_note", note)
    overwritten = None
    if base_version is not None and base_version != note.version and note.edited_by_id != by.pk:
        overwritten = note.edited_by or note.author
    fields = ["edited_at", "edited_by", "version"]
    if text is not None:
        if note.card_id:
            raise ValidationError(_("A placed card shows the card's name; edit the card instead."))
        note.text = _clean_text(text, NOTE_MAX_LENGTH, _("A note"))
        oversharing.check(confirmed=confirm_personal, text=note.text)
        fields.append("text")
    if colour is not None:
        _check_place(note.board, note.region, colour)
        note.colour = colour
        fields.append("colour")
    note.edited_at, note.edited_by, note.version = timezone.now(), by, note.version + 1
    note.save(update_fields=fields)
    _log(note.board, ChangeKind.NOTE, by, note_id=note.pk)
    return note, overwritten


@transaction.atomic
def move_note(note, by, *, region, position=None):
    """Move a note to ``region`` (of its board), at ``position`` among the notes there (the
    end when None). The notes after it move down one."""
    require_perm(by, "workshops.edit_note", note)
    board = _locked_board(note.board)
    note = Note.objects.select_for_update().get(pk=note.pk)
    _check_place(board, region)
    siblings = list(
        board.notes.filter(region=region).exclude(pk=note.pk).order_by("position", "pk")
    )
    if position is None or not isinstance(position, int) or position > len(siblings):
        position = len(siblings)
    position = max(0, position)
    siblings.insert(position, note)
    note.region = region
    note.edited_at, note.edited_by, note.version = timezone.now(), by, note.version + 1
    note.save(update_fields=["region", "edited_at", "edited_by", "version"])
    for index, sibling in enumerate(siblings):
        if sibling.position != index:
            sibling.position = index
            sibling.save(update_fields=["position"])
            if sibling.pk != note.pk:
                _log(board, ChangeKind.NOTE, by, note_id=sibling.pk)
    _log(board, ChangeKind.NOTE, by, note_id=note.pk)
    return note


@transaction.atomic
def remove_note(note, by):
    require_perm(by, "workshops.remove_note", note)
    board = _locked_board(note.board)
    link_ids = list(
        NoteLink.objects.filter(Q(source=note) | Q(target=note)).values_list("pk", flat=True)
    )
    note_id = note.pk
    note.delete()
    for link_id in link_ids:
        _log(board, ChangeKind.LINK_REMOVED, by, link_id=link_id)
    _log(board, ChangeKind.NOTE_REMOVED, by, note_id=note_id)


HIDDEN_NOTE = gettext_lazy("A facilitator hid your note on {board}. Reason: {reason}")


@transaction.atomic
def hide_note(note, by, *, reason):
    """Hide a note with a reason, as comments are moderated: it stays on the board as
    "hidden", its text and links gone from every view but its author's and the
    facilitators'. The author is told why."""
    require_perm(by, "workshops.hide_note", note)
    reason = _clean_text(reason, 500, _("The reason"))
    note = Note.objects.select_for_update().select_related("board").get(pk=note.pk)
    if note.hidden_at is not None:
        return note
    note.hidden_at, note.hidden_reason = timezone.now(), reason
    note.save(update_fields=["hidden_at", "hidden_reason"])
    NoteModeration.objects.create(note=note, kind=ModerationKind.HIDE, moderator=by, reason=reason)
    _log(note.board, ChangeKind.NOTE, by, note_id=note.pk)
    if note.author is not None and note.author_id != by.pk:
        notify(
            note.author,
            kind=MODERATION,
            message=format_lazy(HIDDEN_NOTE, board=note.board.title, reason=reason),
            url=link_for(note.author, "panels:workshop_board", note.board_id),
        )
    return note


@transaction.atomic
def restore_note(note, by, *, reason):
    require_perm(by, "workshops.hide_note", note)
    reason = _clean_text(reason, 500, _("The reason"))
    note = Note.objects.select_for_update().select_related("board").get(pk=note.pk)
    note.hidden_at, note.hidden_reason = None, ""
    note.save(update_fields=["hidden_at", "hidden_reason"])
    NoteModeration.objects.create(
        note=note, kind=ModerationKind.RESTORE, moderator=by, reason=reason
    )
    _log(note.board, ChangeKind.NOTE, by, note_id=note.pk)
    return note


# --- Links ------------------------------------------------------------------------------


@transaction.atomic
def link_notes(source, target, by, *, label=""):
    """An arrow from ``source`` to ``target`` (two visible notes of one board). Linking the
    same two again changes the label."""
    require_perm(by, "workshops.edit_note", source)
    require_perm(by, "workshops.edit_note", target)
    if source.board_id != target.board_id:
        raise ValidationError(_("Only notes on the same board can be linked."))
    if source.pk == target.pk:
        raise ValidationError(_("A note cannot be linked to itself."))
    label = (label or "").strip()
    if len(label) > LINK_LABEL_MAX_LENGTH:
        raise ValidationError(
            _("A link's label is at most %(max)s characters.") % {"max": LINK_LABEL_MAX_LENGTH}
        )
    board = _locked_board(source.board)
    link, created = NoteLink.objects.get_or_create(
        source=source, target=target, defaults={"board": board, "label": label, "created_by": by}
    )
    if not created and link.label != label:
        link.label = label
        link.save(update_fields=["label"])
    _log(board, ChangeKind.LINK, by, link_id=link.pk)
    return link


@transaction.atomic
def unlink(link, by):
    require_perm(by, "workshops.take_part", link.board)
    board = _locked_board(link.board)
    link_id = link.pk
    link.delete()
    _log(board, ChangeKind.LINK_REMOVED, by, link_id=link_id)


# --- Votes ------------------------------------------------------------------------------


def votes_left(board, person):
    used = Vote.objects.filter(note__board=board, person=person).count()
    return max(0, board.vote_budget - used)


@transaction.atomic
def vote(note, by):
    """Put one of ``by``'s dots on ``note``. Returns the dots ``by`` has left on the board."""
    require_perm(by, "workshops.edit_note", note)
    board = _locked_board(note.board)
    if board.vote_budget == 0:
        raise ValidationError(_("Voting is not on for this board."))
    if votes_left(board, by) < 1:
        raise ValidationError(
            _("You have used all your %(budget)s dots on this board. Take one back to vote again.")
            % {"budget": board.vote_budget}
        )
    Vote.objects.create(note=note, person=by)
    _log(board, ChangeKind.NOTE, by, note_id=note.pk)
    return votes_left(board, by)


@transaction.atomic
def unvote(note, by):
    """Take back one of ``by``'s dots from ``note``."""
    require_perm(by, "workshops.take_part", note.board)
    board = _locked_board(note.board)
    mine = Vote.objects.filter(note=note, person=by).order_by("-pk").first()
    if mine is None:
        raise ValidationError(_("You have no dot on this note."))
    mine.delete()
    _log(board, ChangeKind.NOTE, by, note_id=note.pk)
    return votes_left(board, by)


def vote_counts(board):
    return dict(
        Vote.objects.filter(note__board=board)
        .values_list("note")
        .annotate(n=Count("pk"))
        .values_list("note", "n")
    )


# --- Comments on notes ------------------------------------------------------------------


def comment(note, by, *, body, token=None, confirm_personal=False):
    if token is not None:
        existing = NoteComment.objects.filter(note=note, author=by, submission_token=token).first()
        if existing is not None:
            return existing
    body = _clean_text(body, 2000, _("A comment"))
    warned = oversharing.check(confirmed=confirm_personal, body=body)
    check_post_rate(by)
    try:
        return _comment(note, by, body=body, token=token, warned=warned)
    except IntegrityError:
        if token is None:
            raise
        return NoteComment.objects.get(note=note, author=by, submission_token=token)


@transaction.atomic
def _comment(note, by, *, body, token, warned):
    require_perm(by, "workshops.comment_on_note", note)
    created = NoteComment.objects.create(
        note=note, author=by, body=body, submission_token=token, shared_despite_warning=warned
    )
    _log(note.board, ChangeKind.NOTE, by, note_id=note.pk)
    return created


@transaction.atomic
def remove_comment(item, by):
    require_perm(by, "workshops.remove_comment", item)
    item.deleted_at = timezone.now()
    item.save(update_fields=["deleted_at"])
    _log(item.note.board, ChangeKind.NOTE, by, note_id=item.note_id)


@transaction.atomic
def hide_comment(item, by, *, reason):
    require_perm(by, "workshops.hide_comment", item)
    reason = _clean_text(reason, 500, _("The reason"))
    item.hidden_at, item.hidden_reason = timezone.now(), reason
    item.save(update_fields=["hidden_at", "hidden_reason"])
    NoteModeration.objects.create(
        comment=item, kind=ModerationKind.HIDE, moderator=by, reason=reason
    )
    _log(item.note.board, ChangeKind.NOTE, by, note_id=item.note_id)


# --- The facilitator's controls ---------------------------------------------------------


@transaction.atomic
def set_timer(workshop, by, *, minutes, label=""):
    """Start a countdown every board shows (``minutes`` 0 stops it)."""
    require_perm(by, "workshops.run_workshop", workshop)
    if (
        not isinstance(minutes, int)
        or isinstance(minutes, bool)
        or not 0 <= minutes <= TIMER_MAX_MINUTES
    ):
        raise ValidationError(
            _("The timer runs for 0 to %(max)s minutes.") % {"max": TIMER_MAX_MINUTES}
        )
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    workshop.timer_ends_at = timezone.now() + timedelta(minutes=minutes) if minutes else None
    workshop.timer_label = (label or "").strip()[:120] if minutes else ""
    workshop.save(update_fields=["timer_ends_at", "timer_label", "updated_at"])
    _log_workshop(workshop, by)
    return workshop


@transaction.atomic
def set_focus(workshop, by, board=None):
    """Ask everyone to come to ``board`` (None: free to roam). Each board shows the request
    with a link; nobody is moved against their will."""
    require_perm(by, "workshops.run_workshop", workshop)
    if board is not None and board.workshop_id != workshop.pk:
        raise ValidationError(_("That board is not in this workshop."))
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    workshop.focus_board = board
    workshop.save(update_fields=["focus_board", "updated_at"])
    _log_workshop(workshop, by)
    return workshop


@transaction.atomic
def finish_workshop(workshop, by, *, finished=True):
    """A finished workshop's boards are read-only; its booklet can still be written."""
    require_perm(by, "workshops.run_workshop", workshop)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    workshop.finished_at = timezone.now() if finished else None
    workshop.timer_ends_at, workshop.timer_label, workshop.focus_board = None, "", None
    workshop.save()
    _log_workshop(workshop, by)
    return workshop


@transaction.atomic
def add_guest(workshop, by, person):
    require_perm(by, "workshops.run_workshop", workshop)
    if not person.is_active:
        raise ValidationError(_("This account is not active."))
    workshop.guests.add(person)


@transaction.atomic
def remove_guest(workshop, by, person):
    """The guest's open boards ask again, and close (workshops.access)."""
    require_perm(by, "workshops.run_workshop", workshop)
    workshop.guests.remove(person)


# --- The documentation booklet ----------------------------------------------------------


@transaction.atomic
def add_decision(workshop, by, *, text, board=None):
    require_perm(by, "workshops.run_workshop", workshop)
    if board is not None and board.workshop_id != workshop.pk:
        raise ValidationError(_("That board is not in this workshop."))
    text = _clean_text(text, 2000, _("A decision"))
    latest = workshop.decisions.aggregate(latest=Max("position"))["latest"]
    return Decision.objects.create(
        workshop=workshop,
        board=board,
        text=text,
        created_by=by,
        position=0 if latest is None else latest + 1,
    )


@transaction.atomic
def remove_decision(decision, by):
    require_perm(by, "workshops.run_workshop", decision.workshop)
    decision.delete()


@transaction.atomic
def add_next_step(workshop, by, *, text, owner, due=None):
    require_perm(by, "workshops.run_workshop", workshop)
    step = NextStep(
        workshop=workshop,
        text=_clean_text(text, 300, _("A next step")),
        owner=_clean_text(owner, 120, _("The owner")),
        due=due,
    )
    step.save()
    return step


@transaction.atomic
def set_next_step_done(step, by, *, done):
    require_perm(by, "workshops.run_workshop", step.workshop)
    step.done = done
    step.save(update_fields=["done"])
    return step


@transaction.atomic
def remove_next_step(step, by):
    require_perm(by, "workshops.run_workshop", step.workshop)
    step.delete()


def save_booklet_summary(workshop, by, summary):
    """The booklet's own words; nothing on the boards changes, so nothing is logged there."""
    require_perm(by, "workshops.run_workshop", workshop)
    workshop.booklet_summary = summary.strip()
    workshop.save(update_fields=["booklet_summary", "updated_at"])
    return workshop


@transaction.atomic
def publish_booklet(workshop, by, *, summary=None):
    """Publish the booklet to the panel: its active members and the workshop's guests are
    told once (the first publication), never the person publishing."""
    require_perm(by, "workshops.run_workshop", workshop)
    workshop = Workshop.objects.select_for_update().select_related("panel").get(pk=workshop.pk)
    if summary is not None:
        workshop.booklet_summary = summary.strip()[:5000]
    first_time = workshop.booklet_published_at is None
    if first_time:
        workshop.booklet_published_at = timezone.now()
    workshop.save(update_fields=["booklet_summary", "booklet_published_at", "updated_at"])
    if first_time:
        people = {
            membership.person
            for membership in Membership.objects.active()
            .filter(panel=workshop.panel)
            .select_related("person")
        }
        people |= set(workshop.guests.filter(is_active=True))
        for person in sorted(people, key=lambda person: person.pk):
            if person.pk == by.pk:
                continue
            notify(
                person,
                kind="workshops.booklet_published",
                message=format_lazy(
                    gettext_lazy("The booklet of the workshop {workshop} is ready to read."),
                    workshop=workshop.title,
                ),
                url=link_for(person, "panels:workshop_booklet", workshop.pk),
            )
    return workshop


@transaction.atomic
def unpublish_booklet(workshop, by):
    require_perm(by, "workshops.run_workshop", workshop)
    workshop.booklet_published_at = None
    workshop.save(update_fields=["booklet_published_at", "updated_at"])
    return workshop


__all__ = ["NotAllowed", "PersonalDetails", "RateLimited", "board_changed"]
