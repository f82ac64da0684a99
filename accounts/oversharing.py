"""A guard against oversharing: does a text about to be posted publicly look like it holds
someone's personal details?

Kohtaamo's participants are often the people most likely to write about their own or their
neighbour's illness, benefits or child-protection case. Before an idea, a comment, a live room
message or a written survey answer is posted, its text is looked at here for

- a Finnish personal identity code (henkilötunnus) with its check character,
- a phone number (Finnish mobile or landline, +358, international),
- a street address (a Finnish or Swedish street name with a house number, or an English one),
- an e-mail address,
- health, diagnosis, social-benefit or child-protection words next to a named person
  ("Matti Virtanen has diagnosed depression", "Liisan toimeentulotuki").

Everything found only asks the person to confirm, except a personal identity code whose check
character is right: that is refused outright, as nothing is gained by publishing one. Every
app asks through ``check`` (its services) or ``PersonalDetailsForm`` (its forms); this module is
the only place where the patterns live, so that every surface warns about the same things.

These are heuristics that err towards asking: a warning costs a click, a published identity
code or diagnosis cannot be taken back. What they must not do is nag about the ordinary words
of a participation platform: dates, years, amounts of money, meeting times, idea numbers and
postal codes (tests/accounts/test_oversharing.py holds both sides).
"""

import bisect
import datetime
import re
from dataclasses import dataclass

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

# --- What is found ------------------------------------------------------------------------

PERSONAL_ID = "personal_id"
PHONE = "phone"
ADDRESS = "address"
EMAIL = "email"
HEALTH = "health"
BENEFIT = "benefit"
CHILD_PROTECTION = "child_protection"

# Said after the highlighted part to those who cannot see the highlight.
KIND_LABELS = {
    PERSONAL_ID: gettext_lazy("looks like a personal identity code"),
    PHONE: gettext_lazy("looks like a phone number"),
    ADDRESS: gettext_lazy("looks like a street address"),
    EMAIL: gettext_lazy("looks like an e-mail address"),
    HEALTH: gettext_lazy("looks like health details about a named person"),
    BENEFIT: gettext_lazy("looks like social benefit details about a named person"),
    CHILD_PROTECTION: gettext_lazy("looks like child-protection details about a named person"),
}

# Where two findings overlap (an identity code is also a run of digits), the first kind here
# wins.
PRIORITY = [PERSONAL_ID, EMAIL, PHONE, ADDRESS, CHILD_PROTECTION, BENEFIT, HEALTH]


@dataclass(frozen=True)
class Match:
    """``text[start:end]`` looks like personal details of ``kind``. ``refused``: it cannot be
    posted even when the person confirms (an identity code whose check character is right)."""

    start: int
    end: int
    kind: str
    refused: bool = False

    @property
    def label(self):
        return str(KIND_LABELS[self.kind])

    def as_frame(self, offset=0):
        return {
            "start": self.start + offset,
            "end": self.end + offset,
            "kind": self.kind,
            "label": self.label,
        }


# --- Finnish personal identity codes -------------------------------------------------------

# DDMMYY, the century sign, the individual number and the check character. The signs U-Y and
# B-F are in use since 2023 alongside "-" and "A".
_PERSONAL_ID = re.compile(
    r"(?<![\w+-])(?P<date>\d{6})(?P<century>[-+A-FU-Ya-fu-y])(?P<individual>\d{3})"
    r"(?P<check>[0-9A-Za-z])(?![\w-])"
)
_CENTURIES = {"+": 1800, "-": 1900, **dict.fromkeys("UVWXY", 1900), **dict.fromkeys("ABCDEF", 2000)}
_CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def personal_id_check_character(date_digits, individual):
    """The check character of the code DDMMYY?ZZZ: the nine digits modulo 31."""
    return _CHECK_CHARACTERS[int(date_digits + individual) % 31]


