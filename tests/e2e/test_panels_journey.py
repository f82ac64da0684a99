"""A developer-client applies to a panel, staff approve, and the client reads the minutes.

Every page on the way passes axe; the panel pages fit a 360px phone.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Notification
from panels.models import JoiningPolicy, Membership, MembershipStatus
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    PanelFactory,
    RegionFactory,
    UserFactory,
)
from tests.panels.factories import MeetingFactory

MINUTES = "Sovittiin, että takaisinsoittoa kokeillaan kahdessa tiimissä."


@pytest.fixture
def lappi(live_url):
    region = RegionFactory(name="Lappi", slug="lappi")
    staff = UserFactory(staff=True, email="tyontekija@example.org", display_name="Innoagentti")
    region.officials.add(staff)
    panel = PanelFactory(
        region=region,
        name="Rovaniemen kehittäjäasiakasryhmä",
        slug="rovaniemi",
        joining_policy=JoiningPolicy.APPLICATION,
        description="Paljon palveluja käyttävät kertovat, miten palvelut toimisivat paremmin.",
    )
    MeetingFactory(
        panel=panel,
        past=True,
        title="Tuen tarpeen tunnistaminen",
        minutes=MINUTES,
    )
    MeetingFactory(
        panel=panel,
        title="Kokeilun arviointi",
        starts_at=timezone.now() + timedelta(days=10),
    )
    client = UserFactory(email="asiakas@example.org", display_name="Aamuvirkku")
    # History the staff see on the panel page (and that must fit a phone too).
    MembershipFactory(
        panel=panel,
        person=UserFactory(display_name="Entinen jäsen pitkällä nimellä"),
        status=MembershipStatus.REMOVED,
        decided_by=staff,
        decided_at=timezone.now(),
        decision_message="Toistuvasti muita loukkaavia viestejä tapaamisten keskusteluissa.",
    )
    return {"url": live_url, "panel": panel, "staff": staff, "client": client}


def log_in(page, url, email, next_path):
    page.goto(f"{url}/accounts/login/?next={next_path}")
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label(re.compile(r"^Salasana:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()


def test_apply_approve_and_read_the_minutes(lappi, page, browser, assert_accessible):
    url = lappi["url"]

    # The developer-client finds the panel and applies.
    log_in(page, url, "asiakas@example.org", "/panels/")
    expect(page.locator("h1")).to_have_text("Alueet ja raadit")
    assert_accessible(page, "panel list")
    page.get_by_role("link", name="Rovaniemen kehittäjäasiakasryhmä").click()
    expect(page.locator("h1")).to_have_text("Rovaniemen kehittäjäasiakasryhmä")
    expect(page.get_by_text("Kokeilun arviointi")).to_be_visible()
    expect(page.get_by_text("Tuen tarpeen tunnistaminen")).to_have_count(0)
    assert_accessible(page, "panel page, not a member")

    page.get_by_role("link", name="Hae jäseneksi").click()
    assert_accessible(page, "application form")
    page.get_by_role("button", name="Lähetä hakemus").click()
    motivation = page.get_by_label(re.compile("Miksi haluaisit liittyä"))
    expect(motivation).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "application form with an error")
    motivation.fill("Olen käyttänyt palveluja pitkään ja haluan kertoa, mikä auttoi.")
    page.get_by_role("button", name="Lähetä hakemus").click()
    expect(page.locator(".messages")).to_contain_text("Hakemuksesi lähetettiin")
    expect(page.get_by_text(re.compile("Hait jäseneksi"))).to_be_visible()

    # Staff of the region approve it from the queue, in their own browser.
    staff_context = browser.new_context(locale="fi-FI")
    staff_page = staff_context.new_page()
    try:
        log_in(staff_page, url, "tyontekija@example.org", "/panels/applications/")
        expect(staff_page.locator("h1")).to_have_text("Hakemukset")
        expect(staff_page.get_by_text("Olen käyttänyt palveluja pitkään")).to_be_visible()
        assert_accessible(staff_page, "application queue")
        staff_page.get_by_role("link", name=re.compile("Päätä hakemuksesta")).click()
        assert_accessible(staff_page, "decision form")
        staff_page.get_by_label(re.compile("Viesti hakijalle")).fill("Tervetuloa mukaan!")
        staff_page.get_by_role("button", name="Hyväksy").click()
        expect(staff_page.locator(".messages")).to_contain_text("Hakemus hyväksyttiin")
        expect(staff_page.get_by_text("Hakemuksia ei odota käsittelyä.")).to_be_visible()
    finally:
        staff_context.close()

    membership = Membership.objects.get(person=lappi["client"], panel=lappi["panel"])
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.decided_by == lappi["staff"]
    notice = Notification.objects.get(recipient=lappi["client"])
    assert "Tervetuloa mukaan!" in notice.message

    # The client, now a member, sees the members and reads the minutes.
    page.goto(f"{url}/panels/rovaniemi/")
    expect(page.get_by_text("Olet tämän raadin jäsen.")).to_be_visible()
    members = page.get_by_role("region", name="Jäsenet")
    expect(members).to_contain_text("Aamuvirkku")
    expect(members).to_contain_text("kehittäjäasiakas")
    assert_accessible(page, "panel page, member")
    page.get_by_role("link", name="Tuen tarpeen tunnistaminen").click()
    expect(page.locator("h1")).to_have_text("Tuen tarpeen tunnistaminen")
    expect(page.get_by_role("region", name="Muistio")).to_contain_text(MINUTES)
    assert_accessible(page, "meeting with minutes")


@pytest.mark.parametrize(
    "path",
    [
        "/panels/",
        "/panels/rovaniemi/",
        "/panels/rovaniemi/apply/",
        "/sv/panels/rovaniemi/",
        "/panels/applications/",
        "/panels/rovaniemi/invite/",
        "/panels/rovaniemi/meetings/new/",
        "/en/panels/rovaniemi/meetings/new/",
    ],
)
def test_panel_pages_fit_a_phone(lappi, browser, path, assert_accessible):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    phone = context.new_page()
    try:
        log_in(phone, lappi["url"], "tyontekija@example.org", path)
        expect(phone.locator("h1")).to_have_count(1)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        assert_accessible(phone, f"{path} at 360px")
    finally:
        context.close()


def test_the_meeting_form_announces_its_errors(lappi, page, assert_accessible):
    log_in(page, lappi["url"], "tyontekija@example.org", "/panels/rovaniemi/meetings/new/")
    page.get_by_label(re.compile("Otsikko")).fill("Syystapaaminen")
    page.get_by_label(re.compile("Alkaa")).fill("2030-09-10T14:00")
    page.get_by_label(re.compile("Päättyy")).fill("2030-09-10T13:00")
    page.get_by_role("button", name="Tallenna tapaaminen").click()
    ends = page.get_by_label(re.compile("Päättyy"))
    expect(ends).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Tapaamisen täytyy päättyä alkamisensa jälkeen.")).to_be_visible()
    expect(page.get_by_label(re.compile("Otsikko"))).to_have_value("Syystapaaminen")
    assert_accessible(page, "meeting form with an error")


def test_an_invitation_link_for_someone_without_an_account(lappi, page, assert_accessible):
    from tests.panels.factories import InvitationFactory

    invitation = InvitationFactory(
        panel=lappi["panel"], email="uusi@example.org", invited_by=lappi["staff"]
    )
    page.goto(f"{lappi['url']}/panels/invitations/{invitation.token}/")
    expect(page.locator("h1")).to_contain_text("Rovaniemen kehittäjäasiakasryhmä")
    expect(page.get_by_role("link", name="Rekisteröidy ja hyväksy")).to_be_visible()
    assert_accessible(page, "invitation, signed out")
