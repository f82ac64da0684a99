"""A panel member answers two rounds of a life-wheel series and sees their own wheels over
time; the region's staff start the second round on the series page and read the group's
change, "the effect of taking part". Every new page passes axe.

The series pages are read in English (/en/): their strings are new and not yet in the
Finnish catalogue. The survey form itself is Finnish, as in the surveys journey.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from panels.surveys.models import Survey
from panels.surveys.series.models import OwnWheel, Series, SeriesRound
from tests.e2e.test_panels_journey import log_in
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.surveys.series.helpers import DOMAINS, add_ratings, first_survey

FIRST = (3, 4, 5, 6)
SECOND = (5, 4, 8, 6)


@pytest.fixture
def series_world(live_url):
    region = RegionFactory(name="Etelä-Pohjanmaa", slug="etela-pohjanmaa")
    staff = UserFactory(staff=True, email="innoagentti@example.org", display_name="Innoagentti")
    region.officials.add(staff)
    panel = PanelFactory(region=region, name="Kokemustoimijaraati", slug="raati")
    member = UserFactory(expert=True, email="kulkija@example.org", display_name="Kulkija")
    MembershipFactory(panel=panel, person=member)
    survey = first_survey(region, panel, anonymous=True)
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() + timedelta(days=10)
    )
    series = Series.objects.create(region=region, name="Elämänpyörä ajan mittaan")
    first = SeriesRound.objects.create(series=series, survey=survey, number=1)
    add_ratings(first, [[2, 4, 5, 6]] * 5)  # the rest of the panel, stored as a group
    return {"url": live_url, "series": series, "member": member, "first": first}


def _answer(page, url, survey, ratings):
    page.goto(f"{url}/surveys/{survey.pk}/")
    page.get_by_role("group", name="Mikä palvelu?").get_by_label("Ohjaamo").check()
    for domain, value in zip(DOMAINS, ratings, strict=True):
        page.get_by_label(domain, exact=True).select_option(str(value))
    page.get_by_role("button", name="Lähetä vastaukseni").click()
    expect(page.locator("h1")).to_be_visible()


def test_two_rounds_own_wheels_and_the_group_change(series_world, browser, page, assert_accessible):
    url, series, first = series_world["url"], series_world["series"], series_world["first"]

    log_in(page, url, "kulkija@example.org", f"/surveys/{first.survey_id}/")
    _answer(page, url, first.survey, FIRST)
    assert OwnWheel.objects.filter(person=series_world["member"], round=first).exists()

    # Round 1 closes; the staff member starts round 2 on the series page.
    Survey.objects.filter(pk=first.survey_id).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    staff_context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki")
    try:
        staff = staff_context.new_page()
        log_in(staff, url, "innoagentti@example.org", f"/en/surveys/series/{series.pk}/")
        expect(staff.locator("h1")).to_have_text(series.name)
        assert_accessible(staff, "series page")
        today = timezone.localdate()
        staff.get_by_label("Opens on").fill(today.isoformat())
        staff.get_by_label("Last day for answers").fill((today + timedelta(days=14)).isoformat())
        staff.get_by_role("button", name="Start the next round").click()
        expect(staff.locator(".messages")).to_contain_text("Round 2 was started.")
        second = series.rounds.get(number=2)
        add_ratings(second, [[4, 4, 7, 6]] * 5)

        # The member answers round 2 and sees both wheels and the change.
        _answer(page, url, second.survey, SECOND)
        page.goto(f"{url}/en/surveys/series/")
        assert_accessible(page, "series list")
        page.get_by_role("link", name=series.name).click()
        expect(page.locator("h1")).to_have_text("My life wheel over time")
        expect(page.locator("svg[role=img] polygon.wheel--round-1")).to_have_count(1)
        expect(page.locator("svg[role=img] polygon.wheel--round-2")).to_have_count(1)
        table = page.get_by_role("table")
        expect(table.get_by_role("row", name="Asuminen")).to_contain_text("+2")
        expect(table.get_by_role("row", name="Ihmissuhteet")).to_contain_text("+3")
        expect(table.get_by_role("row", name="Terveys")).to_contain_text("0")
        assert_accessible(page, "my life wheel over time")

        # Staff read the group's change.
        staff.goto(f"{url}/en/surveys/series/{series.pk}/effect/")
        expect(staff.locator("h1")).to_have_text("The effect of taking part")
        expect(staff.locator("svg[role=img] polygon.wheel--round-2")).to_have_count(1)
        row = staff.get_by_role("table").get_by_role("row", name="Ihmissuhteet")
        expect(row).to_contain_text("+2")
        assert_accessible(staff, "the effect of taking part")
    finally:
        staff_context.close()


def test_my_wheels_fit_a_phone(series_world, browser, assert_accessible):
    from panels.surveys.series.own import keep_copy

    keep_copy(series_world["member"], series_world["first"], [list(FIRST)])
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    phone = context.new_page()
    try:
        path = f"/en/surveys/series/{series_world['series'].pk}/mine/"
        log_in(phone, series_world["url"], "kulkija@example.org", path)
        expect(phone.locator("h1")).to_have_count(1)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        assert_accessible(phone, "my wheels at 360px")
    finally:
        context.close()
