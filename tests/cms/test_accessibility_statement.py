"""The accessibility statement: published in three languages with the sections the Finnish
supervisory authority asks for, linked from every page, its feedback form, and the
administrators' inbox where feedback is answered within 14 days."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.statement.demo import seed_statement
from cms.statement.models import AccessibilityFeedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# prefix, language, title, and the headings of the model statement's sections
PAGES = [
    (
        "/",
        "fi",
        "Saavutettavuusseloste",
        ["Tunnetut puutteet", "Anna palautetta saavutettavuudesta", "Valvontamenettely"],
    ),
    (
        "/sv/",
        "sv",
        "Tillgänglighetsutlåtande",
        ["Kända brister", "Ge respons om tillgänglighet", "Tillsynsförfarande"],
    ),
    (
        "/en/",
        "en",
        "Accessibility statement",
        ["Known non-conformities", "Give feedback on accessibility", "Enforcement procedure"],
    ),
]


@pytest.fixture
def statement(demo_pages):
    seed_statement()


@pytest.fixture
def administrator():
    return UserFactory(administrator=True, email="admin@example.org")


@pytest.mark.parametrize(("prefix", "language", "title", "headings"), PAGES)
def test_published_in_three_languages_and_linked_from_every_page(
    client, statement, prefix, language, title, headings
):
    rounds = client.get(f"{prefix}rounds/").content.decode()
    assert f'href="{prefix}accessibility/"' in rounds
    response = client.get(f"{prefix}accessibility/", follow=True)
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page
    assert page.count("<h2") >= 4
    for heading in headings:
        assert heading in page, heading
    assert "saavutettavuus@avi.fi" in page
    assert "0295 016 000" in page
    assert "WCAG" in page


def test_the_english_statement_has_every_section(client, statement):
    page = client.get("/en/accessibility/", follow=True).content.decode()
    for section in (
        "Compliance status",
        "partially compliant",
        "Known non-conformities",
        "4.1.3 Status Messages",
        "Content outside the law",
        "Give feedback on accessibility",
        "Enforcement procedure",
        "Regional State Administrative Agency for Southern Finland",
    ):
        assert section in page, section


def test_sami_pages_lead_to_the_finnish_statement(client, statement):
    response = client.get("/se/accessibility/")
    assert response.status_code == 302
    assert response["Location"] == "/saavutettavuusseloste/"


def test_without_a_statement_the_link_says_so(client, demo_pages):
    assert client.get("/en/accessibility/").status_code == 404


def test_the_footer_link_costs_no_query_and_following_it_a_flat_three(
    client, statement, django_assert_num_queries
):
    """The footer links to a fixed URL (``{% url %}``), so no page pays for finding the
    statement; the redirect behind it finds the page in the language (view restrictions,
    the page, the site for its URL), and only when someone follows it."""
    client.get("/en/accessibility/")  # Wagtail caches the site's root paths on first use
    with django_assert_num_queries(3):
        assert client.get("/en/accessibility/").status_code == 302


def feedback_url(client):
    return client.get("/en/accessibility/")["Location"]


def test_empty_feedback_is_refused_and_what_was_typed_stays(client, statement, administrator):
    url = feedback_url(client)
    response = client.post(url, {"description": "", "page_url": "/rounds/", "email": "x@y"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert 'value="/rounds/"' in page
    assert "Enter a valid email address." in page
    assert not AccessibilityFeedback.objects.exists()


def test_the_form_starts_at_the_first_field_to_correct(client, statement):
    page = client.post(feedback_url(client), {"description": ""}).content.decode()
    assert 'name="description"' in page
    field = page[page.index("<textarea") : page.index("</textarea>")]
    assert "autofocus" in field and 'aria-invalid="true"' in field


@pytest.mark.parametrize(
    ("query", "referer", "prefilled"),
    [
        ("?page=/en/rounds/", "", "/en/rounds/"),
        ("", "http://testserver/en/statistics/", "http://testserver/en/statistics/"),
        ("?page=/en/rounds/", "http://testserver/en/statistics/", "/en/rounds/"),
        ("", "https://elsewhere.example/page/", ""),
        ("?page=https://elsewhere.example/", "", ""),
    ],
)
def test_the_page_is_prefilled_from_where_the_person_came(
    client, statement, query, referer, prefilled
):
    headers = {"referer": referer} if referer else {}
    page = client.get(feedback_url(client) + query, headers=headers).content.decode()
    field = page[page.index('name="page_url"') :].split(">", 1)[0]
    if prefilled:
        assert f'value="{prefilled}"' in field
    else:
        assert "value=" not in field


def test_feedback_reaches_the_administrators_due_in_14_days(
    client, statement, administrator, django_capture_on_commit_callbacks
):
    UserFactory(staff=True, email="staff@example.org")
    url = feedback_url(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "description": "Kuvaajan värit eivät erotu.",
                "page_url": "/statistics/",
                "email": "mina@example.org",
            },
            follow=True,
        )
    assert "answer within 14 days" in response.content.decode()
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.due_on == timezone.localdate() + timedelta(days=14)
    assert feedback.language == "en"
    assert [message.to for message in mail.outbox] == [["admin@example.org"]]
    assert "Kuvaajan värit eivät erotu." in mail.outbox[0].body
    assert reverse("accessibility_feedback:edit", args=[feedback.pk]) in mail.outbox[0].body


def test_feedback_is_rate_limited(client, statement, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "accessibility_feedback": (1, 3600)}
    url = feedback_url(client)
    assert client.post(url, {"description": "Yksi."}).status_code == 302
    response = client.post(url, {"description": "Kaksi."})
    assert response.status_code == 429
    assert "Kaksi." in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 1


INBOX_ROLES = [
    ("developer_client", {}, False),
    ("expert", {"expert": True}, False),
    ("staff", {"staff": True}, False),
    ("decision_maker", {"decision_maker": True}, False),
    ("administrator", {"administrator": True}, True),
]


@pytest.mark.parametrize(("who", "traits", "allowed"), INBOX_ROLES, ids=[r[0] for r in INBOX_ROLES])
def test_only_administrators_see_and_answer_the_inbox(client, who, traits, allowed):
    feedback = AccessibilityFeedback.objects.create(description="Ongelma.")
    client.force_login(UserFactory(**traits))
    index = client.get(reverse("accessibility_feedback:index"))
    edit = client.get(reverse("accessibility_feedback:edit", args=[feedback.pk]))
    if allowed:
        assert index.status_code == 200 and "Ongelma." in index.content.decode()
        assert edit.status_code == 200
    else:
        assert index.status_code in (302, 403)
        assert edit.status_code in (302, 403)


def test_anonymous_people_are_sent_to_log_in(client):
    assert client.get(reverse("accessibility_feedback:index")).status_code == 302


def test_the_answer_is_mailed_and_recorded(
    client, administrator, django_capture_on_commit_callbacks
):
    feedback = AccessibilityFeedback.objects.create(
        description="Ongelma.", email="kysyja@example.org", language="fi"
    )
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accessibility_feedback:edit", args=[feedback.pk]),
            {"reply": "Korjasimme värit. Kiitos!"},
        )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.answered_at and feedback.answered_by == administrator
    assert [message.to for message in mail.outbox] == [["kysyja@example.org"]]
    assert "Korjasimme värit." in mail.outbox[0].body
    assert "Vastaus saavutettavuuspalautteeseesi" in mail.outbox[0].subject


def test_overdue_feedback_is_marked():
    old = AccessibilityFeedback.objects.create(
        description="Vanha.", received_at=timezone.now() - timedelta(days=20)
    )
    new = AccessibilityFeedback.objects.create(description="Uusi.")
    assert old.is_overdue and not new.is_overdue
