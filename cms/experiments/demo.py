"""Demo experiments and practices: the Kuopio experiment from the field (Kokeilunpaikka's
"Hyvinvoinnin integroitu toimintamalli - case Kuopio", with its real structure), the two
practices it produced, a running experiment in Lapland with three updates, and Swedish and
English translations of the Kuopio experiment. Runs after the ideas seed: the experiments grow
from demo ideas, and publishing them tells those ideas' people."""

from datetime import date

from django.conf import settings
from wagtail.models import Locale

from cms.models import HomePage
from ideas.feedback.statuses import ExperimentStatus
from ideas.models import Idea
from panels.models import Panel, Region

from .models import (
    ExperimentIndexPage,
    ExperimentOrigin,
    ExperimentPage,
    ExperimentUpdate,
    PracticeAdoption,
    PracticeIndexPage,
    PracticePage,
    PracticeSource,
)

INDEXES = {
    ExperimentIndexPage: {
        "fi": (
            "Kokeilut",
            "kokeilut",
            "Ideoista kasvaneet kokeilut: mitä kokeiltiin, kenen kanssa, ja mitä opittiin.",
        ),
        "sv": (
            "Försök",
            "forsok",
            "Försök som vuxit ur idéer: vad prövades, med vem och vad man lärde sig.",
        ),
        "en": (
            "Experiments",
            "experiments",
            "Experiments grown from ideas: what was tried, with whom, and what was learned.",
        ),
        "se": (
            "Geahččaleamit",
            "geahccaleamit",
            "Ideain šaddan geahččaleamit: maid geahččaledje, geaiguin ja maid oahppe.",
        ),
    },
    PracticeIndexPage: {
        "fi": (
            "Toimintamallit",
            "toimintamallit",
            "Kokeiluissa toimiviksi todetut toimintamallit, joita muut alueet voivat ottaa "
            "käyttöön. Alueet kertovat itse, miten ne ovat mallia soveltaneet.",
        ),
        "sv": (
            "Verksamhetsmodeller",
            "verksamhetsmodeller",
            "Verksamhetsmodeller som visat sig fungera i försök och som andra regioner kan ta "
            "i bruk.",
        ),
        "en": (
            "Practices",
            "practices",
            "Ways of working that proved themselves in experiments, for other regions to adopt.",
        ),
        "se": (
            "Doaibmamállet",
            "doaibmamallet",
            "Geahččalemiin doaibmi doaibmamállet, maid eará guovllut sáhttet váldit atnui.",
        ),
    },
}

