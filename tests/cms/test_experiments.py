"""Experiments and practices: who composes and publishes them, what is required before an
experiment ends, who is told of its news, how the ideas it grew from show it, the index's
filters, the regions that adopt a practice, and flat query counts."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.follows.services import follow
from accounts.models import Notification
from cms.experiments.models import (
    ExperimentIndexPage,
    ExperimentOrigin,
    ExperimentPage,
    ExperimentUpdate,
    PracticeAdoption,
    PracticeIndexPage,
    PracticePage,
    PracticeSource,
)
from cms.experiments.notices import EXPERIMENT_NEWS
from cms.models import HomePage
from ideas.feedback.models import ExperimentLink
from ideas.feedback.statuses import ExperimentStatus
from ideas.models import Comment, Support
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(demo_pages):
    return HomePage.objects.get(locale__language_code="fi")


@pytest.fixture
def index(home):
    return home.add_child(instance=ExperimentIndexPage(title="Kokeilut", slug="kokeilut"))


@pytest.fixture
def library(home):
    return home.add_child(instance=PracticeIndexPage(title="Toimintamallit", slug="mallit"))


@pytest.fixture
def region():
    return RegionFactory(name="Lappi", slug="lappi")


@pytest.fixture
def staff(region):
    person = UserFactory(staff=True, display_name="Innoagentti")
    region.officials.add(person)
    return person


def make_experiment(index, region=None, *, ideas=(), updates=0, status="running", **fields):
    page = ExperimentPage(
        title=fields.pop("title", "Takaisinsoitto samalta työntekijältä"),
        slug=f"kokeilu-{ExperimentPage.objects.count()}",
        region=region,
        status=status,
        summary="Soittaa se, joka tuntee asian.",
        live=fields.pop("live", False),
        **fields,
    )
    page.origins = [ExperimentOrigin(idea=idea) for idea in ideas]
    page.updates = [
        ExperimentUpdate(date=date(2026, 9, 1 + n % 28), title=f"Päivitys {n}", what_happened="x")
        for n in range(updates)
    ]
    index.add_child(instance=page)
    return page


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def log_in_as(client, who, region):
    """Anonymous, a participant, a decision-maker of ``region`` or staff of another region."""
    people = {
        "participant": lambda: UserFactory(),
        "decision_maker": lambda: UserFactory(decision_maker=True),
        "other_staff": lambda: UserFactory(staff=True),
    }
    if who == "anonymous":
        return None
    person = people[who]()
    (region if who == "decision_maker" else RegionFactory()).officials.add(person)
    client.force_login(person)
    return person


def news_for(person):
    return list(Notification.objects.filter(recipient=person, kind=EXPERIMENT_NEWS))


# --- Composing in the admin -------------------------------------------------------------------


def experiment_form(region, **fields):
    return nested_form_data(
        {
            "title": "Takaisinsoitto samalta työntekijältä",
            "slug": "takaisinsoitto",
            "region": region.pk if region else "",
            "organisation": "Lapin hyvinvointialue",
            "status": fields.pop("status", "planned"),
            "summary": "Soittaa se, joka tuntee asian.",
            "themes": "Yhteydenotto",
            "origins": inline_formset([]),
            "updates": inline_formset([]),
            "attachments": inline_formset([]),
            "links": streamfield([]),
            "action-publish": "action-publish",
            **fields,
        }
    )


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("experiments", "experimentpage", index.pk))


def test_staff_of_the_region_compose_and_publish_experiments(client, index, region, staff):
    client.force_login(staff)
    response = client.post(add_url(index), experiment_form(region))
    assert response.status_code == 302, response.context["form"].errors
    page = ExperimentPage.objects.get(slug="takaisinsoitto")
    assert page.live
    assert [tag.name for tag in page.themes.all()] == ["Yhteydenotto"]


def test_staff_may_not_compose_for_another_region(client, index, staff):
    other = RegionFactory()
    client.force_login(staff)
    for chosen in (other, None):
        response = client.post(add_url(index), experiment_form(chosen))
        assert response.status_code == 200
        assert "region" in response.context["form"].errors
    assert not ExperimentPage.objects.exists()
    theirs = make_experiment(index, other)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk]))
    assert response.status_code == 302


def test_decision_makers_review_but_do_not_publish(client, index, region):
    reviewer = UserFactory(decision_maker=True)
    region.officials.add(reviewer)
    page = make_experiment(index, region)
    client.force_login(reviewer)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit).status_code == 200
    # Adding a new experiment is for staff.
    assert client.get(add_url(index)).status_code == 302
    response = client.post(edit, experiment_form(region, slug=page.slug, title="Tarkistettu"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live  # saved as a draft for staff to publish
    assert page.get_latest_revision_as_object().title == "Tarkistettu"


@pytest.mark.parametrize("role", ["developer_client", "expert_by_experience"])
def test_participants_do_not_compose_experiments(client, index, role):
    client.force_login(UserFactory(role=role))
    response = client.get(add_url(index))
    assert response.status_code == 302


def test_administrators_compose_experiments_for_every_region(client, index):
    client.force_login(UserFactory(administrator=True))
    response = client.post(add_url(index), experiment_form(None))
    assert response.status_code == 302, response.context["form"].errors


def test_what_was_learned_is_required_before_an_experiment_ends(client, index, region, staff):
    page = make_experiment(index, region)
    page.status = ExperimentStatus.ENDED
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert set(error.value.message_dict) >= {"lessons_learned", "goals_reached"}

    client.force_login(staff)
    response = client.post(add_url(index), experiment_form(region, status="ended"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "lessons_learned" in errors and "goals_reached" in errors
    # What was typed is kept.
    assert response.context["form"]["summary"].value() == "Soittaa se, joka tuntee asian."

    response = client.post(
        add_url(index),
        experiment_form(region, status="ended", lessons_learned="Opimme.", goals_reached="Kyllä."),
    )
    assert response.status_code == 302


def test_an_experiment_cannot_end_before_it_starts(index, region):
    page = make_experiment(index, region, starts_on=date(2026, 9, 1), ends_on=date(2026, 8, 1))
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "ends_on" in error.value.message_dict


# --- The ideas it grew from, and who is told ---------------------------------------------------


@pytest.fixture
def idea_people(region):
    author, supporter, commenter, former = UserFactory.create_batch(4)
    idea = IdeaFactory(author=author, round=IdeaRoundFactory(region=region))
    Support.objects.create(idea=idea, person=supporter)
    Comment.objects.create(idea=idea, author=commenter, body="Hyvä idea.")
    removed = Comment.objects.create(idea=idea, author=former, body="Poistettu.")
    removed.deleted_at = removed.created_at
    removed.save()
    return idea, author, supporter, commenter, former


def test_the_ideas_people_are_told_when_it_starts_updates_and_ends(
    index, region, staff, idea_people
):
    idea, author, supporter, commenter, former = idea_people
    page = make_experiment(index, region, ideas=[idea], status="planned")
    publish(page, staff)
    # Planned: the idea's people hear that it grew into an experiment.
    assert [len(news_for(p)) for p in (author, supporter, commenter, former)] == [1, 1, 1, 0]
    assert "grew into the experiment" in news_for(author)[0].message or news_for(author)[0].url
    assert news_for(staff) == []

    page.status = ExperimentStatus.RUNNING
    publish(page, staff)
    assert len(news_for(author)) == 2
    publish(page, staff)  # nothing new: nobody is told again
    assert len(news_for(author)) == 2

    page.updates.add(
        ExperimentUpdate(date=date(2026, 10, 1), title="Kuusi viikkoa", what_happened="x")
    )
    publish(page, staff)
    assert len(news_for(supporter)) == 3

    page.status = ExperimentStatus.ENDED
    page.lessons_learned, page.goals_reached = "Opimme.", "Kyllä."
    publish(page, staff)
    assert len(news_for(commenter)) == 4
    assert all(notice.url == page.get_url() for notice in news_for(commenter))


def test_followers_of_the_experiment_and_of_the_idea_are_told_once(
    index, region, staff, idea_people
):
    idea, author, *_ = idea_people
    page = make_experiment(index, region, ideas=[idea], status="planned")
    publish(page, staff)
    follower, idea_follower = UserFactory(), UserFactory()
    follow(follower, page)
    follow(idea_follower, idea)
    follow(author, page)  # also the idea's author: one notice, not two
    page.status = ExperimentStatus.RUNNING
    publish(page, staff)
    assert len(news_for(follower)) == 1
    assert len(news_for(idea_follower)) == 1
    assert len(news_for(author)) == 2  # grew into it, then started


def test_a_translation_is_not_news_again(index, region, staff, idea_people):
    idea, author, *_ = idea_people
    page = publish(make_experiment(index, region, ideas=[idea]), staff)
    told = len(news_for(author))
    sv = Locale.objects.get_or_create(language_code="sv")[0]
    index.copy_for_translation(sv)
    translation = page.copy_for_translation(sv).specific
    translation.title = "Återuppringning"
    publish(translation)
    assert len(news_for(author)) == told
    # The idea shows the experiment once, in the reader's language.
    assert ExperimentLink.objects.filter(idea=idea).count() == 2


def test_the_idea_page_and_my_impact_show_the_experiment(client, index, region, idea_people):
    idea, author, supporter, *_ = idea_people
    page = publish(make_experiment(index, region, ideas=[idea]))
    response = client.get(idea.get_absolute_url())
    html = response.content.decode()
    assert page.title in html
    assert f'href="{page.url}"' in html
    impact = response.context["impact"]
    assert [entry.kind for entry in impact.timeline] == ["experiment"]

    client.force_login(supporter)
    response = client.get(reverse("my_impact"))
    assert page.title in response.content.decode()
    assert response.context["totals"]["experiments"] == 0  # supporters have no ideas of their own
    client.force_login(author)
    response = client.get(reverse("my_impact"))
    assert response.context["totals"]["experiments"] == 1


def test_a_hidden_idea_is_not_linked_and_an_unpublished_experiment_is_not_shown(
    client, index, region, idea_people
):
    idea = idea_people[0]
    hidden = IdeaFactory(round=idea.round)
    hidden.hidden_at = hidden.created_at
    hidden.save()
    page = publish(make_experiment(index, region, ideas=[idea, hidden]))
    assert list(ExperimentLink.objects.filter(page=page).values_list("idea", flat=True)) == [
        idea.pk
    ]
    page.unpublish()
    response = client.get(idea.get_absolute_url())
    assert page.title not in response.content.decode()


def test_the_experiment_page_shows_only_ideas_the_reader_may_see(client, index, region):
    panel_round = IdeaRoundFactory(region=region, panel=PanelFactory(region=region))
    panel_idea = IdeaFactory(round=panel_round, title="Raadin oma idea")
    page = make_experiment(index, region)
    page.origins = [ExperimentOrigin(idea=panel_idea)]
    publish(page)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Raadin oma idea" not in response.content.decode()


# --- The index and the page ------------------------------------------------------------------


def test_the_index_filters_by_region_theme_and_status(client, index, region):
    other = RegionFactory(name="Pohjois-Savo", slug="pohjois-savo")
    ours = make_experiment(index, region, title="Lapin kokeilu")
    ours.themes.add("Yhteydenotto")
    publish(ours)
    theirs = make_experiment(index, other, title="Kuopion kokeilu", status="planned")
    publish(theirs)
    draft = make_experiment(index, region, title="Luonnos")  # never published

    def titles(query=""):
        response = client.get(f"{index.url}{query}")
        assert response.status_code == 200
        return [page.title for page in response.context["page_obj"].object_list]

    assert sorted(titles()) == ["Kuopion kokeilu", "Lapin kokeilu"]
    assert titles("?region=lappi") == ["Lapin kokeilu"]
    assert titles("?theme=yhteydenotto") == ["Lapin kokeilu"]
    assert titles("?status=planned") == ["Kuopion kokeilu"]
    assert draft.title not in titles()
    # A value that is not offered is an error beside the field, not a crash.
    response = client.get(f"{index.url}?status=kaikki")
    assert response.status_code == 200
    assert response.context["filter_form"].errors


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_index_reads_the_same_number_of_queries_for_10_and_200_experiments(
    client, index, region
):
    for n in range(10):
        page = make_experiment(index, region, title=f"Kokeilu {n}")
        page.themes.add("Yhteydenotto", f"Teema {n}")
        publish(page)
    few = count_queries(client, index.url)
    for n in range(10, 200):
        page = make_experiment(index, region, title=f"Kokeilu {n}", live=True)
        page.themes.add("Yhteydenotto")
        page.save()
    assert count_queries(client, index.url) == few


def test_the_page_reads_the_same_number_of_queries_for_1_and_50_updates(
    client, index, region, idea_people
):
    idea = idea_people[0]
    one = publish(make_experiment(index, region, ideas=[idea], updates=1))
    many = publish(make_experiment(index, region, ideas=[idea], updates=50))
    count_queries(client, one.url)  # warm the caches both pages share
    assert count_queries(client, one.url) == count_queries(client, many.url)


# --- Practices and their adoption ------------------------------------------------------------


@pytest.fixture
def practice(library, index):
    source = RegionFactory(name="Pohjois-Savo", slug="pohjois-savo")
    experiment = publish(make_experiment(index, source, title="Kuopion kokeilu", status="planned"))
    page = PracticePage(
        title="Mun elämä -työkalut",
        slug="mun-elama",
        region=source,
        summary="Elämänpyörä ennen ensimmäistä tapaamista.",
        live=False,
    )
    page.sources = [PracticeSource(experiment=experiment)]
    library.add_child(instance=page)
    return publish(page)


def test_a_practice_shows_the_experiment_it_grew_from(client, practice):
    response = client.get(practice.url)
    assert response.status_code == 200
    assert "Kuopion kokeilu" in response.content.decode()
    experiment = ExperimentPage.objects.get(title="Kuopion kokeilu")
    assert "Mun elämä -työkalut" in client.get(experiment.url).content.decode()


def test_staff_add_their_region_to_adopted_in(client, practice, region, staff):
    client.force_login(staff)
    page = client.get(practice.url)
    assert page.context["adoption_form"] is not None
    url = reverse("experiments:adopt", args=[practice.pk])

    response = client.post(url, {"region": region.pk, "note": "", "adopted_on": "2026-10-01"})
    assert response.status_code == 400
    assert "note" in response.context["adoption_form"].errors
    assert response.context["adoption_form"]["adopted_on"].value() == "2026-10-01"

    note = "Teimme selkokielisen version."
    response = client.post(url, {"region": region.pk, "note": note, "adopted_on": "2026-10-01"})
    assert response.status_code == 302
    adoption = PracticeAdoption.objects.get(practice=practice)
    assert (adoption.region, adoption.note, adoption.added_by) == (region, note, staff)
    page = client.get(practice.url)
    assert note in page.content.decode()
    # Once adopted, the region is not offered again.
    assert page.context["adoption_form"] is None

    client.post(reverse("experiments:withdraw_adoption", args=[adoption.pk]))
    assert not PracticeAdoption.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "participant", "decision_maker", "other_staff"])
def test_only_a_regions_staff_add_or_remove_it(client, practice, region, staff, who):
    adoption = PracticeAdoption.objects.create(
        practice=practice, region=region, note="Käytössä.", added_by=staff
    )
    log_in_as(client, who, region)
    other_region = RegionFactory()
    response = client.post(
        reverse("experiments:adopt", args=[practice.pk]),
        {"region": other_region.pk if who != "other_staff" else region.pk, "note": "x"},
    )
    assert response.status_code in (302, 400, 403)
    if who == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    assert PracticeAdoption.objects.count() == 1
    response = client.post(reverse("experiments:withdraw_adoption", args=[adoption.pk]))
    assert response.status_code in (302, 403)
    assert PracticeAdoption.objects.filter(pk=adoption.pk).exists()


def test_the_practice_library_lists_adoptions(client, library, practice, region):
    PracticeAdoption.objects.create(practice=practice, region=region, note="Käytössä.")
    response = client.get(library.url)
    assert response.status_code == 200
    assert [p.adoption_count for p in response.context["practices"]] == [1]
    assert client.get(f"{library.url}?region=pohjois-savo").context["practices"] == [practice]
    assert client.get(f"{library.url}?region=lappi").context["page_obj"].paginator.count == 0


# --- Impact reports cite experiments ---------------------------------------------------------


def test_an_impact_report_shows_an_experiments_timeline(client, home, index, region):
    from cms.models import ImpactReportIndexPage, ImpactReportPage

    experiment = publish(make_experiment(index, region, updates=2))
    reports = home.add_child(instance=ImpactReportIndexPage(title="Raportit", slug="raportit"))
    report = ImpactReportPage(
        title="Syksy 2026",
        slug="syksy",
        body=[{"type": "experiment", "value": {"experiment": experiment.pk, "note": ""}}],
        live=False,
    )
    reports.add_child(instance=report)
    publish(report)
    html = client.get(report.url).content.decode()
    assert experiment.title in html and "Päivitys 1" in html
    experiment.unpublish()
    html = client.get(report.url).content.decode()
    assert "Päivitys 1" not in html


def test_the_demo_has_the_kuopio_experiment_its_practices_and_translations(demo_pages):
    from accounts.demo import seed_people
    from cms.experiments.demo import seed_experiments
    from ideas.demo import seed_ideas
    from panels.demo import seed_panels

    seed_people("demo-password-1")
    seed_panels()
    seed_ideas()
    seed_experiments()
    told = Notification.objects.filter(kind=EXPERIMENT_NEWS).count()
    assert told
    seed_experiments()  # safe to run again
    kuopio = ExperimentPage.objects.get(
        slug="hyvinvoinnin-integroitu-toimintamalli-kuopio", locale__language_code="fi"
    )
    assert kuopio.status == ExperimentStatus.ENDED and kuopio.updates.count() == 3
    assert {p.locale.language_code for p in kuopio.get_translations(inclusive=True)} == {
        "fi",
        "sv",
        "en",
    }
    assert ExperimentLink.objects.filter(idea__title__startswith="Yksi nimetty").exists()
    english = kuopio.get_translation(Locale.objects.get(language_code="en"))
    assert english.title == "An integrated well-being model – the Kuopio case"
    assert english.updates.first().title == "The experiment began"
    # Running the seed again told nobody anything again.
    assert Notification.objects.filter(kind=EXPERIMENT_NEWS).count() == told
    running = ExperimentPage.objects.get(
        status=ExperimentStatus.RUNNING, locale__language_code="fi"
    )
    assert running.region.slug == "lappi" and running.updates.count() == 3
    practices = PracticePage.objects.filter(locale__language_code="fi")
    assert practices.count() == 2
    assert all(p.sources.filter(experiment=kuopio).exists() for p in practices)


# --- Starting an experiment from an idea ------------------------------------------------------


def test_staff_start_a_draft_experiment_from_an_idea(client, index, region, staff, idea_people):
    idea, author, *_ = idea_people
    client.force_login(staff)
    page = client.get(idea.get_absolute_url())
    assert "Start an experiment from this idea" in page.content.decode() or (
        reverse("experiments:start_from_idea", args=[idea.pk]) in page.content.decode()
    )
    response = client.post(reverse("experiments:start_from_idea", args=[idea.pk]))
    experiment = ExperimentPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[experiment.pk])
    assert (experiment.live, experiment.region, experiment.title) == (False, region, idea.title)
    assert experiment.origin_idea_ids() == [idea.pk]
    assert news_for(author) == []  # nobody is told of a draft


@pytest.mark.parametrize("who", ["anonymous", "participant", "decision_maker", "other_staff"])
def test_only_the_regions_staff_start_experiments(client, index, region, idea_people, who):
    idea = idea_people[0]
    log_in_as(client, who, region)
    url = reverse("experiments:start_from_idea", args=[idea.pk])
    assert url not in client.get(idea.get_absolute_url()).content.decode()
    response = client.post(url)
    assert response.status_code in (302, 403)
    assert not ExperimentPage.objects.exists()
    assert client.get(url).status_code in (302, 405)


def test_no_experiment_starts_from_a_panels_idea(client, index, region, staff):
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, panel=PanelFactory(region=region)))
    client.force_login(staff)
    response = client.post(reverse("experiments:start_from_idea", args=[idea.pk]))
    assert response.status_code == 404


def test_making_an_experiment_private_closes_its_comments_and_unlinks_its_ideas(
    index, region, idea_people
):
    from wagtail.models import PageViewRestriction

    from ideas.models import PageDiscussion

    idea = idea_people[0]
    page = publish(make_experiment(index, region, ideas=[idea]))
    assert PageDiscussion.objects.get(page=page).is_public
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert not PageDiscussion.objects.get(page=page).is_public
    assert not ExperimentLink.objects.filter(page=page).exists()
    restriction.delete()
    assert PageDiscussion.objects.get(page=page).is_public
    assert ExperimentLink.objects.filter(page=page, idea=idea).exists()


def test_anyone_comments_on_a_published_experiment(client, index, region):
    page = publish(make_experiment(index, region))
    html = client.get(page.url).content.decode()
    assert 'id="comments-heading"' in html
    person = UserFactory()
    client.force_login(person)
    discussion = page.discussion
    response = client.post(
        reverse("ideas:discussion_comment", args=[discussion.pk]),
        {"body": "Toivottavasti kokeilu laajenee terveysasemalle."},
    )
    assert response.status_code == 302
    assert discussion.comments.get().author == person
    assert "Toivottavasti kokeilu laajenee" in client.get(page.url).content.decode()


def test_a_persons_export_lists_the_adoptions_they_recorded(practice, region, staff):
    from accounts.privacy.export import collect_sections

    PracticeAdoption.objects.create(
        practice=practice, region=region, note="Selkokielinen versio.", added_by=staff
    )
    sections = {section.key: section for section in collect_sections(staff)}
    assert sections["practice_adoptions"].rows[0]["note"] == "Selkokielinen versio."
    assert sections["practice_adoptions"].rows[0]["practice"] == practice.title


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def another_regions_minutes():
    """A document attached to the past meeting of another region's panel: private to it."""
    from datetime import timedelta

    from django.utils import timezone

    from panels.meetings.models import Meeting, MeetingAttachment
    from tests.attachments import make_document

    document = make_document("Toisen alueen muistio", name="muistio.pdf")
    held = timezone.now() - timedelta(days=30)
    meeting = Meeting.objects.create(
        panel=PanelFactory(region=RegionFactory()),
        title="Raadin kokous",
        starts_at=held,
        ends_at=held + timedelta(hours=2),
    )
    MeetingAttachment.objects.create(meeting=meeting, document=document)
    return document


