"""The demo's innoagent trainings. Used by ``manage.py seed_demo`` only, called at the end of
panels.demo.seed_panels, whose South Ostrobothnia region, people and panels it uses; skipped
without them.

South Ostrobothnia trains innoagents (field/004): a level I training for its staff and a level
II training for the experts by experience of its psychiatric experts-by-experience panel. Both
are completed, so the attendees hold their levels and carry the badge; the panel requires a
level II co-facilitator, which Polkujen kulkija (a facilitator already) now is.

Everything is written through the services, so the notices are what a real completion sends.
A training is found by its region and name and then left as it is; a completed attendee is
not completed again: running the seed again adds nothing.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import InnoagentLevel
from panels.models import Panel, Region

from . import services
from .models import Training

REGION = "etela-pohjanmaa"
PANEL = "psykiatrinen-kokemustoimijaraati"

# name, level, days ago, trainers, attendees, who marks completion (all by e-mail)
TRAININGS = [
    (
        "Innoagenttikoulutus, I-taso (ammattilaiset)",
        InnoagentLevel.LEVEL_I,
        90,
        ["admin@kohtaamo.example"],
        ["innoagentti.ep@kohtaamo.example"],
        "admin@kohtaamo.example",
        "Kolmen päivän koulutus työntekijöille: aktiivisen kohtaamisen foorumi, ideoinnin, "
        "kehittämisen ja arvioinnin fasilitointi sekä yhteiskehittäminen kokemustoimijoiden "
        "kanssa.",
    ),
    (
        "Innoagenttikoulutus, II-taso (kokemustoimijat)",
        InnoagentLevel.LEVEL_II,
        45,
        ["innoagentti.ep@kohtaamo.example"],
        [
            "kokemus@kohtaamo.example",
            "lakeus@kohtaamo.example",
            "vertainen@kohtaamo.example",
        ],
        "innoagentti.ep@kohtaamo.example",
        "Kokemustoimijoiden koulutus raatien fasilitointiin työparina: oman tarinan "
        "käyttäminen, ryhmän ohjaaminen ja palautteen kokoaminen ideakierroksille.",
    ),
]


def seed_trainings():
    region = Region.objects.filter(slug=REGION).first()
    if region is None:
        return []
    emails = {
        email
        for _name, _level, _days, trainers, attendees, marker, _description in TRAININGS
        for email in [*trainers, *attendees, marker]
    }
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    trainings = []
    for name, level, days, trainers, attendees, marker, description in TRAININGS:
        training, _created = Training.objects.get_or_create(
            region=region,
            name=name,
            defaults={
                "level": level,
                "held_on": timezone.localdate() - timedelta(days=days),
                "description": description,
                "created_by": people.get(marker),
            },
        )
        training.trainers.add(*[people[email] for email in trainers if email in people])
        actor = people.get(marker)
        for email in attendees:
            if email not in people or actor is None:
                continue
            attendance, _added = services.add_attendee(training, actor, people[email])
            services.complete(attendance, actor)  # nothing if already completed
        trainings.append(training)
    # The psychiatric panel is co-facilitated by a level II innoagent (an expert by experience).
    Panel.objects.filter(slug=PANEL).update(facilitator_level_required=InnoagentLevel.LEVEL_II)
    return trainings