KUOPIO = {
    "slug": "hyvinvoinnin-integroitu-toimintamalli-kuopio",
    "region": "pohjois-savo",
    "status": ExperimentStatus.ENDED,
    "starts_on": date(2015, 1, 1),
    "ends_on": date(2016, 12, 31),
    "themes": ["Nuoret", "Oma työntekijä", "Hyvinvointisuunnitelma"],
    "idea": "Yksi nimetty työntekijä, joka pysyy samana",
    "fi": {
        "title": "Hyvinvoinnin integroitu toimintamalli – case Kuopio",
        "organisation": "Kuopion kaupunki",
        "summary": (
            "Digitaaliseen palveluintegraatioon, vastuutyöntekijätoimintaan, elämänhallinnan "
            "kokonaisvaltaiseen arviointiin ja henkilökohtaiseen hyvinvointisuunnitelmaan "
            "perustuvan toimintamallin kehittäminen (palvelusuunnitelmien yhdistämiskokeilu). "
            "Kohderyhmä: nuoret aikuiset."
        ),
        "goal": (
            "Kuntakokeilulain (1350/2014) turvin yhdistää usean toimialan, palveluntuottajan ja "
            "toimijan tarjoama tuki yhtenäiseksi: nuoren erilliset palvelusuunnitelmat yhdeksi "
            "hyvinvointisuunnitelmaksi."
        ),
        "what_was_tried": (
            "Miten eri ammattialojen ja sektoreiden välistä yhteistyötä voidaan lisätä ja "
            "samalla vahvistaa asiakkaan itsenäistä selviytymistä. Jokaiselle kokeiluun "
            "osallistuneelle nuorelle nimettiin henkilökohtainen työntekijä."
        ),
        "participants": (
            "33 kuopiolaista 16–29-vuotiasta nuorta ja 17 ammattilaista sosiaalipalveluista, "
            "terveydenhuollosta, oppilashuollosta, nuorisopalveluista, psykiatrian keskuksesta "
            "ja kahdesta ostopalveluyksiköstä. Kehittämisessä mukana myös "
            "ammattikorkeakoulu ja yliopisto."
        ),
        "preconditions": (
            "Kuntakokeilulaki antoi mahdollisuuden toimia joustavasti ja yhdistää "
            "asiakassuunnitelmat. Lain päätyttyä (31.12.2016) yhdistämisrekisteriä ei voi "
            "ylläpitää; suunnitelmia voi yhdistää perustamalla organisaatioiden yhteisrekisterin."
        ),
        "result": (
            "Kokeilu tuotti kaksi selkeää toimintamallia: Integraattorimallin sekä Mun elämä "
            "-työkalut (3X10D-elämänpyörä ja kysely). Tuotoksia jatkojalostetaan osana "
            "maakunnallista kehittämistä."
        ),
        "lessons_learned": (
            "Eri alojen ammattilaiset ovat valmiita ammattirajat ylittävään kehittämiseen, kun "
            "siihen on mahdollisuus. Asiakkaat aktivoituvat rakentamaan omaa elämäänsä, kun "
            "heidät otetaan mukaan palveluiden suunnitteluun. Lainsäädäntö on liian "
            "sektoroitunutta: se ohjaa luokittelemaan asiakkaita eikä tukemaan hänen omia "
            "tavoitteitaan kokonaisvaltaisesti."
        ),
        "goals_reached": (
            "Kyllä. Kokeilu teki näkyväksi, kuinka monen toimijan, ammattialan ja lainsäädännön "
            "ohjaamaksi nuori voi joutua, ja osoitti, että nuorelle voi antaa päätösvaltaa oman "
            "elämänsä suuntaamisessa ammattilaisten tukiessa häntä."
        ),
        "method_reflections": (
            "Kokeilemalla kehittäminen sopi tähän työhön hyvin. Väljä tavoite antoi tilaa uusille "
            "ratkaisuille matkan varrella. Kaikki ponnistelut eivät tuottaneet tulosta, mutta "
            "niistäkin opittiin, mitä kannattaa tehdä ja mitä ei. Ohjausryhmä kannusti, "
            "mahdollisti, kyseenalaisti ja rajasi."
        ),
        "contact": "Kuopion kaupunki, perusturva ja terveys, johdon tukipalvelut.",
        "updates": [
            (
                date(2015, 1, 1),
                "Kokeilu alkoi",
                "Kokeilu käynnistyi kuntakokeilulain turvin. Ohjausryhmä asetti väljän "
                "tavoitteen: laaja-alainen palvelujen yhteensovittaminen, olemassa olevan "
                "teknologian hyödyntäminen ja asiakkaan osallisuuden vahvistaminen.",
                "",
            ),
            (
                date(2016, 1, 1),
                "Asiakaskokeilu aidossa asiakasympäristössä",
                "Varsinainen asiakaskokeilu alkoi: 33 nuorta sai nimetyn työntekijän ja yhden "
                "yhteisen hyvinvointisuunnitelman.",
                "33 nuorta ja 17 ammattilaista mukana.",
            ),
            (
                date(2017, 3, 8),
                "Kokeilun oppi julkaistu",
                "Kokeilu päättyi vuoden 2016 lopussa. Tulokset ja opit on koottu tälle sivulle.",
                "Kaksi toimintamallia: Integraattorimalli ja Mun elämä -työkalut.",
            ),
        ],
    },
    "sv": {
        "title": "Integrerad verksamhetsmodell för välbefinnande – fallet Kuopio",
        "organisation": "Kuopio stad",
        "summary": (
            "En verksamhetsmodell för unga vuxna som bygger på digital serviceintegration, en "
            "ansvarig arbetstagare, en helhetsbedömning av livshanteringen och en personlig "
            "välfärdsplan (försök med att sammanföra serviceplaner)."
        ),
        "goal": (
            "Att med stöd av lagen om kommunförsök (1350/2014) föra samman stödet från flera "
            "sektorer, serviceproducenter och aktörer: den ungas separata serviceplaner till en "
            "enda välfärdsplan."
        ),
        "what_was_tried": (
            "Hur samarbetet mellan yrkesområden och sektorer kan ökas och samtidigt stärka "
            "klientens förmåga att klara sig själv. Varje ung person i försöket fick en egen "
            "namngiven arbetstagare."
        ),
        "participants": (
            "33 unga i åldern 16–29 år i Kuopio och 17 yrkespersoner från socialservicen, "
            "hälso- och sjukvården, elevhälsan, ungdomstjänsterna, psykiatrin och två köpta "
            "serviceenheter. En yrkeshögskola och ett universitet deltog i utvecklingen."
        ),
        "preconditions": (
            "Lagen om kommunförsök gjorde det möjligt att arbeta flexibelt och sammanföra "
            "klientplanerna. Efter att lagen upphörde (31.12.2016) kan registret inte längre "
            "upprätthållas; planerna kan föras samman i ett gemensamt register för "
            "organisationerna."
        ),
        "result": (
            "Försöket gav två tydliga verksamhetsmodeller: Integratormodellen och Mun elämä-"
            "verktygen (livshjulet 3X10D och en enkät)."
        ),
        "lessons_learned": (
            "Yrkesfolk från olika områden är redo att utveckla över yrkesgränserna när de får "
            "möjlighet. Klienterna blir aktiva när de tas med i planeringen av tjänsterna. "
            "Lagstiftningen är för sektoriserad: den styr mot att kategorisera klienter i "
            "stället för att stödja deras egna mål som helhet."
        ),
        "goals_reached": (
            "Ja. Försöket visade hur många aktörer, yrken och lagar en ung person kan styras av, "
            "och att den unga kan få beslutanderätt över sitt eget liv med yrkesfolkets stöd."
        ),
        "method_reflections": (
            "Att utveckla genom försök passade arbetet väl. Ett öppet mål gav utrymme för nya "
            "lösningar längs vägen. Allt gav inte resultat, men också det lärde oss vad som "
            "lönar sig och vad som inte gör det."
        ),
        "contact": "Kuopio stad, grundtrygghet och hälsa, ledningens stödtjänster.",
        "updates": [
            ("Försöket började", "Försöket inleddes med stöd av lagen om kommunförsök.", ""),
            (
                "Klientförsöket i en verklig klientmiljö",
                "33 unga fick en namngiven arbetstagare och en gemensam välfärdsplan.",
                "33 unga och 17 yrkespersoner deltog.",
            ),
            (
                "Försökets lärdomar publicerade",
                "Försöket avslutades i slutet av 2016. Resultaten och lärdomarna finns på den "
                "här sidan.",
                "Två verksamhetsmodeller: Integratormodellen och Mun elämä-verktygen.",
            ),
        ],
    },
    "en": {
        "title": "An integrated well-being model – the Kuopio case",
        "organisation": "City of Kuopio",
        "summary": (
            "A way of working for young adults built on digital service integration, one named "
            "worker, an all-round assessment of how life is going and one personal well-being "
            "plan (an experiment in combining service plans)."
        ),
        "goal": (
            "Under the Municipal Experiments Act (1350/2014), to join the support of several "
            "sectors, service providers and organisations into one: a young person's separate "
            "service plans into a single well-being plan."
        ),
        "what_was_tried": (
            "How to increase cooperation across professions and sectors while strengthening "
            "the client's own coping. Every young person in the experiment had a named worker."
        ),
        "participants": (
            "33 young people aged 16–29 in Kuopio and 17 professionals from social services, "
            "health care, student welfare, youth services, psychiatry and two purchased-service "
            "units, with a university of applied sciences and a university."
        ),
        "preconditions": (
            "The Municipal Experiments Act allowed flexible work and combining client plans. "
            "After the act ended (31 December 2016) the combined register could not be kept; "
            "plans can be combined through a joint register of the organisations."
        ),
        "result": (
            "Two clear practices: the Integrator model and the Mun elämä (My life) tools, a "
            "3X10D life wheel and a survey."
        ),
        "lessons_learned": (
            "Professionals from different fields are ready to develop across professional "
            "boundaries when given the chance. Clients become active when they are included in "
            "designing services. Legislation is too sectoral: it steers professionals to "
            "categorise clients rather than support their own goals as a whole."
        ),
        "goals_reached": (
            "Yes. The experiment showed how many organisations, professions and laws can steer "
            "a young person's life, and that a young person can be given the say over its "
            "direction, with professionals supporting them."
        ),
        "method_reflections": (
            "Developing by experimenting suited this work well. A loose goal left room for new "
            "solutions on the way. Not every effort paid off, but those too taught what is "
            "worth doing and what is not."
        ),
        "contact": "City of Kuopio, basic security and health, management support services.",
        "updates": [
            (
                "The experiment began",
                "The experiment began under the Municipal Experiments Act.",
                "",
            ),
            (
                "The client experiment in a real client setting",
                "33 young people got a named worker and one shared well-being plan.",
                "33 young people and 17 professionals took part.",
            ),
            (
                "The lessons of the experiment published",
                "The experiment ended at the end of 2016. Its results and lessons are on this "
                "page.",
                "Two practices: the Integrator model and the Mun elämä tools.",
            ),
        ],
    },
}

