"""The demo series, in Finnish: the psychiatric experts-by-experience panel of Etelä-Pohjanmaa
rates its life wheel on joining and every six months ("the effects of participation on the
participants' own situation", as the pilots put it).

Three anonymous rounds: about a year ago, half a year ago, and one open now. Each has seven
answers (the panel's members), so the group change shows; the demo people kokemus@,
lakeus@ and vertainen@ have their own sealed copies, so "My life wheel over time" shows
their wheels when they log in.

Idempotent: the series is found by (region, name), round 1's survey by (region, title), later
rounds by their number; answers are added only to a round that has none.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import Role
from panels.models import Membership, MembershipStatus, Panel, Region
from panels.surveys.models import (
    Answer,
    AnsweredMarker,
    Choice,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    Survey,
)

from .models import Series, SeriesRound
from .own import keep_copy
from .services import start_next_round

REGION = "etela-pohjanmaa"
PANEL = "psykiatrinen-kokemustoimijaraati"
STAFF = "innoagentti.ep@kohtaamo.example"
NAME = "Elämänpyörä: osallistumisen vaikutukset"
DOMAINS = [
    "Asuminen",
    "Terveys",
    "Mieliala",
    "Ihmissuhteet",
    "Työ tai opiskelu",
    "Raha-asiat",
    "Vapaa-aika",
    "Osallisuus ja vaikuttaminen",
]
# Members who keep their own copies, and further invented members so that each round has
# enough answers to show.
OWN_COPIES = ["kokemus@kohtaamo.example", "lakeus@kohtaamo.example", "vertainen@kohtaamo.example"]
MORE_MEMBERS = [
    ("raatilainen1@kohtaamo.example", "Kevätpuro"),
    ("raatilainen2@kohtaamo.example", "Lakeuden lintu"),
    ("raatilainen3@kohtaamo.example", "Kyrönjoki"),
    ("raatilainen4@kohtaamo.example", "Tuulenpesä"),
]
# (days from today it opened, days it was open)
ROUNDS = [(-365, 30), (-182, 30), (-5, 30)]


def _person(email, display_name):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, display_name=display_name, role=Role.EXPERT_BY_EXPERIENCE)
        user.set_unusable_password()
        user.terms_accepted_at = timezone.now()
        user.save()
    return user


def _member(person, panel):
    if not Membership.objects.active().filter(person=person, panel=panel).exists():
        Membership.objects.create(person=person, panel=panel, status=MembershipStatus.ACTIVE)


def _day(days):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(9)))


def rating(person_index, domain, round_index):
    """Steady, believable change: most domains up a point or two a round, a few flat."""
    base = 2 + (person_index * 3 + domain * 2) % 5
    step = 0 if (person_index + domain) % 4 == 0 else 1 + domain % 2
    return min(10, base + round_index * step)


def _first_survey(region, panel, staff):
    opened, days = ROUNDS[0]
    survey, _created = Survey.objects.update_or_create(
        region=region,
        title=f"{NAME}, kierros 1",
        defaults={
            "introduction": "Arvioi elämäsi osa-alueita asteikolla 0–10. Kysymme samaa "
            "raatiin liittyessä ja puolen vuoden välein: näet oman pyöräsi ajan mittaan, "
            "ja raati näkee, mitä osallistuminen on yhteisesti muuttanut.",
            "is_published": True,
            "is_anonymous": True,
            "results_visibility": ResultsVisibility.AFTER_CLOSING,
            "opens_at": _day(opened),
            "closes_at": _day(opened + days),
            "created_by": staff,
            "announced_at": _day(opened),
        },
    )
    survey.panels.set([panel])
    question, _created = Question.objects.update_or_create(
        survey=survey,
        text="Elämänpyöräsi",
        defaults={"kind": QuestionKind.LIFE_WHEEL, "required": True, "sort_order": 0},
    )
    for position, label in enumerate(DOMAINS):
        Choice.objects.update_or_create(
            question=question, label=label, defaults={"sort_order": position}
        )
    return survey


def seed_series():
    region = Region.objects.filter(slug=REGION).first()
    panel = Panel.objects.filter(slug=PANEL).first()
    staff = get_user_model().objects.filter(email=STAFF).first()
    if region is None or panel is None or staff is None:
        return None
    people = [_person(email, name) for email, name in MORE_MEMBERS]
    own = list(get_user_model().objects.filter(email__in=OWN_COPIES).order_by("email"))
    members = own + people
    for person in members:
        _member(person, panel)
    series, _created = Series.objects.update_or_create(
        region=region,
        name=NAME,
        defaults={
            "description": "Psykiatrisen kokemustoimijaraadin elämänpyörä raatiin liittyessä "
            "ja puolen vuoden välein: mitä osallistuminen on muuttanut osallistujien omassa "
            "elämäntilanteessa.",
            "interval_months": 6,
            "created_by": staff,
        },
    )
    first = _first_survey(region, panel, staff)
    SeriesRound.objects.get_or_create(survey=first, defaults={"series": series, "number": 1})
    for number, (opened, days) in enumerate(ROUNDS[1:], start=2):
        found = series.rounds.filter(number=number).select_related("survey").first()
        if found is None:
            found = start_next_round(
                series, by=staff, opens_at=_day(opened), closes_at=_day(opened + days)
            )
        else:  # keep the demo's dates relative to today
            Survey.objects.filter(pk=found.survey_id).update(
                opens_at=_day(opened), closes_at=_day(opened + days)
            )
        Survey.objects.filter(pk=found.survey_id).update(announced_at=_day(opened))
    for index, round_ in enumerate(series.rounds.select_related("survey").order_by("number")):
        _answer(round_, index, members)
    return series


def _answer(round_, round_index, members):
    survey = round_.survey
    if survey.responses.exists():
        return
    question = survey.questions.get(kind=QuestionKind.LIFE_WHEEL)
    domains = list(question.choices.order_by("sort_order"))
    day = timezone.make_aware(datetime.combine(timezone.localdate(survey.opens_at), time.min))
    for person_index, person in enumerate(members):
        values = [rating(person_index, d, round_index) for d in range(len(domains))]
        response = Response.objects.create(survey=survey, submitted_at=day)
        Answer.objects.bulk_create(
            Answer(response=response, question=question, choice=domain, number=value)
            for domain, value in zip(domains, values, strict=True)
        )
        AnsweredMarker.objects.get_or_create(
            survey=survey, user=person, defaults={"answered_at": survey.opens_at}
        )
        if person.email in OWN_COPIES:
            keep_copy(person, round_, [values])
