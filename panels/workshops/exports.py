"""A board and a booklet as documents: the structured summary every page and file shares
(``group_by_region``, ``booklet_boards``), and the downloads — a board's notes as CSV, the
board as a PNG picture and the booklet as a PDF.

What the downloads hold is what the booklet shows: a hidden note's text is never in a file
(not even a facilitator's), and people appear as the site shows them, by display name.
"""

import csv
import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .live import notes_of
from .models import Decision, Note, NoteLink

# --- The board as a document --------------------------------------------------------------


def group_by_region(board, notes):
    """``notes`` (of ``board``, in order) under the template's regions, in the template's order.
    A note in a region the template no longer has is shown in the first region. For the
    service path, each entry also names its phase (when a new phase begins) and its row."""
    template = board.template
    by_region = {region.key: [] for region in template.regions}
    for note in notes:
        region = template.region(note.region)
        if region is not None:
            by_region[region.key].append(note)
    rows = dict(enumerate(label for _key, label in template.rows))
    columns = dict(enumerate(label for _key, label in template.columns))
    sections, last_column = [], None
    for region in template.regions:
        phase = None
        if template.layout == "grid" and region.column != last_column:
            phase, last_column = columns.get(region.column), region.column
        sections.append(
            {
                "region": region,
                "phase": phase,
                "row": rows.get(region.row) if template.layout == "grid" else None,
                "notes": by_region[region.key],
            }
        )
    return sections


def author_name(person):
    """A person as the site shows them to others: the display name, never a real name."""
    return person.display_name if person is not None else _("former member")


def _hidden_text():
    return _("(hidden by a facilitator)")


def booklet_boards(workshop):
    """Each board of ``workshop`` as the booklet shows it: a card's fields, or the notes
    under their regions with their votes, and the links as "A → B (label)" lines. Hidden
    notes and the links to them are left out. Three queries however big the boards are."""
    boards = list(workshop.boards.all())
    notes = (
        Note.objects.filter(board__workshop=workshop, hidden_at__isnull=True)
        .select_related("author")
        .annotate(vote_count=Count("votes", distinct=True))
        .order_by("board", "region", "position", "pk")
    )
    notes_by_board, texts = {}, {}
    for note in notes:
        notes_by_board.setdefault(note.board_id, []).append(note)
        texts[note.pk] = note.text
    links_by_board = {}
    for link in NoteLink.objects.filter(board__workshop=workshop).order_by("pk"):
        if link.source_id in texts and link.target_id in texts:
            links_by_board.setdefault(link.board_id, []).append(
                {
                    "source": texts[link.source_id],
                    "target": texts[link.target_id],
                    "label": link.label,
                }
            )
    documents = []
    for board in boards:
        board.workshop = workshop
        template = board.template
        document = {"board": board, "template": template, "is_card": board.is_card}
        if board.is_card:
            values = board.card_values or {}
            document["fields"] = [
                {"label": field.label, "value": values.get(field.key, "")}
                for field in template.fields
            ]
        else:
            board_notes = notes_by_board.get(board.pk, [])
            for note in board_notes:
                note.colour_label = template.colour(note.colour).label if template.colours else ""
            document["sections"] = group_by_region(board, board_notes)
            document["links"] = links_by_board.get(board.pk, [])
            document["note_count"] = len(board_notes)
        documents.append(document)
    return documents


def decisions_of(workshop):
    """The booklet's decisions. Where ideas has added the reverse ``idea`` of a decision
    (ideas.Idea.workshop_decision), it is fetched with them, so each does not cost a query."""
    decisions = workshop.decisions.select_related("board")
    if any(
        relation.name == "idea" and relation.one_to_one
        for relation in Decision._meta.related_objects
    ):
        decisions = decisions.select_related("idea")
    return list(decisions)


# --- CSV ----------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading
    apostrophe, so that opening the file runs nothing a participant wrote."""
    value = "" if value is None else str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def board_csv(board):
    """The board's notes, one a row, as UTF-8 (no byte-order mark)."""
    template = board.template
    notes = list(notes_of(board))
    texts = {note.pk: (_hidden_text() if note.is_hidden else note.text) for note in notes}
    links = {}
    for link in NoteLink.objects.filter(board=board).order_by("pk"):
        label = f" ({link.label})" if link.label else ""
        links.setdefault(link.source_id, []).append(f"→ {texts.get(link.target_id, '')}{label}")
    order = {region.key: index for index, region in enumerate(template.regions)}
    notes.sort(key=lambda note: (order.get(template.region(note.region).key, 0), note.position))
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(
        [_("Place"), _("Colour"), _("Text"), _("Author"), _("Votes"), _("Comments"), _("Links")]
    )
    for note in notes:
        hidden = note.is_hidden
        writer.writerow(
            safe_cell(cell)
            for cell in (
                template.region(note.region).label,
                template.colour(note.colour).label if template.colours else "",
                texts[note.pk],
                "" if hidden else author_name(note.author),
                note.vote_count,
                0 if hidden else sum(1 for item in note.comments.all() if item.is_public),
                "" if hidden else "; ".join(links.get(note.pk, [])),
            )
        )
    return output.getvalue().encode("utf-8")


