"""Impact reports ("you said, we did"): the ideas block, citations and notices on publish, who
may compose reports in the admin, and the idea chooser."""

from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.models import Notification
from accounts.roles import Role
from cms.models import HomePage, ImpactReportIndexPage, ImpactReportPage
from ideas.feedback.models import Citation, OfficialResponse
from ideas.feedback.statuses import IdeaStatus
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(demo_pages):
    home = HomePage.objects.get(locale__language_code="fi")
    return home.add_child(
        instance=ImpactReportIndexPage(title="Sanoitte, teimme", slug="sanoitte-teimme")
    )


@pytest.fixture
def decision_maker(db):
    return UserFactory(decision_maker=True, display_name="Päättäjä")


def ideas_block(ideas, title="Kuulimme, teimme"):
    return {
        "type": "ideas",
        "value": {
            "title": title,
            "ideas": [{"type": "item", "value": idea.pk, "id": str(uuid4())} for idea in ideas],
            "note": "",
        },
    }


def make_report(
    index, *ideas, title="Sanoitte, teimme – syksy 2026", publish=True, user=None, region=None
):
    report = index.add_child(
        instance=ImpactReportPage(
            title=title,
            slug=f"raportti-{ImpactReportPage.objects.count()}",
            intro="Mitä ideoillenne tapahtui.",
            body=[ideas_block(ideas)] if ideas else [],
            region=region,
            live=False,
        )
    )
    if publish:
        report.save_revision(user=user).publish(user=user)
        report.refresh_from_db()
    return report


def republish(report, *ideas, user=None):
    report.body = [ideas_block(ideas)]
    report.save_revision(user=user).publish(user=user)
    report.refresh_from_db()
    return report


def respond(idea, decision, reasons, **content):
    idea.status = decision
    idea.save(update_fields=["status"])
    return OfficialResponse.objects.create(
        idea=idea,
        responder_role=Role.DECISION_MAKER,
        decision=decision,
        reasons=reasons,
        **content,
    )


def in_finnish(text):
    with translation.override("fi"):
        return str(text)


# --- The block ---------------------------------------------------------------------------


