"""Demo of the feedback loop: answered, waiting and overdue ideas. Used by ``ideas.demo``.

Rows are written directly with their dates in the past (the services date everything now and
notify people), and found again by idea and status, so the seed can run again.
"""

from datetime import timedelta

from django.utils import timezone

from ideas.models import Idea

from .models import OfficialResponse, ResponseFeedback, ResponseVersion, StatusChange, Verdict
from .statuses import IdeaStatus

STAFF = "tyontekija@kohtaamo.example"
DECISION_MAKER = "paattaja@kohtaamo.example"

# Per idea (by title): the status changes and responses, each `days` after the idea was posted.
HISTORIES = {
    "Takaisinsoitto samalta työntekijältä": [
        {
            "days": 12,
            "by": DECISION_MAKER,
            "decision": IdeaStatus.IN_DEVELOPMENT,
            "reasons": (
                "Takaisinsoitto samalta työntekijältä vähentää soittoja ja turhia käyntejä. "
                "Kokeilemme mallia kahdella terveysasemalla ennen kuin se otetaan käyttöön "
                "koko alueella."
            ),
            "next_step": "Kokeilu Rovaniemen ja Kemin terveysasemilla kevään ajan.",
            "plain_summary": (
                "Idea on hyvä. Kokeilemme sitä kahdella terveysasemalla. Ne ovat Rovaniemellä ja "
                "Kemissä.\n\nKokeilu kestää kevään. Sen jälkeen päätämme, tuleeko malli "
                "kaikille terveysasemille."
            ),
            "responsible": "Lapin hyvinvointialue, perusterveydenhuolto",
            "due_days": 75,
            "earlier_reasons": "Kokeilemme mallia kahdella terveysasemalla.",
            "feedback": [
                ("puolukka@kohtaamo.example", Verdict.YES, "Kiitos, tätä odotettiin!"),
                ("asiakas@kohtaamo.example", Verdict.PARTLY, "Entä muut terveysasemat?"),
            ],
        }
    ],
    "Etävastaanotto pitkien matkojen päähän": [
        {
            "days": 5,
            "by": STAFF,
            "status": IdeaStatus.UNDER_CONSIDERATION,
            "explanation": "Viemme idean etäpalvelujen työryhmän käsiteltäväksi.",
        }
    ],
    "Kahvila kirjaston tiloihin": [
        {
            "days": 10,
            "by": STAFF,
            "status": IdeaStatus.UNDER_CONSIDERATION,
            "explanation": "Kysymme kirjastolta, sopisivatko tilat kahvilalle.",
        },
        {
            "days": 40,
            "by": STAFF,
            "status": IdeaStatus.IN_DEVELOPMENT,
            "explanation": "Kirjasto tarjosi tilat. Ensimmäinen kokeilukahvila on sovittu.",
        },
        {
            "days": 100,
            "by": DECISION_MAKER,
            "decision": IdeaStatus.IMPLEMENTED,
            "reasons": (
                "Kehittäjäkahvila kokoontuu nyt kuukausittain Rovaniemen pääkirjastossa. "
                "Matalan kynnyksen tila toi mukaan uusia osallistujia."
            ),
            "next_step": "Kahvila jatkuu; syksyllä kokeillaan myös Kemin kirjastoa.",
            "responsible": "Osallisuuskoordinaattori",
            "feedback": [("asiakas@kohtaamo.example", Verdict.YES, "")],
        },
    ],
    "Kahvilan aiheet etukäteen tiedoksi": [
        {
            "days": 45,
            "by": DECISION_MAKER,
            "decision": IdeaStatus.NOT_TAKEN_FORWARD,
            "reasons": (
                "Kahvilan idea on, että aiheet nousevat osallistujilta paikan päällä. "
                "Emme siksi julkaise aiheita etukäteen."
            ),
            "feedback": [
                (
                    "lumikko@kohtaamo.example",
                    Verdict.NO,
                    "Jännittää tulla, jos ei tiedä mistä puhutaan. Voisiko edes "
                    "teeman kertoa etukäteen?",
                )
            ],
        }
    ],
    "Päätöksen tärkein asia ensimmäiselle riville": [
        {
            "days": 20,
            "by": DECISION_MAKER,
            "decision": IdeaStatus.UNDER_CONSIDERATION,
            "reasons": (
                "Päätöspohjat uudistetaan ensi vuonna. Ideasi otetaan mukaan uudistuksen "
                "lähtötietoihin."
            ),
            "next_step": "Päätöspohjien uudistustyöryhmä kokoontuu tammikuussa.",
            "responsible": "Asiakirjahallinto",
            "feedback": [("satama@kohtaamo.example", Verdict.PARTLY, "")],
        }
    ],
}


def seed_feedback(people):
    """Give the demo ideas their histories. ``people``: the demo people by e-mail."""
    for title, steps in HISTORIES.items():
        idea = Idea.objects.filter(title=title).select_related("round").first()
        if idea is None:
            continue
        for step in steps:
            actor = people[step["by"]]
            idea.round.region.officials.add(actor)
            at = idea.created_at + timedelta(days=step["days"])
            if "decision" in step:
                _respond(idea, actor, at, step, people)
            else:
                _move(idea, actor, at, step["status"], step["explanation"])


def _move(idea, actor, at, status, explanation):
    existing = idea.status_changes.filter(to_status=status).first()
    if existing is not None:
        return existing
    change = StatusChange.objects.create(
        idea=idea,
        actor=actor,
        actor_role=actor.role,
        from_status=idea.status,
        to_status=status,
        explanation=explanation,
        created_at=at,
    )
    idea.status = status
    idea.save(update_fields=["status"])
    return change


def _respond(idea, actor, at, step, people):
    decision = step["decision"]
    if idea.responses.filter(decision=decision).exists():
        return
    change = None
    if idea.status != decision:
        change = _move(idea, actor, at, decision, step["reasons"])
    due_days = step.get("due_days")
    response = OfficialResponse.objects.create(
        idea=idea,
        responder=actor,
        responder_role=actor.role,
        decision=decision,
        status_change=change,
        reasons=step["reasons"],
        next_step=step.get("next_step", ""),
        plain_summary=step.get("plain_summary", ""),
        responsible=step.get("responsible", ""),
        due_date=(timezone.now() + timedelta(days=due_days)).date() if due_days else None,
        published_at=at,
    )
    if "earlier_reasons" in step:
        ResponseVersion.objects.create(
            response=response,
            reasons=step["earlier_reasons"],
            replaced_at=at + timedelta(days=2),
            replaced_by=actor,
        )
        response.edited_at = at + timedelta(days=2)
        response.save(update_fields=["edited_at"])
    for email, verdict, comment in step.get("feedback", []):
        ResponseFeedback.objects.get_or_create(
            response=response,
            person=people[email],
            defaults={
                "verdict": verdict,
                "comment": comment,
                "created_at": at + timedelta(days=3),
                "updated_at": at + timedelta(days=3),
            },
        )