def _is_date(digits, century_sign):
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    try:
        datetime.date(_CENTURIES[century_sign.upper()] + year, month, day)
    except ValueError:
        return False
    return True


def _personal_ids(text):
    for found in _PERSONAL_ID.finditer(text):
        if not _is_date(found["date"], found["century"]):
            continue  # six digits that are no birth date: not a code at all
        # Individual numbers 002-899 are given to people, 900-999 as temporary codes.
        right = found["individual"] >= "002" and found["check"].upper() == (
            personal_id_check_character(found["date"], found["individual"])
        )
        yield Match(found.start(), found.end(), PERSONAL_ID, refused=right)


# --- Phone numbers ------------------------------------------------------------------------

# Not a phone number when what follows makes it a decimal, an amount or a percentage.
_NOT_A_QUANTITY = r"(?![\w]|[.,]\d|\s?(?:€|%|\$|£|e\b|eur|euro|kr\b|mk\b))"
# 0 and an area or operator code (not 00, postal codes start so), then 7-12 digits in all,
# single spaces or hyphens between them: 040 123 4567, 09-123 4567, (09) 1234 5678.
_NATIONAL = (
    r"(?<![\w+,.-])(?!\d{1,2}-\d{1,2}-\d{2,4}(?!\d))(?!\d{1,2} \d{1,2} \d{4}(?!\d))"
    r"(?:\(0\d{1,3}\)\s?\d|0[1-9])(?:[ -]?\d){5,10}" + _NOT_A_QUANTITY
)
# + or 00, a country code and at least 7 digits more: +358 40 123 4567, +358 (0)9 123 4567,
# 0046 70 123 45 67, +44 20 7946 0958.
_INTERNATIONAL = r"(?<![\w+,.-])(?:\+|00)[1-9](?:[ -]?(?:\(\d{1,4}\)|\d)){6,14}" + _NOT_A_QUANTITY
# Any run of 7+ digits right after a word that says it is a phone number: "puh. 1234567".
_INTRODUCED = (
    r"(?i:\b(?:puh(?:elin|\.)?|puhelinnumero|matkapuhelin|gsm|tel(?:efon|\.)?|telefonnummer"
    r"|phone|mobile|mob\.?)(?:\s*(?:nro|numero|nummer|number|no\.?))?\s*[:.]?\s*)"
    r"(?P<number>\+?\d(?:[ -]?\d){6,13})" + _NOT_A_QUANTITY
)
_PHONE = re.compile(f"{_INTRODUCED}|{_INTERNATIONAL}|{_NATIONAL}")


def _phones(text):
    for found in _PHONE.finditer(text):
        start, end = found.span("number") if found["number"] else found.span()
        yield Match(start, end, PHONE)


# --- Street addresses ---------------------------------------------------------------------

# Finnish and Swedish street names end in one of these: Hämeenkatu, Storgatan, Koulupolku.
_STREET_ENDINGS = [
    # Finnish
    "katu", "tie", "kuja", "polku", "väylä", "raitti", "kaari", "rinne", "ranta", "aukio",
    "piha", "puistikko", "penger", "portti", "ahde", "tanhua", "laituri", "bulevardi",
    "esplanadi", "kaarre", "porras", "puistotie",
    # Swedish
    "gatan", "gata", "vägen", "väg", "gränden", "gränd", "stigen", "stig", "torget", "torg",
    "allén", "allé", "backen", "kajen", "esplanaden", "strand", "stranden",
]  # fmt: skip
# Words with a street ending and a number that are not addresses: highways, care paths.
_NOT_STREETS = re.compile(
    r"(?:valta|kanta|seutu|moottori|yhdys|maan)tie$|(?:hoito|palvelu|asiakas|opinto|ura"
    r"|kehitys|oppimis|kuntoutus)polku$|elämänkaari$|(?:riks|stam|läns)väg$",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"(?<![\w-])(?P<street>[^\W\d_]{2,}?(?:" + "|".join(_STREET_ENDINGS) + r"))"
    # The house number, a staircase letter and a flat: 12, 12b, 12 B 5, 3 as. 4, 3 lgh 1102.
    r"\s+\d{1,3}(?:\s?[a-h](?![^\W\d_]))?"
    r"(?:(?<=[a-h])\s?\d{1,4}|\s*(?:as|asunto|bst|lgh|lägenhet|apt|flat)\.?\s*\d{1,4})?"
    r"(?!\d|[.,]\d|\s?(?:%|€|km\b|kpl\b|m\b|vuot))",
    re.IGNORECASE,
)
# English addresses put the number first: 10 Downing Street, 221B Baker St.
_ENGLISH_STREET = re.compile(
    r"(?<![\w-])\d{1,4}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Drive|Close|Way|Court|Place|Terrace"
    r"|Crescent|Square|Boulevard|Gardens|Grove)(?![\w])"
)


