"""Plain language (selkokieli): the reader's switch, and the writer's checklist and measure.

Plain language is not a locale. A page stays Finnish (or Swedish, or English); a flag asks for
the plain-language variant where one exists: a staff-written plain-language version of a
round, an official response, a survey, an experiment or an impact report, and the plain
variants of the interface's key texts (joining, posting an idea, answering a survey, what
happens to an idea), which templates pick with ``{% if plain_language %}``.

The flag is a cookie, so it is remembered across visits without an account and works the same
for everyone. The switch is a link on every page (``toggle``): a GET, like the language
switcher, because a form would carry a CSRF token and keep public pages out of the page cache
(cms.page_cache); turning a reading preference on or off is harmless to forge.

For writers, ``PlainLanguageTextarea`` puts a checklist beside the field and measures sentence
and word length as they type (``measure`` computes the same figures on the server). It is a
writing aid only: short sentences and common words make text easier, but no number certifies
plain language; only testing with readers does.
"""

import re
from dataclasses import dataclass

from django import forms
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

COOKIE = "kohtaamo_plain"
COOKIE_MAX_AGE = 365 * 24 * 3600

# Guidance of Selkokeskus (the Finnish plain-language centre): a sentence of about 8-10 words
# at most, and common, short words. Finnish compounds are long, so a word counts as long from
# 13 letters on.
SENTENCE_WORDS_AIM = 10
LONG_WORD_LETTERS = 13

CHECKLIST = (
    _("Short sentences: one thing per sentence."),
    _("Common, everyday words; explain the words people must know."),
    _("Speak to the reader (“you can…”) and say who does what."),
    _("The most important thing first."),
    _("No abbreviations, no passive voice where you can avoid it."),
)

_SENTENCE_END = re.compile(r"[.!?…]+(?:\s+|$)|\n{2,}")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def is_on(request):
    return request.COOKIES.get(COOKIE) == "1"


def context(request):
    """Template context processor: ``plain_language`` is True when the reader asked for it."""
    return {"plain_language": is_on(request)}


@require_GET
def toggle(request):
    """Turn plain language on or off, then go back to the page the switch was on."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("plain") == "1":
        response.set_cookie(COOKIE, "1", max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


@dataclass(frozen=True)
class Measure:
    sentences: int
    words: int
    words_per_sentence: float
    letters_per_word: float
    long_words: int
    longest_sentence: int

    @property
    def sentences_too_long(self):
        return self.words_per_sentence > SENTENCE_WORDS_AIM


def measure(text):
    """Sentence and word length of ``text``: what the indicator beside the field shows."""
    sentences = [part for part in _SENTENCE_END.split(text or "") if _WORD.search(part)]
    counts = [len(_WORD.findall(sentence)) for sentence in sentences]
    words = _WORD.findall(text or "")
    if not words:
        return Measure(0, 0, 0.0, 0.0, 0, 0)
    letters = sum(len(word) for word in words)
    return Measure(
        sentences=len(sentences),
        words=len(words),
        words_per_sentence=round(len(words) / max(len(sentences), 1), 1),
        letters_per_word=round(letters / len(words), 1),
        long_words=sum(1 for word in words if len(word) >= LONG_WORD_LETTERS),
        longest_sentence=max(counts, default=0),
    )


class PlainLanguageTextarea(forms.Textarea):
    """A textarea with the plain-language checklist and a live length indicator beside it.

    Works in the site's forms and in Wagtail's editor (``FieldPanel(..., widget=...)``).
    Without JavaScript the checklist is still there; the script adds the figures as one types.
    """

    template_name = "accounts/widgets/plain_language_textarea.html"

    class Media:
        js = ["accounts/plain-language.js"]
        css = {"all": ["accounts/plain-language.css"]}

    def __init__(self, attrs=None):
        super().__init__({"rows": 6, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            checklist=CHECKLIST,
            measure=measure(value or ""),
            sentence_aim=SENTENCE_WORDS_AIM,
            long_word_letters=LONG_WORD_LETTERS,
        )
        return context


def plain_summary_field(**kwargs):
    """The model field every plain-language version uses, so they read alike everywhere."""
    return models.TextField(
        _("plain-language version"),
        blank=True,
        help_text=_(
            "Selkokieli: the same content in plain language, for readers who turn on plain "
            "language. Leave empty if there is none."
        ),
        **kwargs,
    )
