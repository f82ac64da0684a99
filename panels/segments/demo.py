"""Each seeded region's service areas and client groups, in Finnish as staff keep them."""

from panels.models import Region

from .models import ClientGroup, ServiceArea

SERVICE_AREAS = [
    "Terveysasemat",
    "Sosiaalipalvelut",
    "Mielenterveys- ja päihdepalvelut",
    "Vammaispalvelut",
    "Ikääntyneiden palvelut",
    "Sairaalahoito",
    "Nuorten palvelut",
]
CLIENT_GROUPS = [
    "Nuoret aikuiset",
    "Vammaiset henkilöt",
    "Omaishoitajat",
    "Ikääntyneet",
    "Lapsiperheet",
    "Mielenterveys- ja päihdepalvelujen asiakkaat",
    "Työttömät",
]


def seed_segments():
    for region in Region.objects.all():
        for position, name in enumerate(SERVICE_AREAS):
            ServiceArea.objects.update_or_create(
                region=region, name=name, defaults={"position": position}
            )
        for position, name in enumerate(CLIENT_GROUPS):
            ClientGroup.objects.update_or_create(
                region=region, name=name, defaults={"position": position}
            )
