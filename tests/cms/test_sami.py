"""Northern Sámi (se) as the fourth interface language: the language table, the catalogue and
its plural rule, dates and numbers, the Finnish fallback, the page trees, e-mail, and the
footer that says the translation awaits a native speaker's review."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.core import mail
from django.utils import formats, translation
from django.utils.translation import get_language_info, gettext, ngettext

from cms.models import HomePage, LanguageReview
from cms.settings.languages import SAMI_PLURAL_FORMS

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_django_knows_northern_sami():
    info = get_language_info("se")
    assert info["name_local"] == "davvisámegiella"
    assert info["bidi"] is False


def test_the_catalogue_has_the_sami_plural_rule_and_is_marked_for_review():
    catalogue = polib.pofile(str(LOCALE / "se" / "LC_MESSAGES" / "django.po"))
    assert catalogue.metadata["Plural-Forms"] == SAMI_PLURAL_FORMS
    assert catalogue.metadata["Language"] == "se"
    assert "needs review" in catalogue.header or "review" in catalogue.header


def test_plural_forms_follow_one_two_other():
    catalogue = polib.pofile(str(LOCALE / "se" / "LC_MESSAGES" / "django.po"))
    plurals = [
        entry
        for entry in catalogue.translated_entries()
        if entry.msgid_plural and not entry.msgctxt and len(set(entry.msgstr_plural.values())) == 3
    ]
    assert plurals, "the catalogue has messages with a distinct dual"
    entry = plurals[0]
    with translation.override("se"):
        forms = [ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2, 5, 21)]
    assert forms == [
        entry.msgstr_plural[0],
        entry.msgstr_plural[1],
        entry.msgstr_plural[2],
        entry.msgstr_plural[2],
    ]


def test_dates_and_numbers_are_sami():
    with translation.override("se"):
        assert formats.date_format(datetime.date(2026, 12, 5)) == "juovlamánu 5. b. 2026"
        assert formats.date_format(datetime.date(2026, 1, 5), "F") == "ođđajagemánnu"
        assert formats.number_format(12345.5, 1, force_grouping=True) == "12\xa0345,5"
        assert formats.date_format(datetime.date(2026, 12, 7), "l") == "vuossárga"


def test_what_has_no_sami_falls_back_to_finnish_never_english():
    with translation.override("se"):
        # Django's own message: Django ships no Sámi.
        assert gettext("This field is required.") == "Tämä kenttä on pakollinen."
        # allauth's
        assert gettext("Forgot your password?") == "Unohditko salasanasi?"


@pytest.mark.django_db
def test_every_language_has_its_page_tree(client, demo_pages):
    assert HomePage.objects.filter(locale__language_code="se").live().exists()
    page = client.get("/se/").content.decode()
    assert '<html lang="se">' in page
    assert re.findall(r"<h1[ >]", page) == ["<h1>"]
    assert "<h1>Kohtaamo – aktiivvalaš deaivvadeami forum</h1>" in page
    page = client.get("/se/mo-kohtaamo-doaibma/").content.decode()
    assert "<h1>Mo Kohtaamo doaibmá</h1>" in page


@pytest.mark.django_db
def test_the_language_switcher_offers_sami(client, demo_pages):
    page = client.get("/").content.decode()
    assert 'hreflang="se" lang="se"' in page
    assert "Davvisámegiella" in page


@pytest.mark.django_db
def test_sami_pages_say_the_translation_awaits_review_until_an_administrator_says_otherwise(
    client, demo_pages
):
    assert 'class="translation-review"' in client.get("/se/").content.decode()
    assert 'class="translation-review"' not in client.get("/").content.decode()
    assert 'class="translation-review"' not in client.get("/en/").content.decode()
    review = LanguageReview.load()
    review.sami_reviewed = True
    review.save()
    assert 'class="translation-review"' not in client.get("/se/").content.decode()


@pytest.mark.django_db
def test_views_outside_wagtail_are_served_in_sami(client):
    page = client.get("/se/rounds/").content.decode()
    assert '<html lang="se">' in page
    assert 'class="translation-review"' in page


@pytest.mark.django_db
def test_email_goes_out_in_sami_to_people_who_chose_it(django_capture_on_commit_callbacks):
    from accounts.models import Delivery, Notification, NotificationPreference
    from ideas.feedback import services as responses
    from ideas.feedback.services import MY_IDEA
    from ideas.feedback.statuses import IdeaStatus
    from ideas.models import Phase
    from tests.factories import RegionFactory, UserFactory
    from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

    region = RegionFactory()
    decision_maker = UserFactory(decision_maker=True)
    region.officials.add(decision_maker)
    author = UserFactory(language="se")
    NotificationPreference.objects.create(person=author, kind=MY_IDEA, delivery=Delivery.EMAIL)
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION), author=author)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        responses.publish_response(
            decision_maker, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Syyt."
        )
    notice = Notification.objects.filter(recipient=author).latest("pk")
    template = "Your idea “{title}” got an official response: {decision}."
    with translation.override("se"):
        expected = gettext(template).format(
            title=idea.title, decision=IdeaStatus.UNDER_CONSIDERATION.label
        )
    assert notice.message == expected
    with translation.override("fi"):
        assert notice.message != gettext(template).format(
            title=idea.title, decision=IdeaStatus.UNDER_CONSIDERATION.label
        ), "in Sámi, not in Finnish"
    sent = [message for message in mail.outbox if author.email in message.to]
    assert sent, "the author was e-mailed"
    assert expected in sent[0].body