def test_an_experiments_attachment_is_public_with_the_page(client, media, index, region, staff):
    from cms.experiments.models import ExperimentAttachment
    from tests.attachments import downloaded, make_document

    document = make_document("Väliraportti", name="valiraportti.pdf")
    page = make_experiment(index, region)
    page.attachments = [ExperimentAttachment(document=document)]
    page.save()
    # A draft's attachment: its region's staff get it, a visitor does not.
    assert client.get(document.url).status_code == 302
    client.force_login(staff)
    assert downloaded(client.get(document.url)).startswith(b"%PDF")
    client.logout()
    publish(page)
    assert downloaded(client.get(document.url)).startswith(b"%PDF")
    assert "Väliraportti" in client.get(page.url).content.decode()


def test_an_editor_cannot_publish_another_regions_private_minutes(
    client, media, index, region, staff
):
    document = another_regions_minutes()
    client.force_login(staff)
    data = experiment_form(region)
    data.update(
        nested_form_data({"attachments": inline_formset([{"document": document.pk, "title": ""}])})
    )
    response = client.post(add_url(index), data)
    assert response.status_code == 200
    assert not ExperimentPage.objects.exists()
    client.logout()
    assert client.get(document.url).status_code == 302  # still private


def test_a_private_experiments_news_reach_nobody(index, region, staff, idea_people):
    from wagtail.models import PageViewRestriction

    idea, author, *_ = idea_people
    page = publish(make_experiment(index, region, ideas=[idea], status="planned"))
    follower = UserFactory()
    follow(follower, page)
    told = len(news_for(author))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    page.status = ExperimentStatus.RUNNING
    page.updates.add(ExperimentUpdate(date=date(2026, 10, 1), title="Salainen", what_happened="x"))
    publish(page, staff)
    assert news_for(follower) == []
    assert len(news_for(author)) == told


def test_the_admin_form_takes_only_public_ideas(client, index, region, staff):
    panel_idea = IdeaFactory(
        round=IdeaRoundFactory(region=region, panel=PanelFactory(region=region)),
        title="Raadin oma idea",
    )
    client.force_login(staff)
    data = experiment_form(region)
    data.update(nested_form_data({"origins": inline_formset([{"idea": panel_idea.pk}])}))
    response = client.post(add_url(index), data)
    assert response.status_code == 200
    assert not ExperimentPage.objects.exists()
    assert "Raadin oma idea" not in response.content.decode()


def test_an_updates_document_must_be_one_the_editor_may_download(
    client, media, index, region, staff
):
    document = another_regions_minutes()
    client.force_login(staff)
    data = experiment_form(region)
    update = {"date": "2026-10-01", "title": "Päivitys", "what_happened": "x"}
    data.update(
        nested_form_data({"updates": inline_formset([{**update, "document": document.pk}])})
    )
    response = client.post(add_url(index), data)
    assert response.status_code == 200
    assert not ExperimentPage.objects.exists()
