"""The colours of role badges and statuses against their text: WCAG 2.1 AA (4.5:1 for the
small text they carry), read from the style sheets themselves so that a new colour is checked
the day it is added."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHEETS = [ROOT / "cms/static/css/kohtaamo.css", ROOT / "cms/static/css/impact.css"]
RULE = re.compile(r"\.((?:badge|status|idea-status|experiment-status)(?:--[\w-]+)?)\s*\{([^}]*)\}")
COLOUR = re.compile(r"(?<![\w-])(color|background)\s*:\s*(#[0-9a-fA-F]{3,6})")


def luminance(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour_pairs():
    """(selector, text colour, background) for every badge and status; a modifier inherits
    its base class's colour where it sets only one."""
    pairs, base = [], {}
    for sheet in SHEETS:
        for selector, body in RULE.findall(sheet.read_text()):
            colours = dict(COLOUR.findall(body))
            family = selector.split("--")[0]
            if "--" not in selector:
                base[family] = {**base.get(family, {}), **colours}
                if {"color", "background"} <= colours.keys():
                    pairs.append((selector, colours["color"], colours["background"]))
                continue
            merged = {**base.get(family, {}), **colours}
            if {"color", "background"} <= merged.keys():
                pairs.append((selector, merged["color"], merged["background"]))
    return pairs


PAIRS = colour_pairs()


def test_the_style_sheets_have_badges_and_statuses():
    selectors = {selector for selector, *_ in PAIRS}
    assert {"badge--staff", "badge--expert_by_experience", "status--implemented"} <= selectors


@pytest.mark.parametrize(("selector", "text", "background"), PAIRS, ids=[p[0] for p in PAIRS])
def test_contrast_is_at_least_4_5_to_1(selector, text, background):
    assert ratio(text, background) >= 4.5, f".{selector}: {text} on {background}"


def test_the_measure_itself():
    assert round(ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(ratio("#767676", "#ffffff"), 2) == 4.54