# --- Fonts --------------------------------------------------------------------------------

FONTS = Path(reportlab.__file__).parent / "fonts"
REGULAR = FONTS / "Vera.ttf"
BOLD = FONTS / "VeraBd.ttf"


# --- PNG ----------------------------------------------------------------------------------

INK = "#1a1a1a"
MUTED = "#555555"
LINE = "#9a9a9a"
REGION_FILL = "#f6f6f4"
MARGIN = 24
GAP = 12
NOTE_WIDTH = 230
PADDING = 8
MAX_HEIGHT = 30000


@cache
def _font(bold, size):
    from PIL import ImageFont

    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def _wrap(text, font, width):
    """``text`` in lines no wider than ``width``; a word too long for a line is broken."""
    lines = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.getlength(word) > width:
                cut = len(word)
                while cut > 1 and font.getlength(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


class _Card:
    """One note laid out: its lines and its size."""

    def __init__(self, note, template, width):
        self.note = note
        self.hidden = note.is_hidden
        colour = template.colour(note.colour) if template.colours else None
        self.background = "#eeeeee" if self.hidden or colour is None else colour.background
        self.border = "#777777" if self.hidden or colour is None else colour.border
        text = _hidden_text() if self.hidden else note.text
        self.lines = _wrap(text, _font(False, 14), width - 2 * PADDING)
        meta = [] if self.hidden or colour is None else [str(colour.label)]
        if note.vote_count:
            meta.append(_("votes: %(count)s") % {"count": note.vote_count})
        self.meta = _wrap(", ".join(meta), _font(False, 11), width - 2 * PADDING) if meta else []
        self.width = width
        self.height = 2 * PADDING + 18 * len(self.lines) + 14 * len(self.meta)
        self.x = self.y = 0

    def draw(self, draw):
        box = (self.x, self.y, self.x + self.width, self.y + self.height)
        draw.rectangle(box, fill=self.background, outline=self.border, width=3)
        y = self.y + PADDING
        for line in self.lines:
            draw.text((self.x + PADDING, y), line, fill=INK, font=_font(False, 14))
            y += 18
        for line in self.meta:
            draw.text((self.x + PADDING, y), line, fill=MUTED, font=_font(False, 11))
            y += 14

    @property
    def centre(self):
        return (self.x + self.width / 2, self.y + self.height / 2)


def _heading_height(text, width, size=16):
    return 22 * len(_wrap(text, _font(True, size), width)) + 6


def _draw_heading(draw, x, y, text, width, size=16):
    for line in _wrap(text, _font(True, size), width):
        draw.text((x, y), line, fill=INK, font=_font(True, size))
        y += 22


def _layout_bands(board, sections, width):
    """Each region a full-width band, its notes in rows: the network's rings from the centre
    outwards, or the blank board's one area."""
    per_row = max(1, (width - 2 * MARGIN - 2 * GAP + GAP) // (NOTE_WIDTH + GAP))
    bands, y = [], 0
    for section in sections:
        label = str(section["region"].label)
        top = y
        y += GAP + _heading_height(label, width - 2 * MARGIN - 2 * GAP)
        cards = [_Card(note, board.template, NOTE_WIDTH) for note in section["notes"]]
        for start in range(0, len(cards), per_row):
            row = cards[start : start + per_row]
            for index, card in enumerate(row):
                card.x, card.y = MARGIN + GAP + index * (NOTE_WIDTH + GAP), y
            y += max(card.height for card in row) + GAP
        y = max(y, top + 80) + GAP
        bands.append(((MARGIN, top, width - MARGIN, y - GAP), label, cards))
    return bands, y


def board_png(board):
    """A picture of the board: its regions with their notes (the text wrapped, the colour of
    the template and its border), and the links drawn as arrows between the notes."""
    from PIL import Image, ImageDraw

    template = board.template
    notes = list(notes_of(board))
    sections = group_by_region(board, notes)
    title_font = _font(True, 24)
    header = MARGIN + 34 + 22
    boxes, cards = [], []
    if template.layout == "grid":
        label_width = 130
        columns, rows = len(template.columns), len(template.rows)
        column_width = NOTE_WIDTH + 2 * GAP
        width = 2 * MARGIN + label_width + columns * column_width
        cells = {(s["region"].row, s["region"].column): s for s in sections}
        heading_h = max(
            _heading_height(str(label), column_width - 2 * GAP) for _key, label in template.columns
        )
        y = header + heading_h + GAP
        for row in range(rows):
            row_height = 80
            row_cards = {}
            for column in range(columns):
                section = cells.get((row, column))
                stack = [
                    _Card(note, template, NOTE_WIDTH)
                    for note in (section["notes"] if section else [])
                ]
                cy = y + GAP
                for card in stack:
                    card.x = MARGIN + label_width + column * column_width + GAP
                    card.y = cy
                    cy += card.height + GAP
                row_cards[column] = stack
                row_height = max(row_height, cy - y)
            for column in range(columns):
                x = MARGIN + label_width + column * column_width
                boxes.append(((x, y, x + column_width, y + row_height), None))
                cards.extend(row_cards[column])
            boxes.append(
                ((MARGIN, y, MARGIN + label_width, y + row_height), str(template.rows[row][1]))
            )
            y += row_height
        height = y + MARGIN
        column_labels = [
            (MARGIN + label_width + index * column_width + GAP, header, str(label))
            for index, (_key, label) in enumerate(template.columns)
        ]
    else:
        width = 2 * MARGIN + 6 * (NOTE_WIDTH + GAP) + GAP
        bands, bottom = _layout_bands(board, sections, width)
        for box, label, band_cards in bands:
            boxes.append(((box[0], box[1] + header, box[2], box[3] + header), label))
            for card in band_cards:
                card.y += header
            cards.extend(band_cards)
        height = header + bottom + MARGIN
        column_labels = []
    height = min(max(height, 200), MAX_HEIGHT)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN), board.title, fill=INK, font=title_font)
    draw.text(
        (MARGIN, MARGIN + 34),
        f"{board.workshop.title} · {template.label}",
        fill=MUTED,
        font=_font(False, 14),
    )
    for box, label in boxes:
        draw.rectangle(box, fill=REGION_FILL, outline=LINE, width=1)
        if label:
            _draw_heading(draw, box[0] + GAP, box[1] + GAP, label, box[2] - box[0] - 2 * GAP)
    for x, y, label in column_labels:
        _draw_heading(draw, x, y, label, NOTE_WIDTH)
    placed = {card.note.pk: card for card in cards}
    for link in NoteLink.objects.filter(board=board):
        source, target = placed.get(link.source_id), placed.get(link.target_id)
        if source is None or target is None or source.hidden or target.hidden:
            continue
        _arrow(draw, source.centre, target.centre)
    for card in cards:
        card.draw(draw)
    output = io.BytesIO()
    # Not optimize=True: on a large board it quadruples the time for a file 7 % smaller
    # (tests/bench/workshop_board.py).
    image.save(output, format="PNG")
    return output.getvalue()


