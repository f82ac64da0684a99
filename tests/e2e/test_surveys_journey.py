"""Staff publish a survey for a panel, a member answers it, and the results appear.

Every survey page on the way passes axe, and fits a 360px phone.
"""

import re

import pytest
from playwright.sync_api import expect

from panels.models import Response, ResultsVisibility
from tests.e2e.test_panels_journey import log_in
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.surveys.bulk import add_responses
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory


@pytest.fixture
def draft(live_url):
    region = RegionFactory(name="Lappi", slug="lappi")
    staff = UserFactory(staff=True, email="tyontekija@example.org", display_name="Innoagentti")
    region.officials.add(staff)
    panel = PanelFactory(region=region, name="Rovaniemen raati", slug="rovaniemi")
    member = UserFactory(email="asiakas@example.org", display_name="Aamuvirkku")
    MembershipFactory(panel=panel, person=member)
    survey = SurveyFactory(
        region=region,
        panels=[panel],
        title="Elämänpyörä syksyllä",
        is_published=False,
        results_visibility=ResultsVisibility.IMMEDIATELY,
    )
    choice = QuestionFactory(
        survey=survey, kind="single_choice", text="Mikä palvelu auttoi?", required=True
    )
    for label in ("Ohjaamo", "Terveysasema", "Sosiaalitoimisto"):
        ChoiceFactory(question=choice, label=label)
    wheel = QuestionFactory(survey=survey, kind="life_wheel", text="Elämänpyöräsi")
    for label in ("Asuminen", "Terveys", "Ihmissuhteet", "Vapaa-aika"):
        ChoiceFactory(question=wheel, label=label)
    add_responses(survey, 4)  # earlier answers on paper, typed in by staff
    return {"url": live_url, "survey": survey, "member": member}


def test_publish_answer_and_see_the_results(draft, page, assert_accessible):
    url, survey = draft["url"], draft["survey"]

    # Publishing in the admin (and the announcement it sends) is covered by
    # tests/panels/surveys/test_admin.py; here the draft is simply published.
    survey.is_published = True
    survey.save()
    survey.refresh_from_db()

    log_in(page, url, "asiakas@example.org", "/surveys/")
    expect(page.locator("h1")).to_have_text("Kyselyt")
    assert_accessible(page, "survey list")
    page.get_by_role("link", name="Elämänpyörä syksyllä", exact=True).click()
    assert_accessible(page, "survey form")
    page.get_by_role("button", name="Lähetä vastaukseni").click()
    question = page.get_by_role("group", name=re.compile("Mikä palvelu auttoi"))
    expect(question).to_contain_text("Tämä kenttä on pakollinen")
    assert_accessible(page, "survey form with an error")
    question.get_by_label("Ohjaamo").check()
    for n, domain in enumerate(("Asuminen", "Terveys", "Ihmissuhteet", "Vapaa-aika")):
        page.get_by_label(domain, exact=True).select_option(str(n + 5))
    page.get_by_role("button", name="Lähetä vastaukseni").click()
    expect(page.locator(".messages")).to_contain_text("Vastauksesi tallennettiin")
    assert Response.objects.filter(survey=survey, respondent=draft["member"]).exists()

    page.get_by_role("link", name="Katso tulokset").click()
    expect(page.locator(".lead")).to_contain_text("5 vastausta")
    expect(page.locator("svg[role=img]")).to_have_count(2)
    expect(page.get_by_role("table").first).to_contain_text("Ohjaamo")
    assert_accessible(page, "survey results")


@pytest.mark.parametrize("path", ["/surveys/", "form", "results"])
def test_survey_pages_fit_a_phone(draft, browser, path, assert_accessible):
    survey = draft["survey"]
    survey.is_published = True
    survey.save()
    add_responses(survey, 1)
    path = {"form": f"/surveys/{survey.pk}/", "results": f"/surveys/{survey.pk}/results/"}.get(
        path, path
    )
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    phone = context.new_page()
    try:
        log_in(phone, draft["url"], "asiakas@example.org", path)
        expect(phone.locator("h1")).to_have_count(1)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        assert_accessible(phone, f"{path} at 360px")
    finally:
        context.close()