def _addresses(text):
    for found in _STREET.finditer(text):
        if not _NOT_STREETS.search(found["street"]):
            yield Match(found.start(), found.end(), ADDRESS)
    for found in _ENGLISH_STREET.finditer(text):
        yield Match(found.start(), found.end(), ADDRESS)


# --- E-mail addresses ---------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[^\W\d_]{2,}"
    r"(?![\w-])"
)


def _emails(text):
    for found in _EMAIL.finditer(text):
        yield Match(found.start(), found.end(), EMAIL)


# --- Health, benefits and child protection next to a named person -------------------------

# Searched in each word, lowercased: fragments of regular expressions, most of them stems that
# also find the word inside a Finnish or Swedish compound (mielenterveysongelma,
# lastensuojeluilmoitus). "^" anchors an English stem at the start of the word.
_SENSITIVE_WORDS = {
    CHILD_PROTECTION: [
        # Finnish
        "lastensuojel", "huostaan", "huostassa", "sijaisperhe", "sijaishuol", "lastenkoti",
        "avohuollon", "perhehoi",
        # Swedish
        "barnskydd", "omhändert", "fosterhem", "fosterfamilj", "familjehem", "barnhem",
        # English
        "^foster", "^custody", "^orphanage",
    ],
    BENEFIT: [
        # Finnish
        "toimeentulotu", "asumistu", "työttö", "päivärah", "työmarkkinatu", "vammaistu",
        "kuntoutusrah", "kuntoutustu", "työkyvyttömyyseläk", "omaishoid", "ulosot",
        "velkajärjest", "maksuhäiriö", "luottotied", "kelakorv", "kela-korv", "sosiaalitu",
        "sosiaaliavustu", "asunnoton", "asunnottom",
        # Swedish
        "utkomststöd", "försörjningsstöd", "bostadsbidrag", "bostadsstöd", "arbetslös",
        "dagpenning", "sjukpenning", "sjukpension", "invalidpension", "utmätning",
        "skuldsaner", "betalningsanmärk", "socialbidrag", "handikappförmån", "närståendevård",
        "hemlös",
        # English
        "^benefit", "^welfare", "^unemploy", "^pension", "^debt", "^bailiff", "^allowance",
        "^homeless", "^evict",
    ],
    HEALTH: [
        # Finnish
        "masen", "diagno", "sairau", "sairas", "sairaal", "syöpä", "syövän", "skitsofren",
        "psykoo", "psykoosi", "kaksisuuntai", "bipolaari", "adhd", "autis", "asperger",
        "dementi", "alzheimer", "päihde", "päihte", "alkoholis", "alkoholiongelm", "huume",
        "narkomaa", "narkkari", "addikt", "riippuvu", "riippuvai", "mielenterv", "itsemurh",
        "itsetuho", "syömishäiriö", "anoreksi", "bulimi", "epilepsi", "diabet", "^hiv$",
        "raskau", "raskaana", "keskenmen", "abort", "lääkity", "lääke", "lääkke", "psykiatr",
        "terapi", "uupumu", "loppuunpal", "burnout", "kehitysvamm", "vammai", "psyyk",
        "ahdistu", "paniikkihäir", "trauma",
        # Swedish
        "depression", "deprimer", "diagnos", "sjukdom", "^sjuk(?!sköt)", "cancer",
        "schizofren", "psykos", "psykotisk", "bipolär", "autism", "demens", "missbruk",
        "narkoman", "beroendeprobl", ".beroend", "självmord", "självskad", "ätstörning",
        "anorexi", "gravid", "missfall", "medicin", "sjukhus", "utbränd", "utmattning",
        "funktionsneds", "funktionshind", "ångest",
        # English
        "^depress", "^ill$", "^illness", "^sick", "^disease", "^tumou?r", "^schizophren",
        "^psychos", "^psychotic", "^dementia", "^addict", "^alcoholi", "^overdos", "^suicid",
        "^self-harm", "^epilep", "^pregnan", "^miscarriage", "^abortion", "^medication",
        "^psychiatr", "^therap", "^hospital(?!ity)", "^burn-?out", "^disabilit", "^disabled",
        "^anxiety", "^ptsd$", "^rehab",
    ],
}  # fmt: skip
_SENSITIVE_PHRASES = {
    CHILD_PROTECTION: ["child protection", "child welfare", "taken into care", "care order",
                       "social services"],
    BENEFIT: ["income support", "social assistance", "housing allowance", "universal credit",
              "food bank", "kelan tu", "omaishoidon tu"],
    HEALTH: ["mental health", "mental illness", "eating disorder", "substance abuse",
             "panic attack"],
}  # fmt: skip
_SENSITIVE_WORD_RES = {
    kind: re.compile("|".join(stems)) for kind, stems in _SENSITIVE_WORDS.items()
}
_SENSITIVE_PHRASE_RES = {
    kind: re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")\w*", re.IGNORECASE)
    for kind, phrases in _SENSITIVE_PHRASES.items()
}