def _arrow(draw, start, end):
    import math

    draw.line([start, end], fill=MUTED, width=2)
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    # The head sits halfway, where a note does not cover it.
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    size = 10
    left = (mid[0] - size * math.cos(angle - 0.5), mid[1] - size * math.sin(angle - 0.5))
    right = (mid[0] - size * math.cos(angle + 0.5), mid[1] - size * math.sin(angle + 0.5))
    draw.polygon([mid, left, right], fill=MUTED)


# --- PDF ----------------------------------------------------------------------------------


@cache
def _pdf_fonts():
    """Vera, which reportlab carries, embedded in the PDF: Finnish and Swedish letters print
    as they are written, and Northern Sámi's but for ŋ and ŧ, which Vera lacks."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", str(REGULAR)))
    pdfmetrics.registerFont(TTFont("VeraBd", str(BOLD)))
    addMapping("Vera", 0, 0, "Vera")
    addMapping("Vera", 1, 0, "VeraBd")
    addMapping("Vera", 0, 1, "Vera")
    addMapping("Vera", 1, 1, "VeraBd")
    return True


def _text(value):
    """Participant text for a reportlab Paragraph, which reads a little markup: escaped, its
    line breaks kept."""
    return escape(str(value or "")).replace("\n", "<br/>")


def booklet_pdf(workshop, *, language="fi"):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        ListFlowable,
        ListItem,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    _pdf_fonts()
    sample = getSampleStyleSheet()

    def style(name, parent, **kwargs):
        return ParagraphStyle(name, parent=sample[parent], **{"fontName": "Vera", **kwargs})

    body = style("body", "BodyText", leading=14, alignment=TA_LEFT)
    muted = style("muted", "BodyText", textColor=colors.HexColor("#555555"), fontSize=9)
    h1 = style("h1", "Title", fontName="VeraBd", alignment=TA_LEFT)
    h2 = style("h2", "Heading2", fontName="VeraBd")
    h3 = style("h3", "Heading3", fontName="VeraBd")
    h4 = style("h4", "Heading4", fontName="VeraBd")

    def bullets(items):
        return ListFlowable(
            [ListItem(Paragraph(item, body), leftIndent=12) for item in items],
            bulletType="bullet",
            start="•",
            leftIndent=12,
            bulletFontName="Vera",
        )

    story = [Paragraph(_text(workshop.title), h1)]
    facts = [workshop.panel.name]
    if workshop.booklet_published_at:
        facts.append(
            _("Published %(date)s")
            % {
                "date": date_format(
                    timezone.localtime(workshop.booklet_published_at), "SHORT_DATE_FORMAT"
                )
            }
        )
    else:
        facts.append(_("Draft, not published"))
    story.append(Paragraph(_text(" · ".join(facts)), muted))
    if workshop.purpose:
        story.append(Paragraph(_text(workshop.purpose), body))
    story.append(Paragraph(_text(_("Summary")), h2))
    story.append(Paragraph(_text(workshop.booklet_summary or _("No summary yet.")), body))

    story.append(Paragraph(_text(_("Decisions")), h2))
    decisions = decisions_of(workshop)
    if decisions:
        items = []
        for decision in decisions:
            line = _text(decision.text)
            if decision.board_id:
                line += "<br/>" + _text(_("Board: %(title)s") % {"title": decision.board.title})
            items.append(line)
        story.append(bullets(items))
    else:
        story.append(Paragraph(_text(_("No decisions recorded.")), body))

    story.append(Paragraph(_text(_("Next steps")), h2))
    steps = list(workshop.next_steps.all())
    if steps:
        rows = [
            [
                Paragraph(_text(cell), body)
                for cell in (_("Next step"), _("Owner"), _("Due"), _("Done"))
            ]
        ]
        for step in steps:
            rows.append(
                [
                    Paragraph(_text(step.text), body),
                    Paragraph(_text(step.owner), body),
                    Paragraph(
                        _text(date_format(step.due, "SHORT_DATE_FORMAT") if step.due else "–"), body
                    ),
                    Paragraph(_text(_("yes") if step.done else _("no")), body),
                ]
            )
        table = Table(rows, colWidths=[80 * mm, 45 * mm, 25 * mm, 20 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9a9a9a")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    else:
        story.append(Paragraph(_text(_("No next steps recorded.")), body))

    story.append(Paragraph(_text(_("Boards")), h2))
    for document in booklet_boards(workshop):
        board = document["board"]
        story.append(Paragraph(_text(f"{board.title} ({document['template'].label})"), h3))
        if document["is_card"]:
            for field in document["fields"]:
                story.append(Paragraph(_text(field["label"]), h4))
                story.append(Paragraph(_text(field["value"] or "–"), body))
            continue
        for section in document["sections"]:
            if section["phase"]:
                story.append(Paragraph(_text(section["phase"]), h4))
            heading = section["row"] if section["row"] else section["region"].label
            story.append(Paragraph(f"<b>{_text(heading)}</b>", body))
            if section["notes"]:
                story.append(
                    bullets(
                        _text(note.text)
                        + _text(
                            f" — {note.colour_label}, "
                            + _("votes: %(count)s") % {"count": note.vote_count}
                        )
                        for note in section["notes"]
                    )
                )
            else:
                story.append(Paragraph(_text(_("No notes.")), muted))
        if document["links"]:
            story.append(Paragraph(f"<b>{_text(_('Links'))}</b>", body))
            story.append(
                bullets(
                    _text(
                        f"{link['source']} → {link['target']}"
                        + (f" ({link['label']})" if link["label"] else "")
                    )
                    for link in document["links"]
                )
            )
        story.append(Spacer(1, 6 * mm))

    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        title=workshop.title,
        author=workshop.panel.name,
        subject=_("Documentation booklet"),
        creator="Kohtaamo",
        lang=language,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    document.build(story)
    return output.getvalue()