LAPLAND = {
    "slug": "takaisinsoitto-samalta-tyontekijalta-rovaniemi",
    "region": "lappi",
    "status": ExperimentStatus.RUNNING,
    "starts_on": date(2026, 9, 1),
    "ends_on": date(2027, 2, 28),
    "themes": ["Yhteydenotto", "Odotusajat"],
    "idea": "Takaisinsoitto samalta työntekijältä",
    "fi": {
        "title": "Takaisinsoitto samalta työntekijältä – Rovaniemen aikuissosiaalityö",
        "organisation": "Lapin hyvinvointialue, aikuissosiaalityö",
        "summary": (
            "Kun asiakas jättää soittopyynnön, takaisin soittaa työntekijä, joka tuntee hänen "
            "asiansa. Kokeilu kasvoi kehittäjäasiakkaan ideasta."
        ),
        "goal": "Asiakkaan ei tarvitse kertoa tilannettaan alusta joka kerta.",
        "what_was_tried": (
            "Soittopyynnöt ohjataan asiakkaan omalle työntekijälle; jos hän on poissa, "
            "nimetylle varahenkilölle."
        ),
        "participants": "Rovaniemen aikuissosiaalityön kaksi tiimiä ja heidän asiakkaansa.",
        "preconditions": "Puhelinjärjestelmän ohjaussäännöt ja sovitut varahenkilöt.",
        "updates": [
            (
                date(2026, 9, 1),
                "Kokeilu alkoi kahdessa tiimissä",
                "Puhelinjärjestelmä ohjaa soittopyynnöt omalle työntekijälle.",
                "",
            ),
            (
                date(2026, 10, 15),
                "Ensimmäiset kuusi viikkoa",
                "Kehittäjäasiakkaat haastattelivat kymmentä soittopyynnön jättänyttä.",
                "8/10 kertoi, ettei joutunut selittämään asiaansa alusta.",
            ),
            (
                date(2026, 11, 20),
                "Varahenkilöt mukaan",
                "Lomien ajaksi sovittiin nimetyt varahenkilöt, jotka lukevat tilanteen "
                "kirjauksista ennen soittoa.",
                "",
            ),
        ],
    },
}

