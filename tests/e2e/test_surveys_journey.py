"""Staff build and publish a survey for a panel in the Wagtail admin, a member is told and
answers it, and the results appear.

The admin's labels are Finnish (the site's default language, whatever the browser's; a
staff member may choose another in Wagtail's account settings): the "published" control is
the checkbox "Julkaistu". Wagtail's label texts carry surrounding whitespace and a required
mark ("Kysymys*"), so anchored or exact label matches miss them: fields are found by role and
a name they contain.

Every survey page a member sees passes axe, and fits a 360px phone.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Notification
from panels.surveys.models import Response, ResultsVisibility, Survey
from tests.e2e.test_panels_journey import log_in
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.surveys.bulk import add_responses
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

TITLE = "Elämänpyörä syksyllä"
SERVICES = ("Ohjaamo", "Terveysasema", "Sosiaalitoimisto")
DOMAINS = ("Asuminen", "Terveys", "Ihmissuhteet", "Vapaa-aika")


@pytest.fixture
def lappi(live_url):
    region = RegionFactory(name="Lappi", slug="lappi")
    staff = UserFactory(staff=True, email="tyontekija@example.org", display_name="Innoagentti")
    region.officials.add(staff)
    panel = PanelFactory(region=region, name="Rovaniemen raati", slug="rovaniemi")
    member = UserFactory(email="asiakas@example.org", display_name="Aamuvirkku")
    MembershipFactory(panel=panel, person=member)
    return {"url": live_url, "region": region, "panel": panel, "staff": staff, "member": member}


def add_question(page, kind, text, choices, required=False):
    """Adds a question through the admin's InlinePanel, with its choices (or domains)."""
    number = page.get_by_role("region", name=re.compile(r"^Kysymys \d+$")).count() + 1
    page.get_by_role("button", name="Lisää Kysymys").click()
    question = page.get_by_role("region", name=f"Kysymys {number}", exact=True)
    question.get_by_role("combobox", name="Laji").select_option(label=kind)
    question.get_by_role("textbox", name="Kysymys").fill(text)
    if required:
        question.get_by_role("checkbox", name="Pakollinen").check()
    for n, label in enumerate(choices, start=1):
        question.get_by_role("button", name="Lisää Vaihtoehto").click()
        choice = question.get_by_role("region", name=f"Vaihtoehto {n}", exact=True)
        choice.get_by_role("textbox", name="Nimike").fill(label)


