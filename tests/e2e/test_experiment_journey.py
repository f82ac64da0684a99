"""From idea to experiment: staff start an experiment from an idea and publish it in the
editor; the idea's author finds it on "my impact", follows it, and sees its next update arrive
in their notifications without reloading. axe runs on every new page."""

import re
import threading

import pytest
from django.db import connection
from playwright.sync_api import expect

from cms.experiments.models import (
    ExperimentIndexPage,
    ExperimentPage,
    PracticeIndexPage,
    PracticePage,
    PracticeSource,
)
from cms.models import HomePage
from ideas.models import Phase
from tests.e2e.test_live_thread import logged_in_context
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory


def in_a_thread(work):
    """Publishing notifies people, and a notice is pushed over the channel layer with
    async_to_sync, which cannot run in the thread where Playwright keeps its event loop."""

    def run():
        try:
            work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


@pytest.fixture
def scene(live_url):
    from cms.demo import seed_pages

    in_a_thread(seed_pages)
    home = HomePage.objects.get(locale__language_code="fi")
    home.add_child(instance=ExperimentIndexPage(title="Kokeilut", slug="kokeilut"))
    home.add_child(instance=PracticeIndexPage(title="Toimintamallit", slug="toimintamallit"))
    region = RegionFactory(name="Lappi", slug="lappi-e2e")
    staff = UserFactory(staff=True, display_name="Innoagentti Lappi")
    region.officials.add(staff)
    author = UserFactory(display_name="Idean tekijä")
    idea = IdeaFactory(
        round=IdeaRoundFactory(region=region, phase=Phase.DEVELOPMENT),
        author=author,
        title="Takaisinsoitto samalta työntekijältä",
    )
    return staff, author, idea


def test_an_experiment_grows_from_an_idea_and_its_news_arrive_live(
    live_url, browser, scene, assert_accessible
):
    staff, author, idea = scene
    staff_context = logged_in_context(browser, live_url, staff)
    author_context = logged_in_context(browser, live_url, author)
    try:
        editor = staff_context.new_page()
        editor.goto(f"{live_url}{idea.get_absolute_url()}")
        editor.get_by_role("button", name="Aloita kokeilu tästä ideasta").click()
        expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
        editor.locator("select[name='status']").select_option("running")
        editor.locator("textarea[name='summary']").fill("Soittopyyntöön vastaa oma työntekijä.")
        editor.locator("button[data-w-dropdown-target='toggle']").last.click()
        editor.locator("button[name='action-publish']").click()
        expect(editor.locator(".messages")).to_contain_text("julkaistu")
        experiment = ExperimentPage.objects.get(live=True)

        reader = author_context.new_page()
        reader.goto(f"{live_url}/my-impact/")
        entry = reader.locator(".card", has_text=idea.title)
        expect(entry).to_contain_text("Kasvoi kokeiluksi")
        badge = reader.locator("[data-unread-count]")
        expect(badge).to_be_visible()
        told = int(re.search(r"\d+", badge.inner_text()).group())
        entry.locator(f'a[href="{experiment.url}"]').click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(experiment.title)
        expect(reader.locator("main")).to_contain_text("käynnissä")
        assert_accessible(reader, "experiment page")
        reader.get_by_role("button", name="Seuraa").click()
        expect(reader.get_by_role("button", name=re.compile("Lopeta seuraaminen"))).to_be_visible()

        # Staff post an update in the editor; the server tells the followers.
        editor.goto(f"{live_url}/admin/pages/{experiment.pk}/edit/")
        editor.locator("#id_updates-ADD").click()
        editor.locator("input[name='updates-0-title']").fill("Ensimmäiset kuusi viikkoa")
        editor.locator("textarea[name='updates-0-what_happened']").fill("Kymmenen haastattelua.")
        # The date is today's unless changed (its picker is Wagtail's, not ours to test).
        expect(editor.locator("input[name='updates-0-date']")).not_to_have_value("")
        editor.locator("button[data-w-dropdown-target='toggle']").last.click()
        editor.locator("button[name='action-publish']").click()
        expect(editor.locator(".messages")).to_contain_text("julkaistu")
        # The open page counts the new notice without a reload.
        expect(badge).to_have_text(re.compile(rf"\({told + 1} "))
        reader.reload()
        expect(reader.locator("#updates-heading + ol")).to_contain_text("Ensimmäiset kuusi viikkoa")

        reader.goto(f"{live_url}/kokeilut/")
        expect(reader.locator(".card")).to_have_count(1)
        assert_accessible(reader, "experiments index")
        reader.get_by_label("Tila").select_option("ended")
        reader.get_by_role("button", name="Näytä").click()
        expect(reader.locator(".card")).to_have_count(0)

        def make_practice():
            library = PracticeIndexPage.objects.get()
            practice = PracticePage(
                title="Oma työntekijä soittaa takaisin",
                slug="oma-tyontekija",
                region=experiment.region,
                summary="Soittopyynnöt omalle työntekijälle.",
                live=False,
            )
            practice.sources = [PracticeSource(experiment=experiment)]
            library.add_child(instance=practice)
            practice.save_revision().publish()

        in_a_thread(make_practice)
        reader.set_viewport_size({"width": 360, "height": 740})
        reader.goto(f"{live_url}/toimintamallit/")
        assert_accessible(reader, "practice library")
        reader.get_by_role("link", name="Oma työntekijä soittaa takaisin").click()
        expect(reader.locator("main")).to_contain_text(experiment.title)
        assert_accessible(reader, "practice page")
        scroll_width = reader.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"the practice page scrolls sideways ({scroll_width})"

        # Staff of another region add theirs to "adopted in"; a missing note keeps the rest.
        other_staff = UserFactory(staff=True, display_name="Innoagentti Karjala")
        RegionFactory(name="Etelä-Karjala", slug="etela-karjala-e2e").officials.add(other_staff)
        other_context = logged_in_context(browser, live_url, other_staff)
        adopter = other_context.new_page()
        adopter.goto(reader.url)
        adopter.get_by_label("Otettu käyttöön").fill("2026-11-02")
        adopter.get_by_role("button", name="Lisää alueeni").click()
        expect(adopter.get_by_label("Otettu käyttöön")).to_have_value("2026-11-02")
        assert_accessible(adopter, "practice page, adoption form with an error")
        adopter.get_by_label("Miten toimintamallia sovellettiin").fill(
            "Soitamme takaisin kahden päivän sisällä."
        )
        adopter.get_by_role("button", name="Lisää alueeni").click()
        expect(adopter.locator("#adoptions")).to_contain_text("Etelä-Karjala")
        other_context.close()
    finally:
        staff_context.close()
        author_context.close()
