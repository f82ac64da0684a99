"""Demo regions, panels, members and meetings. Used by ``manage.py seed_demo`` only.

The regions are the pilot regions of the field work; panels, meetings and minutes are
invented in their spirit. Nobody here is a real person. Running the seed again updates
everything in place: rows are found by slug, e-mail or (panel, title).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

from .meetings.models import Attendance, AttendanceResponse, Meeting
from .models import (
    JoiningPolicy,
    Membership,
    MembershipStatus,
    Panel,
    PanelKind,
    Region,
)
from .places.demo import seed_places
from .pool.calls.demo import seed_calls
from .pool.demo import seed_pool
from .surveys.demo import seed_surveys
from .trainings.demo import seed_trainings

REGIONS = [
    (
        "lappi",
        "Lappi",
        "Paljon tukea tarvitsevien asiakkaiden osallisuus Rovaniemellä, "
        "Sodankylässä sekä saamelaisalueella Enontekiöllä ja Utsjoella.",
    ),
    (
        "etela-karjala",
        "Etelä-Karjala",
        "Osallisuustieto mukaan raportointiin: "
        "pop-up-haastattelut, verkkokysely, työpajat ja spontaani palaute.",
    ),
    (
        "keski-suomi",
        "Keski-Suomi",
        "Kokemusasiantuntijat mukana kehittämisessä ja "
        "päätöksenteossa; osallistujat saavat palautetta osallistumisensa vaikutuksista.",
    ),
    (
        "etela-pohjanmaa",
        "Etelä-Pohjanmaa",
        "Aktiivisen kohtaamisen foorumi: ideointi, "
        "kehittäminen ja arviointi; innoagentit ja psykiatrinen kokemustoimijaraati.",
    ),
    (
        "kanta-hame",
        "Kanta-Häme",
        "Kyselyn kautta löydetty edelläkävijäasiakkaiden joukko "
        "kehittää palveluja yhdessä ammattilaisten kanssa.",
    ),
    (
        "pohjois-savo",
        "Pohjois-Savo (Kuopio)",
        "Nuorten aikuisten integroitu hyvinvointimalli: "
        "nimetty omatyöntekijä ja yksi yhteinen hyvinvointisuunnitelma.",
    ),
    (
        "pohjois-karjala",
        "Pohjois-Karjala (Joensuu)",
        "Nuorisotakuu: yhteinen "
        "palvelusuunnitelma ja nelikantakeskustelut, joissa asiakas arvioi elämänlaatuaan.",
    ),
]

# Invented participants: display names only, addresses on the reserved demo domain.
DEMO_MEMBERS = [
    ("revontuli@kohtaamo.example", "Revontuli", Role.DEVELOPER_CLIENT),
    ("tunturikoivu@kohtaamo.example", "Tunturikoivu", Role.DEVELOPER_CLIENT),
    ("kaamos@kohtaamo.example", "Kaamosvaeltaja", Role.DEVELOPER_CLIENT),
    ("lakkasuo@kohtaamo.example", "Lakkasuo", Role.DEVELOPER_CLIENT),
    ("jokivarsi@kohtaamo.example", "Jokivarsi", Role.DEVELOPER_CLIENT),
    ("lakeus@kohtaamo.example", "Lakeuden tuuli", Role.EXPERT_BY_EXPERIENCE),
    ("vertainen@kohtaamo.example", "Vertaisen ääni", Role.EXPERT_BY_EXPERIENCE),
    ("kanerva@kohtaamo.example", "Kanerva", Role.DEVELOPER_CLIENT),
    ("saimaa@kohtaamo.example", "Saimaannorppa", Role.DEVELOPER_CLIENT),
    ("innoagentti.ep@kohtaamo.example", "Innoagentti Seinäjoki", Role.STAFF),
]

PANELS = [
    (
        "etela-karjala",
        "lappeenrannan-kehittajaasiakkaat",
        "Lappeenrannan kehittäjäasiakkaat",
        PanelKind.DEVELOPER_CLIENTS,
        JoiningPolicy.OPEN,
        ["fi"],
        False,
        "Kehittäjäasiakkaat kiertävät pop-up-pisteillä kirjastoissa ja kauppakeskuksissa, "
        "kysyvät palvelujen käyttäjiltä kokemuksia ja vievät ne raportointiin.",
    ),
    (
        "etela-karjala",
        "osallisuustiedon-tyopaja",
        "Osallisuustiedon työpaja",
        PanelKind.DEVELOPMENT_TEAM,
        JoiningPolicy.INVITATION,
        ["fi"],
        False,
        "Työntekijät ja kehittäjäasiakkaat suunnittelevat, miten verkkokyselyn, työpajojen ja "
        "spontaanin palautteen tulokset näkyvät alueen raporteissa.",
    ),
    (
        "keski-suomi",
        "vaikutuspalautteen-tyoryhma",
        "Vaikutuspalautteen työryhmä",
        PanelKind.DEVELOPMENT_TEAM,
        JoiningPolicy.APPLICATION,
        ["fi"],
        False,
        "Työryhmä kehittää tapaa, jolla osallistujat saavat palautetta siitä, miten heidän "
        "ehdotuksensa vaikuttivat päätöksiin.",
    ),
    # region, slug, name, kind, joining, languages, archived, description
    (
        "lappi",
        "rovaniemen-kehittajaasiakasryhma",
        "Rovaniemen kehittäjäasiakasryhmä",
        PanelKind.DEVELOPER_CLIENTS,
        JoiningPolicy.APPLICATION,
        ["fi"],
        False,
        "Paljon palveluja käyttävät rovaniemeläiset kertovat, miten tuen tarve tunnistetaan "
        "ajoissa ja miten sosiaali- ja terveyspalvelut toimisivat paremmin yhdessä. Ryhmä "
        "kokoontuu noin kerran kuukaudessa.",
    ),
    (
        "lappi",
        "saamelaisalueen-kehittajaasiakkaat",
        "Saamelaisalueen kehittäjäasiakkaat",
        PanelKind.DEVELOPER_CLIENTS,
        JoiningPolicy.APPLICATION,
        ["fi", "se", "smn", "sms"],
        False,
        "Saamenkieliset ja saamelaisalueella asuvat palvelujen käyttäjät kehittävät palveluja, "
        "jotka ymmärtävät kielen ja kulttuurin. Tapaamisissa voi puhua pohjoissaamea, "
        "inarinsaamea, koltansaamea tai suomea.",
    ),
    (
        "lappi",
        "sodankylan-kehittajatiimi",
        "Sodankylän tuki- ja kehittäjätiimi",
        PanelKind.DEVELOPMENT_TEAM,
        JoiningPolicy.INVITATION,
        ["fi"],
        False,
        "Sosiaali- ja terveystoimen työntekijät ja kehittäjäasiakkaat mallintavat "
        "yhteisasiakkaiden palveluprosessin: tuen tarpeen tunnistaminen, arviointi, yhteinen "
        "suunnitelma ja toteutus.",
    ),
    (
        "etela-pohjanmaa",
        "psykiatrinen-kokemustoimijaraati",
        "Psykiatrinen kokemustoimijaraati",
        PanelKind.EXPERTS_BY_EXPERIENCE,
        JoiningPolicy.APPLICATION,
        ["fi"],
        False,
        "Mielenterveys- ja päihdepalvelujen kokemustoimijat arvioivat palveluja ja tuovat "
        "ideoita foorumin ideakierroksille. Raatia fasilitoivat II-tason innoagentit.",
    ),
    (
        "etela-pohjanmaa",
        "seinajoen-ideointiraati",
        "Seinäjoen ideointiraati",
        PanelKind.DEVELOPER_CLIENTS,
        JoiningPolicy.OPEN,
        ["fi"],
        False,
        "Kaikille avoin raati, joka ideoi, miten palveluihin pääsisi helpommin. Liity mukaan "
        "yhdellä napsautuksella.",
    ),
    (
        "kanta-hame",
        "edellakavijaasiakkaat",
        "Edelläkävijäasiakkaat",
        PanelKind.FORERUNNERS,
        JoiningPolicy.APPLICATION,
        ["fi"],
        False,
        "Kyselyn kautta mukaan tulleet asiakkaat kokeilevat uusia palveluja ensimmäisinä ja "
        "kertovat, mikä toimii.",
    ),
    (
        "kanta-hame",
        "hameenlinnan-kehittajakahvila",
        "Hämeenlinnan kehittäjäkahvila",
        PanelKind.OTHER,
        JoiningPolicy.OPEN,
        ["fi", "sv"],
        False,
        "Vapaamuotoinen kehittäjäkahvila kirjastolla: kahvia, keskustelua ja palautetta "
        "palveluista.",
    ),
    (
        "keski-suomi",
        "keski-suomen-kokemusasiantuntijat",
        "Keski-Suomen kokemusasiantuntijat",
        PanelKind.EXPERTS_BY_EXPERIENCE,
        JoiningPolicy.APPLICATION,
        ["fi"],
        False,
        "Koulutetut kokemusasiantuntijat osallistuvat palvelujen suunnitteluun ja saavat "
        "palautetta siitä, mitä heidän ehdotuksilleen tapahtui.",
    ),
    (
        "pohjois-savo",
        "kuopion-nuorten-aikuisten-raati",
        "Kuopion nuorten aikuisten raati",
        PanelKind.DEVELOPER_CLIENTS,
        JoiningPolicy.APPLICATION,
        ["fi", "fi-selko"],
        False,
        "Nuoret aikuiset kehittävät yhden yhteisen hyvinvointisuunnitelman mallia ja Mun elämä "
        "-työkaluja, kuten elämänpyörää.",
    ),
    (
        "pohjois-savo",
        "mun-elama-kokeiluryhma",
        "Mun elämä -kokeiluryhmä",
        PanelKind.DEVELOPER_CLIENTS,
        JoiningPolicy.APPLICATION,
        ["fi"],
        True,
        "Kokeiluryhmä testasi elämänpyörää ja kyselyä. Kokeilu on päättynyt; opit on kirjattu "
        "muistioihin.",
    ),
    (
        "pohjois-karjala",
        "joensuun-nuorten-raati",
        "Joensuun nuorten raati",
        PanelKind.DEVELOPER_CLIENTS,
        JoiningPolicy.OPEN,
        ["fi"],
        False,
        "Nuorisotakuun palveluja käyttävät nuoret kertovat, miten yhteinen palvelusuunnitelma "
        "ja asiakasvastaavan malli toimivat.",
    ),
]

STAFF_REGIONS = {
    "tyontekija@kohtaamo.example": ["lappi"],
    "paattaja@kohtaamo.example": ["lappi"],
    "innoagentti.ep@kohtaamo.example": ["etela-pohjanmaa"],
    "palaute@kohtaamo.example": ["etela-karjala"],
    "osallisuus@kohtaamo.example": ["keski-suomi"],
}

# panel slug → (active members, applicants, facilitators), by e-mail
MEMBERSHIPS = {
    "lappeenrannan-kehittajaasiakkaat": (
        ["kanerva@kohtaamo.example", "jokivarsi@kohtaamo.example"],
        [],
        [],
    ),
    "vaikutuspalautteen-tyoryhma": (
        ["vertainen@kohtaamo.example"],
        ["kanerva@kohtaamo.example"],
        ["vertainen@kohtaamo.example"],
    ),
    "rovaniemen-kehittajaasiakasryhma": (
        [
            "asiakas@kohtaamo.example",
            "tunturikoivu@kohtaamo.example",
            "kaamos@kohtaamo.example",
            "kokemus@kohtaamo.example",
        ],
        ["revontuli@kohtaamo.example"],
        ["tyontekija@kohtaamo.example", "kokemus@kohtaamo.example"],
    ),
    "saamelaisalueen-kehittajaasiakkaat": (
        ["kaamos@kohtaamo.example"],
        ["lakkasuo@kohtaamo.example"],
        ["tyontekija@kohtaamo.example"],
    ),
    "sodankylan-kehittajatiimi": (
        ["tunturikoivu@kohtaamo.example"],
        [],
        ["tyontekija@kohtaamo.example"],
    ),
    "psykiatrinen-kokemustoimijaraati": (
        ["lakeus@kohtaamo.example", "vertainen@kohtaamo.example", "kokemus@kohtaamo.example"],
        ["jokivarsi@kohtaamo.example"],
        ["kokemus@kohtaamo.example", "innoagentti.ep@kohtaamo.example"],
    ),
    "seinajoen-ideointiraati": (
        ["jokivarsi@kohtaamo.example", "lakeus@kohtaamo.example"],
        [],
        ["innoagentti.ep@kohtaamo.example"],
    ),
    "edellakavijaasiakkaat": (["kanerva@kohtaamo.example"], [], []),
    "kuopion-nuorten-aikuisten-raati": (
        ["saimaa@kohtaamo.example", "asiakas@kohtaamo.example"],
        [],
        [],
    ),
    "joensuun-nuorten-raati": (["saimaa@kohtaamo.example"], [], []),
}

ROVANIEMI_MINUTES = """Läsnä: viisi kehittäjäasiakasta, kaksi työntekijää ja kokemusasiantuntija.

