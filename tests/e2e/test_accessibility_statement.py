"""Someone finds the accessibility statement from a page's footer and reports a problem:
the empty form says what is missing and starts at that field, and the sent one thanks them and
promises an answer within 14 days. axe checks the statement and its error state."""

import re

from playwright.sync_api import expect

from cms.statement.models import AccessibilityFeedback
from tests.e2e.test_experiment_journey import in_a_thread
from tests.factories import UserFactory


def seed():
    from cms.demo import seed_pages
    from cms.statement.demo import seed_statement

    seed_pages()
    seed_statement()


def test_report_a_problem_from_the_footer(live_url, page, assert_accessible, live_server_mail):
    in_a_thread(seed)
    UserFactory(administrator=True, email="yllapito@example.org", language="en")
    page.goto(f"{live_url}/en/rounds/")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url(re.compile(r"/en/accessibility-statement/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    assert_accessible(page, "the accessibility statement")
    # The page the person came from is filled in for them.
    expect(page.get_by_label("On which page? (optional)")).to_have_value(
        re.compile(r"/en/rounds/$")
    )

    page.get_by_label("Your e-mail address, if you want an answer (optional)").fill("minä@")
    page.get_by_role("button", name="Send feedback").click()
    description = page.get_by_label("What was the problem?")
    expect(description).to_be_focused()
    expect(description).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(
        page.get_by_label("Your e-mail address, if you want an answer (optional)")
    ).to_have_value("minä@")
    assert_accessible(page, "the feedback form with errors")

    description.fill("The chart on the statistics page cannot be read with a screen reader.")
    page.get_by_label("Your e-mail address, if you want an answer (optional)").fill(
        "lukija@example.org"
    )
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator(".message--success")).to_contain_text("answer within 14 days")
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.email == "lukija@example.org"
    assert feedback.page_url.endswith("/en/rounds/")
    assert [message["To"] for message in live_server_mail()] == ["yllapito@example.org"]
