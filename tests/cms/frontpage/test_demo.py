"""The demo's front page is alive, and every region has its landing page in every language."""

import pytest
from django.core.management import call_command

from cms.frontpage.models import RegionHomePage
from panels.models import Region

pytestmark = pytest.mark.django_db


def test_demo_front_page_and_region_pages(client, settings):
    settings.DEBUG = False
    call_command("seed_demo")
    call_command("seed_demo")  # again: nothing doubles
    regions = Region.objects.count()
    assert regions > 1
    assert RegionHomePage.objects.count() == regions * len(settings.LANGUAGES)
    assert RegionHomePage.objects.live().count() == regions * len(settings.LANGUAGES)

    page = client.get("/en/").content.decode()
    for empty in ("No idea round is open right now.", "No decisions on ideas yet."):
        assert empty not in page
    lappi = client.get("/en/lappi/")
    assert lappi.status_code == 200
    assert "Happening now in Lappi" in lappi.content.decode()
