"""A person's own sealed copy of their life wheel in an anonymous round, and their wheels
over time."""

import pytest
from django.test import override_settings

from accounts.privacy.erasure import delete_account
from accounts.privacy.export import collect_sections
from panels.surveys.models import Response
from panels.surveys.series.models import OwnWheel
from panels.surveys.series.own import Unreadable, open_ratings, wheels_over_time
from panels.surveys.services import submit_response
from tests.factories import UserFactory

from .helpers import add_ratings, make_series, member, wheel_of

pytestmark = pytest.mark.django_db


def _answer(round_, person, values):
    question, domains = wheel_of(round_)
    rows = [
        {"question": question, "choice": domain, "number": value}
        for domain, value in zip(domains, values, strict=True)
    ]
    submit_response(round_.survey, person, rows)


def _open_round(series):
    return series.rounds.order_by("-number").first()


def test_answering_an_anonymous_round_keeps_a_sealed_copy():
    series, panel, _staff = make_series(rounds=2)
    person = member(panel)
    round_ = _open_round(series)
    _answer(round_, person, [7, 3, 9, 10])
    wheel = OwnWheel.objects.get(person=person, round=round_)
    sealed = bytes(wheel.sealed)
    # Nothing readable: neither the JSON nor the numbers in clear.
    assert b"[7,3,9,10]" not in sealed and b'"w"' not in sealed
    assert open_ratings(person.pk, round_, sealed) == [[7, 3, 9, 10]]
    # Another person's key (or the same copy claimed for another person) does not open it.
    other = UserFactory()
    with pytest.raises(Unreadable):
        open_ratings(other.pk, round_, sealed)
    # Nor does it open under another round.
    with pytest.raises(Unreadable):
        open_ratings(person.pk, series.rounds.get(number=1), sealed)
    # The answer itself is still not linked to the person.
    assert not Response.objects.filter(respondent=person).exists()


def test_the_copy_is_as_long_whatever_the_ratings():
    series, panel, _staff = make_series(rounds=2)
    round_ = _open_round(series)
    low, high = member(panel), member(panel)
    _answer(round_, low, [0, 0, 0, 0])
    _answer(round_, high, [10, 10, 10, 10])
    lengths = {len(bytes(w.sealed)) for w in OwnWheel.objects.filter(round=round_)}
    assert len(lengths) == 1


def test_a_rotated_key_still_opens_the_copy():
    series, panel, _staff = make_series(rounds=2)
    person = member(panel)
    round_ = _open_round(series)
    _answer(round_, person, [1, 2, 3, 4])
    sealed = OwnWheel.objects.get(person=person).sealed
    from django.conf import settings

    with override_settings(SECRET_KEY="x" * 60, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert open_ratings(person.pk, round_, sealed) == [[1, 2, 3, 4]]
    with (
        override_settings(SECRET_KEY="y" * 60, SECRET_KEY_FALLBACKS=[]),
        pytest.raises(Unreadable),
    ):
        open_ratings(person.pk, round_, sealed)


def test_a_survey_outside_any_series_keeps_no_copy():
    from tests.panels.surveys.factories import full_survey

    survey, q = full_survey(is_anonymous=True)
    person = UserFactory()
    domains = list(q["life_wheel"].choices.all())
    rows = [{"question": q["life_wheel"], "choice": d, "number": 5} for d in domains]
    submit_response(survey, person, rows)
    assert not OwnWheel.objects.exists()


def test_wheels_over_time_from_copies_and_from_named_answers():
    series, panel, _staff = make_series(rounds=2, anonymous=False)
    person = member(panel)
    first, second = series.rounds.order_by("number")
    add_ratings(first, [[2, 3, 4, 5]], people=[person])
    _answer(second, person, [4, 3, 6, 8])
    assert not OwnWheel.objects.exists()  # named: the response is theirs already
    shape, found = wheels_over_time(person, series)
    assert [r.number for r, _id, _ratings in found] == [1, 2]
    assert [ratings for _r, _id, ratings in found] == [[[2, 3, 4, 5]], [[4, 3, 6, 8]]]
    assert shape.wheels[0].labels == ["Asuminen", "Terveys", "Ihmissuhteet", "Vapaa-aika"]
    # Somebody else has none.
    assert wheels_over_time(member(panel), series)[1] == []


def test_the_export_has_the_opened_copies_and_erasure_removes_them():
    series, panel, _staff = make_series(rounds=2)
    person = member(panel)
    _answer(_open_round(series), person, [5, 6, 7, 8])
    sections = {section.key: section for section in collect_sections(person)}
    rows = sections["own_life_wheels"].rows
    assert [(row["domain"], row["rating"]) for row in rows] == [
        ("Asuminen", 5),
        ("Terveys", 6),
        ("Ihmissuhteet", 7),
        ("Vapaa-aika", 8),
    ]
    delete_account(person)
    assert not OwnWheel.objects.exists()
