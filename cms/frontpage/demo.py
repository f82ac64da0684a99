"""Demo region landing pages: one for every region in every language's tree. Used by
``manage.py seed_demo`` only, after the regions exist."""

from django.conf import settings

from cms.demo import _locales, _publish, _translated
from cms.models import HomePage
from panels.models import Region

from .models import RegionHomePage

CONTENT = {
    "fi": {
        "title": "Kohtaamo: {region}",
        "lead": (
            "Mitä alueella {region} tapahtuu nyt: avoimet ideakierrokset, tuoreimmat päätökset, "
            "tulevat tapaamiset, avoimet kyselyt ja käynnissä olevat kokeilut."
        ),
    },
    "sv": {
        "title": "Kohtaamo: {region}",
        "lead": (
            "Det här händer nu i området {region}: öppna idérundor, de senaste besluten, "
            "kommande möten, öppna enkäter och pågående försök."
        ),
    },
    "en": {
        "title": "Kohtaamo: {region}",
        "lead": (
            "What is happening now in {region}: open idea rounds, the latest decisions, "
            "upcoming meetings, open surveys and running experiments."
        ),
    },
    "se": {
        "title": "Kohtaamo: {region}",
        "lead": (
            "Mii dáhpáhuvvá dál guovllus {region}: rabas ideajorut, ođđaseamos mearrádusat, "
            "boahtte čoahkkimat, rabas jearahallamat ja jođus leahkki geahččaleamit."
        ),
    },
}


def _content(code, region):
    text = CONTENT[code]
    return {
        "title": text["title"].format(region=region.name),
        "slug": region.slug,
        "lead": text["lead"].format(region=region.name),
    }


def seed_region_pages():
    locales = _locales()
    default = settings.LANGUAGE_CODE
    home = HomePage.objects.filter(locale=locales[default]).first()
    if home is None:
        return
    for region in Region.objects.order_by("name"):
        page = RegionHomePage.objects.child_of(home).filter(region=region).first()
        if page is None:
            content = _content(default, region)
            page = home.add_child(
                instance=RegionHomePage(title=content["title"], slug=content["slug"], region=region)
            )
        _publish(page, _content(default, region))
        for code, locale in locales.items():
            if code != default:
                _translated(page, locale, _content(code, region))
