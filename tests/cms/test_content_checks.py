"""Wagtail's accessibility checker for editors, and what stops a page's publication."""

import pytest
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from cms.blocks import BodyBlock, ImageBlock, ImpactReportBodyBlock
from cms.content_checks import ContentChecker, use_kohtaamo_checker


@pytest.fixture
def image(settings, tmp_path):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path
    return get_image_model().objects.create(title="Kuva", file=get_test_image_file())


def heading(text, level):
    return {"type": "heading", "value": {"text": text, "level": level}}


@pytest.mark.parametrize("stream", [BodyBlock, ImpactReportBodyBlock])
def test_a_subsection_before_any_section_is_refused(stream):
    block = stream()
    value = block.to_python([heading("Alaotsikko", "h3"), heading("Otsikko", "h2")])
    with pytest.raises(StreamBlockValidationError) as raised:
        block.clean(value)
    assert 0 in raised.value.block_errors


@pytest.mark.parametrize("stream", [BodyBlock, ImpactReportBodyBlock])
def test_sections_then_subsections_pass(stream):
    block = stream()
    value = block.to_python([heading("Otsikko", "h2"), heading("Alaotsikko", "h3")])
    block.clean(value)


@pytest.mark.django_db
@pytest.mark.parametrize("alt", ["IMG_2041.jpg", "kuva_1", "photo.PNG"])
def test_alternative_text_that_is_a_file_name_is_refused(alt, image):
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": alt, "caption": ""})
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    assert "alt_text" in raised.value.block_errors


@pytest.mark.django_db
def test_alternative_text_in_words_passes(image):
    block = ImageBlock()
    value = block.to_python(
        {"image": image.pk, "alt_text": "Kehittäjäasiakkaat pöydän ääressä", "caption": ""}
    )
    block.clean(value)


def test_the_checker_is_ours_with_the_content_rules():
    items = [ContentCheckerItem(in_editor=True), object()]
    use_kohtaamo_checker(None, items, None)
    assert isinstance(items[0], ContentChecker) and items[0].in_editor
    checker = items[0]
    rules = checker.get_axe_run_only(None)
    assert {"image-alt", "heading-order", "empty-heading", "alt-text-quality"} <= set(rules)
    assert checker.get_axe_include(None) == ["main"]


@pytest.mark.django_db
def test_editors_get_the_checker_on_live_pages(client, demo_pages):
    from tests.factories import UserFactory

    client.force_login(UserFactory(administrator=True))
    page = client.get("/en/").content.decode()
    assert "image-alt" in page  # the checker's configuration in the user bar
