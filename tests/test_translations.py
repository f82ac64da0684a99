"""The Finnish, Swedish and Northern Sámi catalogues are complete (English is the source
language), and the committed .mo files match the .po files."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
CATALOGUES = [
    LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    for language in ("fi", "sv", "se")
    for domain in ("django",)
]


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_catalogue_is_complete(po_path):
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_compiled_catalogue_matches_its_source(po_path):
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(po_path)).translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    compiled.pop((None, ""), None)
    assert compiled == source, "run `make messages` to recompile"
