"""Plain language and Northern Sámi in a browser: the switch shows a round's plain-language
version and is remembered; a Sámi page with its review note; axe on each."""

from playwright.sync_api import expect

from tests.e2e.test_experiment_journey import in_a_thread

PLAIN = "Sinulla olisi yksi työntekijä. Teillä olisi yksi yhteinen suunnitelma."


def _world():
    from cms.demo import seed_pages
    from tests.ideas.factories import IdeaRoundFactory

    seed_pages()
    return IdeaRoundFactory(
        title="Yhteinen suunnitelma",
        slug="yhteinen-suunnitelma",
        description="Kehitämme monialaista palvelukokonaisuutta nuorille aikuisille.",
        plain_summary=PLAIN,
    )


def test_the_plain_language_switch_with_the_keyboard(live_url, page, assert_accessible):
    made = {}
    in_a_thread(lambda: made.update(round=_world()))
    page.goto(f"{live_url}/rounds/yhteinen-suunnitelma/")
    expect(page.get_by_text("monialaista palvelukokonaisuutta")).to_be_visible()
    expect(page.get_by_text(PLAIN)).to_have_count(0)

    switch = page.get_by_role("link", name="Selkokieli: pois")
    switch.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Sinulla olisi yksi työntekijä.")).to_be_visible()
    expect(page.get_by_text("monialaista palvelukokonaisuutta")).to_have_count(0)
    expect(page.get_by_role("link", name="Selkokieli: päällä")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    assert_accessible(page, "a round in plain language")

    # Remembered on the next visit, and on the guide texts of other pages.
    page.goto(f"{live_url}/rounds/yhteinen-suunnitelma/new/")
    page.goto(f"{live_url}/rounds/yhteinen-suunnitelma/")
    expect(page.get_by_text("Sinulla olisi yksi työntekijä.")).to_be_visible()

    page.get_by_role("link", name="Näytä tavallinen teksti").click()
    expect(page.get_by_text("monialaista palvelukokonaisuutta")).to_be_visible()


def test_a_sami_page_with_its_review_note(live_url, page, assert_accessible):
    in_a_thread(_world)
    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Davvisámegiella").click()
    expect(page.locator("html")).to_have_attribute("lang", "se")
    expect(page.locator("h1")).to_have_text("Kohtaamo – aktiivvalaš deaivvadeami forum")
    expect(page.locator(".translation-review")).to_be_visible()
    assert_accessible(page, "the Sámi home page")
    page.set_viewport_size({"width": 360, "height": 740})
    assert_accessible(page, "the Sámi home page on a phone")
