"""Demo idea rounds with ideas, supports and threaded comments. Used by ``manage.py seed_demo``.

The topics come from the regional pilots of the field work (a young adults' well-being plan,
developer cafés, long waiting times, plain-language letters); the people are invented.
Running the seed again updates everything in place: rounds are found by slug, ideas by
(round, title), comments by (idea, author, text).
"""

from datetime import timedelta

from django.utils import timezone

from accounts.demo import demo_email
from accounts.models import User
from accounts.roles import Role
from panels.models import Membership, MembershipStatus, Municipality, Panel, Region
from panels.walks.demo import FINDING_FOR_IDEA, WALK_TITLE
from panels.walks.demo import STAFF as WALK_STAFF
from panels.walks.models import Finding
from panels.workshops.demo import DECISION_FOR_IDEA, FACILITATOR, LAPLAND_TITLE
from panels.workshops.models import Decision

from .feedback.demo import seed_feedback
from .feedback.models import OfficialResponse
from .feedback.services import on_whose_behalf
from .models import Comment, Flag, Idea, IdeaRound, Phase, Support
from .origins.decisions import post_idea_from_decision
from .origins.walk_findings import post_idea_from_finding

# Regions and the panel the rounds need, by slug; the panels seed describes them fully.
REGIONS = {
    "lappi": "Lappi",
    "etela-karjala": "Etelä-Karjala",
    "keski-suomi": "Keski-Suomi",
    "pohjois-savo": "Pohjois-Savo (Kuopio)",
}
PANEL = ("kuopion-nuorten-aikuisten-raati", "Kuopion nuorten aikuisten raati", "pohjois-savo")

PEOPLE = [
    # e-mail, display name, role; the first four come from accounts.demo
    ("asiakas@kohtaamo.example", "Aamuvirkku", Role.DEVELOPER_CLIENT),
    ("kokemus@kohtaamo.example", "Polkujen kulkija", Role.EXPERT_BY_EXPERIENCE),
    ("tyontekija@kohtaamo.example", "Innoagentti Lappi", Role.STAFF),
    ("paattaja@kohtaamo.example", "Palvelujohtaja", Role.DECISION_MAKER),
    ("puolukka@kohtaamo.example", "Puolukka", Role.DEVELOPER_CLIENT),
    ("kuusikko@kohtaamo.example", "Kuusikko", Role.DEVELOPER_CLIENT),
    ("lumikko@kohtaamo.example", "Lumikko", Role.EXPERT_BY_EXPERIENCE),
    ("satama@kohtaamo.example", "Satamanvalo", Role.DEVELOPER_CLIENT),
]

# Days from today when each phase begins: (ideation, development, evaluation, closes).
PHASE_DAYS = {
    Phase.UPCOMING: (14, 45, 75, 105),
    Phase.IDEATION: (-10, 20, 40, 60),
    Phase.DEVELOPMENT: (-40, -5, 25, 50),
    Phase.EVALUATION: (-70, -40, -7, 30),
    Phase.CLOSED: (-200, -160, -120, -90),
}