PRACTICES = [
    {
        "slug": "integraattorimalli",
        "region": "pohjois-savo",
        "themes": ["Oma työntekijä", "Nuoret"],
        "title": "Integraattorimalli",
        "organisation": "Kuopion kaupunki",
        "summary": (
            "Nuorelle nimetään yksi työntekijä, integraattori, joka kokoaa eri palveluiden tuen "
            "yhdeksi kokonaisuudeksi nuoren omien tavoitteiden ympärille."
        ),
        "operating_environment": (
            "Kunnan sosiaali-, terveys-, opiskeluhuolto- ja nuorisopalvelut sekä ostopalvelut."
        ),
        "needs": (
            "Nuorella voi olla yhtä aikaa monta asiakkuutta ja monta suunnitelmaa; kukaan ei "
            "näe kokonaisuutta."
        ),
        "developer_group": (
            "Nuoret, työntekijät ja esihenkilöt kokeilun ohjausryhmän tuella; mukana "
            "ammattikorkeakoulu ja yliopisto."
        ),
        "target_group": "16–29-vuotiaat nuoret aikuiset, joilla on useita palveluita.",
        "basic_idea": "Yksi nimetty työntekijä ja yksi yhteinen hyvinvointisuunnitelma.",
        "adoption_conditions": (
            "Suunnitelmien yhdistäminen vaatii organisaatioiden yhteisrekisterin tai "
            "asiakkaan suostumuksen."
        ),
        "adoption_tips": "Aloita yhdestä asiakasryhmästä ja sovi varahenkilöt heti alussa.",
        "evaluation": "Asiakkaiden ja työntekijöiden kokemukset kerättiin kokeilun aikana.",
    },
    {
        "slug": "mun-elama-tyokalut",
        "region": "pohjois-savo",
        "themes": ["Mun elämä -työkalut", "Hyvinvointisuunnitelma"],
        "title": "Mun elämä -työkalut",
        "organisation": "Kuopion kaupunki",
        "summary": (
            "3X10D-elämänpyörä ja kysely, joilla nuori arvioi elämänsä osa-alueita ja "
            "asettaa omat tavoitteensa ennen ensimmäistä tapaamista."
        ),
        "operating_environment": "Ohjaus- ja palvelutarpeen arvioinnin tapaamiset.",
        "needs": "Tapaaminen alkaa usein ammattilaisen kysymyksistä, ei nuoren tavoitteista.",
        "developer_group": "Kokeilun nuoret ja työntekijät yhdessä.",
        "target_group": "Nuoret aikuiset; sopii myös muille asiakasryhmille.",
        "basic_idea": "Nuori täyttää elämänpyörän itse, ja tapaaminen alkaa siitä.",
        "adoption_conditions": "Työntekijät tarvitsevat lyhyen perehdytyksen työkaluihin.",
        "adoption_tips": "Anna elämänpyörä etukäteen, myös paperilla tai selkokielellä.",
        "evaluation": "Myönteisiä kokemuksia nuorilta ja työntekijöiltä.",
    },
]

