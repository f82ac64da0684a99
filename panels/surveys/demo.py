"""Demo surveys with answers, in Finnish. Called from panels.demo.seed_panels.

Idempotent: surveys are found by (region, title), questions by (survey, text), choices by
(question, label); answers are added only to a survey that has none yet.
"""

from datetime import timedelta

from django.utils import timezone

from panels.models import Membership

from .models import (
    Answer,
    AnsweredMarker,
    Choice,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    Survey,
)
from .services import _coarse_time

WHEEL = ["Asuminen", "Terveys", "Työ tai opiskelu", "Ihmissuhteet", "Raha-asiat", "Vapaa-aika"]

# (region, panel slug or None, title, introduction, days open from today (start, end),
#  anonymous, results, questions: (kind, text, required, choices, low, high))
SURVEYS = [
    (
        "lappi",
        "rovaniemen-kehittajaasiakasryhma",
        "Elämänpyörä – miten elämäsi eri osa-alueet voivat?",
        "Arvioi elämäsi osa-alueita asteikolla 0–10. Näet oman pyöräsi ja kaikkien "
        "vastaajien keskiarvon. Käytämme vastauksia omatyöntekijätapaamisten pohjana.",
        (-10, 20),
        False,
        ResultsVisibility.IMMEDIATELY,
        [
            (QuestionKind.LIFE_WHEEL, "Elämänpyöräsi", True, WHEEL, "", ""),
            (
                QuestionKind.LONG_TEXT,
                "Mihin osa-alueeseen toivoisit tukea ensimmäisenä?",
                False,
                [],
                "",
                "",
            ),
        ],
    ),
    (
        "etela-karjala",
        None,
        "Terveysaseman aukioloajat – pop-up-kysely",
        "Kysyimme terveysaseman aulassa, sopivatko aukioloajat sinulle. Vastaaminen vie "
        "kaksi minuuttia ja on nimetöntä.",
        (-5, 25),
        True,
        ResultsVisibility.AFTER_CLOSING,
        [
            (
                QuestionKind.SINGLE_CHOICE,
                "Mihin aikaan asioit mieluiten?",
                True,
                ["Aamulla ennen kahdeksaa", "Päivällä", "Iltaisin", "Viikonloppuna"],
                "",
                "",
            ),
            (
                QuestionKind.LIKERT,
                "Nykyiset aukioloajat sopivat minulle.",
                True,
                [],
                "täysin eri mieltä",
                "täysin samaa mieltä",
            ),
            (
                QuestionKind.MULTIPLE_CHOICE,
                "Miten haluaisit asioida?",
                False,
                ["Puhelimessa", "Chatissa", "Paikan päällä"],
                "",
                "",
            ),
        ],
    ),
    (
        "pohjois-karjala",
        None,
        "Elämänlaatukysely nelikantakeskusteluihin",
        "Kevään kysely on päättynyt. Kiitos vastaajille! Tulokset näkyvät alla.",
        (-60, -5),
        False,
        ResultsVisibility.AFTER_CLOSING,
        [
            (
                QuestionKind.SCALE,
                "Kuinka tyytyväinen olet elämääsi nyt?",
                True,
                [],
                "en lainkaan",
                "erittäin",
            ),
            (
                QuestionKind.SINGLE_CHOICE,
                "Saitko palvelusuunnitelman tehtyä?",
                True,
                ["Kyllä", "Osittain", "En"],
                "",
                "",
            ),
            (QuestionKind.SHORT_TEXT, "Yksi sana, joka kuvaa tapaamista", False, [], "", ""),
        ],
    ),
]

WORDS = ["Kuunteleva", "Kiireinen", "Toiveikas", "Selkeä", "Turvallinen", "Sekava"]

# Written answers to the life wheel's follow-up question, in the respondents' own words.
WISHES = [
    "Asuminen ja raha-asiat ensin, sitten muu.",
    "Terveys. Uni on ollut huonoa koko syksyn.",
    "Työ tai opiskelu: haluaisin päästä kurssille, mutta en tiedä mistä aloittaa.",
    "Ihmissuhteet. Olen paljon yksin, ja se painaa.",
    "Raha-asiat, koska velat vievät yöunet.",
    "Vapaa-aika: jokin harrastus, johon uskaltaisi mennä yksin.",
]


def _answers_for(question, n):
    choices = list(question.choices.order_by("sort_order"))
    if question.kind == QuestionKind.LIFE_WHEEL:
        return [{"choice": c, "number": (n * 3 + i * 2) % 9 + 2} for i, c in enumerate(choices)]
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return [{"choice": choices[(n * 7) % len(choices)]}]
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return [{"choice": c} for i, c in enumerate(choices) if (n + i) % 2 == 0]
    if question.kind == QuestionKind.LIKERT:
        return [{"number": (n * 3) % 5 + 1}]
    if question.kind == QuestionKind.SCALE:
        return [{"number": (n * 5) % 7 + 4}]
    if question.kind == QuestionKind.SHORT_TEXT:
        return [{"text": WORDS[n % len(WORDS)]}]
    if n % 2:
        return [{"text": WISHES[(n // 2) % len(WISHES)]}]
    return []


def seed_surveys(regions, panels, people):
    demo_people = [p for email, p in people.items() if email.endswith("@kohtaamo.example")]
    staff = people.get("tyontekija@kohtaamo.example")
    now = timezone.now()
    for region, panel, title, intro, (start, end), anonymous, results, questions in SURVEYS:
        survey, _ = Survey.objects.update_or_create(
            region=regions[region],
            title=title,
            defaults={
                "introduction": intro,
                "is_published": True,
                "opens_at": now + timedelta(days=start),
                "closes_at": now + timedelta(days=end),
                "is_anonymous": anonymous,
                "results_visibility": results,
                "created_by": staff,
                # Demo surveys are not announced again on every seed.
                "announced_at": now,
            },
        )
        if panel:
            survey.panels.set([panels[panel]])
        for order, (kind, text, required, choices, low, high) in enumerate(questions):
            question, _ = Question.objects.update_or_create(
                survey=survey,
                text=text,
                defaults={
                    "kind": kind,
                    "required": required,
                    "low_label": low,
                    "high_label": high,
                    "sort_order": order,
                },
            )
            for position, label in enumerate(choices):
                Choice.objects.update_or_create(
                    question=question, label=label, defaults={"sort_order": position}
                )
        if survey.responses.exists():
            continue
        stored = list(survey.questions.order_by("sort_order"))
        # Demo people, plus unnamed respondents so that results pass the anonymity threshold.
        respondents = [p for p in demo_people if p.email != "asiakas@kohtaamo.example"]
        if panel:
            members = Membership.objects.active().filter(panel=panels[panel]).values("person")
            respondents = [p for p in respondents if p.pk in {m["person"] for m in members}]
        for n in range(max(len(respondents), 8)):
            person = respondents[n] if n < len(respondents) else None
            if anonymous:
                response = Response.objects.create(survey=survey, submitted_at=_coarse_time(now))
                if person is not None:
                    AnsweredMarker.objects.get_or_create(survey=survey, user=person)
            else:
                response = Response.objects.create(survey=survey, respondent=person)
            Answer.objects.bulk_create(
                Answer(response=response, question=q, **row)
                for q in stored
                for row in _answers_for(q, n)
            )