ROUNDS = [
    {
        "slug": "nuorten-aikuisten-hyvinvointisuunnitelma",
        "title": "Nuorten aikuisten yhteinen hyvinvointisuunnitelma",
        "region": "pohjois-savo",
        "phase": Phase.IDEATION,
        "themes": ["Oma työntekijä", "Hyvinvointisuunnitelma", "Mun elämä -työkalut"],
        "description": (
            "Nuorella aikuisella voi olla samaan aikaan asiakkuus sosiaalityössä, "
            "mielenterveyspalveluissa, TE-palveluissa ja opiskeluhuollossa – ja jokaisessa oma "
            "suunnitelma. Kehitämme mallia, jossa on yksi nimetty työntekijä ja yksi yhteinen "
            "hyvinvointisuunnitelma.\n\nMikä auttaisi sinua? Mikä on mennyt pieleen?"
        ),
        # Selkokieli: what the round is about, for readers who turn on plain language.
        "plain_summary": (
            "Monella nuorella on monta työntekijää. Jokaisella työntekijällä on oma suunnitelma. "
            "Se on raskasta.\n\nHaluamme muuttaa tämän. Sinulla olisi yksi työntekijä. Teillä "
            "olisi yksi yhteinen suunnitelma.\n\nKerro meille, mikä auttaisi sinua. Kerro myös, "
            "mikä on mennyt huonosti."
        ),
        "ideas": [
            {
                "title": "Yksi nimetty työntekijä, joka pysyy samana",
                "author": "asiakas@kohtaamo.example",
                "themes": ["Oma työntekijä"],
                "body": (
                    "Olen kertonut tarinani viidelle eri työntekijälle kahden vuoden aikana. "
                    "Joka kerta aloitetaan alusta.\n\nToivoisin yhden työntekijän, joka tuntee "
                    "tilanteeni ja kokoaa muut tarvittaessa samaan pöytään."
                ),
                "supporters": ["puolukka@", "kuusikko@", "lumikko@", "satama@"],
                "comments": [
                    (
                        "lumikko@",
                        "Tämä! Kokemusasiantuntijana kuulen tätä joka viikko. Luottamus syntyy "
                        "vasta, kun samaa ihmistä ei tarvitse vaihtaa.",
                        [
                            (
                                "puolukka@",
                                "Samaa mieltä. Ja jos työntekijä vaihtuu, uusi voisi "
                                "tulla ensimmäiseen tapaamiseen yhdessä vanhan kanssa.",
                            ),
                            (
                                "tyontekija@",
                                "Hyvä ehdotus. Selvitämme, miten "
                                "työntekijävaihdokset voitaisiin tehdä yhteisen tapaamisen kautta.",
                            ),
                        ],
                    ),
                    (
                        "kuusikko@",
                        "Nimetyn työntekijän yhteystiedot voisivat olla "
                        "suunnitelman ensimmäisellä sivulla.",
                        [],
                    ),
                ],
            },
            {
                "title": "Elämänpyörä mukaan ensimmäiseen tapaamiseen",
                "author": "puolukka@kohtaamo.example",
                "themes": ["Mun elämä -työkalut", "Hyvinvointisuunnitelma"],
                "body": (
                    "Elämänpyörän täyttäminen ennen tapaamista auttoi minua miettimään, mistä "
                    "haluan puhua. Se voisi olla vakiona ensimmäisessä tapaamisessa, ja sama "
                    "pyörä täytettäisiin puolen vuoden päästä uudelleen.\n\nLisätietoa "
                    "työkaluista: https://thl.fi/"
                ),
                "supporters": ["asiakas@", "satama@"],
                "comments": [
                    (
                        "satama@",
                        "Hyvä, kunhan täyttäminen on vapaaehtoista. Kaikki eivät "
                        "halua arvioida elämäänsä numeroilla.",
                        [],
                    ),
                ],
            },
            {
                "title": "Suunnitelma puhelimeen selkokielellä",
                "author": "satama@kohtaamo.example",
                "themes": ["Hyvinvointisuunnitelma"],
                "body": (
                    "Paperinen suunnitelma katoaa. Haluaisin nähdä oman suunnitelmani "
                    "puhelimesta: mitä on sovittu, kuka tekee mitä ja milloin seuraava "
                    "tapaaminen on. Selkokielellä, ilman lyhenteitä."
                ),
                "supporters": ["asiakas@"],
                "comments": [],
            },
        ],
    },
    {
        "slug": "odotusajat-lyhyemmiksi",
        "title": "Odotusajat lyhyemmiksi",
        "region": "lappi",
        "phase": Phase.DEVELOPMENT,
        "themes": ["Odotusajat", "Yhteydenotto", "Etäpalvelut"],
        "description": (
            "Pitkät odotusajat ja pitkät matkat kuormittavat erityisesti paljon tukea "
            "tarvitsevia. Ideointivaihe on päättynyt: nyt kehitämme jätettyjä ideoita yhdessä."
        ),
        "ideas": [
            {
                "title": "Takaisinsoitto samalta työntekijältä",
                "author": "puolukka@kohtaamo.example",
                "themes": ["Yhteydenotto"],
                "body": (
                    "Kun jätän soittopyynnön, soittaja on joka kerta eri ihminen, eikä hän tunne "
                    "tilannettani. Takaisin voisi soittaa se, joka on hoitanut asiaani."
                ),
                "supporters": ["kuusikko@", "asiakas@", "lumikko@"],
                "comments": [
                    (
                        "tyontekija@",
                        "Kokeilemme tätä Rovaniemen aikuissosiaalityössä "
                        "keväällä. Kertokaa kokemuksistanne tässä ketjussa.",
                        [
                            (
                                "kuusikko@",
                                "Hienoa! Toivottavasti kokeilu ulottuu myös terveysasemalle.",
                            ),
                        ],
                    ),
                ],
            },
            {
                "title": "Tieto jonotilanteesta tekstiviestillä",
                "author": "kuusikko@kohtaamo.example",
                "themes": ["Odotusajat"],
                "body": (
                    "Odottaminen on helpompaa, kun tietää, kauanko se kestää. Tekstiviesti: "
                    '"Olet jonossa sijalla 12, arvioitu aika kaksi viikkoa."'
                ),
                "supporters": ["satama@"],
                "comments": [
                    ("satama@", "Ja viesti myös silloin, kun aika siirtyy.", []),
                    (
                        "puolukka@",
                        "Tämä on ihan roskaa, ei kukaan jaksa lukea viestejä, ideanne ovat tyhmiä.",
                        [],
                    ),
                ],
            },
            {
                "title": "Etävastaanotto pitkien matkojen päähän",
                "author": "kokemus@kohtaamo.example",
                "themes": ["Etäpalvelut", "Odotusajat"],
                "body": (
                    "Saamelaisalueelta on satoja kilometrejä kuntakeskukseen. Osa "
                    "tapaamisista voisi olla videoyhteydellä kirjaston tai kunnantalon "
                    "rauhallisesta huoneesta, jossa on apua laitteiden kanssa."
                ),
                "supporters": ["asiakas@", "puolukka@"],
                "comments": [],
            },
        ],
    },
    {
        "slug": "selkokieliset-kirjeet",
        "title": "Selkokieliset kirjeet ja päätökset",
        "region": "etela-karjala",
        "phase": Phase.EVALUATION,
        "themes": ["Selkokieli", "Päätökset"],
        "description": (
            "Moni asiakas ei ymmärrä saamaansa päätöstä. Päättäjät arvioivat nyt, mitkä "
            "ideoista otetaan käyttöön."
        ),
        "ideas": [
            {
                "title": "Päätöksen tärkein asia ensimmäiselle riville",
                "author": "satama@kohtaamo.example",
                "themes": ["Päätökset", "Selkokieli"],
                "body": (
                    "Ensimmäisellä rivillä pitäisi lukea: saitko sen, mitä hait, ja mitä sinun "
                    "pitää tehdä seuraavaksi. Pykälät vasta sen jälkeen."
                ),
                "supporters": ["asiakas@", "puolukka@", "kuusikko@", "lumikko@"],
                "comments": [
                    (
                        "lumikko@",
                        "Ja oikaisuvaatimuksen ohje selkokielellä.",
                        [
                            ("asiakas@", "Kyllä, ja määräaika lihavoituna."),
                        ],
                    ),
                ],
            },
            {
                "title": "Kirjeeseen yhteyshenkilön suora numero",
                "author": "kuusikko@kohtaamo.example",
                "themes": ["Päätökset"],
                "body": (
                    "Vaihteen kautta soittaminen vie puoli tuntia. Kirjeessä voisi olla "
                    "asian hoitajan nimi ja suora numero sekä puhelinaika."
                ),
                "supporters": ["satama@"],
                "comments": [],
            },
        ],
    },
    {
        "slug": "kehittajakahvilat-2025",
        "title": "Kehittäjäkahvilat",
        "region": "lappi",
        "phase": Phase.CLOSED,
        "themes": ["Kehittäjäkahvila", "Tilat"],
        "description": (
            "Kehittäjäkahviloissa asiakkaat ja työntekijät keskustelevat palveluista kahvin "
            "ääressä. Kierros on päättynyt; ideat ja keskustelut jäävät luettaviksi."
        ),
        "ideas": [
            {
                "title": "Kahvila kirjaston tiloihin",
                "author": "asiakas@kohtaamo.example",
                "themes": ["Tilat", "Kehittäjäkahvila"],
                "body": (
                    "Sosiaalitoimiston aulaan ei tule kukaan vapaaehtoisesti. Kirjastoon on "
                    "helppo tulla, eikä kukaan kysy, miksi olet siellä."
                ),
                "supporters": ["puolukka@", "kuusikko@"],
                "comments": [
                    (
                        "tyontekija@",
                        "Kiitos! Syksyn kahvilat pidettiin kirjastossa, ja "
                        "kävijöitä oli kaksi kertaa aiempaa enemmän.",
                        [],
                    ),
                ],
            },
            {
                "title": "Kahvilan aiheet etukäteen tiedoksi",
                "author": "lumikko@kohtaamo.example",
                "themes": ["Kehittäjäkahvila"],
                "body": "Kun aihe on tiedossa, voi valmistautua ja ottaa kaverin mukaan.",
                "supporters": ["asiakas@"],
                "comments": [],
            },
        ],
    },
    {
        "slug": "kokemusasiantuntijat-paatoksenteossa",
        "title": "Kokemusasiantuntijat mukaan päätöksentekoon",
        "region": "keski-suomi",
        "phase": Phase.UPCOMING,
        "themes": ["Kokemusasiantuntijuus", "Päätöksenteko"],
        "description": (
            "Miten kokemusasiantuntijat voisivat olla mukana jo silloin, kun palveluista "
            "päätetään? Ideointi alkaa pian."
        ),
        "ideas": [],
    },
    {
        "slug": "raadin-palvelupolku",
        "title": "Raadin ideat: nuoren aikuisen palvelupolku",
        "region": "pohjois-savo",
        "panel": True,
        "phase": Phase.IDEATION,
        "themes": ["Palvelupolku", "Siirtymät"],
        "description": (
            "Vain Kuopion nuorten aikuisten raadin jäsenille. Missä kohdassa palvelupolkua "
            "putoaa helpoimmin tyhjän päälle?"
        ),
        "ideas": [
            {
                "title": "Kun täytän 25, tuki ei saa loppua kuin seinään",
                "author": "asiakas@kohtaamo.example",
                "themes": ["Siirtymät"],
                "body": (
                    "Nuorten palveluista aikuisten palveluihin siirtyminen pitäisi suunnitella "
                    "puoli vuotta etukäteen yhdessä minun kanssani."
                ),
                "supporters": ["satama@"],
                "comments": [
                    (
                        "satama@",
                        "Sama kokemus. Siirtymätapaaminen, jossa ovat mukana "
                        "molemmat työntekijät, auttaisi.",
                        [],
                    ),
                ],
            },
        ],
    },
]