def test_the_block_shows_each_ideas_current_status_and_latest_response(client, index):
    idea = IdeaFactory(title="Selkokieliset kirjeet")
    respond(idea, IdeaStatus.UNDER_CONSIDERATION, "Selvitämme kirjepohjat.")
    respond(
        idea,
        IdeaStatus.IN_DEVELOPMENT,
        "Kirjepohjat kirjoitetaan uudelleen selkokielellä.",
        next_step="Kokeilu alkaa Rovaniemellä.",
        responsible="Asiakaspalvelu",
        due_date=timezone.localdate(),
    )
    waiting = IdeaFactory(title="Ilta-ajat neuvolaan")
    report = make_report(index, idea, waiting)

    response = client.get(report.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "Selkokieliset kirjeet" in html
    assert idea.get_absolute_url() in html
    assert idea.round.title in html
    assert in_finnish(IdeaStatus.IN_DEVELOPMENT.label).capitalize() in html
    assert "Kirjepohjat kirjoitetaan uudelleen selkokielellä." in html
    assert "Kokeilu alkaa Rovaniemellä." in html
    assert "Asiakaspalvelu" in html
    assert in_finnish(Role.DECISION_MAKER.label).capitalize() in html
    # The earlier response is on the idea's page; the report tells the latest.
    assert "Selvitämme kirjepohjat." not in html
    assert "Ilta-ajat neuvolaan" in html
    assert in_finnish(IdeaStatus.SUBMITTED.label).capitalize() in html
    with translation.override("fi"):
        assert gettext("No official response yet.") in html


def test_an_idea_that_is_no_longer_public_is_not_shown(client, index):
    hidden = IdeaFactory(title="Piilotettu idea", body="Salaista sisältöä.")
    withdrawn = IdeaFactory(title="Peruttu idea")
    report = make_report(index, hidden, withdrawn)
    hidden.hidden_at = withdrawn.withdrawn_at = timezone.now()
    hidden.save()
    withdrawn.save()
    respond(hidden, IdeaStatus.NOT_TAKEN_FORWARD, "Vastauksen teksti.")

    html = client.get(report.url).content.decode()

    assert "Piilotettu idea" not in html
    assert "Salaista sisältöä." not in html
    assert "Vastauksen teksti." not in html
    assert "Peruttu idea" not in html
    assert hidden.get_absolute_url() not in html
    with translation.override("fi"):
        assert html.count(gettext("This idea is no longer public.")) == 2

    # Its author still sees their own idea, as everywhere else.
    client.force_login(hidden.author)
    assert "Piilotettu idea" in client.get(report.url).content.decode()


def test_queries_stay_flat_however_many_ideas_a_report_cites(client, index):
    def queries_for(count, block_count):
        ideas = IdeaFactory.create_batch(count)
        for idea in ideas:
            respond(idea, IdeaStatus.UNDER_CONSIDERATION, "Harkitsemme.")
        per_block = count // block_count
        report = make_report(index)
        report.body = [
            ideas_block(ideas[i * per_block : (i + 1) * per_block]) for i in range(block_count)
        ]
        report.save_revision().publish()
        client.get(report.url)  # warm caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(report.url)
        assert response.status_code == 200
        assert response.content.decode().count('class="cited-idea"') == count
        return len(queries)

    assert queries_for(2, 2) == queries_for(20, 2)


def test_the_index_lists_live_reports(client, index):
    live = make_report(index, title="Kevään raportti")
    make_report(index, title="Keskeneräinen raportti", publish=False)

    html = client.get(index.url).content.decode()

    assert "Kevään raportti" in html
    assert live.url in html
    assert "Keskeneräinen raportti" not in html


# --- Citations ----------------------------------------------------------------------------


def test_publishing_writes_the_citations_and_follows_later_edits(index):
    first, second, third = IdeaFactory.create_batch(3)
    report = make_report(index, first, second)
    assert set(Citation.objects.filter(page=report).values_list("idea", flat=True)) == {
        first.pk,
        second.pk,
    }

    republish(report, second, third)
    assert set(Citation.objects.filter(page=report).values_list("idea", flat=True)) == {
        second.pk,
        third.pk,
    }


def test_a_draft_cites_nothing_and_unpublishing_keeps_the_record(index):
    idea = IdeaFactory()
    draft = make_report(index, idea, publish=False)
    draft.save_revision()
    assert not Citation.objects.exists()

    report = make_report(index, idea)
    report.unpublish()
    assert Citation.objects.filter(page=report).count() == 1
    # "My impact" shows citations of live reports only.
    assert not Citation.objects.filter(idea=idea, page__live=True).exists()


def test_ideas_that_are_not_public_are_not_cited(index):
    hidden = IdeaFactory(hidden_at=timezone.now())
    in_panel = IdeaFactory(round=IdeaRoundFactory(panel=PanelFactory()))
    public = IdeaFactory()

    report = make_report(index, hidden, in_panel, public)

    assert list(Citation.objects.filter(page=report).values_list("idea", flat=True)) == [public.pk]
    assert list(Notification.objects.values_list("recipient", flat=True)) == [public.author_id]


# --- Notices ------------------------------------------------------------------------------


def cited_notices(person):
    return list(Notification.objects.filter(recipient=person, kind="ideas.cited"))


def test_authors_of_newly_cited_ideas_hear_once_each(index, decision_maker):
    prolific = UserFactory(language="fi")
    other = UserFactory(language="sv")
    gone = UserFactory(is_active=False)
    ideas = [
        IdeaFactory(author=prolific, title="Ensimmäinen idea"),
        IdeaFactory(author=prolific, title="Toinen idea"),
        IdeaFactory(author=other, title="Kolmas idea"),
        IdeaFactory(author=decision_maker, title="Päättäjän oma idea"),
        IdeaFactory(author=gone),
        IdeaFactory(author=None),
    ]

    # A decision-maker publishes for a region they act for.
    region = RegionFactory()
    region.officials.add(decision_maker)
    report = make_report(index, *ideas, user=decision_maker, region=region)

    [notice] = cited_notices(prolific)
    assert notice.url == report.url
    assert "2" in notice.message
    assert "Sanoitte, teimme – syksy 2026" in notice.message
    [notice] = cited_notices(other)
    assert "Kolmas idea" in notice.message
    assert cited_notices(decision_maker) == []
    assert cited_notices(gone) == []
    assert Notification.objects.count() == 2

    # Publishing again, or with a change elsewhere, tells nobody again.
    republish(report, *ideas, user=decision_maker)
    assert Notification.objects.count() == 2

    # A newly cited idea is news to its author, and only to them.
    newcomer = IdeaFactory(author=other, title="Neljäs idea")
    republish(report, *ideas, newcomer, user=decision_maker)
    assert Notification.objects.count() == 3
    assert "Neljäs idea" in cited_notices(other)[0].message


def test_notices_are_in_the_authors_language(index):
    swede = UserFactory(language="sv")
    IdeaFactory(author=swede)
    make_report(index, *IdeaFactory.create_batch(2, author=swede))
    [notice] = cited_notices(swede)
    with translation.override("sv"):
        expected = gettext("The impact report “{report}” tells what became of your idea “{title}”.")
    if expected.startswith("The impact report"):
        pytest.skip("the Swedish catalogue is not compiled")
    assert not notice.message.startswith("The impact report")


# --- Who composes reports ----------------------------------------------------------------


def add_report_url(index):
    return reverse("wagtailadmin_pages:add", args=("cms", "impactreportpage", index.pk))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("decision_maker", "allowed"),
        ("administrator", "allowed"),
        ("staff", "refused"),  # in the admin, but no permission on the reports
        ("developer_client", "log in"),
        ("anonymous", "log in"),
    ],
)
def test_who_may_compose_a_report(client, index, who, expected):
    people = {
        "decision_maker": lambda: UserFactory(decision_maker=True),
        "administrator": lambda: UserFactory(administrator=True),
        "staff": lambda: UserFactory(staff=True),
        "developer_client": lambda: UserFactory(),
        "anonymous": lambda: None,
    }
    person = people[who]()
    if person is not None:
        client.force_login(person)

    response = client.get(add_report_url(index))

    if expected == "allowed":
        assert response.status_code == 200
    elif expected == "refused":
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_decision_makers_may_not_add_other_pages(client, index, decision_maker):
    client.force_login(decision_maker)
    home = index.get_parent()
    response = client.get(reverse("wagtailadmin_pages:add", args=("cms", "contentpage", home.pk)))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def report_form(region, ideas, **fields):
    items = {
        str(n): {"value": idea.pk, "deleted": "", "order": str(n), "id": ""}
        for n, idea in enumerate(ideas)
    }
    return nested_form_data(
        {
            "title": "Sanoitte, teimme – syksy 2026",
            "slug": "syksy-2026",
            "intro": "Näin ideoillenne kävi.",
            "report_date": "2026-11-20",
            "period": "syksy 2026",
            "region": region.pk if region else "",
            "body": streamfield(
                [
                    (
                        "ideas",
                        {
                            "title": "Kuulimme, teimme",
                            "ideas": {"count": str(len(ideas)), **items},
                            "note": rich_text(""),
                        },
                    )
                ]
            ),
            "action-publish": "action-publish",
            **fields,
        }
    )


