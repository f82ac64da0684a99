"""The site search: the form's answers to empty and long queries, what it finds of each kind,
highlighting that never trusts user text, the filters, the reader's language, flat query
counts, and that nothing hidden is ever found, listed or hinted at."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cms.models import ContentPage
from cms.search.forms import QUERY_MAX_LENGTH
from cms.search.highlight import highlight, snippet
from tests.factories import PanelFactory, RegionFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory

from .conftest import PANEL_INSIDERS, WORD, publish

pytestmark = pytest.mark.django_db

HIDDEN_WORDS = (
    "Raadin",
    "Piilotettu",
    "Peruttu",
    "Poistettu",
    "Luonnos",
    "Yksityinen",
    "Salaisuus",
)


def search_url(language="en"):
    with translation.override(language):
        return reverse("search")


def get(client, person=None, language="fi", **params):
    """A search in Finnish, the language of the world's pages."""
    if person is not None:
        client.force_login(person)
    return client.get(search_url(language), {"q": WORD, **params})


def found_titles(response):
    return [re.sub(r"<[^>]+>", "", str(r.title)) for r in response.context["results"]]


# --- The form ------------------------------------------------------------------------------


def test_the_page_without_a_query_invites_a_search(client, db):
    response = client.get(search_url())
    assert response.status_code == 200
    assert b"Type a word or two above" in response.content


def test_an_empty_query_gets_a_friendly_prompt(client, db):
    response = client.get(search_url(), {"q": "   "})
    assert response.status_code == 400
    assert "Type a word or two to search for." in response.content.decode()


def test_an_over_long_query_is_refused_with_a_reason(client, db):
    response = client.get(search_url(), {"q": "a" * (QUERY_MAX_LENGTH + 1)})
    assert response.status_code == 400
    text = response.content.decode()
    assert f"at most {QUERY_MAX_LENGTH} characters" in text
    assert response.context["results"] == []


def test_an_unknown_filter_value_is_an_error_not_a_probe(client, world):
    for params in ({"type": "secret"}, {"region": "nowhere"}, {"theme": "salaisuus"}):
        response = get(client, language="en", **params)
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()


