"""Snippets with the query's words marked: every piece of the text is escaped first and only
the ``<mark>`` tags around it are ours, so user text can never become markup.

Done in Python for every database: a word is marked where it contains a query word or shares
a long beginning with it ("kirjastossa" for "kirjasto"), which is close to what PostgreSQL's
stemming matched without asking the database again.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_WORDS = 30
# Words shown before the first match, so that it is read in its context.
LEAD_IN_WORDS = 8
# "Shares a long beginning": all but this many letters of the shorter word, and at least
# MIN_STEM letters.
LOOSE_ENDING = 3
MIN_STEM = 4
PIECES = re.compile(r"(\w+)")


def _matches(token, words):
    token = token.lower()
    for word in words:
        if word in token:
            return True
        stem = max(MIN_STEM, min(len(word), len(token)) - LOOSE_ENDING)
        if len(word) >= stem and len(token) >= stem and token[:stem] == word[:stem]:
            return True
    return False


def highlight(text, words):
    """All of ``text``, escaped, with the matching words in ``<mark>``."""
    return mark_safe(_render(PIECES.split(text or ""), words))  # noqa: S308 (every piece escaped)


def snippet(text, words, size=SNIPPET_WORDS):
    """About ``size`` words of ``text`` around its first match (its beginning if none),
    escaped, with the matching words in ``<mark>``."""
    pieces = PIECES.split(" ".join((text or "").split()))
    # PIECES.split puts the words at the odd positions.
    word_positions = list(range(1, len(pieces), 2))
    first = next((i for i, p in enumerate(word_positions) if _matches(pieces[p], words)), 0)
    start_word = max(0, first - LEAD_IN_WORDS)
    end_word = start_word + size
    start = word_positions[start_word] if start_word < len(word_positions) else 0
    end = word_positions[end_word] if end_word < len(word_positions) else len(pieces)
    html = _render(pieces[start:end], words)
    if start_word > 0:
        html = "… " + html
    if end < len(pieces):
        html = html.rstrip() + " …"
    return mark_safe(html)  # noqa: S308 (every piece escaped)


def _render(pieces, words):
    out = []
    for piece in pieces:
        if PIECES.fullmatch(piece) and _matches(piece, words):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    return "".join(out)
