"""The demo's observation walk. Used by ``manage.py seed_demo`` only, after the panels seed,
whose Central Finland region and people take part; skipped without it.

Central Finland's "a day in the life" walk (field/004: experts by experience observe a
hospital ward's structures, signage and encounters, and interview patients): the route from
the entrance to discharge, one walk on it with two observers — an expert by experience and
the region's participation coordinator — a dozen findings across the places and aspects, and
the published report. One finding becomes an idea in an idea round of the region; ideas.demo
does that (``seed_walk_idea``), since panels does not know ideas.

Everything is written through the services, so the notices are what a real walk sends. A walk
is found by its route and title and then left as it is: running the seed again adds nothing.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from panels.models import Region

from . import services
from .models import Walk, WalkPlace, WalkTemplate

REGION = "keski-suomi"
EXPERT = "kokemus@kohtaamo.example"
STAFF = "osallisuus@kohtaamo.example"
TEMPLATE_NAME = "Päivä elämässä: sisätautien vuodeosasto"
WALK_TITLE = "Päivä elämässä -kävely sisätautien osastolla"
# The finding ideas.demo posts as an idea (found by its text).
FINDING_FOR_IDEA = (
    "Kotiutusohjeet annettiin paperilla juuri ennen lähtöä, kun taksi jo odotti. Potilas "
    "olisi halunnut käydä ne läpi rauhassa hoitajan kanssa jo edellisenä päivänä."
)

PLACES = [
    (
        "Sisäänkäynti ja aula",
        "Pääovi, aulan info ja hissit. Miten osaston löytää ensimmäistä kertaa tuleva?",
        ["signage", "accessibility"],
    ),
    (
        "Ilmoittautuminen",
        "Ilmoittautumisautomaatit ja -luukku osaston edessä.",
        ["encounters", "accessibility", "waiting"],
    ),
    (
        "Odotustila",
        "Odotustila ennen osastolle pääsyä. Haastatelkaa odottajia, jos he haluavat.",
        ["waiting", "encounters", "signage"],
    ),
    (
        "Osaston käytävä",
        "Käytävä potilashuoneille ja tutkimushuoneisiin.",
        ["signage", "waiting", "accessibility"],
    ),
    (
        "Potilashuone",
        "Kahden hengen potilashuone. Havainnoi vain potilaan luvalla.",
        ["encounters", "accessibility"],
    ),
    (
        "Kotiutus",
        "Kotiutuskeskustelu, ohjeet ja kotiin lähtö.",
        ["encounters", "other"],
    ),
]

# place index, aspect, who (EXPERT or STAFF), text
FINDINGS = [
    (
        0,
        "signage",
        EXPERT,
        "Pääovelta ei näe, mihin suuntaan osasto on. Opasteet alkavat vasta hissiaulasta, "
        "ja ensimmäistä kertaa tuleva kysyi tietä kahdesti.",
    ),
    (
        0,
        "accessibility",
        STAFF,
        "Pääoven automaattiovi aukeaa hitaasti. Rollaattorin kanssa kulkeva joutui "
        "odottamaan ovella tuulessa.",
    ),
    (
        1,
        "encounters",
        EXPERT,
        "Ilmoittautumisautomaatin vieressä ei ollut ketään neuvomassa. Iäkäs potilas luopui "
        "automaatista ja jonotti luukulle.",
    ),
    (
        1,
        "accessibility",
        STAFF,
        "Automaatin näyttö on liian korkealla pyörätuolissa istuvalle, eikä sen kieltä voi "
        "vaihtaa selkokieleen.",
    ),
    (
        2,
        "waiting",
        EXPERT,
        "Odotustilan näytöllä ei kerrota arvioitua odotusaikaa. Odottajat kävivät kysymässä "
        "vuoroaan useaan kertaan.",
    ),
    (
        2,
        "encounters",
        EXPERT,
        "Haastattelimme kolmea odottajaa. Kaikki toivoivat, että heille kerrotaan, jos "
        "aikataulu myöhästyy, vaikka syytä ei voisi kertoa.",
    ),
    (
        2,
        "signage",
        STAFF,
        "WC:n opaste on vain suomeksi ja pienellä tekstillä, eikä sitä näe odotustilan perältä.",
    ),
    (
        3,
        "signage",
        STAFF,
        "Huoneiden numerot ovat ovien vieressä, mutta käytävän risteyksessä ei ole "
        "suuntaopastetta tutkimushuoneisiin.",
    ),
    (
        3,
        "waiting",
        EXPERT,
        "Tutkimushuoneen ovella ei ole tuolia. Vuoroaan odottava seisoi käytävällä yli vartin.",
    ),
    (
        4,
        "encounters",
        EXPERT,
        "Hoitaja esittäytyi ja kertoi päivän kulun heti aamulla. Potilas sanoi, että se "
        "rauhoitti enemmän kuin mikään muu.",
    ),
    (
        4,
        "accessibility",
        STAFF,
        "Kutsukello ei ylety sängystä, kun yöpöytä on siirretty siivousta varten.",
    ),
    (5, "encounters", EXPERT, FINDING_FOR_IDEA),
    (
        5,
        "other",
        STAFF,
        "Kukaan ei kysynyt, onko kotona apua ensimmäisinä päivinä, eikä kerrottu, mihin "
        "voi soittaa, jos vointi huononee illalla.",
    ),
]


def _template(region):
    template, _created = WalkTemplate.objects.get_or_create(
        region=region,
        name=TEMPLATE_NAME,
        defaults={
            "description": (
                "Kokemusasiantuntijat kulkevat potilaan reitin sisäänkäynniltä kotiutukseen ja "
                "havainnoivat osaston rakenteita, opasteita ja kohtaamisia sekä haastattelevat "
                "potilaita."
            )
        },
    )
    if not template.places.exists():
        for position, (name, description, aspects) in enumerate(PLACES):
            WalkPlace.objects.create(
                template=template,
                sort_order=position,
                name=name,
                description=description,
                aspects=aspects,
            )
    return template


def seed_walks():
    """The ward walk with its report; returns the walks made or found ([] without the panels
    seed)."""
    region = Region.objects.filter(slug=REGION).first()
    people = {person.email: person for person in User.objects.filter(email__in=[EXPERT, STAFF])}
    if region is None or len(people) < 2 or not region.officials.filter(email=STAFF).exists():
        return []
    template = _template(region)
    existing = Walk.objects.filter(template=template, title=WALK_TITLE).first()
    if existing is not None:
        return [existing]
    staff, expert = people[STAFF], people[EXPERT]
    walk = Walk.objects.create(
        template=template,
        title=WALK_TITLE,
        date=(timezone.localdate() - timedelta(days=12)),
        description=(
            "Kaksi havainnoijaa kulkee potilaan päivän osastolla. Kokoonnumme pääaulassa "
            "klo 9. Valokuvaa vain tiloja ja opasteita, ei ihmisiä."
        ),
        created_by=staff,
    )
    services.add_observer(walk, staff, expert)
    services.add_observer(walk, staff, staff)
    walk = services.start_walk(walk, staff)
    places = list(template.places.all())
    for index, aspect, who, text in FINDINGS:
        services.record_finding(walk, people[who], place=places[index], aspect=aspect, text=text)
    walk = services.publish_report(
        walk,
        staff,
        summary=(
            "Osaston kohtaamiset koettiin lämpiminä, mutta reitti osastolle ja odottaminen "
            "kaipaavat selkeämpää tietoa. Tärkeimmät jatkotoimet: suuntaopasteet aulaan ja "
            "käytävälle, arvioitu odotusaika näytölle ja kotiutusohjeiden läpikäynti jo "
            "edellisenä päivänä."
        ),
    )
    return [walk]