1. Avaus ja kuulumiskierros.
2. Tuen tarpeen tunnistaminen: kokemuksia siitä, milloin apua olisi pitänyt tarjota jo aiemmin. \
Nousi esiin, että päivystyksessä kukaan ei kysynyt arjen tilanteesta.
3. Yhteydenottokäytännöt: toive, että sama työntekijä soittaa takaisin ja tuntee asiakkaan \
tilanteen. Työntekijät vievät ehdotuksen sote-yhteistyöryhmään.
4. Seuraava tapaaminen: käydään läpi, mitä ehdotuksille on tapahtunut."""

MEETINGS = [
    (
        "lappeenrannan-kehittajaasiakkaat",
        "Pop-up-haastattelujen purku",
        -17,
        13,
        2,
        "Lappeenrannan pääkirjasto, ryhmätila",
        "1. Mitä haastatteluissa kuultiin\n2. Mitä viedään raporttiin",
        "Haastatteluja kertyi 46. Useimmin toivottiin iltavastaanottoja ja selkeämpiä "
        "kirjeitä. Nostot viedään alueen osallisuusraporttiin.",
    ),
    (
        "lappeenrannan-kehittajaasiakkaat",
        "Pop-up-piste kauppakeskuksessa",
        11,
        12,
        3,
        "Kauppakeskuksen aula",
        "Haastatteluvuorot ja kysymykset",
        "",
    ),
    (
        "vaikutuspalautteen-tyoryhma",
        "Miten kerromme vaikutuksista?",
        -24,
        10,
        2,
        "Jyväskylän sosiaali- ja terveyskeskus",
        "Palautekirjeen malli",
        "Sovittiin, että jokainen ehdotus saa vastineen kuukauden sisällä ja vastine julkaistaan "
        "myös selkokielellä.",
    ),
    # panel slug, title, days from today, start hour, hours, place, agenda, minutes
    (
        "rovaniemen-kehittajaasiakasryhma",
        "Tuen tarpeen tunnistaminen",
        -56,
        14,
        2,
        "Rovaniemen sosiaalitoimisto, neuvotteluhuone Ounas",
        "1. Kuulumiset\n2. Tuen tarpeen tunnistaminen\n3. Yhteydenottokäytännöt",
        ROVANIEMI_MINUTES,
    ),
    (
        "rovaniemen-kehittajaasiakasryhma",
        "Mitä ehdotuksillemme tapahtui?",
        -21,
        14,
        2,
        "Rovaniemen sosiaalitoimisto, neuvotteluhuone Ounas",
        "1. Palaute sote-yhteistyöryhmästä\n2. Asiakkaan ääni palvelusuunnitelmassa",
        "Sote-yhteistyöryhmä on ottanut käyttöön takaisinsoittokäytännön kokeiluna kahdessa "
        "tiimissä. Kehittäjäasiakkaat arvioivat kokeilun kolmen kuukauden kuluttua.\n\n"
        "Palvelusuunnitelmaan lisätään kohta, johon asiakas kirjaa omin sanoin, mikä on hänelle "
        "tärkeintä.",
    ),
    (
        "rovaniemen-kehittajaasiakasryhma",
        "Takaisinsoittokokeilun arviointi",
        12,
        14,
        2,
        "Rovaniemen sosiaalitoimisto, neuvotteluhuone Ounas",
        "1. Kokemukset takaisinsoittokokeilusta\n2. Kysely kokeilun vaikutuksista",
        "",
    ),
    (
        "saamelaisalueen-kehittajaasiakkaat",
        "Palvelut omalla kielellä",
        -35,
        12,
        3,
        "Enontekiön kunnantalo ja etäyhteys",
        "1. Missä palveluissa saamen kieli puuttuu\n2. Tulkkauksen käytännöt",
        "Sovittiin, että ajanvarauksessa kysytään aina asiointikieli. Koltansaamenkielisille "
        "etsitään tulkkia yhdessä naapurikuntien kanssa.",
    ),
    (
        "saamelaisalueen-kehittajaasiakkaat",
        "Syksyn tapaaminen Utsjoella",
        25,
        12,
        3,
        "Utsjoen kunnantalo",
        "1. Kuulumiset\n2. Kielikyselyn tulokset",
        "",
    ),
    (
        "sodankylan-kehittajatiimi",
        "Mallinnus: yhteinen suunnitelma",
        -14,
        9,
        3,
        "Sodankylän terveyskeskus",
        "Yhteisasiakkaan suunnitelman laatiminen",
        "Prosessin neljä vaihetta kuvattu. Kehittäjäasiakkaat toivovat, että suunnitelma "
        "annetaan mukaan paperilla ja selkokielellä.",
    ),
    (
        "psykiatrinen-kokemustoimijaraati",
        "Ideakierroksen ideoiden arviointi",
        -28,
        17,
        2,
        "Seinäjoen mielenterveyskeskus, kokoushuone 2",
        "1. Ideakierroksen ideat\n2. Arviointikriteerit",
        "Raati arvioi kahdeksan ideaa. Kolme etenee kehittämisvaiheeseen: vertaistukiryhmä "
        "iltaisin, ajanvarauksen tekstiviestimuistutus ja kotiutumisen tarkistuslista.",
    ),
    (
        "psykiatrinen-kokemustoimijaraati",
        "Kehittämisvaiheen työpaja",
        9,
        17,
        2,
        "Seinäjoen mielenterveyskeskus, kokoushuone 2",
        "Kotiutumisen tarkistuslistan luonnos",
        "",
    ),
    (
        "seinajoen-ideointiraati",
        "Avoin ideailta",
        18,
        18,
        2,
        "Seinäjoen pääkirjasto",
        "Miten palveluihin pääsisi helpommin?",
        "",
    ),
    (
        "edellakavijaasiakkaat",
        "Sähköisen ajanvarauksen kokeilu",
        -10,
        13,
        2,
        "Hämeenlinnan sosiaali- ja terveyskeskus",
        "Kokeilun aloitus",
        "Kuusi edelläkävijäasiakasta kokeilee uutta ajanvarausta kuukauden.",
    ),
    (
        "hameenlinnan-kehittajakahvila",
        "Kehittäjäkahvila kirjastolla",
        6,
        15,
        2,
        "Hämeenlinnan pääkirjasto, kahvila",
        "Vapaata keskustelua palveluista",
        "",
    ),
    (
        "kuopion-nuorten-aikuisten-raati",
        "Elämänpyörä käytännössä",
        -42,
        16,
        2,
        "Kuopion Ohjaamo",
        "Elämänpyörän kokeilu",
        "Elämänpyörä koettiin hyväksi keskustelun avaajaksi. Toive: sama pyörä myös "
        "seurantatapaamisissa, jotta muutoksen näkee.",
    ),
    (
        "kuopion-nuorten-aikuisten-raati",
        "Hyvinvointisuunnitelman luonnos",
        15,
        16,
        2,
        "Kuopion Ohjaamo",
        "Yhteisen hyvinvointisuunnitelman luonnos",
        "",
    ),
    (
        "mun-elama-kokeiluryhma",
        "Kokeilun päätös ja opit",
        -200,
        14,
        2,
        "Kuopion Ohjaamo",
        "Opit",
        "Kokeilun opit kirjattiin kokeilusivulle.",
    ),
    (
        "joensuun-nuorten-raati",
        "Nelikantakeskustelut nuorten silmin",
        20,
        15,
        2,
        "Joensuun Ohjaamo",
        "Elämänlaatukysely tapaamisissa",
        "",
    ),
]


def _person(email, display_name, role):
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.display_name = display_name
    user.role = role
    user.is_active = True
    if user.pk is None:
        user.set_unusable_password()
        user.terms_accepted_at = timezone.now()
    user.save()
    return user


def _at(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _membership(person, panel, status, motivation=""):
    current = Membership.objects.current().filter(person=person, panel=panel).first()
    if current is None:
        current = Membership(person=person, panel=panel)
    current.status = status
    current.motivation = motivation
    current.save()


def seed_panels():
    people = {user.email: user for user in User.objects.all()}
    for email, display_name, role in DEMO_MEMBERS:
        people[email] = _person(email, display_name, role)

    regions = {}
    for slug, name, description in REGIONS:
        regions[slug], _ = Region.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    for email, region_slugs in STAFF_REGIONS.items():
        if email in people:
            for slug in region_slugs:
                regions[slug].officials.add(people[email])

    panels = {}
    for region, slug, name, kind, joining, languages, archived, description in PANELS:
        panels[slug], _ = Panel.objects.update_or_create(
            slug=slug,
            defaults={
                "region": regions[region],
                "name": name,
                "kind": kind,
                "joining_policy": joining,
                "working_languages": languages,
                "is_archived": archived,
                "description": description,
            },
        )

    for slug, (members, applicants, facilitators) in MEMBERSHIPS.items():
        panel = panels[slug]
        for email in members:
            _membership(people[email], panel, MembershipStatus.ACTIVE)
        for email in applicants:
            _membership(
                people[email],
                panel,
                MembershipStatus.APPLIED,
                "Olen käyttänyt näitä palveluja monta vuotta ja haluaisin kertoa, mikä "
                "auttoi ja mikä ei.",
            )
        panel.facilitators.set([people[email] for email in facilitators])

    for slug, title, days, hour, hours, place, agenda, minutes in MEETINGS:
        starts_at = _at(days, hour)
        meeting, _ = Meeting.objects.update_or_create(
            panel=panels[slug],
            title=title,
            defaults={
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=hours),
                "place": place,
                "agenda": agenda,
                "minutes": minutes,
                "minutes_published_at": starts_at + timedelta(days=2) if minutes else None,
            },
        )
        members = Membership.objects.active().filter(panel=meeting.panel)
        for membership in members.select_related("person"):
            if days < 0:
                defaults = {"response": AttendanceResponse.COMING, "attended": True}
            else:
                defaults = {"response": AttendanceResponse.COMING}
            if membership.person.email == "asiakas@kohtaamo.example" and days > 0:
                continue  # left for the demo client to answer
            Attendance.objects.update_or_create(
                meeting=meeting, person=membership.person, defaults=defaults
            )
    seed_surveys(regions, panels, people)
    seed_places()  # municipalities, organisations and who works where (panels.places)
    seed_trainings()  # South Ostrobothnia's innoagents; the psychiatric panel requires level II
    seed_pool()  # Kanta-Häme's forerunner pool, its recruitment page and applicants
    seed_calls()  # after the pool: its transport-service call and an open call
    return panels