# Common first names in Finland (Finnish and Swedish) and in English, lowercased. A name is
# recognised in its inflected forms too (Liisan, Liisalla, Matin, Annas, John's).
_FIRST_NAMES = [
    "aada", "aapo", "aarne", "aila", "aino", "aleksi", "aliisa", "anja", "anna", "anne", "anneli",
    "anni", "anniina", "antero", "antti", "ari", "arja", "arto", "aune", "eemeli", "eero", "eetu",
    "eeva", "eija", "eila", "eino", "eliel", "elina", "elias", "elisa", "ella", "elli", "emilia",
    "emma", "erkki", "esa", "esko", "hanna", "hannu", "harri", "heidi", "heikki", "heli", "helena",
    "helmi", "henna", "henri", "henrik", "hilkka", "ilkka", "ilmari", "ilona", "irma", "irja",
    "jaakko", "jaana", "jani", "janne", "jari", "jarmo", "jenni", "jere", "jesse", "joel",
    "johanna", "joni", "jorma", "jouko", "jouni", "juha", "juhani", "juho", "jukka", "julia",
    "jussi", "jyrki", "kaarina", "kaija", "kaisa", "kalevi", "kalle", "kari", "katja", "kati",
    "kerttu", "kirsi", "kirsti", "kristiina", "kyösti", "lasse", "lauri", "leena", "leevi", "leo",
    "liisa", "lotta", "maija", "maire", "marja", "marjatta", "marketta", "markku", "marko",
    "martti", "matias", "matti", "merja", "mika", "mikael", "mikko", "milla", "minna", "mirja",
    "mirjami", "nea", "niilo", "niina", "niko", "noora", "oiva", "olavi", "olli", "onni", "oona",
    "oskari", "outi", "paavo", "paula", "pekka", "pentti", "pertti", "petri", "petteri", "pirjo",
    "pirkko", "päivi", "raija", "raimo", "reijo", "riikka", "riitta", "risto", "ritva", "ronja",
    "saana", "saara", "sami", "samuel", "sanna", "sari", "satu", "seija", "seppo", "siiri", "simo",
    "sirkka", "sirpa", "sofia", "sointu", "suvi", "taina", "tapani", "tapio", "tarja", "teemu",
    "terhi", "tero", "tiina", "timo", "toivo", "tomi", "topias", "tuomas", "tuula", "tuulikki",
    "tyyne", "ulla", "unto", "urho", "valtteri", "veera", "veikko", "veli", "venla", "vesa",
    "ville", "väinö", "aatu", "agneta", "anders", "astrid", "axel", "bengt", "birgitta", "camilla",
    "carl", "christina", "christoffer", "ebba", "elin", "elsa", "emil", "erik", "filip", "fredrik",
    "gunilla", "gustav", "hans", "hugo", "ida", "ingrid", "isak", "johan", "johannes", "jonas",
    "karin", "karl", "kerstin", "kristina", "lars", "lena", "linnea", "lucas", "magnus", "maria",
    "mats", "nils", "olof", "oscar", "oskar", "sebastian", "sara", "stefan", "sven", "tove", "ulf",
    "viktor", "åsa", "ahmed", "alice", "amina", "daniel", "david", "emily", "fatima", "george",
    "grace", "hassan", "jack", "james", "jane", "john", "joseph", "mary", "michael", "mohamed",
    "mohammed", "muhammad", "olivia", "paul", "peter", "sarah", "thomas", "tom", "william", "yusuf"
]  # fmt: skip


