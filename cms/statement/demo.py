"""The demo accessibility statement, in Finnish with its Swedish and English translations.
Used by ``manage.py seed_demo`` after the home pages exist."""

from datetime import date

from django.conf import settings
from django.utils import translation

from cms.demo import _locales
from cms.models import HomePage

from .models import ENFORCEMENT_DEFAULT, AccessibilityStatementPage, Assessment, Compliance


def _item(what, criterion, reason, workaround):
    return {
        "type": "item",
        "value": {
            "what": what,
            "criterion": criterion,
            "reason": reason,
            "workaround": workaround,
        },
    }


CONTENT = {
    "fi": {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "service": "Kohtaamo-verkkopalvelu ja sen mobiilinäkymä",
        "compliance_text": (
            "Palvelu täyttää kriittiset saavutettavuusvaatimukset alla lueteltuja puutteita "
            "lukuun ottamatta. Jokainen sivu tarkistetaan automaattisesti jokaisella "
            "kirjautumisroolilla ja neljällä kielellä ennen julkaisua."
        ),
        "items": [
            _item(
                "Live-keskustelun uudet viestit luetaan joillakin ruudunlukijoilla vasta, kun "
                "kohdistus siirtyy keskusteluun.",
                "4.1.3 Tilaviestit",
                "Ruudunlukijat käsittelevät kohteliaita ilmoituksia eri tavoin.",
                "Viestit näkyvät myös sivun päivityksen jälkeen. Korjaus: kevät 2027.",
            ),
            _item(
                "Työpajan taulun PDF-vihko ei ole tagattu PDF.",
                "1.3.1 Informaatio ja suhteet",
                "Vihko luodaan automaattisesti, eikä siinä ole rakennetietoa.",
                "Samat tiedot ovat saavutettavina verkkosivuna työpajan sivulla.",
            ),
            _item(
                "Pohjoissaamenkielistä käännöstä ei ole vielä tarkistanut äidinkielinen puhuja.",
                "3.1.2 Osien kieli",
                "Käännös on tehty ilman äidinkielistä kääntäjää.",
                "Puuttuvat tekstit näytetään suomeksi. Tarkistus: 2027.",
            ),
        ],
        "outside_scope": (
            "Osallistujien itse kirjoittamat ideat, kommentit ja liitteet eivät kuulu lain "
            "piiriin, mutta ohjeistamme kirjoittamaan selkeästi ja lisäämään kuviin "
            "tekstivastineen."
        ),
        "feedback_text": (
            "Huomasitko puutteen? Kerro siitä alla olevalla lomakkeella. Vastaamme 14 päivän "
            "kuluessa."
        ),
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande",
        "slug": "tillganglighetsutlatande",
        "service": "webbtjänsten Kohtaamo och dess mobilvy",
        "compliance_text": (
            "Tjänsten uppfyller de kritiska tillgänglighetskraven med undantag för bristerna "
            "nedan. Varje sida kontrolleras automatiskt med varje roll och på fyra språk innan "
            "den publiceras."
        ),
        "items": [
            _item(
                "Nya meddelanden i livediskussionen läses av vissa skärmläsare först när fokus "
                "flyttas till diskussionen.",
                "4.1.3 Statusmeddelanden",
                "Skärmläsare hanterar artiga meddelanden på olika sätt.",
                "Meddelandena syns också när sidan laddas om. Åtgärdas: våren 2027.",
            ),
            _item(
                "Verkstadens PDF-häfte är inte en taggad PDF.",
                "1.3.1 Information och relationer",
                "Häftet skapas automatiskt utan strukturinformation.",
                "Samma uppgifter finns tillgängligt som webbsida på verkstadens sida.",
            ),
            _item(
                "Den nordsamiska översättningen har ännu inte granskats av en person med "
                "nordsamiska som modersmål.",
                "3.1.2 Språk för delar",
                "Översättningen gjordes utan en modersmålstalande översättare.",
                "Texter som saknas visas på finska. Granskas: 2027.",
            ),
        ],
        "outside_scope": (
            "Idéer, kommentarer och bilagor som deltagarna själva skriver omfattas inte av "
            "lagen, men vi uppmuntrar till tydligt språk och textalternativ för bilder."
        ),
        "feedback_text": (
            "Har du upptäckt en brist? Berätta om den med formuläret nedan. Vi svarar inom "
            "14 dagar."
        ),
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "service": "the Kohtaamo website and its mobile view",
        "compliance_text": (
            "The service meets the critical accessibility requirements except for the "
            "shortcomings listed below. Every page is checked automatically with every role "
            "and in four languages before it is released."
        ),
        "items": [
            _item(
                "Some screen readers read new messages of a live discussion only when focus "
                "moves to the discussion.",
                "4.1.3 Status Messages",
                "Screen readers handle polite announcements differently.",
                "Messages also appear when the page is reloaded. To be fixed: spring 2027.",
            ),
            _item(
                "The workshop board's PDF booklet is not a tagged PDF.",
                "1.3.1 Info and Relationships",
                "The booklet is generated without structure information.",
                "The same content is accessible as a web page on the workshop's page.",
            ),
            _item(
                "The Northern Sámi translation has not yet been reviewed by a native speaker.",
                "3.1.2 Language of Parts",
                "It was translated without a native-speaking translator.",
                "Missing texts are shown in Finnish. To be reviewed: 2027.",
            ),
        ],
        "outside_scope": (
            "Ideas, comments and attachments written by participants themselves are outside "
            "the law's scope, but we encourage clear language and text alternatives for "
            "images."
        ),
        "feedback_text": (
            "Did you notice a shortcoming? Tell us with the form below. We answer within 14 days."
        ),
    },
}


def _fill(page, content, code):
    page.title = content["title"]
    page.slug = content["slug"]
    page.service = content["service"]
    page.compliance = Compliance.PARTIAL
    page.compliance_text = content["compliance_text"]
    page.assessed_by = Assessment.SELF
    page.assessed_on = page.prepared_on = page.updated_on = date(2026, 12, 1)
    page.non_conformities = content["items"]
    page.outside_scope = content["outside_scope"]
    page.feedback_text = content["feedback_text"]
    with translation.override(code):
        page.enforcement = str(ENFORCEMENT_DEFAULT)
    page.save_revision().publish()


def seed_statement():
    locales = _locales()
    default = settings.LANGUAGE_CODE
    home = HomePage.objects.filter(locale=locales[default]).first()
    if home is None:
        return
    page = AccessibilityStatementPage.objects.child_of(home).first()
    if page is None:
        page = home.add_child(
            instance=AccessibilityStatementPage(
                title=CONTENT[default]["title"],
                slug=CONTENT[default]["slug"],
                service=CONTENT[default]["service"],
            )
        )
    _fill(page, CONTENT[default], default)
    # Published in Finnish, Swedish and English; Sámi pages link to the Finnish one.
    for code in ("sv", "en"):
        if code in locales:
            translation_page = page.get_translation_or_none(locales[code])
            if translation_page is None:
                translation_page = page.copy_for_translation(locales[code])
            _fill(translation_page.specific, CONTENT[code], code)
