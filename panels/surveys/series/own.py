"""A person's own life wheels over time, and the sealed copy that makes them possible in an
anonymous series.

In a named round the person's ratings are their response's answers (``Response.respondent``).
In an anonymous round nothing links an answer to anyone (panels.surveys.models), so the
person's wheels could not be shown again. When they answer, a copy of their life-wheel
ratings (and nothing else: no other answer, no time) is kept for them in an ``OwnWheel``,
sealed with AES-256-GCM under a key derived by HKDF from SECRET_KEY with the person's and the
series' ids in its ``info``; the row's person and round are authenticated with it, so a
sealed copy moved to another person or round does not open. It is padded to one length for
the round, so its length says nothing of the ratings. The person can delete their copies at
any time; they go with the account.

What someone who reads the database (or a backup) learns from an ``OwnWheel``: that this
person answered this round (the survey's ``AnsweredMarker`` says so already) and how many
domains the wheel has (the survey says so). Not the ratings, and not which stored response is
theirs.

What it costs: someone who holds both the database and SECRET_KEY can open the copy and look
for the stored responses of that round with the same ratings, which may single out the
person's response (and its other answers). Without the copy that person would learn nothing;
this is the price of showing a person their own wheels over time, and why the copy holds the
wheel ratings only and can be deleted. The server's secret is guarded like the sealed waiting
answers' (panels.surveys.sealing), which it shares.
"""

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.encoding import force_bytes

from panels.surveys.models import Answer, QuestionKind

from .domains import life_wheels, series_wheels
from .models import OwnWheel, SeriesRound

VERSION = b"\x01"
NONCE_BYTES = 12
PAD_STEP = 64
# The most one rating takes in the JSON: "null," (a rating is 0-10).
RATING_BYTES = 5


class Unreadable(Exception):
    """No key this server has opens the copy."""


def _key(secret, person_id, series_id):
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"kohtaamo.panels.surveys.series.own",
        info=f"own life wheels, AES-256-GCM, v1, person {person_id}, series {series_id}".encode(),
    ).derive(force_bytes(secret))


def _keys(person_id, series_id):
    yield _key(settings.SECRET_KEY, person_id, series_id)
    for secret in getattr(settings, "SECRET_KEY_FALLBACKS", []):
        yield _key(secret, person_id, series_id)


def _associated(person_id, round_id):
    return f"survey_series.own:{person_id}:{round_id}".encode()


def padded_length(shape):
    """The sealed length of any ratings of wheels with ``shape`` (domains per wheel)."""
    size = 16 + sum(4 + RATING_BYTES * domains for domains in shape)
    return -(-size // PAD_STEP) * PAD_STEP


def seal_ratings(person_id, round_, ratings):
    """Seal ``ratings`` (per wheel, the ratings by domain position) for ``person_id`` in
    ``round_`` (a SeriesRound)."""
    payload = json.dumps({"w": ratings}, separators=(",", ":")).encode()
    size = max(padded_length([len(wheel) for wheel in ratings]), len(payload))
    plaintext = payload + b" " * (size - len(payload))
    nonce = os.urandom(NONCE_BYTES)
    key = next(_keys(person_id, round_.series_id))
    return (
        VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, _associated(person_id, round_.pk))
    )


def open_ratings(person_id, round_, sealed):
    """The ratings ``seal_ratings`` sealed; Unreadable if no key opens them for this person
    and round."""
    sealed = bytes(sealed)
    if sealed[:1] != VERSION:
        raise Unreadable
    nonce, ciphertext = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
    for key in _keys(person_id, round_.series_id):
        try:
            plaintext = AESGCM(key).decrypt(nonce, ciphertext, _associated(person_id, round_.pk))
        except InvalidTag:
            continue
        return json.loads(plaintext)["w"]
    raise Unreadable


def keep_own_wheel(sender, survey, person, rows, **kwargs):
    """Receiver of panels.surveys.services.survey_answered: keep a signed-in person's own
    sealed copy of the life-wheel ratings they gave in an anonymous round of a series. Runs
    in the answer's transaction, so the copy is kept exactly when the answer is."""
    if not survey.is_anonymous or person is None or not person.is_authenticated:
        return
    round_ = SeriesRound.objects.filter(survey=survey).first()
    if round_ is None:
        return
    wheels = life_wheels([survey.pk]).get(survey.pk, [])
    if not wheels:
        return
    given = {
        (row["question"].pk, row["choice"].pk): row.get("number")
        for row in rows
        if row.get("choice") is not None and row["question"].kind == QuestionKind.LIFE_WHEEL
    }
    ratings = [
        [given.get((question.pk, domain.pk)) for domain in question.choices.all()]
        for question in wheels
    ]
    OwnWheel.objects.update_or_create(
        person=person, round=round_, defaults={"sealed": seal_ratings(person.pk, round_, ratings)}
    )


def keep_copy(person, round_, ratings):
    """Keep ``ratings`` as ``person``'s own copy for ``round_`` (the demo's way in)."""
    OwnWheel.objects.update_or_create(
        person=person, round=round_, defaults={"sealed": seal_ratings(person.pk, round_, ratings)}
    )


def wheels_over_time(person, series):
    """``person``'s own life wheels in ``series``: (SeriesWheels, [(round, own wheel id or
    None, ratings per wheel)]) for the rounds they have ratings for, in round order. Four
    queries, however many rounds."""
    rounds = list(series.rounds.select_related("survey").order_by("number"))
    shape = series_wheels(rounds)
    named = [r.survey_id for r in rounds if not r.survey.is_anonymous]
    values = {r.pk: {} for r in rounds}
    round_of_survey = {r.survey_id: r.pk for r in rounds}
    if named:
        for survey_id, choice_id, number in Answer.objects.filter(
            response__survey__in=named,
            response__respondent=person,
            question__kind=QuestionKind.LIFE_WHEEL,
            number__isnull=False,
        ).values_list("response__survey", "choice", "number"):
            values[round_of_survey[survey_id]][choice_id] = number
    copies = {
        wheel.round_id: wheel
        for wheel in OwnWheel.objects.filter(person=person, round__in=[r.pk for r in rounds])
    }
    found = []
    for round_ in rounds:
        copy = copies.get(round_.pk)
        if round_.survey.is_anonymous and copy is not None:
            try:
                ratings = open_ratings(person.pk, round_, copy.sealed)
            except Unreadable:
                continue
            ratings = _fit(ratings, shape)
            found.append((round_, copy.pk, ratings))
        elif values[round_.pk]:
            found.append((round_, None, shape.ratings(round_.pk, values[round_.pk])))
    return shape, found


def _fit(ratings, shape):
    """A copy's ratings to the series' shape now (a wheel or domain added later is None)."""
    return [
        [
            (ratings[n][m] if n < len(ratings) and m < len(ratings[n]) else None)
            for m in range(len(wheel.labels))
        ]
        for n, wheel in enumerate(shape.wheels)
    ]