def build_draft_in_the_admin(page, url):
    """The staff member creates the survey, questions and all, still unpublished."""
    log_in(page, url, "tyontekija@example.org", "/admin/survey_admin/new/")
    page.get_by_role("textbox", name="Otsikko").fill(TITLE)
    page.get_by_role("textbox", name="Johdanto").fill("Kerro, mikä auttoi sinua tänä syksynä.")
    page.get_by_role("combobox", name="Alue").select_option(label="Lappi")
    page.get_by_role("checkbox", name="Rovaniemen raati").check()
    # Opened yesterday: open as soon as it is published.
    opens = page.get_by_role("textbox", name="Avautuu")
    opens.fill((timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"))
    opens.press("Escape")  # closes the date picker
    # ...and a click outside it: Escape alone leaves it open where the page is long enough
    # for it to cover the controls below.
    page.get_by_role("textbox", name="Otsikko").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.get_by_role("combobox", name="Tulokset näytetään osallistujille").select_option(
        label="heti"
    )
    expect(page.get_by_role("checkbox", name="Julkaistu")).not_to_be_checked()
    add_question(page, "yksi vaihtoehto", "Mikä palvelu auttoi?", SERVICES, required=True)
    add_question(page, "elämänpyörä (elämänalueet arvioidaan 0–10)", "Elämänpyöräsi", DOMAINS)
    page.get_by_role("button", name="Luo").click()
    expect(page).to_have_url(re.compile(r"/admin/survey_admin/$"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()


def test_publish_answer_and_see_the_results(lappi, browser, page, assert_accessible):
    url, member = lappi["url"], lappi["member"]

    staff_context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki")
    try:
        admin = staff_context.new_page()
        build_draft_in_the_admin(admin, url)
        survey = Survey.objects.get(title=TITLE)
        assert survey.created_by == lappi["staff"] and not survey.is_published
        assert list(survey.panels.all()) == [lappi["panel"]]
        assert survey.results_visibility == ResultsVisibility.IMMEDIATELY
        assert survey.opens_at < timezone.now()
        questions = list(survey.questions.order_by("sort_order"))
        assert [(q.kind, q.text, q.required) for q in questions] == [
            ("single_choice", "Mikä palvelu auttoi?", True),
            ("life_wheel", "Elämänpyöräsi", False),
        ]
        assert [c.label for c in questions[0].choices.order_by("sort_order")] == list(SERVICES)
        assert [c.label for c in questions[1].choices.order_by("sort_order")] == list(DOMAINS)
        assert not Notification.objects.exists()  # a draft tells nobody

        # Publishing is a second visit: the survey's edit page, reached from the list.
        admin.get_by_role("link", name=TITLE).click()
        published = admin.get_by_role("checkbox", name="Julkaistu")
        expect(published).to_be_visible()
        published.check()
        admin.get_by_role("button", name="Tallenna").click()
        expect(admin).to_have_url(re.compile(r"/admin/survey_admin/$"))
        expect(admin.locator(".messages")).to_contain_text(TITLE)
    finally:
        staff_context.close()

    survey.refresh_from_db()
    assert survey.is_published and survey.announced_at is not None
    notice = Notification.objects.get()
    assert notice.recipient == member and notice.kind == "panels.survey_opened"
    assert TITLE in notice.message
    add_responses(survey, 4)  # earlier answers on paper, typed in by staff

    log_in(page, url, "asiakas@example.org", "/surveys/")
    expect(page.locator("h1")).to_have_text("Kyselyt")
    expect(page.locator("[data-unread-count]")).to_have_text("(1 uusi)")
    assert_accessible(page, "survey list")
    page.get_by_role("link", name=TITLE, exact=True).click()
    assert_accessible(page, "survey form")
    page.get_by_role("button", name="Lähetä vastaukseni").click()
    question = page.get_by_role("group", name=re.compile("Mikä palvelu auttoi"))
    expect(question).to_contain_text("Tämä kenttä on pakollinen")
    assert_accessible(page, "survey form with an error")
    question.get_by_label("Ohjaamo").check()
    for n, domain in enumerate(DOMAINS):
        page.get_by_label(domain, exact=True).select_option(str(n + 5))
    page.get_by_role("button", name="Lähetä vastaukseni").click()
    expect(page.locator(".messages")).to_contain_text("Vastauksesi tallennettiin")
    assert Response.objects.filter(survey=survey, respondent=member).exists()

    page.get_by_role("link", name="Katso tulokset").click()
    expect(page.locator(".lead")).to_contain_text("5 vastausta")
    expect(page.locator("svg[role=img]")).to_have_count(2)
    expect(page.get_by_role("table").first).to_contain_text("Ohjaamo")
    assert_accessible(page, "survey results")


@pytest.fixture
def published(lappi):
    survey = SurveyFactory(
        region=lappi["region"],
        panels=[lappi["panel"]],
        title=TITLE,
        results_visibility=ResultsVisibility.IMMEDIATELY,
    )
    choice = QuestionFactory(
        survey=survey, kind="single_choice", text="Mikä palvelu auttoi?", required=True
    )
    for label in SERVICES:
        ChoiceFactory(question=choice, label=label)
    wheel = QuestionFactory(survey=survey, kind="life_wheel", text="Elämänpyöräsi")
    for label in DOMAINS:
        ChoiceFactory(question=wheel, label=label)
    add_responses(survey, 5)
    return survey


@pytest.mark.parametrize("path", ["/surveys/", "form", "results"])
def test_survey_pages_fit_a_phone(lappi, published, browser, path, assert_accessible):
    pages = {"form": f"/surveys/{published.pk}/", "results": f"/surveys/{published.pk}/results/"}
    path = pages.get(path, path)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    phone = context.new_page()
    try:
        log_in(phone, lappi["url"], "asiakas@example.org", path)
        expect(phone).to_have_url(re.compile(re.escape(path) + "$"))
        expect(phone.locator("h1")).to_have_count(1)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        assert_accessible(phone, f"{path} at 360px")
    finally:
        context.close()