def test_the_header_has_a_search_box_that_works_without_javascript(client, demo_pages):
    html = client.get("/en/").content.decode()
    form = re.search(r'<form class="site-search"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'role="search"' in form and 'method="get"' in form
    assert 'action="/en/search/"' in form
    assert '<label for="site-search-q"' in form and 'name="q"' in form


def test_the_header_box_keeps_the_words_on_the_search_page_only(client, world):
    searched = client.get(search_url(), {"q": "kirjasto"}).content.decode()
    assert re.search(r'id="site-search-q"[^>]*value="kirjasto"', searched)
    round_url = world["public"]["round"].get_absolute_url()
    filtered = client.get(round_url, {"q": "kirjasto"}).content.decode()
    assert re.search(r'id="site-search-q"[^>]*value=""', filtered)


# --- Finding -------------------------------------------------------------------------------


def test_every_kind_is_found_with_its_type_region_link_and_highlight(client, world):
    response = get(client)
    assert response.status_code == 200
    results = {r.kind: r for r in response.context["results"]}
    assert set(results) == set(world["public"])
    for kind, thing in world["public"].items():
        result = results[kind]
        expected = thing.get_absolute_url() if hasattr(thing, "get_absolute_url") else thing.url
        if kind == "comment":
            assert result.url.endswith(f"#comment-{thing.pk}")
            assert result.url.startswith(world["public"]["idea"].get_absolute_url())
        elif kind in ("round", "idea"):
            assert result.url == expected
        else:
            assert result.url == thing.get_url()
        assert "<mark>" in result.title + result.snippet, kind
    assert results["idea"].region == "Lappi"
    html = response.content.decode()
    assert "<mark>Kirjasto</mark> auki iltaisin" in html


def test_pages_are_found_by_their_text_not_only_their_title(client, world, home):
    guide = publish(
        home.add_child(
            instance=ContentPage(
                title="Lukupiiri",
                slug="lukupiiri",
                live=False,
                lead="Kokoonnumme kirjasto-tiloissa.",
            )
        )
    )
    results = get(client, type="page").context["results"]
    found = {re.sub(r"<[^>]+>", "", str(r.title)): r for r in results}
    assert "Lukupiiri" in found
    assert "<mark>kirjasto</mark>" in str(found["Lukupiiri"].snippet)
    assert found["Lukupiiri"].url == guide.get_url()


def test_comments_of_a_page_discussion_link_to_the_page(client, world):
    from ideas.models import PageDiscussion

    experiment = world["public"]["experiment"]
    discussion = PageDiscussion.objects.get(page=experiment)
    CommentFactory(idea=None, discussion=discussion, body="Kirjastosta kysyttävää.")
    response = get(client, type="comment")
    urls = [r.url for r in response.context["results"]]
    assert any(url.startswith(experiment.url) and "#comment-" in url for url in urls)


def test_user_text_is_escaped_around_the_marks(client, world):
    IdeaFactory(
        round=world["public"]["round"],
        title="<script>alert(1)</script> kirjasto",
        body='<img src=x onerror="alert(1)"> kirjasto',
    )
    html = get(client, type="idea").content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>kirjasto</mark>" in html


def test_highlighting_escapes_and_marks_word_forms():
    assert str(highlight("<b>Kirjastossa</b>", ["kirjasto"])) == (
        "&lt;b&gt;<mark>Kirjastossa</mark>&lt;/b&gt;"
    )
    long_text = " ".join(["sana"] * 60 + ["kirjaston"] + ["loppu"] * 60)
    short = str(snippet(long_text, ["kirjasto"]))
    assert short.startswith("… ") and short.endswith(" …")
    assert "<mark>kirjaston</mark>" in short


def test_every_word_must_match(client, world):
    titles = found_titles(get(client, q="kirjasto iltaisin", type="idea"))
    assert titles == ["Kirjasto auki iltaisin"]


def test_title_matches_rank_first(client, world):
    IdeaFactory(round=world["public"]["round"], title="Lukupiiri", body="Kirjasto tilaksi.")
    titles = found_titles(get(client, type="idea"))
    assert titles[0] == "Kirjasto auki iltaisin"
    assert titles[-1] == "Lukupiiri"


@pytest.mark.parametrize(
    "kind", ["idea", "comment", "round", "experiment", "practice", "page", "impact-report"]
)
def test_the_type_filter_narrows_to_one_kind(client, world, kind):
    results = get(client, type=kind).context["results"]
    assert [r.kind for r in results] == [kind]


def test_the_region_and_theme_filters_narrow(client, world):
    elsewhere = RegionFactory(name="Etelä-Karjala", slug="etela-karjala")
    assert get(client, region=elsewhere.slug).context["results"] == []
    in_lapland = {r.kind for r in get(client, region="lappi").context["results"]}
    # Pages of no region are not of Lapland.
    assert in_lapland == {"idea", "comment", "round", "experiment", "practice", "impact-report"}
    themed = {r.kind for r in get(client, theme="kulttuuri").context["results"]}
    assert themed == {"idea", "comment", "round", "experiment"}


def test_pages_are_searched_in_the_readers_language_only(client, world, swedish_home):
    swedish = swedish_home.add_child(
        instance=ContentPage(title="Bibliotek och kirjasto", slug="bibliotek", live=False)
    )
    publish(swedish)
    finnish = {r.title for r in get(client, language="fi", type="page").context["results"]}
    assert not any("Bibliotek" in str(title) for title in finnish)
    in_swedish = get(client, language="sv", type="page").context["results"]
    assert [re.sub(r"<[^>]+>", "", str(r.title)) for r in in_swedish] == ["Bibliotek och kirjasto"]


# --- Never leaking -------------------------------------------------------------------------


VIEWERS = [
    "anonymous",
    "member",
    "non-member",
    "expert",
    "staff of the region",
    "staff of another region",
    "decision-maker of another region",
    "administrator",
]


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize(
    "params",
    [
        {},
        *(
            {"type": kind}
            for kind in (
                "idea",
                "comment",
                "round",
                "experiment",
                "practice",
                "page",
                "impact-report",
            )
        ),
        {"region": "lappi"},
        {"theme": "kulttuuri"},
    ],
)
def test_hidden_things_are_never_found(client, world, viewers, who, params):
    response = get(client, viewers[who], **params)
    html = response.content.decode()
    titles = " ".join(found_titles(response)) + " ".join(
        str(r.snippet) for r in response.context["results"]
    )
    for hidden in HIDDEN_WORDS:
        if hidden in ("Raadin", "Salaisuus") and who in PANEL_INSIDERS:
            continue
        assert hidden not in titles, (who, params, hidden)
        assert hidden.lower() not in html.lower(), (who, params, hidden)


@pytest.mark.parametrize("who", sorted(set(VIEWERS) - PANEL_INSIDERS))
def test_a_panel_only_round_idea_and_comment_stay_with_the_panel(client, world, viewers, who):
    for kind in ("round", "idea", "comment"):
        results = get(client, viewers[who], type=kind).context["results"]
        assert not any("Raadin" in str(r.title) + str(r.snippet) for r in results), kind


def test_a_member_finds_the_panels_round_idea_and_comment(client, world):
    member = world["member"]
    found = get(client, member).context["results"]
    text = " ".join(str(r.title) + str(r.snippet) for r in found)
    assert "Raadin oma" in text and "Raadin <mark>kirjasto</mark>" in text
    assert "Raadin <mark>kirjasto</mark>-kommentti" in text


def test_a_theme_only_on_hidden_things_is_not_offered(client, world, viewers):
    for who in ("anonymous", "non-member"):
        form = get(client, viewers[who]).context["form"]
        assert [t.slug for t in form.fields["theme"].queryset] == ["kulttuuri"]
    member_themes = get(client, world["member"]).context["form"].fields["theme"].queryset
    assert {t.slug for t in member_themes} == {"kulttuuri", "salaisuus"}


@pytest.mark.parametrize("who", VIEWERS)
def test_results_tell_no_counts_of_hidden_things(client, world, viewers, who):
    """The count shown is that of what the person may see: the panel's round, idea and
    comment for its insiders, and never anything hidden, withdrawn, draft or restricted."""
    count = get(client, viewers[who]).context["page_obj"].paginator.count
    insiders_extra = 3 if who in PANEL_INSIDERS else 0
    assert count == len(world["public"]) + insiders_extra


def test_a_filter_on_hidden_things_answers_as_one_on_nothing(client, world, viewers):
    """A region whose every match is hidden looks exactly like a region with none."""
    secret = RegionFactory(slug="kainuu")
    IdeaRoundFactory(region=secret, panel=PanelFactory(region=secret), title="Kainuun kirjasto")
    IdeaFactory(
        round=IdeaRoundFactory(region=secret, title="Kainuun avoin kierros"),
        title="Kainuun kirjasto-idea",
        withdrawn_at=timezone.now(),
    )
    empty = RegionFactory(name="Kymi", slug="kymi")
    non_member = viewers["non-member"]
    for kind in ("", "idea", "round", "comment"):
        hidden = get(client, non_member, region=secret.slug, type=kind)
        nothing = get(client, non_member, region=empty.slug, type=kind)
        assert hidden.status_code == nothing.status_code == 200
        assert hidden.context["page_obj"].paginator.count == 0
        assert _unselected(hidden) == _unselected(nothing)


def _unselected(response):
    """The results page's own content with the chosen options unmarked."""
    html = re.search(r"<article.*</article>", response.content.decode(), re.S).group(0)
    return html.replace(" selected>", ">")


# --- Query counts --------------------------------------------------------------------------


def _queries(client, **params):
    client.get(search_url("fi"), {"q": WORD, **params})  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(search_url("fi"), {"q": WORD, **params})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_query_count_stays_flat_as_matches_grow(client, world, who):
    """One query per kind searched and one per kind shown: the same with 1 match or 50."""
    if who == "member":
        client.force_login(world["member"])
    few = {kind: _queries(client, type=kind) for kind in ("idea", "comment", "round")}
    everything_few = _queries(client)
    round_ = world["public"]["round"]
    for n in range(25):
        idea = IdeaFactory(round=round_, title=f"Kirjasto {n}", themes=["Kulttuuri"])
        CommentFactory(idea=idea, body=f"Kirjasto {n}")
    many = {kind: _queries(client, type=kind) for kind in ("idea", "comment", "round")}
    assert many == few
    assert _queries(client, type="idea", page=2) == few["idea"]
    # The first page now shows ideas only: fewer kinds to load, never more queries.
    assert _queries(client) <= everything_few


def test_query_count_of_one_search(client, world):
    # Form: regions, themes (with view restrictions). Finding: ideas, comments, rounds;
    # pages: locale, Wagtail's search, view restrictions, the visible ones. Loading: one per
    # kind shown, the plain pages' types, the site's root paths.
    assert _queries(client) == 19


# --- PostgreSQL's stemming -----------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_finnish_word_forms_find_each_other_on_postgresql(client, world):
    """'kirjastossa' (in the library) finds 'kirjasto', in ideas and in pages."""
    kinds = {r.kind for r in get(client, language="fi", q="kirjastossa").context["results"]}
    assert {"idea", "round", "comment", "page"} <= kinds
