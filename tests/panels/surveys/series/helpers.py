"""Series with answers, for the series tests: real rows, through the services."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from panels.surveys.models import Answer, AnsweredMarker, Response
from panels.surveys.series.models import Series, SeriesRound
from panels.surveys.series.services import start_next_round
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

DOMAINS = ("Asuminen", "Terveys", "Ihmissuhteet", "Vapaa-aika")


def first_survey(region, panel, *, anonymous=True, **kwargs):
    survey = SurveyFactory(
        region=region,
        panels=[panel],
        is_anonymous=anonymous,
        opens_at=timezone.now() - timedelta(days=400),
        closes_at=timezone.now() - timedelta(days=370),
        **kwargs,
    )
    QuestionFactory(survey=survey, kind="single_choice", text="Mikä palvelu?", sort_order=0)
    wheel = QuestionFactory(survey=survey, kind="life_wheel", text="Elämänpyörä", sort_order=1)
    for position, label in enumerate(DOMAINS):
        ChoiceFactory(question=wheel, label=label, sort_order=position)
    for position, label in enumerate(("Ohjaamo", "Neuvola")):
        ChoiceFactory(question=survey.questions.get(sort_order=0), label=label, sort_order=position)
    return survey


def make_series(region=None, *, rounds=2, anonymous=True, staff=None, panel=None):
    """A series of ``rounds`` rounds for a panel of ``region``; the latest is open now."""
    region = region or RegionFactory()
    panel = panel or PanelFactory(region=region)
    if staff is None:
        staff = UserFactory(staff=True)
        region.officials.add(staff)
    series = Series.objects.create(region=region, name="Elämänpyörä ajan mittaan")
    survey = first_survey(region, panel, anonymous=anonymous)
    SeriesRound.objects.create(series=series, survey=survey, number=1)
    now = timezone.now()
    for number in range(2, rounds + 1):
        if number == rounds:
            opens, closes = now - timedelta(days=1), now + timedelta(days=20)
        else:
            opens = now - timedelta(days=400 - 30 * number)
            closes = opens + timedelta(days=10)
        start_next_round(series, by=staff, opens_at=opens, closes_at=closes)
    return series, panel, staff


def wheel_of(round_):
    question = round_.survey.questions.get(kind="life_wheel")
    return question, list(question.choices.order_by("sort_order"))


def add_ratings(round_, ratings, *, people=None):
    """Store a response per list of ``ratings`` (one per domain, None for a skipped domain),
    as the released group of an anonymous round or named responses of ``people``."""
    question, domains = wheel_of(round_)
    survey = round_.survey
    for n, values in enumerate(ratings):
        person = people[n] if people else None
        response = Response.objects.create(
            survey=survey, respondent=None if survey.is_anonymous else person
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=question, choice=domain, number=value)
            for domain, value in zip(domains, values, strict=True)
            if value is not None
        )
        if survey.is_anonymous and person is not None:
            AnsweredMarker.objects.get_or_create(survey=survey, user=person)


def member(panel, **kwargs):
    person = UserFactory(**kwargs)
    MembershipFactory(panel=panel, person=person)
    return User.objects.get(pk=person.pk)