ADOPTIONS = [
    (
        "mun-elama-tyokalut",
        "lappi",
        date(2026, 10, 1),
        "Otimme elämänpyörän käyttöön Rovaniemen aikuissosiaalityössä. Teimme siitä "
        "selkokielisen version ja saamenkielisen käännöksen.",
    ),
]

TEXT_FIELDS = (
    "organisation",
    "summary",
    "goal",
    "what_was_tried",
    "participants",
    "preconditions",
    "result",
    "lessons_learned",
    "goals_reached",
    "method_reflections",
    "contact",
)


def _locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def _index(model, home, locales):
    default = settings.LANGUAGE_CODE
    title, slug, lead = INDEXES[model][default]
    index = model.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=model(title=title, slug=slug, lead=lead))
    index.title, index.slug, index.lead = title, slug, lead
    index.save_revision().publish()
    for code, locale in locales.items():
        if code == default:
            continue
        translation = index.get_translation_or_none(locale) or index.copy_for_translation(locale)
        translation = translation.specific
        translation.title, translation.slug, translation.lead = INDEXES[model][code]
        translation.save_revision().publish()
    return index


def _child(index, model, slug, **fields):
    page = model.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = index.add_child(instance=model(slug=slug, live=False, **fields))
    return page


def _experiment(index, spec):
    content = spec["fi"]
    page = _child(index, ExperimentPage, spec["slug"], title=content["title"])
    page.title = content["title"]
    for name in TEXT_FIELDS:
        setattr(page, name, content.get(name, ""))
    page.region = Region.objects.get(slug=spec["region"])
    page.status = spec["status"]
    page.starts_on, page.ends_on = spec["starts_on"], spec["ends_on"]
    page.themes.set(spec["themes"])
    idea = Idea.objects.filter(title=spec["idea"]).first()
    page.origins = [ExperimentOrigin(idea=idea)] if idea else []
    if not page.updates.exists():
        # Once only: new update rows would be news again when the seed runs again.
        page.updates = [
            ExperimentUpdate(
                date=day, title=title, what_happened=happened, what_was_measured=measured
            )
            for day, title, happened, measured in content["updates"]
        ]
    page.involved_panels.set(
        Panel.objects.filter(region__slug=spec["region"], is_archived=False)[:1]
    )
    page.save_revision().publish()
    return page


