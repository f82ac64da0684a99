"""An idea round in a real browser: a developer-client posts an idea with a theme, another
supports it and comments (htmx, without a reload), and staff hide an abusive comment."""

import re

import pytest
from playwright.sync_api import expect

from cms.demo import seed_pages
from ideas.models import Comment, Idea, Phase
from tests.factories import PASSWORD, RegionFactory, UserFactory
from tests.ideas.factories import IdeaRoundFactory


@pytest.fixture
def world(live_url):
    seed_pages()
    region = RegionFactory(name="Lappi", slug="lappi")
    staff = UserFactory(staff=True, display_name="Innoagentti", email="staff@example.org")
    region.officials.add(staff)
    round_ = IdeaRoundFactory(
        region=region,
        title="Odotusajat lyhyemmiksi",
        slug="odotusajat",
        phase=Phase.IDEATION,
        themes=["Odotusajat", "Yhteydenotto"],
    )
    return {
        "url": live_url,
        "round": round_,
        "staff": staff,
        "author": UserFactory(display_name="Aamuvirkku", email="aamu@example.org"),
        "supporter": UserFactory(display_name="Puolukka", email="puolukka@example.org"),
    }


def log_in(browser, url, person, **context_args):
    context = browser.new_context(locale="fi-FI", **context_args)
    page = context.new_page()
    page.goto(url + "/accounts/login/")
    page.get_by_label("Sähköposti").fill(person.email)
    page.get_by_label(re.compile(r"^Salasana:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page.locator(".account-nav")).to_contain_text(person.display_name)
    return context, page


def test_post_support_comment_and_moderate(world, browser, assert_accessible):
    url = world["url"]

    # A developer-client posts an idea with a theme.
    context, page = log_in(browser, url, world["author"])
    page.goto(url + "/")
    page.get_by_role("link", name="Ideakierrokset").first.click()
    expect(page.locator("h1")).to_have_text("Ideakierrokset")
    assert_accessible(page, "round list")
    page.get_by_role("link", name="Odotusajat lyhyemmiksi").click()
    assert_accessible(page, "round page")
    page.get_by_role("link", name="Jätä idea").click()
    assert_accessible(page, "idea form")
    page.get_by_role("button", name="Julkaise idea").click()
    expect(page.get_by_label(re.compile("^Otsikko"))).to_have_attribute("aria-invalid", "true")
    page.get_by_label(re.compile("^Otsikko")).fill("Takaisinsoitto samalta työntekijältä")
    page.get_by_label(re.compile("^Kuvaus")).fill(
        "Soittaja on joka kerta eri ihminen.\nKatso https://thl.fi/"
    )
    page.get_by_label("Odotusajat").check()
    assert_accessible(page, "idea form with errors")
    page.get_by_role("button", name="Julkaise idea").click()
    expect(page.locator("h1")).to_have_text("Takaisinsoitto samalta työntekijältä")
    expect(page.locator(".themes")).to_contain_text("Odotusajat")
    expect(page.get_by_role("link", name="https://thl.fi/")).to_have_attribute(
        "rel", "nofollow ugc noopener noreferrer"
    )
    idea = Idea.objects.get()
    assert list(idea.themes.names()) == ["Odotusajat"]
    context.close()

    # Another supports it and comments, without the page reloading.
    context, page = log_in(browser, url, world["supporter"])
    page.goto(url + idea.get_absolute_url())
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Kannata ideaa").click()
    expect(page.locator("#support-count")).to_have_text("1 kannattaja")
    expect(page.get_by_role("button", name=re.compile("Kannatat tätä ideaa"))).to_be_visible()
    page.get_by_label(re.compile("^Kommenttisi")).fill("Hyvä idea, sama kokemus minulla.")
    page.get_by_role("button", name="Lähetä kommentti").click()
    expect(page.locator("#comments")).to_contain_text("Hyvä idea, sama kokemus minulla.")
    page.get_by_label(re.compile("^Kommenttisi")).fill("Olette kaikki idiootteja.")
    page.get_by_role("button", name="Lähetä kommentti").click()
    expect(page.locator("#comments")).to_contain_text("Olette kaikki idiootteja.")
    assert page.evaluate("window.__sameDocument") is True
    assert idea.supports.count() == 1 and Comment.objects.count() == 2
    assert_accessible(page, "idea page with comments")
    context.close()

    # Staff of the region hide the abusive comment with a reason the author is told.
    context, page = log_in(browser, url, world["staff"])
    abusive = Comment.objects.get(body__startswith="Olette")
    page.goto(url + idea.get_absolute_url())
    page.locator(f"#comment-{abusive.pk}").get_by_role("link", name="Moderoi").click()
    assert_accessible(page, "moderation form")
    page.get_by_label(re.compile("^Perustelu")).fill("Toisten nimittely on kielletty.")
    page.get_by_role("button", name="Piilota").click()
    expect(page.locator("h1")).to_have_text("Moderointijono")
    expect(page.locator(".messages")).to_contain_text("Piilotettu")
    assert_accessible(page, "moderation queue")
    context.close()

    abusive.refresh_from_db()
    assert abusive.hidden_at is not None
    assert "Toisten nimittely" in world["supporter"].notifications.get().message
    context, page = log_in(browser, url, world["author"])
    page.goto(url + idea.get_absolute_url())
    expect(page.locator(f"#comment-{abusive.pk}")).to_have_text(
        "Kommentti on piilotettu moderoinnissa."
    )
    expect(page.locator("#comments")).to_contain_text("Hyvä idea, sama kokemus minulla.")
    context.close()


@pytest.mark.parametrize("which", ["list", "round", "idea"])
def test_idea_pages_fit_a_phone(world, browser, assert_accessible, which):
    idea = Idea.objects.create(
        round=world["round"],
        author=world["author"],
        title="Pitkä otsikko joka ei mahdu yhdelle riville puhelimen näytöllä",
        body="Pitkä_sana_ilman_välejä_" * 10 + "\nhttps://example.org/" + "a" * 80,
    )
    idea.themes.add("Odotusajat")
    top = Comment.objects.create(idea=idea, author=world["supporter"], body="Kommentti")
    Comment.objects.create(idea=idea, author=world["author"], body="Vastaus", parent=top)
    path = {
        "list": "/rounds/",
        "round": world["round"].get_absolute_url(),
        "idea": idea.get_absolute_url(),
    }[which]
    context, phone = log_in(
        browser, world["url"], world["supporter"], viewport={"width": 360, "height": 740}
    )
    try:
        phone.goto(world["url"] + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        assert_accessible(phone, f"{path} at 360px")
    finally:
        context.close()
