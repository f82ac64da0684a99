"""Demo co-design workshops. Used by ``manage.py seed_demo`` only, after the panels seed,
whose panels, meetings and people take part; skipped without it.

- The Rovaniemi panel's finished workshop on young adults who drop out of services, in the
  SOSKU way (field/003, palveluintegraation muotoilu): a client segment card, two fictional
  client cards, the regional network with 20 notes and their links, Aino's path through
  services with its gaps and overlaps, dots, comments, three decisions and the next steps,
  and the published documentation booklet. One decision becomes an idea in an idea round;
  ideas.demo does that, since panels does not know ideas.
- The Seinäjoki experts-by-experience panel's open workshop, prepared before its meeting: a
  blank board and a service path with the first notes.

Everything is written through the services, so the boards' change logs are what a live
board would have written. Notes and comments go through the services' inner steps (the same
rule checks and change log): a seed writes a whole session at once, which the per-person
posting limit of the live boards (LIVE_COMMENT_RATE) exists to stop. A workshop is found by
its panel and title and then left as it is, like a meeting room: running the seed again adds
nothing, and does not undo what someone has since done on the boards.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.demo import demo_email
from accounts.models import User
from panels.meetings.models import Meeting
from panels.models import Panel

from . import services
from .models import Note, Workshop

LAPLAND_PANEL = "rovaniemen-kehittajaasiakasryhma"
LAPLAND_TITLE = "Palveluista putoavat nuoret aikuiset – palveluintegraation muotoilu"
LAPLAND_MEETING = "Yhteiskehittämisen työpaja: nuorten aikuisten palvelut"
# The decision ideas.demo posts as an idea (found by its text).
DECISION_FOR_IDEA = (
    "Jokaiselle palveluista putoavalle nuorelle aikuiselle nimetään yksi vastuutyöntekijä, "
    "joka kokoaa muut toimijat yhteiseen tapaamiseen ja pysyy mukana, kunnes seuraava "
    "palvelu on alkanut."
)

OPEN_PANEL = "psykiatrinen-kokemustoimijaraati"
OPEN_TITLE = "Kotiutuminen osastolta arkeen"
OPEN_MEETING = "Kehittämisvaiheen työpaja"

FACILITATOR = "tyontekija@kohtaamo.example"
LAPLAND_PEOPLE = [
    FACILITATOR,
    "kokemus@kohtaamo.example",
    "asiakas@kohtaamo.example",
    "tunturikoivu@kohtaamo.example",
    "kaamos@kohtaamo.example",
    "paattaja@kohtaamo.example",
]
# Joins from the Sámi area over the network, invited from outside the panel.
LAPLAND_GUEST = "lakkasuo@kohtaamo.example"

SEGMENT = {
    "name": "Palveluista putoavat nuoret aikuiset (18–29 v.)",
    "who": (
        "18–29-vuotiaat, joilla on yhtä aikaa haasteita esimerkiksi mielenterveyden, "
        "toimeentulon, asumisen ja opiskelun tai työllistymisen kanssa. Moni on ollut "
        "asiakkaana useassa palvelussa, mutta asiakkuudet ovat katkenneet."
    ),
    "situations": (
        "Opinnot ovat keskeytyneet tai jääneet aloittamatta. Muutto omaan asuntoon ilman "
        "tukiverkkoa, vuokrarästejä. Yksinäisyyttä, ahdistusta ja sekaisin mennyt "
        "vuorokausirytmi. Osa asuu kaukana palveluista, esimerkiksi saamelaisalueella."
    ),
    "needs": (
        "Yksi ihminen, joka pysyy mukana ja kokoaa muut saman pöydän ääreen. Selkeä tieto "
        "siitä, kuka tekee mitä. Apua myös iltaisin ja etänä. Ettei tarinaa tarvitse kertoa "
        "joka kerta alusta."
    ),
    "services": (
        "Ohjaamo, aikuissosiaalityö, Kela, TE-palvelut, nuorten mielenterveyspalvelut, "
        "opiskeluhuolto, etsivä nuorisotyö ja järjestöjen vertaisryhmät."
    ),
    "gaps": (
        "Tieto ei kulje toimijalta toiselle. Kun yksi asiakkuus päättyy, kukaan ei varmista, "
        "että seuraava alkaa. Nuori kulkee luukulta toiselle, ja osa jää kokonaan tuen "
        "ulkopuolelle."
    ),
}
CLIENT_CARDS = [
    {
        "name": "Aino, 22",
        "age_group": "18–24",
        "situation": (
            "Keskeytti ammattiopiston toisena vuonna. Asuu yksin vuokrakaksiossa "
            "Rovaniemellä, vuokra on rästissä kolmelta kuukaudelta. Nukkuu päivät ja valvoo "
            "yöt."
        ),
        "goals": (
            "Haluaa palata opiskelemaan ja saada raha-asiat kuntoon. Toivoo, että joku soittaa "
            "perään, jos hän ei itse jaksa."
        ),
        "services": (
            "Opiskeluhuollon kuraattori (päättyi, kun opinnot keskeytyivät), Kelan "
            "toimeentulotuki, yksi käynti terveysaseman päivystyksessä."
        ),
        "problems": (
            "Kuraattorin asiakkuus päättyi, eikä kukaan ohjannut eteenpäin. Hakemus jäi "
            "kesken liitteiden takia. Päivystyksessä kysyttiin unesta, ei arjesta."
        ),
    },
    {
        "name": "Mikko, 27",
        "age_group": "25–29",
        "situation": (
            "Asuu saamelaisalueella vanhempiensa luona. Ollut kaksi vuotta työttömänä, sitä "
            "ennen kausitöissä matkailussa. Alkoholin käyttö on lisääntynyt talven aikana."
        ),
        "goals": "Haluaa töihin tai koulutukseen lähempänä kotia. Ei halua muuttaa kaupunkiin.",
        "services": ("TE-palvelut etänä, terveyskeskuksen lääkäri, aiemmin etsivä nuorisotyö."),
        "problems": (
            "Lähimmät palvelut ovat 160 kilometrin päässä. Etäyhteys toimii vain, jos joku "
            "varaa ajan. TE-palvelut ja sosiaalityö tekevät kumpikin oman suunnitelmansa "
            "tietämättä toisistaan."
        ),
    },
]

# The regional network: (key, place, colour, author, text). The segment card sits at the
# centre as the twentieth note.
NETWORK_NOTES = [
    ("nuori", "client_group", "plain", "asiakas@", "Nuori, jonka asiakkuus on katkennut"),
    ("vanhemmat", "own_circle", "plain", "kaamos@", "Vanhemmat ja sisarukset"),
    ("kaverit", "own_circle", "works", "asiakas@", "Kaverit, usein vain verkossa"),
    ("kumppani", "own_circle", "plain", "tunturikoivu@", "Kumppani tai kämppis"),
    ("harrastus", "own_circle", "question", "kaamos@", "Harrastusporukka – onko sitä?"),
    ("ohjaamo", "public_services", "works", "tyontekija@", "Ohjaamo"),
    ("sosiaalityo", "public_services", "plain", "tyontekija@", "Aikuissosiaalityö"),
    ("kela", "public_services", "plain", "tunturikoivu@", "Kela: toimeentulotuki, kuntoutus"),
    ("te", "public_services", "overlap", "kokemus@", "TE-palvelut: oma suunnitelma"),
    (
        "mielenterveys",
        "public_services",
        "gap",
        "kokemus@",
        "Nuorten mielenterveyspalvelut – jonot kuukausia",
    ),
    ("opiskeluhuolto", "public_services", "plain", "asiakas@", "Opiskeluhuolto ja kuraattori"),
    (
        "paivystys",
        "public_services",
        "gap",
        "tunturikoivu@",
        "Terveysaseman päivystys: kukaan ei kysy arjesta",
    ),
    ("etsiva", "organisations", "works", "asiakas@", "Etsivä nuorisotyö"),
    ("diakonia", "organisations", "plain", "kaamos@", "Seurakunnan diakoniatyö"),
    ("vertaisryhma", "organisations", "works", "kokemus@", "Järjestön vertaisryhmä"),
    (
        "nuorisotila",
        "organisations",
        "question",
        "lakkasuo@",
        "Saamelaisalueen nuorisotila – mukaan verkostoon?",
    ),
    (
        "vuokranantaja",
        "others",
        "gap",
        "tunturikoivu@",
        "Vuokranantaja huomaa rästit ensimmäisenä, mutta ei tiedä, kenelle kertoa",
    ),
    ("tyonantajat", "others", "question", "paattaja@", "Työnantajat ja kesätyöpaikat"),
    ("ulosotto", "others", "plain", "kaamos@", "Ulosotto"),
]
NETWORK_LINKS = [
    ("etsiva", "ohjaamo", "ohjaa"),
    ("ohjaamo", "kela", "ohjaa"),
    ("ohjaamo", "te", "ohjaa"),
    ("paivystys", "mielenterveys", "ohjaa"),
    ("sosiaalityo", "kela", "jakaa tietoa"),
    ("te", "sosiaalityo", "jakaa tietoa"),
    ("opiskeluhuolto", "sosiaalityo", "pitäisi jakaa tietoa"),
    ("vertaisryhma", "nuori", "tukee"),
]

# Aino's path: (key, place, colour, author, text). Aino's card starts the path.
PATH_NOTES = [
    (
        "keskeytys",
        "need__client",
        "plain",
        "asiakas@",
        "Aino jättää koulun kesken eikä kerro siitä kenellekään",
    ),
    (
        "kuraattori",
        "need__worker",
        "gap",
        "kokemus@",
        "Kuraattori huomaa poissaolot, mutta asiakkuus päättyy opintojen mukana",
    ),
    (
        "hakemus",
        "contact__client",
        "gap",
        "tunturikoivu@",
        "Toimeentulotukihakemus jää kesken liitteiden takia",
    ),
    (
        "liitteet",
        "contact__service",
        "overlap",
        "kaamos@",
        "Kela ja sosiaalitoimisto pyytävät samat liitteet",
    ),
    (
        "tavoittaa",
        "contact__worker",
        "works",
        "asiakas@",
        "Etsivä nuorisotyöntekijä tavoittaa Ainon somen kautta",
    ),
    (
        "suunnitelmat",
        "assessment__worker",
        "overlap",
        "tyontekija@",
        "Sosiaalityö ja TE-palvelut tekevät kumpikin oman suunnitelman",
    ),
    (
        "tarina",
        "assessment__client",
        "overlap",
        "asiakas@",
        "Aino kertoo tarinansa kolmannen kerran kuukauden sisällä",
    ),
    (
        "jono",
        "services__service",
        "gap",
        "kokemus@",
        "Mielenterveyspalveluihin on kolmen kuukauden jono",
    ),
    (
        "yhteinen",
        "services__worker",
        "works",
        "tyontekija@",
        "Ohjaamon nimetty työntekijä kokoaa yhteisen tapaamisen",
    ),
    (
        "perään",
        "follow_up__worker",
        "gap",
        "kaamos@",
        "Kukaan ei soita perään, kun tapaaminen jää väliin",
    ),
    (
        "kesa",
        "follow_up__client",
        "question",
        "paattaja@",
        "Kuka on Ainon yhteyshenkilö kesälomien aikana?",
    ),
]
PATH_LINKS = [
    ("tavoittaa", "yhteinen", "ohjaa"),
    ("kuraattori", "suunnitelmat", "pitäisi jakaa tietoa"),
]
# (board, note key, voters): one dot each.
DOTS = [
    ("path", "perään", ["asiakas@", "kaamos@", "tunturikoivu@", "kokemus@", "paattaja@"]),
    ("path", "suunnitelmat", ["asiakas@", "tunturikoivu@", "tyontekija@", "paattaja@"]),
    ("path", "jono", ["kokemus@", "kaamos@", "asiakas@"]),
    ("path", "liitteet", ["tunturikoivu@", "kaamos@"]),
    ("network", "vuokranantaja", ["tunturikoivu@", "kaamos@", "paattaja@"]),
    ("network", "opiskeluhuolto", ["asiakas@", "tyontekija@"]),
    ("network", "nuorisotila", ["lakkasuo@", "kokemus@", "kaamos@"]),
]
COMMENTS = [
    (
        "path",
        "perään",
        "kokemus@",
        "Tämä oli omassa polussani se kohta, jossa putosin. Yksi soitto olisi riittänyt.",
    ),
    (
        "path",
        "perään",
        "tyontekija@",
        "Ohjaamossa on kokeiltu tekstiviestimuistutusta, mutta soitto toimii paremmin.",
    ),
    (
        "network",
        "nuorisotila",
        "lakkasuo@",
        "Nuorisotilan ohjaaja tuntee nuoret ja puhuu saamea. Hänet kannattaa kutsua mukaan.",
    ),
    (
        "path",
        "suunnitelmat",
        "paattaja@",
        "Viedään johtoryhmään: voisiko yhteinen suunnitelma korvata kaksi erillistä?",
    ),
]
DECISIONS = [
    ("path", DECISION_FOR_IDEA),
    (
        "network",
        "Opiskeluhuolto, aikuissosiaalityö ja TE-palvelut sopivat, miten tieto siirtyy nuoren "
        "luvalla, kun asiakkuus päättyy yhdessä palvelussa.",
    ),
    (
        "network",
        "Saamelaisalueen nuorille järjestetään etätapaamiset niin, ettei nuoren tarvitse "
        "varata aikaa itse: työntekijä sopii ajan ja soittaa.",
    ),
]
NEXT_STEPS = [
    ("Vastuutyöntekijämallin kuvaus ja kokeilusuunnitelma", "Ohjaamon tiimiesimies", 30),
    (
        "Tiedonsiirron suostumuslomake selkokielellä",
        "Aikuissosiaalityön johtava sosiaalityöntekijä",
        45,
    ),
    ("Etätapaamisten kokeilu Utsjoella ja Enontekiöllä", "Innoagentti Lappi", 60),
    (
        "Kerrotaan kehittäjäasiakasryhmälle, mitä päätöksille tapahtui",
        "Palvelujohtaja",
        75,
    ),
]
BOOKLET_SUMMARY = (
    "Kehittäjäryhmä – kehittäjäasiakkaat, työntekijät, esimiehet ja johto – kävi läpi "
    "palveluista putoavien nuorten aikuisten alueellisen verkoston ja Ainon polun "
    "palveluissa. Suurimmat aukot: kun asiakkuus päättyy, kukaan ei varmista jatkoa, ja "
    "samat tiedot kysytään moneen kertaan. Päällekkäistä työtä syntyy, kun sosiaalityö ja "
    "TE-palvelut tekevät kumpikin oman suunnitelmansa. Sovimme kolmesta päätöksestä ja "
    "neljästä seuraavasta askeleesta."
)

OPEN_PEOPLE = [
    "innoagentti.ep@kohtaamo.example",
    "kokemus@kohtaamo.example",
    "lakeus@kohtaamo.example",
    "vertainen@kohtaamo.example",
]
OPEN_NOTES = [
    # (board, place, colour, author, text)
    ("blank", "board", "plain", "lakeus@", "Lääkkeet ja reseptit kunnossa ennen kotiinlähtöä"),
    ("blank", "board", "question", "vertainen@", "Kuka soittaa ensimmäisenä kotiutumisen jälkeen?"),
    ("blank", "board", "works", "kokemus@", "Vertaistukiryhmän yhteystiedot mukaan paperilla"),
    (
        "path",
        "follow_up__client",
        "gap",
        "lakeus@",
        "Kotiutus perjantaina, eikä kukaan ehdi sopia jatkosta",
    ),
    (
        "path",
        "follow_up__service",
        "gap",
        "vertainen@",
        "Avohoidon aika vasta kolmen viikon päästä",
    ),
    (
        "path",
        "assessment__service",
        "overlap",
        "kokemus@",
        "Osasto ja avohoito tekevät kumpikin oman suunnitelmansa",
    ),
]


def _people(emails):
    found = {user.email: user for user in User.objects.filter(email__in=emails)}
    return found if len(found) == len(set(emails)) else None


def _note(board, by, key, region, colour, text):
    # The service's inner step: the rules and the change log, without the live posting limit.
    return services._add_note(
        board, by, region=region, colour=colour, text=text, token=f"demo-{key}", card=None
    )


def _place_card(board, by, card, region):
    return services._add_note(
        board, by, region=region, colour="", text="", token=f"demo-card-{card.pk}", card=card
    )


def seed_workshops():
    lapland = seed_lapland_workshop()
    open_ = seed_open_workshop()
    return [workshop for workshop in (lapland, open_) if workshop is not None]


def seed_lapland_workshop():
    panel = Panel.objects.filter(slug=LAPLAND_PANEL).first()
    people = _people([*LAPLAND_PEOPLE, LAPLAND_GUEST])
    if panel is None or people is None:
        return None
    existing = Workshop.objects.filter(panel=panel, title=LAPLAND_TITLE).first()
    if existing is not None:
        return existing

    def who(short):
        return people[demo_email(short)]

    facilitator = who(FACILITATOR)
    day = timezone.localdate() - timedelta(days=24)
    starts_at = timezone.make_aware(datetime.combine(day, time(13)))
    meeting, _created = Meeting.objects.get_or_create(
        panel=panel,
        title=LAPLAND_MEETING,
        defaults={
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=3),
            "place": "Rovaniemen Ohjaamo, ryhmätila, ja etäyhteys saamelaisalueelle",
            "agenda": (
                "1. Asiakassegmenttikortti: keitä ovat palveluista putoavat nuoret aikuiset\n"
                "2. Asiakaskortit: Aino ja Mikko\n"
                "3. Alueellinen verkosto\n"
                "4. Yhteen sovitetut palvelut: Ainon polku\n"
                "5. Päätökset ja seuraavat askeleet dokumentaatiovihkoon"
            ),
            "created_by": facilitator,
        },
    )
    workshop = services.create_workshop(
        panel,
        facilitator,
        title=LAPLAND_TITLE,
        meeting=meeting,
        purpose=(
            "Palveluintegraation muotoilu: kehittäjäryhmä selvittää, ketkä toimijat ovat "
            "palveluista putoavien nuorten aikuisten ympärillä, miten he tekevät yhteistyötä "
            "ja missä kohdin tuki on päällekkäistä tai jää puuttumaan."
        ),
    )
    services.add_guest(workshop, facilitator, who(LAPLAND_GUEST))

    segment = services.add_board(workshop, facilitator, kind="segment_card")
    services.save_card(segment, who("kokemus@"), SEGMENT)
    cards = []
    for values, author in zip(CLIENT_CARDS, ("asiakas@", "kaamos@"), strict=True):
        card = services.add_board(workshop, facilitator, kind="client_card")
        cards.append(services.save_card(card, who(author), values))
    network = services.add_board(
        workshop, facilitator, kind="network", title="Alueellinen verkosto: nuoret aikuiset"
    )
    path = services.add_board(
        workshop, facilitator, kind="service_path", title="Yhteen sovitetut palvelut: Ainon polku"
    )
    boards = {"network": network, "path": path}

    notes = {"network": {}, "path": {}}
    _place_card(network, facilitator, segment, "client_group")
    for key, region, colour, author, text in NETWORK_NOTES:
        notes["network"][key] = _note(network, who(author), key, region, colour, text)
    _place_card(path, facilitator, cards[0], "need__client")
    for key, region, colour, author, text in PATH_NOTES:
        notes["path"][key] = _note(path, who(author), key, region, colour, text)
    for board, links in (("network", NETWORK_LINKS), ("path", PATH_LINKS)):
        for source, target, label in links:
            services.link_notes(
                notes[board][source], notes[board][target], facilitator, label=label
            )
    for board, key, voters in DOTS:
        for voter in voters:
            services.vote(notes[board][key], who(voter))
    for board, key, author, body in COMMENTS:
        services._comment(notes[board][key], who(author), body=body, token=None, warned=False)

    for board, text in DECISIONS:
        services.add_decision(workshop, facilitator, text=text, board=boards[board])
    for text, owner, days in NEXT_STEPS:
        services.add_next_step(
            workshop, facilitator, text=text, owner=owner, due=day + timedelta(days=days)
        )
    services.finish_workshop(workshop, facilitator)
    services.publish_booklet(workshop, facilitator, summary=BOOKLET_SUMMARY)

    # Dated to the day of the meeting rather than the day of seeding.
    Workshop.objects.filter(pk=workshop.pk).update(
        created_at=starts_at - timedelta(days=7),
        finished_at=meeting.ends_at,
        booklet_published_at=meeting.ends_at + timedelta(days=2),
    )
    for minutes, note in enumerate(Note.objects.filter(board__workshop=workshop).order_by("pk")):
        Note.objects.filter(pk=note.pk).update(
            created_at=starts_at + timedelta(minutes=20 + minutes * 3)
        )
    workshop.decisions.update(created_at=meeting.ends_at - timedelta(minutes=20))
    workshop.refresh_from_db()
    return workshop


def seed_open_workshop():
    panel = Panel.objects.filter(slug=OPEN_PANEL).first()
    people = _people(OPEN_PEOPLE)
    if panel is None or people is None:
        return None
    existing = Workshop.objects.filter(panel=panel, title=OPEN_TITLE).first()
    if existing is not None:
        return existing

    def who(short):
        return people[demo_email(short)]

    facilitator = who(OPEN_PEOPLE[0])
    workshop = services.create_workshop(
        panel,
        facilitator,
        title=OPEN_TITLE,
        meeting=Meeting.objects.filter(panel=panel, title=OPEN_MEETING).first(),
        purpose=(
            "Luonnostellaan yhdessä kotiutumisen tarkistuslista: mitä pitää olla kunnossa, "
            "kun mielenterveyskuntoutuja lähtee osastolta kotiin, ja kuka tekee mitä "
            "ensimmäisten viikkojen aikana. Alustoille voi kirjoittaa jo ennen tapaamista."
        ),
    )
    workshop.facilitators.add(who("kokemus@"))
    boards = {
        "blank": services.add_board(
            workshop, facilitator, kind="blank", title="Tarkistuslistan luonnos"
        ),
        "path": services.add_board(
            workshop, facilitator, kind="service_path", title="Kotiutumisen polku"
        ),
    }
    for number, (board, region, colour, author, text) in enumerate(OPEN_NOTES):
        _note(boards[board], who(author), f"open-{number}", region, colour, text)
    return workshop
