"""A decision-maker sees and acts on only the impact reports of the regions they act for, in
every admin view of a page (cms.region_access, cms.wagtail_hooks).

The matrix: for each per-page admin view, a decision-maker of region B is refused on region A's
unpublished report (and its title appears nowhere in the answer), while region A's own
decision-maker and an administrator get the page.
"""

import pytest
from django.urls import reverse

from cms.models import HomePage, ImpactReportIndexPage, ImpactReportPage
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Salainen Lapin raportti"


@pytest.fixture
def index(demo_pages):
    home = HomePage.objects.get(locale__language_code="fi")
    return home.add_child(
        instance=ImpactReportIndexPage(title="Sanoitte, teimme", slug="sanoitte-teimme")
    )


@pytest.fixture
def regions():
    return RegionFactory(name="Lappi"), RegionFactory(name="Kainuu")


def decision_maker_of(region):
    person = UserFactory(decision_maker=True)
    region.officials.add(person)
    return person


@pytest.fixture
def people(regions):
    lapland, kainuu = regions
    return {
        "own": decision_maker_of(lapland),
        "other": decision_maker_of(kainuu),
        "administrator": UserFactory(administrator=True),
    }


def draft_report(index, region, title=SECRET, slug="lappi"):
    """A report that was never published, with two saved drafts."""
    report = index.add_child(
        instance=ImpactReportPage(title=title, slug=slug, region=region, live=False)
    )
    first = report.save_revision()
    report.intro = "Luonnos, jota ei ole julkaistu."
    latest = report.save_revision()
    return report, first, latest


@pytest.fixture
def report(index, regions):
    return draft_report(index, regions[0])


def page_url(name):
    return lambda page, first, latest, index: reverse(f"wagtailadmin_pages:{name}", args=[page.pk])


# Every admin view of one page: its URL from (report, first revision, latest revision, index).
VIEWS = {
    **{
        name: page_url(name)
        for name in (
            "edit",
            "delete",
            "copy",
            "move",
            "view_draft",
            "preview_on_edit",
            "revisions_index",
            "history",
            "history_results",
            "usage",
            "set_privacy",
            "workflow_history",
        )
    },
    "move_confirm": lambda page, first, latest, index: reverse(
        "wagtailadmin_pages:move_confirm", args=[page.pk, index.pk]
    ),
    "revisions_view": lambda page, first, latest, index: reverse(
        "wagtailadmin_pages:revisions_view", args=[page.pk, first.pk]
    ),
    "revisions_compare": lambda page, first, latest, index: reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, latest.pk]
    ),
    "revisions_revert": lambda page, first, latest, index: reverse(
        "wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk]
    ),
    "revisions_unschedule": lambda page, first, latest, index: reverse(
        "wagtailadmin_pages:revisions_unschedule", args=[page.pk, latest.pk]
    ),
    "explore": lambda page, first, latest, index: reverse("wagtailadmin_explore", args=[page.pk]),
}


@pytest.mark.parametrize("view", VIEWS)
def test_another_regions_decision_maker_is_refused_everywhere(client, index, people, report, view):
    url = VIEWS[view](*report, index)
    client.force_login(people["other"])

    response = client.get(url, follow=True)

    assert response.redirect_chain, f"{view} answered {response.status_code} at once"
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("who", ["own", "administrator"])
@pytest.mark.parametrize("view", VIEWS)
def test_the_reports_own_decision_maker_and_administrators_get_every_view(
    client, index, people, report, view, who
):
    url = VIEWS[view](*report, index)
    client.force_login(people[who])

    response = client.get(url, follow=True)

    assert response.status_code == 200
    if response.redirect_chain:  # the revisions index is the history page
        assert response.redirect_chain == [
            (reverse("wagtailadmin_pages:history", args=[report[0].pk]), 302)
        ]


def test_nothing_is_changed_through_the_admin_for_another_region(client, index, people, report):
    page, first, _latest = report
    second_index = index.get_parent().add_child(
        instance=ImpactReportIndexPage(title="Toinen hakemisto", slug="toinen")
    )
    client.force_login(people["other"])

    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "Kopio", "new_slug": "kopio", "new_parent_page": index.pk},
    )
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, second_index.pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    client.post(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk]))
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))

    assert ImpactReportPage.objects.count() == 1
    page.refresh_from_db()
    assert page.get_parent().pk == index.pk
    assert page.revisions.count() == 2
    assert page.locked is False


def test_unpublishing_only_within_the_region(client, index, people, regions):
    theirs, *_ = draft_report(index, regions[0])
    theirs.get_latest_revision().publish()
    mine, *_ = draft_report(index, regions[1], title="Kainuun raportti", slug="kainuu")
    mine.get_latest_revision().publish()
    client.force_login(people["other"])

    url = reverse("wagtailadmin_pages:unpublish", args=[theirs.pk])
    assert client.get(url)["Location"] == reverse("wagtailadmin_home")
    client.post(url)
    theirs.refresh_from_db()
    assert theirs.live

    url = reverse("wagtailadmin_pages:unpublish", args=[mine.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    mine.refresh_from_db()
    assert not mine.live


def test_a_draft_that_names_another_region_is_refused_too(client, index, people, regions):
    """The stored report is Lapland's; an administrator's draft moves it to Kainuu. Until it is
    published, neither region's decision-maker alone acts on both."""
    report, _first, _latest = draft_report(index, regions[0])
    report.region = regions[1]
    report.save_revision(user=people["administrator"])
    url = reverse("wagtailadmin_pages:view_draft", args=[report.pk])
    for who in ("other", "own"):
        client.force_login(people[who])
        assert client.get(url)["Location"] == reverse("wagtailadmin_home"), who


def test_listings_and_search_do_not_show_another_regions_reports(
    client, index, people, regions, report
):
    draft_report(index, regions[1], title="Kainuun raportti", slug="kainuu")
    client.force_login(people["other"])

    pages = {
        "explorer": reverse("wagtailadmin_explore", args=[index.pk]),
        "search": reverse("wagtailadmin_pages:search") + "?q=raportti",
        "chooser": reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        "chooser search": reverse("wagtailadmin_choose_page_search") + "?q=raportti",
        "admin API": f"/admin/api/main/pages/?child_of={index.pk}",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "Kainuun raportti" in html, name
        assert SECRET not in html, name

    client.force_login(people["own"])
    assert SECRET in client.get(pages["explorer"]).content.decode()


def test_bulk_actions_neither_list_nor_touch_another_regions_report(client, index, people, report):
    page = report[0]
    client.force_login(people["other"])
    for action in ("publish", "delete", "move", "unpublish"):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        response = client.get(f"{url}?id={page.pk}")
        assert SECRET not in response.content.decode(), action
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{url}?id={page.pk}", {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live
    assert ImpactReportPage.objects.filter(pk=page.pk).exists()
