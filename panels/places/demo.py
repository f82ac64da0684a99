"""Demo municipalities, organisations and who works for them, in Lapland (the pilot
municipalities of the field work: Rovaniemi, Sodankylä, Enontekiö, Utsjoki) and North Karelia
(Joensuu, Kontiolahti, Liperi). Called at the end of panels.demo.seed_panels; the rounds and
the official responses get theirs in ideas.demo. Running it again changes nothing: rows are
found by (region, name), panels by slug and meetings by (panel, title).
"""

from accounts.models import User
from panels.meetings.models import Meeting
from panels.models import (
    Affiliation,
    Municipality,
    Organisation,
    OrganisationKind,
    Panel,
    Region,
)

MUNICIPALITIES = {
    "lappi": [
        "Rovaniemi",
        "Sodankylä",
        "Enontekiö",
        "Utsjoki",
        "Inari",
        "Kemi",
        "Tornio",
    ],
    "pohjois-karjala": ["Joensuu", "Kontiolahti", "Liperi"],
}

# region, name, kind, municipality (None: several or none)
ORGANISATIONS = [
    ("lappi", "Lapin hyvinvointialue", OrganisationKind.SOCIAL_SERVICES, None),
    ("lappi", "Rovaniemen sosiaalipalvelut", OrganisationKind.SOCIAL_SERVICES, "Rovaniemi"),
    ("lappi", "Sodankylän terveyskeskus", OrganisationKind.HEALTH_SERVICES, "Sodankylä"),
    ("lappi", "Lapin nuorisopalvelut", OrganisationKind.YOUTH_SERVICES, None),
    (
        "lappi",
        "Lapin yliopiston opiskeluhuolto",
        OrganisationKind.STUDENT_WELFARE,
        "Rovaniemi",
    ),
    ("lappi", "Tunturin asumispalveluyksikkö", OrganisationKind.PURCHASED_SERVICE, "Inari"),
    ("lappi", "Lapin Mielenterveysyhdistys ry", OrganisationKind.NGO, "Rovaniemi"),
    ("lappi", "Lapin yliopisto", OrganisationKind.UNIVERSITY, "Rovaniemi"),
    ("pohjois-karjala", "Joensuun Ohjaamo", OrganisationKind.YOUTH_SERVICES, "Joensuu"),
]

# Lapland's staff member and decision-maker (accounts.demo), and whom they work for.
AFFILIATIONS = {
    "tyontekija@kohtaamo.example": ("lappi", "Rovaniemen sosiaalipalvelut"),
    "paattaja@kohtaamo.example": ("lappi", "Lapin hyvinvointialue"),
}

# panel slug → (municipality or None for the whole region, organisations taking part)
PANELS = {
    "rovaniemen-kehittajaasiakasryhma": (
        "Rovaniemi",
        ["Rovaniemen sosiaalipalvelut", "Lapin Mielenterveysyhdistys ry", "Lapin yliopisto"],
    ),
    "sodankylan-kehittajatiimi": (
        "Sodankylä",
        ["Sodankylän terveyskeskus", "Lapin hyvinvointialue"],
    ),
    # The Sámi homeland spans several municipalities: the whole region's.
    "saamelaisalueen-kehittajaasiakkaat": (
        None,
        ["Lapin hyvinvointialue", "Lapin nuorisopalvelut", "Tunturin asumispalveluyksikkö"],
    ),
    "joensuun-nuorten-raati": ("Joensuu", ["Joensuun Ohjaamo"]),
}

# panel slug, meeting title → municipality
MEETINGS = {
    ("saamelaisalueen-kehittajaasiakkaat", "Syksyn tapaaminen Utsjoella"): "Utsjoki",
    ("saamelaisalueen-kehittajaasiakkaat", "Palvelut omalla kielellä"): "Enontekiö",
}


def seed_places():
    regions = {
        region.slug: region
        for region in Region.objects.filter(slug__in=["lappi", "pohjois-karjala"])
    }
    municipalities = {}
    for slug, names in MUNICIPALITIES.items():
        if slug not in regions:
            continue
        for name in names:
            municipalities[slug, name], _ = Municipality.objects.get_or_create(
                region=regions[slug], name=name
            )
    organisations = {}
    for slug, name, kind, municipality in ORGANISATIONS:
        if slug not in regions:
            continue
        organisations[name], _ = Organisation.objects.update_or_create(
            region=regions[slug],
            name=name,
            defaults={
                "kind": kind,
                "municipality": municipalities.get((slug, municipality)),
            },
        )
    for email, (slug, name) in AFFILIATIONS.items():
        person = User.objects.filter(email__iexact=email).first()
        if person is not None and name in organisations:
            regions[slug].officials.add(person)
            Affiliation.objects.update_or_create(
                person=person, defaults={"organisation": organisations[name]}
            )
    for slug, (municipality, names) in PANELS.items():
        panel = Panel.objects.filter(slug=slug).first()
        if panel is None:
            continue
        panel.municipality = municipalities.get((panel.region.slug, municipality))
        panel.save(update_fields=["municipality"])
        panel.organisations.set([organisations[name] for name in names if name in organisations])
        # The panel's meetings are where the panel is, unless named below.
        Meeting.objects.filter(panel=panel).update(municipality=panel.municipality)
    for (slug, title), municipality in MEETINGS.items():
        Meeting.objects.filter(panel__slug=slug, title=title).update(
            municipality=municipalities.get(("lappi", municipality))
        )
    return municipalities, organisations
