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

PAGES = [
    ("/", "fi", "Saavutettavuusseloste", "Valvontaviranomaisen"),
    ("/sv/", "sv", "Tillgänglighetsutlåtande", None),
    ("/en/", "en", "Accessibility statement", "Enforcement procedure"),
]


@pytest.fixture
def statement(demo_pages):
    seed_statement()


@pytest.fixture
def administrator():
    return UserFactory(administrator=True, email="admin@example.org")


@pytest.mark.parametrize(("prefix", "language", "title", "_"), PAGES)
def test_published_in_three_languages_and_linked_from_every_page(
    client, statement, prefix, language, title, _
):
    rounds = client.get(f"{prefix}rounds/").content.decode()
    assert f'href="{prefix}accessibility/"' in rounds
    response = client.get(f"{prefix}accessibility/", follow=True)
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page
    assert page.count("<h2") >= 4
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