def test_a_decision_maker_publishes_a_report_through_the_admin(client, index, decision_maker):
    region = RegionFactory()
    region.officials.add(decision_maker)
    author = UserFactory()
    idea = IdeaFactory(author=author, title="Selkokieliset kirjeet")
    own = IdeaFactory(author=decision_maker)
    client.force_login(decision_maker)

    response = client.post(add_report_url(index), report_form(region, [idea, own]))

    assert response.status_code == 302, response.context["form"].errors
    report = ImpactReportPage.objects.get(slug="syksy-2026")
    assert report.live
    assert report.region == region
    assert set(Citation.objects.filter(page=report).values_list("idea", flat=True)) == {
        idea.pk,
        own.pk,
    }
    assert len(cited_notices(author)) == 1
    assert cited_notices(decision_maker) == []


def test_decision_makers_write_for_their_own_regions(client, index, decision_maker):
    mine, theirs = RegionFactory(), RegionFactory()
    mine.officials.add(decision_maker)
    idea = IdeaFactory()
    client.force_login(decision_maker)
    for region in (None, theirs):
        response = client.post(add_report_url(index), report_form(region, [idea]))
        assert response.status_code == 200
        assert "region" in response.context["form"].errors
    assert not ImpactReportPage.objects.exists()
    # A report of another region cannot be opened for editing, nor unpublished or deleted
    # (every other admin view: tests/cms/test_report_access.py).
    other = index.add_child(
        instance=ImpactReportPage(title="Toisen alueen raportti", slug="toinen", region=theirs)
    )
    for view in ("wagtailadmin_pages:edit", "wagtailadmin_pages:delete"):
        response = client.get(reverse(view, args=[other.pk]))
        assert response.status_code == 302, view
        assert response["Location"] == reverse("wagtailadmin_home")
    # Wagtail asks about unpublishing when it is confirmed.
    client.post(reverse("wagtailadmin_pages:unpublish", args=[other.pk]))
    other.refresh_from_db()
    assert other.live
    ours = index.add_child(instance=ImpactReportPage(title="Oma", slug="oma", region=mine))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[ours.pk])).status_code == 200