# The abusive comment above waits in the Lapland moderation queue, reported by another person.
FLAGGED = ("Tämä on ihan roskaa", "satama@", "Haukkuu muiden ideoita tyhmiksi.")


def _person(email, display_name, role):
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User(email=email, display_name=display_name, role=role)
    user.terms_accepted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    return user


def _region(slug):
    region, _created = Region.objects.get_or_create(slug=slug, defaults={"name": REGIONS[slug]})
    return region


def _panel(people):
    slug, name, region_slug = PANEL
    panel, _created = Panel.objects.get_or_create(
        slug=slug, defaults={"name": name, "region": _region(region_slug)}
    )
    for email in ("asiakas@kohtaamo.example", "satama@kohtaamo.example"):
        person = people[email]
        if not Membership.objects.current().filter(person=person, panel=panel).exists():
            Membership.objects.create(person=person, panel=panel, status=MembershipStatus.ACTIVE)
    return panel


def _dates(phase):
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    names = ("ideation_starts", "development_starts", "evaluation_starts", "closes_at")
    return {
        name: today + timedelta(days=days)
        for name, days in zip(names, PHASE_DAYS[phase], strict=True)
    }


def _comment(idea, author, body, parent=None):
    # Written in the hours after the idea (or the comment answered), not on the day of seeding.
    after = parent.created_at if parent else idea.created_at
    count = Comment.objects.filter(idea=idea).count()
    comment, _created = Comment.objects.get_or_create(
        idea=idea,
        author=author,
        body=body,
        defaults={"parent": parent, "created_at": after + timedelta(hours=3 + count * 2)},
    )
    return comment


