"""What a person's data export holds of walks, and what deleting an account does: findings
keep their place without the name, and the person's photos go at once."""

import pytest

from accounts.privacy.erasure import delete_account
from accounts.privacy.export import collect_sections
from panels.walks import services
from panels.walks.erasure import erased_finding_text
from panels.walks.models import Finding

from .conftest import photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(walk_world):
    observer = walk_world.person("observer")
    with_photo = services.record_finding(
        walk_world.walk,
        observer,
        place=walk_world.places[0],
        aspect="signage",
        text="Opaste on liian korkealla.",
        photo=photo_upload(),
    )
    plain = services.record_finding(
        walk_world.walk, observer, place=walk_world.places[1], aspect="waiting", text="Ei tuoleja."
    )
    services.review_photo(with_photo, walk_world.person("staff_same_region"), approve=True)
    return with_photo, plain


def sections_of(person):
    return {section.key: section for section in collect_sections(person)}


def test_the_export_holds_the_findings_walks_and_reviews(walk_world, findings):
    sections = sections_of(walk_world.person("observer"))
    rows = sections["walk_findings"].rows
    assert [row["text"] for row in rows] == ["Opaste on liian korkealla.", "Ei tuoleja."]
    assert rows[0]["place"] == "Aula" and rows[0]["photo"] is True
    assert rows[0]["photo_review"] == "approved" and rows[0]["region"] == "Keski-Suomi"
    assert [row["walk"] for row in sections["walks_observed"].rows] == [walk_world.walk.title]
    staff = sections_of(walk_world.person("staff_same_region"))
    assert staff["walk_photo_reviews"].rows[0]["decision"] == "approved"
    assert not staff["walk_findings"].rows


def test_erasure_keeps_the_findings_in_place_without_the_name_and_removes_photos(
    walk_world, findings, django_capture_on_commit_callbacks
):
    with_photo, plain = findings
    storage, name = with_photo.photo.storage, with_photo.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(walk_world.person("observer"))
    kept = {finding.pk: finding for finding in Finding.objects.all()}
    assert set(kept) == {with_photo.pk, plain.pk}
    assert all(finding.observer is None for finding in kept.values())
    assert kept[plain.pk].place == walk_world.places[1]
    assert kept[plain.pk].text == "Ei tuoleja."
    assert not kept[with_photo.pk].photo and not storage.exists(name)


def test_erasure_with_remove_my_words_empties_the_text(walk_world, findings):
    delete_account(walk_world.person("observer"), remove_words=True)
    assert set(Finding.objects.values_list("text", flat=True)) == {erased_finding_text()}
    assert Finding.objects.filter(place__isnull=False, observer__isnull=True).count() == 2
