"""What co-design workshops hold about a person, for their data export
(accounts.privacy.export): the notes they put on boards, the links they drew, their comments
on notes, their dots, the workshops they were a guest or a facilitator of, and, for those who
ran workshops, the workshops they created and the notes and comments they hid or restored
(the reason only: the note is its author's).

Cards are not here: a card is the group's shared document, filled in together, not anyone's
own words. Each kind of row is read in one query."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested
from live.models import ModerationKind

from .kinds import KIND_CHOICES, KINDS
from .models import Note, NoteComment, NoteLink, NoteModeration, Vote, Workshop

WORKSHOP = Field("workshop", _("workshop"), _("The co-design workshop."))
PANEL = Field("panel", _("panel"), _("The workshop's panel."))
BOARD = Field("board", _("board"), _("The board or card in the workshop."))
NOTE = Field("note", _("note number"), _("The number of the note it is about."))


def _colours():
    seen = {}
    for kind in KINDS.values():
        for colour in kind.colours:
            seen.setdefault(colour.key, colour.label)
    return list(seen.items())


def notes(person):
    rows = (
        Note.objects.filter(author=person)
        .select_related("board__workshop__panel")
        .order_by("created_at", "pk")
    )
    return Section(
        key="workshop_notes",
        title=_("Notes on workshop boards"),
        description=_("The notes you added to the boards of co-design workshops."),
        fields=[
            Field("id", _("number"), _("The note's number.")),
            WORKSHOP,
            PANEL,
            BOARD,
            Field("board_kind", _("template"), _("What kind of board it is."), KIND_CHOICES),
            Field("place", _("place on the board"), _("Where on the board the note is.")),
            Field("colour", _("colour"), _("What the note's colour says."), _colours()),
            Field("text", _("text"), _("What you wrote.")),
            Field("created_at", _("written"), _("When you added it.")),
            Field("edited_at", _("edited"), _("When it was last changed, by you or others.")),
            Field("hidden_at", _("hidden"), _("When the facilitator hid it.")),
            Field("hidden_reason", _("reason for hiding"), _("Why the facilitator hid it.")),
        ],
        rows=[
            {
                "id": note.pk,
                "workshop": note.board.workshop.title,
                "panel": note.board.workshop.panel.name,
                "board": note.board.title,
                "board_kind": note.board.kind,
                "place": str(region.label)
                if (region := note.board.template.region(note.region))
                else note.region,
                "colour": note.colour,
                "text": note.text,
                "created_at": note.created_at,
                "edited_at": note.edited_at,
                "hidden_at": note.hidden_at,
                "hidden_reason": note.hidden_reason,
            }
            for note in rows
        ],
    )


def links(person):
    rows = (
        NoteLink.objects.filter(created_by=person)
        .select_related("board__workshop__panel")
        .order_by("created_at", "pk")
    )
    return Section(
        key="workshop_links",
        title=_("Links between notes"),
        description=_("The arrows you drew between two notes on a workshop board."),
        fields=[
            WORKSHOP,
            PANEL,
            BOARD,
            Field("source", _("from note"), _("The number of the note the arrow starts from.")),
            Field("target", _("to note"), _("The number of the note the arrow points to.")),
            Field("label", _("label"), _("What you wrote on the arrow.")),
            Field("created_at", _("drawn"), _("When you drew it.")),
        ],
        rows=[
            {
                "workshop": link.board.workshop.title,
                "panel": link.board.workshop.panel.name,
                "board": link.board.title,
                "source": link.source_id,
                "target": link.target_id,
                "label": link.label,
                "created_at": link.created_at,
            }
            for link in rows
        ],
    )


def comments(person):
    rows = (
        NoteComment.objects.filter(author=person)
        .select_related("note__board__workshop__panel")
        .order_by("created_at", "pk")
    )
    return Section(
        key="workshop_comments",
        title=_("Comments on workshop notes"),
        description=_("What you wrote about notes on the boards of co-design workshops."),
        fields=[
            Field("id", _("number"), _("The comment's number.")),
            WORKSHOP,
            PANEL,
            BOARD,
            NOTE,
            Field("body", _("text"), _("What you wrote.")),
            Field("created_at", _("written"), _("When you wrote it.")),
            Field("edited_at", _("edited"), _("When you last edited it.")),
            Field("removed_at", _("removed by you"), _("When you removed it.")),
            Field("hidden_at", _("hidden"), _("When the facilitator hid it.")),
            Field("hidden_reason", _("reason for hiding"), _("Why the facilitator hid it.")),
        ],
        rows=[
            {
                "id": comment.pk,
                "workshop": comment.note.board.workshop.title,
                "panel": comment.note.board.workshop.panel.name,
                "board": comment.note.board.title,
                "note": comment.note_id,
                "body": comment.body,
                "created_at": comment.created_at,
                "edited_at": comment.edited_at,
                "removed_at": comment.deleted_at,
                "hidden_at": comment.hidden_at,
                "hidden_reason": comment.hidden_reason,
            }
            for comment in rows
        ],
    )


def votes(person):
    rows = (
        Vote.objects.filter(person=person)
        .select_related("note__board__workshop__panel")
        .order_by("created_at", "pk")
    )
    return Section(
        key="workshop_votes",
        title=_("Dots you gave"),
        description=_("Your dot votes on notes; one row for each dot."),
        fields=[
            WORKSHOP,
            PANEL,
            BOARD,
            NOTE,
            Field("created_at", _("given"), _("When you gave the dot.")),
        ],
        rows=[
            {
                "workshop": vote.note.board.workshop.title,
                "panel": vote.note.board.workshop.panel.name,
                "board": vote.note.board.title,
                "note": vote.note_id,
                "created_at": vote.created_at,
            }
            for vote in rows
        ],
    )


def places(person):
    guest_of = Workshop.guests.through.objects.filter(user=person).select_related("workshop__panel")
    facilitated = Workshop.facilitators.through.objects.filter(user=person).select_related(
        "workshop__panel"
    )
    rows = [
        {"workshop": row.workshop.title, "panel": row.workshop.panel.name, "place": place}
        for place, through in (("guest", guest_of), ("facilitator", facilitated))
        for row in through.order_by("workshop__created_at", "pk")
    ]
    return Section(
        key="workshop_places",
        title=_("Your place in workshops"),
        description=_(
            "The workshops you were invited to as a guest from outside the panel, and those "
            "you were named a facilitator of."
        ),
        fields=[
            WORKSHOP,
            PANEL,
            Field(
                "place",
                _("as"),
                _("Your place in the workshop."),
                [("guest", _("guest")), ("facilitator", _("facilitator"))],
            ),
        ],
        rows=rows,
    )


def facilitation(person):
    created = Workshop.objects.filter(created_by=person).select_related("panel")
    moderated = NoteModeration.objects.filter(moderator=person).select_related(
        "note__board__workshop__panel", "comment__note__board__workshop__panel"
    )
    rows = [
        {
            "action": "created_workshop",
            "workshop": workshop.title,
            "panel": workshop.panel.name,
            "reason": "",
            "at": workshop.created_at,
        }
        for workshop in created.order_by("created_at", "pk")
    ]
    for action in moderated.order_by("created_at", "pk"):
        note = action.note or action.comment.note
        rows.append(
            {
                "action": f"moderated_{action.kind}",
                "workshop": note.board.workshop.title,
                "panel": note.board.workshop.panel.name,
                "reason": action.reason,
                "at": action.created_at,
            }
        )
    return Section(
        key="workshop_facilitation",
        title=_("Workshops you ran"),
        description=_(
            "Workshops you created, and notes and comments on notes you hid or restored."
        ),
        fields=[
            Field(
                "action",
                _("what you did"),
                _("What you did."),
                [
                    ("created_workshop", _("created the workshop")),
                    *[
                        (f"moderated_{kind}", _("moderation: %s") % label)
                        for kind, label in ModerationKind.choices
                    ],
                ],
            ),
            WORKSHOP,
            PANEL,
            Field("reason", _("reason"), _("The reason you gave, for moderation.")),
            Field("at", _("time"), _("When.")),
        ],
        rows=rows,
    )


@receiver(personal_data_requested, dispatch_uid="workshops.personal_data")
def workshop_sections(sender, person, **kwargs):
    return [
        notes(person),
        links(person),
        comments(person),
        votes(person),
        places(person),
        facilitation(person),
    ]