def seed_ideas():
    people = {email: _person(email, name, role) for email, name, role in PEOPLE}
    _region("lappi").officials.add(people["tyontekija@kohtaamo.example"])
    _region("lappi").officials.add(people["paattaja@kohtaamo.example"])

    def who(short):
        return people[demo_email(short)]

    for spec in ROUNDS:
        round_, _created = IdeaRound.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "description": spec["description"],
                "plain_summary": spec.get("plain_summary", ""),
                "region": _region(spec["region"]),
                "panel": _panel(people) if spec.get("panel") else None,
                "run_by": people["tyontekija@kohtaamo.example"],
                "phase_override": "",
                **_dates(spec["phase"]),
            },
        )
        round_.themes.set(spec["themes"])
        for number, idea_spec in enumerate(spec["ideas"]):
            idea, _created = Idea.objects.update_or_create(
                round=round_,
                title=idea_spec["title"],
                defaults={
                    "author": who(idea_spec["author"]),
                    "body": idea_spec["body"],
                    "created_at": round_.ideation_starts + timedelta(days=1, hours=number * 5),
                },
            )
            idea.themes.set(idea_spec["themes"])
            for short in idea_spec["supporters"]:
                Support.objects.get_or_create(idea=idea, person=who(short))
            for author, body, replies in idea_spec["comments"]:
                top = _comment(idea, who(author), body)
                for reply_author, reply_body in replies:
                    _comment(idea, who(reply_author), reply_body, parent=top)

    text, reporter, reason = FLAGGED
    abusive = Comment.objects.filter(body__startswith=text).first()
    if abusive is not None and abusive.hidden_at is None:
        Flag.objects.get_or_create(
            comment=abusive,
            reporter=who(reporter),
            resolved_at=None,
            defaults={"reason": reason},
        )

    seed_feedback(people)
    seed_round_places()


