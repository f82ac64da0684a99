"""The data export, account deletion, "my impact", the admin inbox and the demo."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.privacy.erasure import delete_account
from ideas.service_feedback.demo import seed_feedback
from ideas.service_feedback.models import Feedback, Status
from ideas.service_feedback.personal_data import feedback_sent
from tests.factories import RegionFactory, UserFactory


@pytest.mark.django_db
def test_the_export_holds_ones_named_feedback_only(world):
    person = UserFactory()
    world.answered(author=person, what_happened="Nimellä annettu")
    world.feedback(what_happened="Nimettömänä annettu")
    section = feedback_sent(sender=None, person=person)
    assert [row["what_happened"] for row in section.rows] == ["Nimellä annettu"]
    assert section.rows[0]["answer"] == "Kiitos, korjasimme asian."


@pytest.mark.django_db
@pytest.mark.parametrize("remove_words", [False, True])
def test_deleting_the_account_keeps_the_feedback_without_the_sender(world, remove_words):
    person = UserFactory()
    kept = world.answered(author=person, what_happened="Jää talteen")
    waiting = world.feedback(author=person, reply_email="osoite@example.org")
    delete_account(person, remove_words=remove_words)
    kept.refresh_from_db()
    waiting.refresh_from_db()
    assert kept.author is None and waiting.author is None
    assert waiting.reply_email == ""
    assert kept.status == Status.ANSWERED
    assert (kept.what_happened == "") == remove_words
    assert kept.publish != remove_words


@pytest.mark.django_db
def test_my_impact_shows_ones_feedback_and_what_became_of_it(client, world):
    person = UserFactory()
    world.answered(author=person, what_happened="Oma palaute")
    world.feedback(what_happened="Jonkun muun")
    client.force_login(person)
    with translation.override("en"):
        response = client.get(reverse("my_impact"))
    html = response.content.decode()
    assert response.context["totals"]["service_feedback"] == 1
    assert "Oma palaute" in html and "Kiitos, korjasimme asian." in html
    assert "Jonkun muun" not in html


@pytest.mark.django_db
def test_the_admin_inbox_is_scoped_to_the_staff_members_regions(client, world):
    mine = world.feedback(what_happened="Oman alueen palaute")
    theirs = world.feedback(
        what_happened="Toisen alueen palaute", region=world.other, service_area=world.other_area
    )
    client.force_login(world.staff)
    listing = client.get(reverse("feedback_inbox:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Oman alueen palaute" in html and "Toisen alueen palaute" not in html
    assert client.get(reverse("feedback_inbox:edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("feedback_inbox:edit", args=[theirs.pk])).status_code == 404
    client.force_login(world.person("developer_client"))
    assert client.get(reverse("feedback_inbox:index")).status_code in (302, 403)


@pytest.mark.django_db
def test_the_demo_seeds_etela_karjalas_inbox():
    from accounts.demo import seed_people
    from panels.segments.demo import seed_segments

    region = RegionFactory(name="Etelä-Karjala", slug="etela-karjala")
    seed_people("demo-salasana-123")
    seed_segments()
    seeded = seed_feedback()
    assert len(seeded) == 8
    statuses = {item.status for item in seeded}
    assert statuses == {
        Status.NEW,
        Status.ANSWERED,
        Status.IDEA,
        Status.FORWARDED,
        Status.NOT_ACTIONABLE,
    }
    made = Feedback.objects.get(status=Status.IDEA)
    assert made.idea is not None and made.idea.round.region == region
    assert made.idea.round.is_open
    assert Feedback.objects.published().filter(region=region).count() >= 5
    assert Feedback.objects.filter(author__isnull=False).count() == 0  # all anonymous
    # Running it again changes nothing.
    seed_feedback()
    assert Feedback.objects.count() == 8