def test_administrators_write_reports_for_every_region(client, index):
    client.force_login(UserFactory(administrator=True))
    response = client.post(add_report_url(index), report_form(None, [IdeaFactory()]))
    assert response.status_code == 302
    assert ImpactReportPage.objects.get().region is None


# --- The idea chooser --------------------------------------------------------------------


def test_the_chooser_offers_public_ideas_only(client, decision_maker):
    public = IdeaFactory(title="Julkinen idea", status=IdeaStatus.IMPLEMENTED)
    IdeaFactory(title="Piilotettu idea", hidden_at=timezone.now())
    IdeaFactory(title="Peruttu idea", withdrawn_at=timezone.now())
    in_panel = IdeaFactory(title="Raadin idea", round=IdeaRoundFactory(panel=PanelFactory()))
    client.force_login(decision_maker)

    response = client.get(reverse("idea_chooser:choose"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Julkinen idea" in html
    assert public.round.title in html
    assert "Piilotettu idea" not in html
    assert "Peruttu idea" not in html
    assert "Raadin idea" not in html

    results = client.get(reverse("idea_chooser:choose_results"), {"q": "julkinen"})
    assert "Julkinen idea" in results.content.decode()
    results = client.get(reverse("idea_chooser:choose_results"), {"q": "piilotettu"})
    assert "Piilotettu idea" not in results.content.decode()

    assert client.get(reverse("idea_chooser:chosen", args=[public.pk])).status_code == 200
    assert client.get(reverse("idea_chooser:chosen", args=[in_panel.pk])).status_code == 404


def test_the_chooser_is_for_the_admins_people_only(client):
    client.force_login(UserFactory())
    response = client.get(reverse("idea_chooser:choose"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- Translations and the demo --------------------------------------------------------------


def test_a_translation_of_a_report_tells_nobody_again(index):
    from wagtail.models import Locale

    idea = IdeaFactory()
    report = make_report(index, idea)
    Locale.objects.get_or_create(language_code="sv")
    index.copy_for_translation(Locale.objects.get(language_code="sv"))
    swedish = report.copy_for_translation(Locale.objects.get(language_code="sv")).specific
    swedish.title = "Ni sade, vi gjorde"
    swedish.save_revision().publish()

    assert Citation.objects.filter(idea=idea).count() == 2
    assert len(cited_notices(idea.author)) == 1


def test_the_demo_report_cites_demo_ideas_and_runs_again_quietly(client, settings):
    from django.core.management import call_command

    from cms.demo import seed_impact_reports

    settings.DEBUG = False
    call_command("seed_demo")
    reports = ImpactReportPage.objects.live()
    assert sorted(reports.values_list("locale__language_code", flat=True)) == sorted(
        code for code, _name in settings.LANGUAGES
    )
    finnish = reports.get(locale__language_code="fi")
    assert 2 <= len(finnish.cited_idea_ids()) <= 4
    citations = Citation.objects.count()
    notices = Notification.objects.filter(kind="ideas.cited").count()
    assert citations and notices

    seed_impact_reports()
    assert Citation.objects.count() == citations
    assert Notification.objects.filter(kind="ideas.cited").count() == notices
    for report in reports:
        assert client.get(report.url).status_code == 200
