"""An innoagent training from the attendance page to the badge: staff of South Ostrobothnia
add an expert by experience to a level II training (a developer-client is refused with the
reason), mark the completion, and the expert's comment on an idea then carries "innoagent
II"; the psychiatric panel says it is co-facilitated by a level II innoagent and warns its
staff while nobody holds it.

The pages are visited in English (/en/), whose texts are the source strings; every new page
passes axe, on a 360 px phone screen too.
"""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import InnoagentLevel
from panels.trainings.models import Training
from tests.e2e.test_panels_journey import log_in
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The elements that reach past a 360 px screen, named for the failure message.
WIDER_THAN_THE_PHONE = """[...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > 362)
    .map(e => e.tagName + '.' + e.className).slice(0, 8)"""


@pytest.fixture
def south_ostrobothnia(live_url):
    region = RegionFactory(name="Etelä-Pohjanmaa", slug="etela-pohjanmaa")
    staff = UserFactory(staff=True, email="innoagentti@example.org", display_name="Innoagentti")
    region.officials.add(staff)
    expert = UserFactory(expert=True, email="kokemus@example.org", display_name="Polkujen kulkija")
    UserFactory(email="asiakas@example.org", display_name="Aamuvirkku")
    training = Training.objects.create(
        region=region,
        name="Innoagenttikoulutus, II-taso",
        level=InnoagentLevel.LEVEL_II,
        held_on="2026-02-03",
        created_by=staff,
    )
    training.trainers.add(staff)
    panel = PanelFactory(
        region=region,
        name="Psykiatrinen kokemustoimijaraati",
        slug="psykiatrinen-kokemustoimijaraati",
        facilitator_level_required=InnoagentLevel.LEVEL_II,
    )
    panel.facilitators.add(staff, expert)
    idea = IdeaFactory(round__region=region, title="Vertaistuki päivystykseen")
    CommentFactory(idea=idea, author=expert, body="Tämä auttaisi monia.")
    return {"url": live_url, "training": training, "panel": panel, "idea": idea, "expert": expert}


def test_mark_completion_and_see_the_badge(south_ostrobothnia, page, assert_accessible):
    url, training = south_ostrobothnia["url"], south_ostrobothnia["training"]
    panel_path = f"/en/panels/{south_ostrobothnia['panel'].slug}/"

    # Before the training, nobody facilitating holds level II: the staff member is warned.
    log_in(page, url, "innoagentti@example.org", panel_path)
    expect(page.get_by_text("Co-facilitated by an innoagent of level II")).to_be_visible()
    expect(page.locator("#facilitator-level-warning")).to_be_visible()
    assert_accessible(page, "panel page with the facilitator level warning")

    page.goto(f"{url}/en/panels/trainings/{training.pk}/")
    expect(page.locator("h1")).to_have_text("Innoagenttikoulutus, II-taso")
    assert_accessible(page, "attendance page, empty")

    # A developer-client is refused, with the reason, and what was typed is kept.
    who = page.get_by_label("Display name or e-mail address of the attendee")
    who.fill("asiakas@example.org")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".field--error")).to_contain_text("Level II is for experts by experience")
    expect(who).to_have_value("asiakas@example.org")
    assert_accessible(page, "attendance page with an error")

    who.fill("Polkujen kulkija")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Polkujen kulkija is now an attendee.")
    page.get_by_role("button", name="Mark completed Polkujen kulkija").click()
    expect(page.locator(".messages")).to_contain_text("completed the training")
    expect(page.get_by_role("button", name="Undo completion Polkujen kulkija")).to_be_visible()
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDER_THAN_THE_PHONE)
    assert width <= 360, wide
    assert_accessible(page, "attendance page on a phone")
    expert = User.objects.get(pk=south_ostrobothnia["expert"].pk)
    assert expert.innoagent_level == InnoagentLevel.LEVEL_II

    # The badge beside the expert's comment; the warning is gone.
    page.goto(f"{url}/en{south_ostrobothnia['idea'].get_absolute_url()}")
    comment = page.locator(".comment", has_text="Tämä auttaisi monia.")
    expect(comment.locator(".badge--innoagent")).to_have_text("innoagent II")
    assert_accessible(page, "idea page with an innoagent badge")
    page.goto(f"{url}{panel_path}")
    expect(page.locator("#facilitator-level-warning")).to_have_count(0)
