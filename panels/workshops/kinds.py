"""The board templates: what each kind of board is made of.

A template is code, not data: its regions, the colours a note may have (each colour means
something on that template) and, for a card, its fields. Boards store only their kind's key,
so a template can be refined without migrating the boards made from it; a note whose region
or colour a template no longer has is shown in the first region or with the first colour.

The SOSKU process (service integration design) works through two boards — the regional
network around one client group and the integrated services path — and two kinds of card: the
client segment card and the client cards. A blank board is there for anything else.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Region:
    key: str
    label: str
    # Where the region sits on the visual board: a ring (0 = the centre) for the network,
    # a (row, column) cell for the service path, nothing for a free board.
    ring: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Colour:
    key: str
    label: str
    # A pale background that keeps dark text at 4.5:1 and above, with a border colour that
    # also tells the colours apart for someone who does not see colours (with the label).
    background: str
    border: str


@dataclass(frozen=True)
class CardField:
    key: str
    label: str
    multiline: bool = True
    max_length: int = 1000


@dataclass(frozen=True)
class BoardKind:
    key: str
    label: str
    description: str
    layout: str  # "rings", "grid", "free" or "card"
    regions: tuple = ()
    colours: tuple = ()
    fields: tuple = ()
    # For the grid: the columns (phases) and rows, in order.
    columns: tuple = ()
    rows: tuple = ()

    @property
    def is_card(self):
        return self.layout == "card"

    def region(self, key):
        """The region ``key``, or the first one when the template no longer has it."""
        for region in self.regions:
            if region.key == key:
                return region
        return self.regions[0] if self.regions else None

    def colour(self, key):
        for colour in self.colours:
            if colour.key == key:
                return colour
        return self.colours[0] if self.colours else None

    def region_keys(self):
        return [region.key for region in self.regions]

    def colour_keys(self):
        return [colour.key for colour in self.colours]


# Colours shared by the templates: each says what a note is.
PLAIN = Colour("plain", _("note"), "#fff8c5", "#8a6d00")
WORKS_WELL = Colour("works", _("works well"), "#dcf5e3", "#1e6b35")
GAP = Colour("gap", _("gap: support falls through"), "#fde2e1", "#a4262c")
OVERLAP = Colour("overlap", _("overlap: several do the same"), "#e6e1fa", "#5b3fa6")
QUESTION = Colour("question", _("question"), "#dcecfb", "#1f5a96")

NETWORK = BoardKind(
    key="network",
    label=_("Regional network"),
    description=_(
        "The actors around one client group and how they connect: the client group at the "
        "centre, then the client's own circle, public services, organisations and others."
    ),
    layout="rings",
    regions=(
        Region("client_group", _("Client group"), ring=0),
        Region("own_circle", _("The client's own circle"), ring=1),
        Region("public_services", _("Public services"), ring=2),
        Region("organisations", _("Organisations and NGOs"), ring=3),
        Region("others", _("Others"), ring=4),
    ),
    colours=(PLAIN, WORKS_WELL, GAP, OVERLAP, QUESTION),
)

PHASES = (
    ("need", _("A need arises")),
    ("contact", _("First contact")),
    ("assessment", _("Assessing the need")),
    ("services", _("Services")),
    ("follow_up", _("Follow-up")),
)
ROWS = (
    ("client", _("Client")),
    ("worker", _("Worker")),
    ("service", _("Service")),
)


def _cell(phase, phase_label, row, row_label, row_index, column_index):
    return Region(
        f"{phase}__{row}",
        format_lazy("{phase}: {row}", phase=phase_label, row=row_label),
        row=row_index,
        column=column_index,
    )


SERVICE_PATH = BoardKind(
    key="service_path",
    label=_("Integrated services"),
    description=_(
        "The client's path through services: the phases as columns, and at each phase what "
        "the client, the worker and the service do. Mark where support overlaps or falls "
        "through."
    ),
    layout="grid",
    columns=PHASES,
    rows=ROWS,
    regions=tuple(
        _cell(phase, phase_label, row, row_label, row_index, column_index)
        for column_index, (phase, phase_label) in enumerate(PHASES)
        for row_index, (row, row_label) in enumerate(ROWS)
    ),
    colours=(PLAIN, WORKS_WELL, GAP, OVERLAP, QUESTION),
)

SEGMENT_CARD = BoardKind(
    key="segment_card",
    label=_("Client segment card"),
    description=_("A client group: who they are, their life situations and needs."),
    layout="card",
    fields=(
        CardField("name", _("Name of the client group"), multiline=False, max_length=120),
        CardField("who", _("Who they are")),
        CardField("situations", _("Life situations")),
        CardField("needs", _("Needs")),
        CardField("services", _("Current services")),
        CardField("gaps", _("Gaps")),
    ),
)

CLIENT_CARD = BoardKind(
    key="client_card",
    label=_("Client card"),
    description=_(
        "A concrete, fictional client whose path through services is traced. Never a real "
        "person's details."
    ),
    layout="card",
    fields=(
        CardField("name", _("Name (fictional)"), multiline=False, max_length=120),
        CardField("age_group", _("Age group"), multiline=False, max_length=60),
        CardField("situation", _("Situation")),
        CardField("goals", _("Goals")),
        CardField("services", _("Services used")),
        CardField("problems", _("What goes wrong")),
    ),
)

BLANK = BoardKind(
    key="blank",
    label=_("Blank board"),
    description=_("A board with one open area, for anything else."),
    layout="free",
    regions=(Region("board", _("Board")),),
    colours=(PLAIN, WORKS_WELL, GAP, OVERLAP, QUESTION),
)

KINDS = {kind.key: kind for kind in (NETWORK, SERVICE_PATH, SEGMENT_CARD, CLIENT_CARD, BLANK)}
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS.values()]
CARD_KINDS = {key for key, kind in KINDS.items() if kind.is_card}
