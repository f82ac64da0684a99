"""Demo spontaneous feedback in Etelä-Karjala, whose pilot collected it (field/004): new,
answered, turned into an idea, forwarded and not actionable, most of it published. Used by
``manage.py seed_demo`` after the ideas and the segments.

Rows are written directly with their dates in the past (the services date everything now and
notify people), found again by region and text, so the seed can run again. The idea one item
became is posted in a public round of the region that takes ideas; none of the ideas seed's
rounds there does, so this seed keeps one.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from ideas.models import Idea, IdeaRound
from panels.models import Region
from panels.segments.models import ClientGroup, ServiceArea

from .models import Feedback, Status, coarse

REGION = "etela-karjala"
STAFF = "palaute@kohtaamo.example"
ROUND = {
    "slug": "etela-karjalan-palvelut-palautteesta",
    "title": "Palautteesta parempiin palveluihin",
    "description": (
        "Asiakkaiden spontaani palaute kertoo, missä palvelut takkuavat. Tähän kierrokseen "
        "kootaan palautteesta syntyneet kehitysideat: kommentoi, kannata ja ehdota lisää."
    ),
}
IDEA = {
    "title": "Ajanvarauksen tekstiviestiin paikan ja sisäänkäynnin tiedot",
    "body": (
        "Palautteen mukaan kutsukirjeestä ja tekstiviestistä ei selviä, mihin "
        "rakennukseen ja sisäänkäynnille vastaanotolle tullaan. Tekstiviestiin voisi lisätä "
        "rakennuksen, sisäänkäynnin ja linkin karttaan."
    ),
}

# days: received this many days ago; answered: days after receiving (None: waiting).
ITEMS = [
    {
        "days": 3,
        "area": "Terveysasemat",
        "group": "Ikääntyneet",
        "happened": (
            "Soitin terveysasemalle kolmena päivänä peräkkäin, mutta takaisinsoittojono oli "
            "aina täynnä jo aamukahdeksalta."
        ),
        "better": "Takaisinsoittoon voisi varata ajan myös verkossa tai tekstiviestillä.",
        "status": Status.NEW,
    },
    {
        "days": 41,
        "area": "Vammaispalvelut",
        "group": "Vammaiset henkilöt",
        "happened": (
            "Kuljetuspalvelun tilaaminen kestää puhelimessa pitkään, eikä tilausta voi tehdä "
            "kirjallisesti."
        ),
        "better": "Tilauksen voisi tehdä myös tekstiviestillä tai sovelluksella.",
        "status": Status.NEW,
    },
    {
        "days": 30,
        "area": "Terveysasemat",
        "group": "Lapsiperheet",
        "happened": (
            "Sain kutsun vastaanotolle, mutta en löytänyt oikeaa sisäänkäyntiä. Myöhästyin ja "
            "jouduin varaamaan uuden ajan."
        ),
        "better": "Kirjeessä ja tekstiviestissä pitäisi kertoa rakennus ja sisäänkäynti.",
        "status": Status.IDEA,
        "answered": 6,
        "answer": (
            "Kiitos! Teimme palautteestasi kehitysidean, jota muutkin voivat nyt kommentoida "
            "ja kannattaa. Kerromme ideasivulla, mitä sille tapahtuu."
        ),
        "publish": True,
    },
    {
        "days": 25,
        "area": "Sosiaalipalvelut",
        "group": "Työttömät",
        "happened": "Toimeentulotukipäätöksen perustelut olivat vaikeita ymmärtää.",
        "better": "Päätöksen alkuun selkokielinen yhteenveto.",
        "status": Status.ANSWERED,
        "answered": 4,
        "answer": (
            "Kiitos palautteesta. Päätöspohjiin on tänä keväänä lisätty selkokielinen "
            "yhteenveto, ja uudet pohjat otetaan käyttöön toukokuussa."
        ),
        "publish": True,
    },
    {
        "days": 20,
        "area": "Mielenterveys- ja päihdepalvelut",
        "group": "Nuoret aikuiset",
        "happened": "Matalan kynnyksen vastaanotto on auki vain arkisin virka-aikaan.",
        "better": "Ilta-aukiolo ainakin kerran viikossa auttaisi opiskelijoita ja työssäkäyviä.",
        "status": Status.FORWARDED,
        "answered": 9,
        "answer": (
            "Kiitos. Välitimme palautteen mielenterveys- ja päihdepalveluiden esihenkilöille, "
            "jotka suunnittelevat syksyn aukioloajat."
        ),
        "reason": "Aukioloajoista päättää palvelun oma johto.",
        "forwarded_to": "Mielenterveys- ja päihdepalvelut, aikuisten vastaanotto",
        "publish": True,
    },
    {
        "days": 18,
        "area": "Ikääntyneiden palvelut",
        "group": "Omaishoitajat",
        "happened": "Omaishoitajan vapaapäivien järjestäminen vaatii monta puhelua.",
        "better": "Yksi yhteyshenkilö, joka hoitaa vapaat kerralla.",
        "status": Status.ANSWERED,
        "answered": 12,
        "answer": (
            "Omaishoidon tukeen on nimetty oma yhteyshenkilö, jonka tiedot löytyvät "
            "hyvinvointialueen verkkosivuilta. Hän järjestää myös vapaapäivät."
        ),
        "publish": True,
    },
    {
        "days": 14,
        "area": "Sairaalahoito",
        "group": None,
        "happened": "Sairaalan pysäköinti on kallista pitkillä hoitojaksoilla.",
        "better": "Pitkäaikaisille potilaille ja omaisille alennettu pysäköintimaksu.",
        "status": Status.NOT_ACTIONABLE,
        "answered": 5,
        "answer": ("Kiitos palautteesta. Emme valitettavasti voi vaikuttaa pysäköintimaksuihin."),
        "reason": "Pysäköintialueen omistaa ja hinnoittelee kaupunki, ei hyvinvointialue.",
        "publish": True,
    },
    {
        "days": 9,
        "area": "Nuorten palvelut",
        "group": "Nuoret aikuiset",
        "happened": "Ohjaamon chat vastasi nopeasti ja sain ajan samalle viikolle.",
        "better": "",
        "status": Status.ANSWERED,
        "answered": 2,
        "answer": "Kiitos kiitoksesta! Välitämme sen Ohjaamon tiimille.",
        "publish": False,
    },
]


def _round(region, staff):
    """A public round of the region taking ideas now: this seed's own."""
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    round_, _created = IdeaRound.objects.update_or_create(
        slug=ROUND["slug"],
        defaults={
            "title": ROUND["title"],
            "description": ROUND["description"],
            "region": region,
            "panel": None,
            "run_by": staff,
            "phase_override": "",
            "ideation_starts": today - timedelta(days=30),
            "development_starts": today + timedelta(days=30),
            "evaluation_starts": today + timedelta(days=60),
            "closes_at": today + timedelta(days=90),
        },
    )
    return round_


