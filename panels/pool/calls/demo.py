"""The demo's calls to the Kanta-Häme forerunner pool. Used by ``manage.py seed_demo`` only,
from panels.demo after the pool's own seed (panels.pool), whose pool, members and screening
answers it uses; without that pool it does nothing.

- "Testaa uutta kuljetuspalvelun tilausta" (field/004: the reform of transport services for
  the severely disabled): five places for members who answered that they use the transport
  service; six signed up, five got a place, one did not, and the results are posted, so they
  show on the five participants' "my impact".
- "Haastattele asiakkaita puhelimitse": open, three places, one of them confirmed.

Everything is written through the services, so the notices are what a real call sends; the
finished call's dates are then moved into the past. A call is found by its pool and title
and then left as it is: running the seed again adds nothing.
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from accounts.models import User
from panels.models import STAFF_ONLY, Region
from panels.pool.models import Compensation, Pool, ScreeningQuestion

from . import services
from .matching import matching_members
from .models import Call, CallSignup

POOL_SLUG = "kanta-hameen-edellakavijat"
TRANSPORT_ANSWER = "kuljetuspalvelu"
ADMINISTRATOR = "admin@kohtaamo.example"

TRANSPORT_TITLE = "Testaa uutta kuljetuspalvelun tilausta"
TRANSPORT_TASK = (
    "Viisi vammaispalvelujen kuljetuspalvelua käyttävää testaamaan uutta tilausjärjestelmää. "
    "Tilaat kahden viikon ajan kyytisi uudella tavalla – sovelluksella, puhelimella tai "
    "tekstiviestillä – ja kirjaat lyhyesti, mikä sujui ja mikä ei. Lopuksi tavataan "
    "Hämeenlinnassa tunnin purkutapaamisessa; matkat korvataan."
)
TRANSPORT_RESULTS = (
    "Viisi edelläkävijää tilasi kahden viikon aikana yhteensä 62 kyytiä uudella "
    "tilausjärjestelmällä ja kirjasi kokemuksensa. Puhelintilaus sujui hyvin, mutta "
    "sovelluksen vahvistusviesti tuli usein vasta tunnin kuluttua, ja paluukyydin tilaaminen "
    "samalla kertaa oli hankalaa.\n\n"
    "Mitä siitä seurasi: palveluntuottaja muutti vahvistusviestin lähtemään heti tilauksen "
    "jälkeen ja lisäsi paluukyydin tilaamisen samaan näkymään. Tekstiviestitilaus säilyy "
    "niille, jotka eivät käytä sovellusta. Uusi tilausjärjestelmä otetaan käyttöön koko "
    "Kanta-Hämeessä keväällä, ja testaajat arvioivat sen uudelleen puolen vuoden kuluttua."
)
PHONE_TITLE = "Haastattele asiakkaita puhelimitse"
PHONE_TASK = (
    "Kolme edelläkävijää haastattelemaan asiakkaita puhelimitse. Soitat "
    "kymmenelle kotihoidon asiakkaalle valmiin haastattelurungon avulla ja kysyt, miten "
    "kotihoidon käynnit ovat sujuneet. Saat perehdytyksen ja tuen koko ajaksi."
)


def _staff(region):
    """A staff member of the pool's region, or else the demo administrator."""
    staff = (
        Region.objects.people_serving(STAFF_ONLY)
        .filter(regions=region, is_superuser=False)
        .order_by("pk")
        .first()
    )
    return staff or User.objects.filter(email=ADMINISTRATOR, is_active=True).first()


def _transport_answer(pool):
    """The screening question and choice that say "I use the transport service"."""
    for question in ScreeningQuestion.objects.filter(recruitment__pool=pool).order_by("pk"):
        for choice in question.choice_list():
            if TRANSPORT_ANSWER in choice.lower():
                return question, choice
    return None, None


def _transport_call(pool, staff):
    today = timezone.localdate()
    question, choice = _transport_answer(pool)
    call = services.create_call(
        pool,
        staff,
        fields={
            "title": TRANSPORT_TITLE,
            "task": TRANSPORT_TASK,
            "places": 5,
            "starts_on": today,
            "ends_on": today + timedelta(days=14),
            "signup_deadline": today,
            "compensation": Compensation.REIMBURSED,
            "compensation_details": "Matkat purkutapaamiseen korvataan.",
            "languages": [],
        },
        criteria={"answers": [(question, choice)] if question else []},
    )
    call, _told = services.publish_call(call, staff)
    signers = [member.person for member in matching_members(call) if member.person != staff][:6]
    messages = ["Käytän kuljetuspalvelua viikoittain, myös pyörätuolin kanssa.", "", ""]
    for index, person in enumerate(signers):
        services.sign_up(call, person, message=messages[index % len(messages)])
    for signup in call.signups.order_by("pk")[:5]:
        services.confirm(call, staff, signup)
    services.close_call(call, staff)
    services.post_results(call, staff, results=TRANSPORT_RESULTS)
    # Done ten weeks ago: the dates and the moments move into the past together.
    back = timedelta(days=70)
    Call.objects.filter(pk=call.pk).update(
        starts_on=F("starts_on") - back,
        ends_on=F("ends_on") - back,
        signup_deadline=F("signup_deadline") - back,
        created_at=F("created_at") - back,
        published_at=F("published_at") - back,
        closed_at=F("closed_at") - timedelta(days=56),
        results_published_at=F("results_published_at") - timedelta(days=35),
    )
    CallSignup.objects.filter(call=call).update(
        created_at=F("created_at") - back, decided_at=F("decided_at") - timedelta(days=60)
    )
    return call


def _phone_call(pool, staff):
    today = timezone.localdate()
    call = services.create_call(
        pool,
        staff,
        fields={
            "title": PHONE_TITLE,
            "task": PHONE_TASK,
            "places": 3,
            "starts_on": today + timedelta(days=30),
            "ends_on": today + timedelta(days=58),
            "signup_deadline": today + timedelta(days=16),
            "compensation": Compensation.PAID,
            "compensation_details": "20 euroa haastattelupäivältä.",
            "languages": ["fi"],
        },
        criteria={},
    )
    call, _told = services.publish_call(call, staff)
    first = next(
        (member.person for member in matching_members(call) if member.person != staff), None
    )
    if first is not None:
        signup = services.sign_up(call, first, message="Olen tehnyt puhelinhaastatteluja ennenkin.")
        services.confirm(call, staff, signup)
    return call


def seed_calls():
    """The two calls; returns them ([] without the pool's seed)."""
    pool = Pool.objects.select_related("region").filter(slug=POOL_SLUG).first()
    if pool is None:
        return []
    staff = _staff(pool.region)
    if staff is None:
        return []
    calls = []
    for title, make in ((TRANSPORT_TITLE, _transport_call), (PHONE_TITLE, _phone_call)):
        existing = Call.objects.filter(pool=pool, title=title).first()
        calls.append(existing or make(pool, staff))
    return calls