# Lapland's rounds and their municipalities (panels.places.demo made them); the others are
# the whole region's.
ROUND_MUNICIPALITIES = {"odotusajat-lyhyemmiksi": "Rovaniemi"}


def seed_round_places():
    """Rounds in their municipalities, and Lapland's official responses on behalf of the
    organisation their responder works for (the demo's responses are written directly, not
    through the publishing service that would have set it)."""
    for slug, name in ROUND_MUNICIPALITIES.items():
        IdeaRound.objects.filter(slug=slug).update(
            municipality=Municipality.objects.filter(
                region__idea_rounds__slug=slug, name=name
            ).values("pk")[:1]
        )
    for response in OfficialResponse.objects.filter(
        idea__round__region__slug="lappi", on_behalf_of__isnull=True
    ).select_related("responder", "idea__round"):
        organisation = (
            on_whose_behalf(response.responder, response.idea) if response.responder else None
        )
        if organisation is not None:
            OfficialResponse.objects.filter(pk=response.pk).update(on_behalf_of=organisation)


# A co-design workshop's decision that became an idea (ideas.origins.decisions): the
# Rovaniemi panel's workshop (panels.workshops.demo) decided on one named worker, and its
# facilitator posted the decision in an idea round of Lapland that is taking ideas.
WORKSHOP_ROUND = {
    "slug": "nuorten-aikuisten-palvelut-lapissa",
    "title": "Nuorten aikuisten palvelut Lapissa",
    "region": "lappi",
    "phase": Phase.IDEATION,
    "themes": ["Palveluohjaus", "Nuoret aikuiset", "Tiedonkulku"],
    "description": (
        "Noin joka kymmenes palveluja käyttävä on tilanteessa, jossa haasteita on yhtä aikaa "
        "terveyden, työllistymisen ja toimeentulon kanssa. Nuorille aikuisille luukulta "
        "toiselle kulkeminen on usein liikaa. Miten palvelut saadaan toimimaan yhdessä niin, "
        "ettei kukaan putoa niiden väliin?"
    ),
}
WORKSHOP_IDEA = {
    "title": "Yksi vastuutyöntekijä palveluista putoaville nuorille aikuisille",
    "themes": ["Palveluohjaus", "Nuoret aikuiset"],
    "body_after": (
        "\n\nPäätös syntyi Rovaniemen kehittäjäasiakasryhmän yhteiskehittämisen työpajassa, "
        "jossa kävimme läpi palveluista putoavien nuorten aikuisten alueellisen verkoston ja "
        "yhden nuoren polun palveluissa. Suurin aukko oli se, ettei kukaan varmista jatkoa, "
        "kun yksi asiakkuus päättyy."
    ),
}