def _weak_stem(name):
    """Finnish consonant gradation: Matti -> Matin, Pekka -> Pekan, Markku -> Markun."""
    found = re.search(r"(kk|pp|tt)([aeiouyäö])$", name)
    return name[: found.start()] + found[1][0] + found[2] if found else None


# The case endings a name takes in Finnish (and Finnish written with a colon or an apostrophe
# after a foreign name), the Swedish genitive -s and the English 's.
_NAME_ENDINGS = (
    r"n|a|ä|na|nä|ksi|lla|llä|lle|lta|ltä|ssa|ssä|sta|stä|an|än|en|in|on|un|yn|ön|aan|ään"
    r"|een|iin|oon|uun|seen|ia|iä|ille|illa|illä|ilta|iltä|issa|issä|ista|istä|ina|inä|iksi"
    r"|ineen|s|'s|’s|:n|:lla|:llä|:lle|:lta|:ltä|:ssa|:ssä|:sta|:stä|:iin|:ään|:aan"
)
# The weak grade comes only before these (Matin, Matille; but Mattia).
_WEAK_ENDINGS = r"n|ksi|lla|llä|lle|lta|ltä|ssa|ssä|sta|stä"


def _alternatives(words):
    return "|".join(sorted(set(words), key=len, reverse=True))


