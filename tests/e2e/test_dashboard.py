"""The response-time dashboard in a real browser: a region's staff member reads it, at a
phone's width too, and it passes axe."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from ideas.feedback.models import OfficialResponse
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Phase
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory


def test_staff_member_reads_the_dashboard(live_url, browser, assert_accessible):
    region = RegionFactory(name="Lappi", slug="lappi")
    staff = UserFactory(staff=True, display_name="Innoagentti")
    region.officials.add(staff)
    round_ = IdeaRoundFactory(region=region, title="Nuoret aikuiset", phase=Phase.EVALUATION)
    now = timezone.now()
    answered = IdeaFactory(round=round_, created_at=now - timedelta(days=20))
    OfficialResponse.objects.create(
        idea=answered,
        responder=staff,
        responder_role=Role.STAFF,
        decision=IdeaStatus.UNDER_CONSIDERATION,
        reasons="Selvitämme asiaa.",
        published_at=now - timedelta(days=12),
    )
    IdeaFactory(round=round_, title="Odottava idea", created_at=now - timedelta(days=40))

    client = Client()
    client.force_login(staff)
    context = browser.new_context(locale="fi-FI")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url}]
    )
    try:
        page = context.new_page()
        page.goto(f"{live_url}/rounds/")
        page.get_by_role("link", name="Vastausajat").click()
        expect(page.locator("h1")).to_have_text("Vastausajat")
        expect(page.get_by_role("link", name="Odottava idea")).to_be_visible()
        assert_accessible(page, "dashboard")
        page.set_viewport_size({"width": 360, "height": 740})
        # Wide tables scroll inside their own focusable region; the page itself does not.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page, "dashboard at 360 px")
    finally:
        context.close()