def _region_round(spec, author):
    """The region-wide round (no panel) a source elsewhere is posted in, run by ``author``."""
    round_, _created = IdeaRound.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "title": spec["title"],
            "description": spec["description"],
            "region": _region(spec["region"]),
            "panel": None,
            "run_by": author,
            "phase_override": "",
            **_dates(spec["phase"]),
        },
    )
    round_.themes.set(spec["themes"])
    return round_


def seed_workshop_idea():
    """Run after panels.workshops.demo: post its decision as an idea, once."""
    decision = (
        Decision.objects.filter(workshop__title=LAPLAND_TITLE, text=DECISION_FOR_IDEA)
        .select_related("workshop__panel")
        .first()
    )
    author = User.objects.filter(email=FACILITATOR).first()
    if decision is None or author is None:
        return None
    existing = Idea.objects.filter(workshop_decision=decision).first()
    if existing is not None:
        return existing
    round_ = _region_round(WORKSHOP_ROUND, author)
    return post_idea_from_decision(
        author,
        decision,
        round_,
        title=WORKSHOP_IDEA["title"],
        body=decision.text + WORKSHOP_IDEA["body_after"],
        themes=list(round_.themes.filter(name__in=WORKSHOP_IDEA["themes"])),
    )


# An observation walk's finding that became an idea (ideas.origins.walk_findings): Central Finland's
# ward walk (panels.walks.demo) found that discharge instructions came too late, and the
# region's participation coordinator posted the finding in a round of the region.
WALK_ROUND = {
    "slug": "potilaan-paiva-sairaalassa",
    "title": "Potilaan päivä sairaalassa",
    "region": "keski-suomi",
    "phase": Phase.IDEATION,
    "themes": ["Potilaskokemus", "Kotiutuminen", "Opasteet"],
    "description": (
        "Kokemusasiantuntijat kulkivat potilaan päivän osastolla sisäänkäynniltä "
        "kotiutukseen. Mitä heidän havainnoistaan pitäisi muuttaa ensimmäisenä, ja miten?"
    ),
}
WALK_IDEA = {
    "title": "Kotiutusohjeet läpi hoitajan kanssa jo edellisenä päivänä",
    "themes": ["Potilaskokemus", "Kotiutuminen"],
    "body_after": (
        "\n\nHavainto tehtiin Päivä elämässä -kävelyllä sisätautien osastolla. Kotiutus oli "
        "reitin kohta, jossa potilaat kokivat jäävänsä yksin: ohjeet tulivat kiireessä."
    ),
}


def seed_walk_idea():
    """Run after panels.walks.demo: post its finding as an idea, once."""
    finding = (
        Finding.objects.filter(walk__title=WALK_TITLE, text=FINDING_FOR_IDEA)
        .select_related("walk__template__region", "place")
        .first()
    )
    author = User.objects.filter(email=WALK_STAFF).first()
    if finding is None or author is None:
        return None
    existing = Idea.objects.filter(walk_finding=finding).first()
    if existing is not None:
        return existing
    round_ = _region_round(WALK_ROUND, author)
    return post_idea_from_finding(
        author,
        finding,
        round_,
        title=WALK_IDEA["title"],
        body=finding.text + WALK_IDEA["body_after"],
        themes=list(round_.themes.filter(name__in=WALK_IDEA["themes"])),
    )