_FIRST_NAME = re.compile(
    rf"(?:{_alternatives(_FIRST_NAMES)})(?:{_NAME_ENDINGS})?"
    rf"|(?:{_alternatives(filter(None, map(_weak_stem, _FIRST_NAMES)))})(?:{_WEAK_ENDINGS})",
    re.IGNORECASE,
)
# Finnish surnames ending in -nen, in any case: Virtanen, Virtasen, Hämäläiselle. Not
# Espooseen: the ending follows a short vowel or a diphthong ending in i.
_SURNAME = re.compile(
    r"[^\W\d_]*(?:[^\W\daeiouyäöå_][aeiouyäö]|[aeiouyäö]i)"
    r"(?:nen|s(?:en|elle|ella|ellä|elta|eltä|essa|essä|esta|estä|een))",
    re.IGNORECASE,
)
# Names that are also ordinary words starting a sentence: "Anna hänelle lääkettä" (give him
# medicine), "Ainoa ongelma on masennus" (the only problem is depression).
_WORDS_AT_SENTENCE_START = {
    "anna", "annan", "ainoa", "ainoan", "ainoat", "satu", "onni", "helmi", "kari", "suvi",
    "ilona", "toivo", "tyyne", "sointu", "oiva", "veli", "urho", "marja", "marjan", "hans",
    "grace",
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:[-'’:][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
# How far (in characters between them) a name and a sensitive word may be from each other.
_NEAR = 60


def _is_capitalised(word):
    return word[0].isupper() and not word.isupper()


def _is_sentence_start(text, start):
    before = text[:start].rstrip(" \t\"'“”‘’«»([-–—•*")
    return not before or before[-1] in ".!?:;\n"


def _is_name(text, word):
    """Whether ``word`` (a match of _WORD) is a named person's first name or surname."""
    if not _is_capitalised(word[0]):
        return False
    at_start = _is_sentence_start(text, word.start())
    for part in word[0].split("-"):
        if not part or not part[0].isupper():
            continue
        if _FIRST_NAME.fullmatch(part) and not (
            at_start and part.lower() in _WORDS_AT_SENTENCE_START
        ):
            return True
        # "Suomalainen" may start a sentence; mid-sentence only a name is capitalised.
        if not at_start and _SURNAME.fullmatch(part):
            return True
    return False


def _sensitive_kind(word):
    lowered = word.lower()
    for kind, pattern in _SENSITIVE_WORD_RES.items():
        if pattern.search(lowered):
            return kind
    return None


def _sensitive_spans(text, words):
    for found in words:
        kind = _sensitive_kind(found[0])
        if kind:
            yield found.start(), found.end(), kind
    for kind, pattern in _SENSITIVE_PHRASE_RES.items():
        for found in pattern.finditer(text):
            yield found.start(), found.end(), kind


def _name_spans(text, words):
    """Each named person's span: a name and the capitalised words right after it (Matti
    Virtanen)."""
    spans = []
    for index, found in enumerate(words):
        if not _is_name(text, found):
            continue
        end = found.end()
        for following in words[index + 1 : index + 3]:
            if text[end : following.start()] != " " or not _is_capitalised(following[0]):
                break
            end = following.end()
        spans.append((found.start(), end))
    return spans


def _sentence_of(boundaries, position):
    """The number of the sentence at ``position``: how many sentence ends come before it."""
    return bisect.bisect_left(boundaries, position)


def _about_named_people(text):
    """The named person and the sensitive word near them, as two matches of the word's kind:
    what lies between ("has been", "on") is no one's personal detail."""
    words = list(_WORD.finditer(text))
    names = _name_spans(text, words)
    if not names:
        return
    boundaries = [found.start() for found in _SENTENCE_END.finditer(text)]
    names = [(start, end, _sentence_of(boundaries, start)) for start, end in names]
    for start, end, kind in _sensitive_spans(text, words):
        sentence = _sentence_of(boundaries, start)
        near = [
            (max(start - name_end, name_start - end), name_start, name_end)
            for name_start, name_end, name_sentence in names
            if name_sentence == sentence and (name_end <= start or end <= name_start)
        ]
        near = [item for item in near if item[0] <= _NEAR]
        if near:
            _gap, name_start, name_end = min(near)
            yield Match(name_start, name_end, kind)
            yield Match(start, end, kind)


# --- All of it ----------------------------------------------------------------------------

_FINDERS = (_personal_ids, _emails, _phones, _addresses, _about_named_people)


def find(text):
    """What in ``text`` looks like personal details: non-overlapping ``Match``es in the
    order they appear."""
    if not text:
        return ()
    found = [match for finder in _FINDERS for match in finder(text)]
    found.sort(key=lambda match: (PRIORITY.index(match.kind), match.start, -match.end))
    kept = []
    for match in found:
        if all(match.end <= other.start or other.end <= match.start for other in kept):
            kept.append(match)
    return tuple(sorted(kept, key=lambda match: match.start))


class PersonalDetails(Exception):
    """A text looks like it holds personal details and was not posted. ``found`` maps each
    name given to ``check`` (a form field's name) to its text and the matches in it.
    ``refused``: it holds a valid personal identity code, which no confirmation lets through."""

    def __init__(self, found):
        self.found = found
        super().__init__(", ".join(found))

    @property
    def refused(self):
        return any(match.refused for _text, matches in self.found.values() for match in matches)

    @property
    def message(self):
        if self.refused:
            return gettext(
                "This looks like a Finnish personal identity code. It cannot be posted: "
                "remove it and send again."
            )
        return gettext("This looks like personal information — do you want to post it publicly?")

    def matches(self, name):
        return self.found.get(name, ("", ()))[1]


def check(*, confirmed=False, **texts):
    """Look at each of ``texts`` (by name, e.g. title=..., body=...) before it is posted.

    Raises ``PersonalDetails`` when something is found and the person has not confirmed it,
    or when a valid identity code is found, confirmed or not. Returns True when something was
    found and confirmed (the post is then marked as shared despite the warning), else False.
    """
    found = {name: (text, find(text)) for name, text in texts.items()}
    found = {name: item for name, item in found.items() if item[1]}
    if not found:
        return False
    error = PersonalDetails(found)
    if error.refused or not confirmed:
        raise error
    return True


# --- On a page ----------------------------------------------------------------------------


def highlight(text, matches):
    """``text`` as safe HTML with each match in <mark>, followed by words that say what it
    looks like for those who cannot see the highlight."""
    parts, position = [], 0
    for match in matches:
        parts.append(escape(text[position : match.start]))
        parts.append(
            format_html(
                '<mark>{}<span class="visually-hidden"> ({})</span></mark>',
                text[match.start : match.end],
                match.label,
            )
        )
        position = match.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


CONFIRM_FIELD = "confirm_personal"
# The id of the warning on the page, which the checkbox to post anyway points to.
WARNING_ID = "personal-details-warning"


class PersonalDetailsForm(forms.Form):
    """A form whose texts may be refused with ``PersonalDetails``: after a warning it shows a
    checkbox to post them as they are, and ``personal_parts`` with the findings highlighted.

    Until then the confirmation is a hidden field that is off, so nothing is confirmed before
    the person has seen what the warning is about."""

    confirm_personal = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm_label = gettext_lazy("Post it anyway: I want everyone who can read this to see it.")

    personal_details = None  # the PersonalDetails this form was last refused with

    def refuse_personal_details(self, error):
        """Show ``error`` on the form: a message on each field concerned, what was typed kept,
        and, unless it is refused outright, the checkbox to post it anyway, last, next to
        the button that sends the form."""
        self.personal_details = error
        for name in error.found:
            self.add_error(name if name in self.fields else None, error.message)
        field = self.fields.pop(CONFIRM_FIELD)
        self.fields[CONFIRM_FIELD] = field
        if error.refused:
            # Sent again as off: a confirmation given before cannot ride along unseen.
            field.disabled = True
        else:
            field.widget = forms.CheckboxInput(attrs={"aria-describedby": WARNING_ID})
            field.label = self.confirm_label
        # A bound field remembers the label it was made with.
        self._bound_fields_cache.pop(CONFIRM_FIELD, None)

    def personal_label(self, name):
        """What the warning calls the field ``name``."""
        return self.fields[name].label if name in self.fields else ""

    @property
    def personal_parts(self):
        """For the warning: each field concerned, its label and its text highlighted."""
        if self.personal_details is None:
            return []
        return [
            {"label": self.personal_label(name), "html": highlight(text, matches)}
            for name, (text, matches) in self.personal_details.found.items()
        ]