def _translate_experiment(page, locale, content):
    """The translation of ``page`` into ``locale``: its texts, and its updates' texts in the
    same order (the dates are the original's)."""
    translation = page.get_translation_or_none(locale) or page.copy_for_translation(locale)
    translation = translation.specific
    for name, value in content.items():
        if name != "updates":
            setattr(translation, name, value)
    originals = list(page.updates.order_by("sort_order", "pk"))
    translation.updates = [
        ExperimentUpdate(
            date=original.date, title=title, what_happened=happened, what_was_measured=measured
        )
        for original, (title, happened, measured) in zip(originals, content["updates"], strict=True)
    ]
    translation.save_revision().publish()


def _practice(index, spec, sources):
    page = _child(index, PracticePage, spec["slug"], title=spec["title"])
    for name, value in spec.items():
        if name not in ("slug", "region", "themes"):
            setattr(page, name, value)
    page.region = Region.objects.get(slug=spec["region"])
    page.themes.set(spec["themes"])
    page.sources = [PracticeSource(experiment=experiment) for experiment in sources]
    page.save_revision().publish()
    return page


def seed_experiments():
    # The experiments belong to the demo regions (panels.demo).
    if Region.objects.filter(slug__in=["lappi", "pohjois-savo"]).count() != 2:
        return
    locales = _locales()
    home = HomePage.objects.get(locale=locales[settings.LANGUAGE_CODE])
    experiments = _index(ExperimentIndexPage, home, locales)
    practices_index = _index(PracticeIndexPage, home, locales)

    kuopio = _experiment(experiments, KUOPIO)
    _experiment(experiments, LAPLAND)
    for code in ("sv", "en"):
        if code in locales:
            _translate_experiment(kuopio, locales[code], KUOPIO[code])

    practices = {spec["slug"]: _practice(practices_index, spec, [kuopio]) for spec in PRACTICES}
    for slug, region, adopted_on, note in ADOPTIONS:
        PracticeAdoption.objects.update_or_create(
            practice=practices[slug],
            region=Region.objects.get(slug=region),
            defaults={"note": note, "adopted_on": adopted_on},
        )
