"""Sealing an anonymous answer while it waits to be stored with a group of others
(``PendingAnswer``): readable by this server, by nobody who has only the database or a backup.

AES-256-GCM with a key derived from SECRET_KEY by HKDF, and a fresh random nonce per answer;
the survey's id is authenticated with it, so a sealed answer moved to another survey does not
open. Not Fernet: a Fernet token carries the time it was made in clear, which would give each
waiting answer back the exact time the marker beside it records.

Before sealing, the answer is padded to one length for the whole survey: the longest answer its
questions allow. Otherwise the length of a waiting answer (seen in a backup taken while it
waited) would pair it with the stored answer of the same length later, key or no key.

Besides the answer rows the sealed answer carries how it was given (the channel, the client
group, an interview's id: ``Meta``), within the same padded length: an interview's sealed
answer is as long as one the person gave themselves, so waiting answers do not tell apart
interviews either. (Version 1, rows only, is still opened.)

Keys in SECRET_KEY_FALLBACKS still open what was sealed before a key rotation; an answer that
no key opens stays sealed (``Unreadable``) rather than being lost.
"""

import json
import logging
import os
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.encoding import force_bytes

from .models import CHOICE_KINDS, LONG_TEXT_MAX, NUMBER_KINDS, SHORT_TEXT_MAX, QuestionKind

VERSION = b"\x02"
VERSIONS = (b"\x01", VERSION)
NONCE_BYTES = 12
# The most one encoded row takes besides its text: two ids, a number and the punctuation.
ROW_BYTES = 80
# The most one character of text takes once encoded (a control character's "\u001f").
CHAR_BYTES = 6
PAD_STEP = 256
# The most the meta takes: a channel name, a client group id, an interview's UUID, and keys.
META_BYTES = 160

logger = logging.getLogger(__name__)


class Unreadable(Exception):
    """No key this server has opens the sealed answer."""


@dataclass(frozen=True)
class Meta:
    """How an anonymous answer was given: what the response row will carry besides answers."""

    channel: str = "self"
    client_group_id: int | None = None
    client_id: str | None = None


@dataclass(frozen=True)
class Opened:
    rows: list = field(default_factory=list)
    meta: Meta = Meta()


def _key(secret):
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"kohtaamo.panels.surveys.sealing",
        info=b"pending survey answers, AES-256-GCM, v1",
    ).derive(force_bytes(secret))


def _keys():
    yield _key(settings.SECRET_KEY)
    for secret in getattr(settings, "SECRET_KEY_FALLBACKS", []):
        yield _key(secret)


def _associated(survey_id):
    return f"surveys.pending:{survey_id}".encode()


def sealed_length(questions):
    """The padded length of any answer to ``questions`` (with their choices prefetched): the
    longest answer they allow, so that the length depends on the questions, not the answer."""
    size = ROW_BYTES + META_BYTES
    for question in questions:
        choices = len(question.choices.all())
        if question.kind == QuestionKind.SHORT_TEXT:
            size += ROW_BYTES + CHAR_BYTES * SHORT_TEXT_MAX
        elif question.kind == QuestionKind.LONG_TEXT:
            size += ROW_BYTES + CHAR_BYTES * LONG_TEXT_MAX
        elif question.kind in CHOICE_KINDS:
            size += ROW_BYTES * choices
            if question.allow_other:
                size += ROW_BYTES + CHAR_BYTES * SHORT_TEXT_MAX
        elif question.kind in NUMBER_KINDS:
            size += ROW_BYTES
        else:  # a life wheel: a rating per domain
            size += ROW_BYTES * choices
    return -(-size // PAD_STEP) * PAD_STEP


def seal(survey_id, questions, rows, meta=None):
    """Seal answer ``rows`` (Answer field values, as SurveyAnswerForm.answers gives them) to
    the survey ``survey_id`` whose ``questions`` they answer, with how it was given
    (``meta``, a Meta)."""
    meta = meta or Meta()
    payload = json.dumps(
        {
            "c": str(meta.channel)[:16],
            "g": meta.client_group_id,
            "k": str(meta.client_id) if meta.client_id else None,
            "r": [
                [
                    row["question"].pk,
                    row["choice"].pk if row.get("choice") is not None else None,
                    row.get("number"),
                    row.get("text", ""),
                ]
                for row in rows
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    size = sealed_length(questions)
    if len(payload) > size:  # the bound above is wrong: the length now says something
        logger.error("a sealed answer is longer than its padding (%d > %d)", len(payload), size)
        size = -(-len(payload) // PAD_STEP) * PAD_STEP
    # JSON ignores the trailing spaces when the answer is opened.
    plaintext = payload + b" " * (size - len(payload))
    nonce = os.urandom(NONCE_BYTES)
    key = next(_keys())
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, _associated(survey_id))


def unseal(survey_id, sealed):
    """The rows sealed by ``seal``: a list of (question id, choice id, number, text)."""
    return open_sealed(survey_id, sealed).rows


def open_sealed(survey_id, sealed):
    """What ``seal`` sealed: an ``Opened`` with the rows and the Meta."""
    sealed = bytes(sealed)
    version = sealed[:1]
    if version not in VERSIONS:
        raise Unreadable
    nonce, ciphertext = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
    for key in _keys():
        try:
            plaintext = AESGCM(key).decrypt(nonce, ciphertext, _associated(survey_id))
        except InvalidTag:
            continue
        loaded = json.loads(plaintext)
        if version == b"\x01":
            return Opened(rows=[tuple(row) for row in loaded])
        meta = Meta(channel=loaded["c"], client_group_id=loaded["g"], client_id=loaded["k"])
        return Opened(rows=[tuple(row) for row in loaded["r"]], meta=meta)
    raise Unreadable
