"""The demo's forerunner pool. Used by ``manage.py seed_demo`` only, from panels.demo after
its regions are in place.

Kanta-Häme (field/004) found its forerunner clients through a survey of those who left their
contact details: the region gets its municipalities (if it has none), the pool
"Kanta-Hämeen edelläkävijät", an open recruitment page with three screening questions, and
twelve applicants with varied answers: seven selected into the pool (most of them use the
transport service, which the pool's transport call looks for), two on the waiting list, one
not selected with a reason, and two waiting in the queue.

Everything goes through the services, so the notices are what real applications and
decisions send. An applicant who has applied already is left as they are: running the seed
again adds nothing.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from panels.models import Municipality, Region

from . import services
from .models import Application, Compensation, Pool, QuestionKind, Recruitment, ScreeningQuestion

REGION = "kanta-hame"
POOL_SLUG = "kanta-hameen-edellakavijat"
RECRUITMENT_SLUG = "kanta-hame-edellakavijaksi"
# The region's staff member who runs the pool (a demo log-in, accounts.demo), or else the
# demo administrator.
STAFF = "edellakavijat@kohtaamo.example"
ADMINISTRATOR = "admin@kohtaamo.example"
MUNICIPALITIES = ["Hämeenlinna", "Riihimäki", "Forssa", "Janakkala", "Hattula"]

SERVICES = ["vammaispalvelut", "kuljetuspalvelu", "kotihoito", "terveysasema", "sosiaalityö"]
WAYS = ["kyselyt", "haastattelut", "työpajat", "palvelujen testaaminen"]
QUESTIONS = [
    ("Mitä palveluja käytät?", QuestionKind.MULTIPLE, SERVICES, True),
    ("Miten haluaisit osallistua?", QuestionKind.MULTIPLE, WAYS, True),
    ("Mikä sinua kiinnostaa kehittämisessä?", QuestionKind.TEXT, [], False),
]

# number, display name, municipality, languages, services, ways, interest, decision, reason
APPLICANTS = [
    (1, "Vanajavesi", "Hämeenlinna", ["fi"], ["vammaispalvelut", "kuljetuspalvelu"],
     ["kyselyt", "palvelujen testaaminen"],
     "Kuljetuspalvelun tilaaminen on hankalaa, haluan olla mukana parantamassa sitä.",
     services.SELECT, ""),
    (2, "Aulangon kulkija", "Hämeenlinna", ["fi", "en"], ["kuljetuspalvelu", "terveysasema"],
     ["haastattelut", "palvelujen testaaminen"],
     "Esteettömyys ja se, että kyyti tulee ajallaan.", services.SELECT, ""),
    (3, "Riihikallio", "Riihimäki", ["fi"], ["kuljetuspalvelu", "kotihoito"],
     ["kyselyt", "työpajat"], "Kotihoidon ja kuljetusten yhteensovittaminen.",
     services.SELECT, ""),
    (4, "Loimijoki", "Forssa", ["fi"], ["vammaispalvelut", "kuljetuspalvelu", "sosiaalityö"],
     ["palvelujen testaaminen"], "", services.SELECT, ""),
    (5, "Tervakoski", "Janakkala", ["fi", "sv"], ["kuljetuspalvelu"],
     ["kyselyt", "haastattelut", "palvelujen testaaminen"],
     "Sähköiset palvelut niille, jotka eivät käytä älypuhelinta.", services.SELECT, ""),
    (6, "Parolan polku", "Hattula", ["fi"], ["kuljetuspalvelu", "vammaispalvelut"],
     ["työpajat", "palvelujen testaaminen"], "Vammaispalvelujen hakemisen selkeys.",
     services.SELECT, ""),
    (7, "Ahvenisto", "Hämeenlinna", ["fi"], ["terveysasema", "sosiaalityö"],
     ["haastattelut", "työpajat"], "Nuorten aikuisten palvelut ja sosiaalityön saavutettavuus.",
     services.SELECT, ""),
    (8, "Kutomon kuulija", "Forssa", ["fi"], ["kotihoito"], ["kyselyt"],
     "Omaishoitajan jaksaminen.", services.WAITING_LIST,
     "Pooli on nyt täynnä kotihoidon osalta; kerromme, kun tilaa vapautuu."),
    (9, "Katinen", "Hattula", ["fi"], ["terveysasema"], ["kyselyt", "haastattelut"], "",
     services.WAITING_LIST, ""),
    (10, "Turengin tuuli", "Janakkala", ["fi"], ["sosiaalityö"], ["kyselyt"], "",
     services.REJECT,
     "Etsimme tällä kertaa palvelujen käyttäjiä Hämeenlinnasta ja Riihimäeltä; tervetuloa "
     "mukaan seuraavaan hakuun."),
    (11, "Lammin laakso", "Hämeenlinna", ["fi"], ["kuljetuspalvelu", "kotihoito"],
     ["palvelujen testaaminen"], "Kyytien tilaaminen puhelimella.", None, ""),
    (12, "Tammelan tähti", "Forssa", ["fi"], ["vammaispalvelut"], ["työpajat"],
     "Apuvälinepalvelut.", None, ""),
]  # fmt: skip

WHO_WE_SEEK = (
    "Etsimme Kanta-Hämeen sosiaali- ja terveyspalveluja käyttäviä ihmisiä edelläkävijöiksi: "
    "kehittämään palveluja yhdessä ammattilaisten kanssa. Erityisesti toivomme mukaan "
    "vammaispalvelujen ja kuljetuspalvelun käyttäjiä sekä kotihoidon asiakkaita ja heidän "
    "läheisiään. Erityisosaamista ei tarvita: oma kokemus riittää."
)
WHAT_IT_MEANS = (
    "Edelläkävijät kutsutaan silloin tällöin kehittämistehtäviin: vastaamaan kyselyihin, "
    "haastatteluihin, työpajoihin tai testaamaan uusia palveluja. Tehtävä kestää yleensä "
    "tunnista muutamaan tuntiin, ja sen voi tehdä kotoa käsin tai Hämeenlinnassa. Päätät itse, "
    "mihin tehtäviin lähdet mukaan, ja voit pitää taukoa milloin tahansa."
)


def _person(number, display_name):
    email = f"edellakavija{number}@kohtaamo.example"
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, display_name=display_name, role=Role.DEVELOPER_CLIENT)
        user.set_unusable_password()
        user.terms_accepted_at = timezone.now()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_pool():
    region = Region.objects.filter(slug=REGION).first()
    if region is None:
        return None
    if not region.municipalities.exists():
        for name in MUNICIPALITIES:
            Municipality.objects.get_or_create(region=region, name=name)
    municipalities = {m.name: m for m in region.municipalities.all()}
    staff = User.objects.filter(email=STAFF, is_active=True).first()
    if staff is not None:
        staff.role = Role.STAFF
        staff.save(update_fields=["role"])
        region.officials.add(staff)
    decider = staff or User.objects.filter(email=ADMINISTRATOR, is_active=True).first()

    pool, _ = Pool.objects.update_or_create(
        slug=POOL_SLUG,
        defaults={
            "region": region,
            "name": "Kanta-Hämeen edelläkävijät",
            "description": (
                "Kanta-Hämeen edelläkävijäasiakkaat ovat palvelujen käyttäjiä, jotka "
                "kehittävät palveluja yhdessä hyvinvointialueen ammattilaisten kanssa. "
                "Pooli löytyi kyselyn kautta: vastaajat, jotka jättivät yhteystietonsa, "
                "haastateltiin ja kutsuttiin mukaan. Poolin kanssa käydään jatkuvaa "
                "vuoropuhelua eri kehittämistehtävistä, esimerkiksi vaikeavammaisten "
                "kuljetuspalvelujen uudistuksesta."
            ),
        },
    )
    recruitment, _ = Recruitment.objects.update_or_create(
        slug=RECRUITMENT_SLUG,
        defaults={
            "pool": pool,
            "panel": None,
            "title": "Lähde mukaan Kanta-Hämeen edelläkävijäksi",
            "who_we_seek": WHO_WE_SEEK,
            "what_it_means": WHAT_IT_MEANS,
            "compensation": Compensation.REIMBURSED,
            "compensation_details": "Matkakulut korvataan julkisen liikenteen hinnoin.",
            "is_open": True,
            "closes_on": None,
        },
    )
    questions = []
    for position, (text, kind, choices, required) in enumerate(QUESTIONS):
        question, _ = ScreeningQuestion.objects.update_or_create(
            recruitment=recruitment,
            text=text,
            defaults={
                "position": position,
                "kind": kind,
                "choices": "\n".join(choices),
                "is_required": required,
            },
        )
        questions.append(question)

    for number, name, place, languages, used, ways, interest, decision, reason in APPLICANTS:
        person = _person(number, name)
        if Application.objects.filter(recruitment=recruitment, person=person).exists():
            continue
        answers = {questions[0]: used, questions[1]: ways}
        if interest:
            answers[questions[2]] = interest
        application = services.apply(
            recruitment,
            person=person,
            municipality=municipalities.get(place),
            languages=languages,
            answers=answers,
            rate_key=f"demo:{person.pk}",
        )
        if decision is not None and decider is not None:
            services.decide(application, decided_by=decider, decision=decision, reason=reason)
    return pool
