"""Demo surveys with answers, in Finnish. Called from panels.demo.seed_panels.

Idempotent: surveys are found by (region, title), questions by (survey, text), choices by
(question, label); answers are added only to a survey that has none yet.

Besides the surveys answered by panels: in Keski-Suomi, a survey about the health station's
new service model answered in phone and pop-up interviews by an expert by experience (through
the interview service, so the interview rules are what let them), and a survey addressed to
the region's staff about participatory work.
"""

import uuid
from datetime import timedelta

from django.utils import timezone

from panels.models import Membership
from panels.segments.demo import seed_segments
from panels.segments.models import ClientGroup

from .models import (
    Answer,
    AnsweredMarker,
    Channel,
    Choice,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    Survey,
)
from .services import _coarse_time, submit_interview

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


def _survey(region, title, intro, days, questions, **fields):
    now = timezone.now()
    survey, _ = Survey.objects.update_or_create(
        region=region,
        title=title,
        defaults={
            "introduction": intro,
            "is_published": True,
            "opens_at": now + timedelta(days=days[0]),
            "closes_at": now + timedelta(days=days[1]),
            "announced_at": now,  # demo surveys are not announced again on every seed
            **fields,
        },
    )
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
    return survey


SERVICE_MODEL = (
    "Terveysaseman uusi palvelumalli",
    "Terveysasema siirtyi malliin, jossa ensin soitetaan hoitajalle ja aika varataan "
    "tarpeen mukaan. Kokemusasiantuntijat kysyvät puhelimessa ja terveysaseman aulassa, "
    "miten malli on toiminut.",
    [
        (
            QuestionKind.SINGLE_CHOICE,
            "Miten sait yhteyden terveysasemalle viimeksi?",
            True,
            ["Puhelimella heti", "Takaisinsoitolla", "Chatissa", "En saanut yhteyttä"],
            "",
            "",
        ),
        (
            QuestionKind.LIKERT,
            "Sain apua oikeaan aikaan.",
            True,
            [],
            "täysin eri mieltä",
            "täysin samaa mieltä",
        ),
        (QuestionKind.LONG_TEXT, "Mitä muuttaisit palvelumallissa?", False, [], "", ""),
    ],
)
# Channel and client group (by name, or None: not told) of each interview.
INTERVIEWS = (
    [(Channel.PHONE, "Ikääntyneet")] * 4
    + [(Channel.PHONE, "Lapsiperheet")] * 3
    + [(Channel.PHONE, None)] * 4
    + [(Channel.POP_UP, "Ikääntyneet")] * 2
    + [(Channel.POP_UP, "Lapsiperheet")] * 2
    + [(Channel.POP_UP, None)]
)
CHANGES = [
    "Takaisinsoittoa joutuu odottamaan koko päivän, eikä puhelinta voi pitää koko ajan "
    "mukana töissä.",
    "Hoitaja osasi ohjata suoraan oikealle lääkärille. Hyvä muutos.",
    "Iäkkäälle äidilleni chat ei sovi: hän haluaa puhua ihmisen kanssa.",
    "Lapsen kanssa olisi hyvä päästä samana päivänä, nyt aika meni huomiselle.",
]

STAFF_ATTITUDES = (
    "Työntekijöiden näkemykset osallistavasta työstä",
    "Pilotit arvioivat myös henkilöstön asenteita: miten asiakkaiden ja kokemus"
    "asiantuntijoiden osallistuminen näkyy omassa työssäsi? Vastaukset ovat nimettömiä.",
    [
        (
            QuestionKind.LIKERT,
            "Asiakkaiden osallistuminen parantaa palvelujen laatua.",
            True,
            [],
            "täysin eri mieltä",
            "täysin samaa mieltä",
        ),
        (
            QuestionKind.SINGLE_CHOICE,
            "Kuinka usein teet työtä yhdessä kokemusasiantuntijan kanssa?",
            True,
            ["Viikoittain", "Kuukausittain", "Harvemmin", "En koskaan"],
            "",
            "",
        ),
    ],
)


def seed_interview_surveys(regions, people):
    """The Keski-Suomi interview survey and the staff-attitudes survey (see the docstring)."""
    region = regions["keski-suomi"]
    seed_segments()  # the region's client groups, which the interviews are counted under
    staff = people.get("osallisuus@kohtaamo.example")
    title, intro, questions = SERVICE_MODEL
    survey = _survey(
        region,
        title,
        intro,
        (-7, 21),
        questions,
        is_anonymous=False,
        results_visibility=ResultsVisibility.IMMEDIATELY,
        created_by=staff,
    )
    interviewer = people.get("kokemus@kohtaamo.example")
    if interviewer is not None and not survey.responses.exists():
        groups = {group.name: group for group in ClientGroup.objects.filter(region=region)}
        stored = list(survey.questions.order_by("sort_order").prefetch_related("choices"))
        for n, (channel, group) in enumerate(INTERVIEWS):
            rows = []
            for question in stored:
                for row in _interview_answers(question, n):
                    rows.append({"question": question, **row})
            submit_interview(
                survey,
                interviewer,
                rows,
                channel=channel,
                client_group=groups.get(group),
                client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"kohtaamo-demo-interview-{n}"),
            )

    title, intro, questions = STAFF_ATTITUDES
    attitudes = _survey(
        region,
        title,
        intro,
        (-3, 30),
        questions,
        is_anonymous=True,
        results_visibility=ResultsVisibility.AFTER_CLOSING,
        audience_staff=True,
        created_by=staff,
    )
    if not attitudes.responses.exists():
        stored = list(attitudes.questions.order_by("sort_order"))
        for n in range(6):
            response = Response.objects.create(
                survey=attitudes, submitted_at=_coarse_time(timezone.now())
            )
            Answer.objects.bulk_create(
                Answer(response=response, question=q, **row)
                for q in stored
                for row in _answers_for(q, n)
            )
        if staff is not None:
            AnsweredMarker.objects.get_or_create(survey=attitudes, user=staff)


def _interview_answers(question, n):
    if question.kind == QuestionKind.LONG_TEXT:
        return [{"text": CHANGES[n % len(CHANGES)]}] if n % 3 == 0 else []
    return _answers_for(question, n)


# Selkokieli versions of survey introductions, by title.
PLAIN_SUMMARIES = {
    "Elämänpyörä – miten elämäsi eri osa-alueet voivat?": (
        "Tässä kyselyssä arvioit elämääsi. Anna jokaiselle asialle numero. 0 on huono. 10 on "
        "hyvä.\n\nNäet sen jälkeen oman pyöräsi. Näet myös, mitä muut vastasivat. Työntekijäsi "
        "voi puhua vastauksista kanssasi."
    ),
}


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
                "plain_summary": PLAIN_SUMMARIES.get(title, ""),
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
    seed_interview_surveys(regions, people)
