"""An expert by experience interviews people for a survey on a tablet in a corridor: one
interview sent online, one while the connection is cut (kept on the device, sent when it
returns), and each stored exactly once. The interview page and the results split by channel
pass axe."""

import re

import pytest
from playwright.sync_api import expect

from panels.surveys.models import Response, ResultsVisibility
from tests.e2e.test_live_thread import logged_in_context
from tests.factories import PASSWORD, ClientGroupFactory, RegionFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

TABLET = {"width": 800, "height": 1280}
QUEUE = "kohtaamo.surveys.interviewQueue"


@pytest.fixture
def keski_suomi(live_url):
    region = RegionFactory(name="Keski-Suomi", slug="keski-suomi")
    ClientGroupFactory(region=region, name="Ikääntyneet")
    survey = SurveyFactory(
        region=region,
        title="Terveysaseman uusi palvelumalli",
        results_visibility=ResultsVisibility.IMMEDIATELY,
    )
    question = QuestionFactory(
        survey=survey, kind="single_choice", text="Miten sait yhteyden?", required=True
    )
    for label in ("Puhelimella heti", "Takaisinsoitolla"):
        ChoiceFactory(question=question, label=label)
    QuestionFactory(survey=survey, kind="likert", text="Sain apua oikeaan aikaan.")
    expert = UserFactory(email="kokemus@example.org", display_name="Polkujen kulkija", expert=True)
    staff = UserFactory(email="osallisuus@example.org", staff=True)
    region.officials.add(staff)
    return {"url": live_url, "survey": survey, "expert": expert, "staff": staff}


def _answer(page, channel, choice, group=None):
    page.get_by_label("The person agreed orally to answer").check()
    page.get_by_role("group", name="How is the interview done?").get_by_label(
        channel, exact=True
    ).check()
    if group:
        page.get_by_label("Client group, if the person says").select_option(label=group)
    page.get_by_role("group", name=re.compile("Miten sait yhteyden")).get_by_label(choice).check()
    page.get_by_role("button", name="Send the interview").click()


def _queue(page):
    return page.evaluate(f"JSON.parse(localStorage.getItem('{QUEUE}') || '[]')")


def test_an_offline_interview_is_sent_once_when_the_connection_returns(
    keski_suomi, browser, assert_accessible
):
    url, survey = keski_suomi["url"], keski_suomi["survey"]
    context = browser.new_context(viewport=TABLET, locale="fi-FI", timezone_id="Europe/Helsinki")
    page = context.new_page()
    try:
        interview = f"/en/surveys/{survey.pk}/interview/"
        page.goto(f"{url}/accounts/login/?next={interview}")
        page.get_by_label("Sähköposti").fill("kokemus@example.org")
        page.get_by_label(re.compile(r"^Salasana:?$")).fill(PASSWORD)
        page.get_by_role("button", name="Kirjaudu sisään").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Interview: Terveysaseman uusi palvelumalli"
        )
        assert_accessible(page, "interview page on a tablet")
        # On a phone too: nothing scrolls sideways at 360px.
        page.set_viewport_size({"width": 360, "height": 740})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the interview page scrolls sideways by {overflow}px at 360px"
        page.set_viewport_size(TABLET)
        status = page.locator("#interview-status")

        # Online: sent at once, and an empty form with a new id for the next person.
        first_id = page.locator("input[name=client_id]").input_value()
        _answer(page, "phone", "Puhelimella heti")
        expect(status).to_contain_text("The interview was saved")
        assert Response.objects.filter(survey=survey).count() == 1
        assert page.locator("input[name=client_id]").input_value() != first_id
        expect(page.get_by_label("The person agreed orally to answer")).not_to_be_checked()

        # The connection drops in the corridor: the interview stays on the tablet.
        context.set_offline(True)
        _answer(page, "pop-up on site", "Takaisinsoitolla", group="Ikääntyneet")
        expect(status).to_contain_text("saved on this device")
        queued = _queue(page)
        assert len(queued) == 1
        offline_id = queued[0]["clientId"]
        assert Response.objects.filter(survey=survey).count() == 1
        expect(page.get_by_label("The person agreed orally to answer")).not_to_be_checked()
        assert_accessible(page, "interview page, offline, with the saved message")

        # The connection returns: sent, and forgotten on the device once the server has it.
        context.set_offline(False)
        expect(status).to_contain_text("were sent")
        assert _queue(page) == []
        stored = Response.objects.filter(survey=survey, client_id=offline_id)
        assert stored.count() == 1
        assert stored.get().channel == "pop_up"
        assert stored.get().client_group.name == "Ikääntyneet"
        assert stored.get().respondent is None

        # A reload sends nothing again.
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert Response.objects.filter(survey=survey).count() == 2
        assert Response.objects.filter(survey=survey, client_id=offline_id).count() == 1
    finally:
        context.close()


def test_the_results_split_by_channel(keski_suomi, browser, assert_accessible):
    from tests.panels.surveys.test_splits import _add

    survey = keski_suomi["survey"]
    question = survey.questions.get(kind="single_choice")
    choices = list(question.choices.order_by("sort_order"))
    _add(survey, question, choices, 11, channel="phone")
    _add(survey, question, choices, 5, channel="pop_up")
    _add(survey, question, choices, 2, channel="home_visit")
    context = logged_in_context(browser, keski_suomi["url"], keski_suomi["staff"])
    page = context.new_page()
    try:
        page.goto(f"{keski_suomi['url']}/en/surveys/{survey.pk}/results/")
        page.get_by_label("Split the results by").select_option("channel")
        page.get_by_role("button", name="Show").click()
        expect(page.get_by_role("heading", level=2, name=re.compile("^phone"))).to_be_visible()
        expect(
            page.get_by_role("heading", level=2, name=re.compile("^Other or not told"))
        ).to_be_visible()
        expect(page.get_by_text("home visit")).to_have_count(0)
        assert_accessible(page, "results split by channel")
    finally:
        context.close()
