"""The cast of a walk's permission matrix: a Central Finland ward route with two places, one
walk on it in a chosen state, its two observers (an expert by experience and a
developer-client), and everyone else who might look at it."""

import io
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from panels.walks.models import Walk, WalkPlace, WalkStatus, WalkTemplate
from tests.factories import RegionFactory, UserFactory

ROLES = [
    "anonymous",
    "outsider",
    "observer",
    "observer_client",
    "staff_same_region",
    "staff_other_region",
    "decision_maker",
    "administrator",
]
OBSERVERS = {"observer", "observer_client"}
RUN = {"staff_same_region", "administrator"}
STATES = [WalkStatus.PLANNED, WalkStatus.WALKING, WalkStatus.PUBLISHED]


@dataclass
class WalkWorld:
    region: object
    other_region: object
    template: object
    walk: object
    places: list
    people: dict = field(default_factory=dict)

    def person(self, role):
        return self.people[role]

    def set_status(self, status):
        self.walk.status = status
        self.walk.published_at = timezone.now() if status == WalkStatus.PUBLISHED else None
        self.walk.save()
        return self.walk


def build_walk_world(status=WalkStatus.WALKING):
    region = RegionFactory(name="Keski-Suomi", slug="keski-suomi")
    other_region = RegionFactory(name="Lappi", slug="lappi")
    people = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(display_name="Ulkopuolinen"),
        "observer": UserFactory(display_name="Polkujen kulkija", expert=True),
        "observer_client": UserFactory(display_name="Aamuvirkku"),
        "staff_same_region": UserFactory(display_name="Osallisuuskoordinaattori", staff=True),
        "staff_other_region": UserFactory(display_name="Lapin työntekijä", staff=True),
        "decision_maker": UserFactory(display_name="Palvelujohtaja", decision_maker=True),
        "administrator": UserFactory(display_name="Ylläpito", administrator=True),
    }
    region.officials.add(people["staff_same_region"], people["decision_maker"])
    other_region.officials.add(people["staff_other_region"])
    template = WalkTemplate.objects.create(region=region, name="Sisätautien osasto")
    places = [
        WalkPlace.objects.create(
            template=template, sort_order=0, name="Aula", aspects=["signage", "accessibility"]
        ),
        WalkPlace.objects.create(template=template, sort_order=1, name="Odotustila", aspects=[]),
    ]
    walk = Walk.objects.create(
        template=template,
        title="Päivä elämässä -kävely",
        date=timezone.localdate(),
        status=status,
        published_at=timezone.now() if status == WalkStatus.PUBLISHED else None,
        created_by=people["staff_same_region"],
    )
    walk.observers.add(people["observer"], people["observer_client"])
    return WalkWorld(region, other_region, template, walk, places, people)


@pytest.fixture
def walk_world(db):
    return build_walk_world()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Photos are written under a temporary MEDIA_ROOT, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


def image_bytes(kind="JPEG", size=(40, 30), exif=None):
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 120, 40)).save(out, format=kind, **options)
    return out.getvalue()


def photo_upload(name="kuva.jpg", kind="JPEG", content=None, **kwargs):
    content = content if content is not None else image_bytes(kind, **kwargs)
    return SimpleUploadedFile(name, content, content_type="image/jpeg")
