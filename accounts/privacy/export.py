"""What goes into a person's data export (GDPR art. 15 and 20), and the ZIP it is packed in.

accounts cannot import the apps above it, so it asks them: ``personal_data_requested`` is sent
with the person, and every app answers with the ``Section``s of what it holds about them, from
its ``personal_data.py`` (connected in its AppConfig.ready). A section lists its fields with
what each means, and its rows: the same declaration writes the JSON, the README that
documents it, and the readable page, so the three cannot disagree and no field goes
undocumented (a row with an undeclared field is an error, not a silent extra).

A receiver reads each of its kinds of row in one query (with select_related/prefetch), so an
export costs the same number of queries however much a person has written. A receiver that
fails fails the export: a copy that silently lacks a part would tell the person it is all.

The ZIP holds ``data.json`` (machine-readable), ``README.txt`` (what every field means) and
``index.html`` (the same data, readable, for people), written in the person's language.
"""

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

FORMAT = "kohtaamo.personal-data"
FORMAT_VERSION = 1
FILES = ("data.json", "README.txt", "index.html")

# Sent with ``person``. Each receiver returns a Section, a list of them, or None.
personal_data_requested = Signal()


@dataclass(frozen=True)
class Field:
    """One column of a section: its key in the JSON, its heading on the page and what it
    means (lazy translations). ``choices`` are (value, label) pairs: the JSON keeps the value,
    the page shows the label, the README lists both."""

    name: str
    label: str
    description: str
    choices: Sequence[tuple[str, str]] | None = None

    def display(self, value):
        """``value`` as the page shows it, in the active language."""
        if self.choices:
            for choice, label in self.choices:
                if choice == value:
                    return str(label)
        return display(value)


@dataclass
class Section:
    """One kind of row a person has: ``key`` names it in the JSON, ``title`` heads it on the
    page, ``description`` says what the rows are, ``note`` what a reader should know about
    what is not there. ``one_row`` sections (the account) are shown field by field."""

    key: str
    title: str
    description: str
    fields: Sequence[Field]
    rows: list[dict] = field(default_factory=list)
    note: str = ""
    one_row: bool = False

    def __post_init__(self):
        names = [f.name for f in self.fields]
        for row in self.rows:
            if list(row) != names:
                raise ValueError(
                    f"Section {self.key!r}: a row's fields {list(row)} are not the documented "
                    f"ones {names}."
                )

    def json_rows(self):
        return [{name: plain(value) for name, value in row.items()} for row in self.rows]

    def cells(self):
        """The rows as the page shows them: text in the active language."""
        return [[f.display(row[f.name]) for f in self.fields] for row in self.rows]

    def pairs(self):
        """A one-row section as (field, shown value) pairs."""
        return [(f, f.display(self.rows[0][f.name])) for f in self.fields] if self.rows else []


def display(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(display(item) for item in value)
    return str(value)


def plain(value):
    """``value`` as JSON has it: times in ISO 8601 with their offset, keys as text."""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal | Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def collect_sections(person):
    """Every section about ``person``, in the order of INSTALLED_APPS (accounts first)."""
    sections = []
    for _receiver, answer in personal_data_requested.send(sender=get_user_model(), person=person):
        if answer is None:
            continue
        sections.extend([answer] if isinstance(answer, Section) else answer)
    keys = [section.key for section in sections]
    if len(keys) != len(set(keys)):
        raise ValueError(f"Two sections share a key: {sorted(keys)}")
    return sections


def as_json(sections, now):
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "generated_at": plain(now),
        "language": translation.get_language(),
        "sections": {section.key: section.json_rows() for section in sections},
        "notes": {section.key: str(section.note) for section in sections if section.note},
    }


def build_zip(person, now=None):
    """The export of ``person`` as the bytes of a ZIP file, in the person's language."""
    now = now or timezone.now()
    with translation.override(person.language or settings.LANGUAGE_CODE):
        sections = collect_sections(person)
        context = {
            "person": person,
            "sections": sections,
            "generated_at": now,
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "language_code": translation.get_language(),
        }
        files = {
            "data.json": json.dumps(as_json(sections, now), ensure_ascii=False, indent=2),
            "README.txt": render_to_string("privacy/export/README.txt", context),
            "index.html": render_to_string("privacy/export/index.html", context),
        }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in FILES:
            archive.writestr(name, files[name])
    return buffer.getvalue()
