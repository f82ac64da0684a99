"""Recording findings: bad input is refused with a clear message and what was typed stays on
the page; photos must be real images of at most 5 MB, are stored without their metadata, and
are shown to others only once staff approve them."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from accounts.models import Notification
from panels.walks import services
from panels.walks.models import FINDING_MAX_LENGTH, Finding, PhotoStatus, WalkStatus
from panels.walks.photos import MAX_BYTES

from .conftest import image_bytes, photo_upload

pytestmark = pytest.mark.django_db


def place_url(world, place=None):
    place = place or world.places[0]
    return reverse("panels:walk_place", args=[world.walk.pk, place.pk])


def post(client, world, **fields):
    data = {"aspect": "signage", "text": "Opaste puuttuu.", "token": "", **fields}
    return client.post(place_url(world), data)


@pytest.fixture
def observer(client, walk_world):
    client.force_login(walk_world.person("observer"))
    return client


def test_the_form_says_faces_must_not_be_photographed(observer, walk_world):
    content = observer.get(place_url(walk_world)).content.decode()
    assert "Älä valokuvaa ihmisiä" in content or "faces" in content
    assert 'enctype="multipart/form-data"' in content
    assert 'accept="image/jpeg,image/png,image/webp"' in content


def test_only_the_places_aspects_are_offered(observer, walk_world):
    form = observer.get(place_url(walk_world)).context["form"]
    assert [key for key, _label in form.fields["aspect"].choices] == [
        "signage",
        "accessibility",
        "other",
    ]
    response = post(observer, walk_world, aspect="waiting")
    assert response.status_code == 200 and not Finding.objects.exists()
    assert response.context["form"].errors["aspect"]


def test_oversized_text_is_refused_and_kept(observer, walk_world):
    text = "Liian pitkä havainto. " * 60
    assert len(text) > FINDING_MAX_LENGTH
    with_english = observer.post(
        "/en" + place_url(walk_world), {"aspect": "signage", "text": text, "token": ""}
    )
    assert with_english.status_code == 200 and not Finding.objects.exists()
    content = with_english.content.decode()
    assert "at most 1000 characters" in content
    assert "Liian pitkä havainto." in content


def test_an_empty_finding_is_refused(observer, walk_world):
    response = post(observer, walk_world, text="   ")
    assert response.status_code == 200 and not Finding.objects.exists()
    assert response.context["form"].errors["text"]


def test_personal_details_are_asked_about_first_and_kept(observer, walk_world):
    text = "Potilas pyysi soittamaan numeroon 040 123 4567."
    response = post(observer, walk_world, text=text)
    assert response.status_code == 200 and not Finding.objects.exists()
    assert response.context["form"].personal_details is not None
    assert "040 123 4567" in response.content.decode()
    confirmed = post(observer, walk_world, text=text, confirm_personal="on")
    assert confirmed.status_code == 302
    assert Finding.objects.get().shared_despite_warning


def test_the_same_form_sent_twice_records_once(observer, walk_world):
    post(observer, walk_world, token="abc")
    post(observer, walk_world, token="abc")
    assert Finding.objects.count() == 1


def test_a_file_that_is_not_an_image_is_refused(observer, walk_world):
    fake = photo_upload(name="kuva.jpg", content=b"%PDF-1.4 not an image at all")
    response = post(observer, walk_world, text="Opasteet pieniä.", photo=fake)
    assert response.status_code == 200 and not Finding.objects.exists()
    form = response.context["form"]
    assert form.errors["photo"] and form["text"].value() == "Opasteet pieniä."


def test_a_gif_is_refused_though_it_is_an_image(observer, walk_world):
    gif = photo_upload(name="kuva.gif", content=image_bytes("GIF"))
    response = post(observer, walk_world, photo=gif)
    assert response.status_code == 200 and not Finding.objects.exists()


def test_a_photo_over_5_mb_is_refused_with_the_reason(observer, walk_world):
    big = photo_upload(content=image_bytes() + b"\0" * (MAX_BYTES + 1))
    response = observer.post(
        "/en" + place_url(walk_world),
        {"aspect": "signage", "text": "Iso kuva.", "token": "", "photo": big},
    )
    assert response.status_code == 200 and not Finding.objects.exists()
    content = response.content.decode()
    assert "at most 5 MB" in content and "Iso kuva." in content


def test_a_photo_is_stored_without_its_metadata_under_a_random_name(observer, walk_world):
    exif = Image.Exif()
    exif[0x010F] = "Puhelinvalmistaja"  # Make
    exif[0x013B] = "Matti Meikäläinen"  # Artist
    upload = photo_upload(name="matti-osastolla.jpg", exif=exif.tobytes())
    assert post(observer, walk_world, photo=upload).status_code == 302
    finding = Finding.objects.get()
    assert finding.photo_status == PhotoStatus.PENDING
    assert "matti" not in finding.photo.name and finding.photo.name.startswith("walks/photos/")
    with finding.photo.open("rb") as stored, Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == "JPEG" and not image.getexif()


@pytest.fixture
def with_photo(walk_world):
    return services.record_finding(
        walk_world.walk,
        walk_world.person("observer"),
        place=walk_world.places[0],
        aspect="signage",
        text="Opaste on liian korkealla.",
        photo=photo_upload(),
    )


def photo_status_for(client, world, finding, role):
    if role != "anonymous":
        client.force_login(world.person(role))
    else:
        client.logout()
    response = client.get(reverse("panels:walk_photo", args=[finding.pk]))
    if response.status_code == 200:
        assert response["Content-Type"] == "image/jpeg"
        # Read to the end: the test client then closes the file.
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    return response.status_code


@pytest.mark.parametrize(
    "role, pending, approved",
    [
        ("observer", 200, 200),  # the uploader
        ("observer_client", 404, 200),  # another observer
        ("staff_same_region", 200, 200),
        ("administrator", 200, 200),
        ("staff_other_region", 404, 200),  # once published, everyone reads the report
        ("outsider", 404, 200),
        ("anonymous", 302, 200),
    ],
)
def test_a_photo_is_shown_to_others_only_once_approved(
    client, walk_world, with_photo, role, pending, approved
):
    assert photo_status_for(client, walk_world, with_photo, role) == pending
    services.review_photo(with_photo, walk_world.person("staff_same_region"), approve=True)
    walk_world.set_status(WalkStatus.PUBLISHED)
    assert photo_status_for(client, walk_world, with_photo, role) == approved


def test_the_report_shows_a_pending_photo_only_to_its_uploader_and_staff(
    client, walk_world, with_photo
):
    url = reverse("panels:walk_report", args=[walk_world.walk.pk])
    photo_url = reverse("panels:walk_photo", args=[with_photo.pk])
    for role, shown in (
        ("observer", True),
        ("observer_client", False),
        ("staff_same_region", True),
    ):
        client.force_login(walk_world.person(role))
        assert (photo_url in client.get(url).content.decode()) is shown


def test_a_rejected_photo_is_deleted_and_its_uploader_told_once(walk_world, with_photo):
    staff = walk_world.person("staff_same_region")
    storage, name = with_photo.photo.storage, with_photo.photo.name
    assert storage.exists(name)
    services.review_photo(with_photo, staff, approve=False, reason="Kasvot näkyvät.")
    with_photo.refresh_from_db()
    assert not with_photo.photo and with_photo.photo_status == PhotoStatus.REJECTED
    assert not storage.exists(name)
    (notice,) = Notification.objects.filter(kind="walks.photo_rejected")
    assert notice.recipient == walk_world.person("observer") and "Kasvot näkyvät." in notice.message
    assert not Notification.objects.filter(recipient=staff).exists()


def test_a_new_photo_is_reviewed_again(walk_world, with_photo):
    observer = walk_world.person("observer")
    services.review_photo(with_photo, walk_world.person("staff_same_region"), approve=True)
    services.edit_finding(
        with_photo, observer, aspect="signage", text=with_photo.text, photo=photo_upload()
    )
    assert with_photo.photo_status == PhotoStatus.PENDING
    services.edit_finding(
        with_photo, observer, aspect="signage", text="Ilman kuvaa.", remove_photo=True
    )
    with_photo.refresh_from_db()
    assert not with_photo.photo and with_photo.photo_status == ""


def test_the_edit_form_keeps_what_was_typed(client, walk_world, with_photo):
    client.force_login(walk_world.person("observer"))
    url = reverse("panels:walk_finding_edit", args=[with_photo.pk])
    response = client.post(url, {"aspect": "signage", "text": "x" * (FINDING_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert response.context["form"]["text"].value() == "x" * (FINDING_MAX_LENGTH + 1)
    with_photo.refresh_from_db()
    assert with_photo.text == "Opaste on liian korkealla."