def seed_feedback():
    region = Region.objects.filter(slug=REGION).first()
    staff = User.objects.filter(email__iexact=STAFF).first()
    if region is None or staff is None:
        return []
    region.officials.add(staff)
    areas = {area.name: area for area in ServiceArea.objects.filter(region=region)}
    groups = {group.name: group for group in ClientGroup.objects.filter(region=region)}
    if not areas:
        return []
    now = timezone.now()
    seeded = []
    for spec in ITEMS:
        received = coarse(now - timedelta(days=spec["days"]))
        answered = spec.get("answered")
        answered_at = received + timedelta(days=answered, hours=3) if answered else None
        item, _created = Feedback.objects.update_or_create(
            region=region,
            what_happened=spec["happened"],
            defaults={
                "service_area": areas.get(spec["area"]) or next(iter(areas.values())),
                "client_group": groups.get(spec["group"]) if spec["group"] else None,
                "what_would_be_better": spec["better"],
                "status": spec["status"],
                "answer": spec.get("answer", ""),
                "reason": spec.get("reason", ""),
                "forwarded_to": spec.get("forwarded_to", ""),
                "publish": spec.get("publish", False),
                "answered_by": staff if answered else None,
                "answered_at": answered_at,
                "created_at": received,
            },
        )
        if spec["status"] == Status.IDEA and item.idea_id is None:
            idea, _created = Idea.objects.get_or_create(
                round=_round(region, staff),
                title=IDEA["title"],
                defaults={"author": staff, "body": IDEA["body"], "created_at": answered_at},
            )
            item.idea = idea
            item.save(update_fields=["idea"])
        seeded.append(item)
    return seeded
