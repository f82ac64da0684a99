"""The pages: what people see, what they can post, and how bad input is answered."""

import re
import uuid

import pytest
from django.urls import reverse

from ideas.models import Comment, Idea, Phase, Support
from tests.factories import MembershipFactory, PanelFactory, UserFactory

from .factories import CommentFactory, IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def round_(region):
    return IdeaRoundFactory(region=region, themes=["Asuminen", "Työ"], phase=Phase.IDEATION)


@pytest.fixture
def client_user(client):
    person = UserFactory(display_name="Aamuvirkku")
    client.force_login(person)
    return person


def post_idea(client, round_, **data):
    form = {"title": "Selkokieliset kirjeet", "body": "Kirjeet selkokielellä.", **data}
    return client.post(reverse("ideas:idea_create", args=[round_.slug]), form)


# --- Lists and pages ----------------------------------------------------------------------


def test_round_list_shows_open_rounds_first_with_phase_and_counts(client, region):
    closed = IdeaRoundFactory(region=region, title="Vanha kierros", phase=Phase.CLOSED)
    open_ = IdeaRoundFactory(region=region, title="Uusi kierros", phase=Phase.DEVELOPMENT)
    IdeaFactory.create_batch(3, round=open_)
    IdeaFactory(round=open_, withdrawn_at=open_.ideation_starts)
    content = client.get(reverse("ideas:round_list")).content.decode()
    assert content.index("Uusi kierros") < content.index("Vanha kierros")
    assert "3 ideaa" in content
    assert "kehittäminen" in content
    assert closed.get_absolute_url() in content


def test_round_page_filters_by_theme_searches_and_sorts(client, round_):
    housing = IdeaFactory(
        round=round_, title="Asunto ensin", body="Asumisen tuki", themes=["Asuminen"]
    )
    work = IdeaFactory(round=round_, title="Työkokeilu", body="Kokeilu nuorille", themes=["Työ"])
    Support.objects.create(idea=work, person=UserFactory())
    CommentFactory.create_batch(2, idea=housing)
    url = round_.get_absolute_url()

    def titles(query):
        return [idea.title for idea in client.get(url + query).context["ideas"]]

    assert titles("?theme=asuminen") == ["Asunto ensin"]
    assert titles("?q=kokeilu+nuorille") == ["Työkokeilu"]
    assert titles("?q=ei+löydy") == []
    assert titles("?sort=supported")[0] == "Työkokeilu"
    assert titles("?sort=discussed")[0] == "Asunto ensin"
    assert titles("?theme=no-such-theme") == ["Työkokeilu", "Asunto ensin"]


def test_round_page_is_paginated_and_keeps_filters(client, round_):
    IdeaFactory.create_batch(25, round=round_, body="sama sana")
    response = client.get(round_.get_absolute_url() + "?q=sama")
    assert len(response.context["ideas"]) == 20
    assert "?q=sama&amp;page=2" in response.content.decode()
    assert len(client.get(round_.get_absolute_url() + "?q=sama&page=2").context["ideas"]) == 5


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_pages_answer_in_every_language(client, round_, prefix):
    idea = IdeaFactory(round=round_)
    for url in ["/rounds/", f"/rounds/{round_.slug}/", f"/rounds/ideas/{idea.pk}/"]:
        assert client.get(prefix + url).status_code == 200


def test_idea_page_shows_author_with_badge_themes_supporters_and_thread(client, round_):
    author = UserFactory(display_name="Polkujen kulkija", expert=True)
    idea = IdeaFactory(round=round_, author=author, themes=["Asuminen"])
    Support.objects.create(idea=idea, person=UserFactory())
    top = CommentFactory(idea=idea, body="Ensimmäinen")
    CommentFactory(idea=idea, parent=top, body="Vastaus tähän")
    CommentFactory(idea=idea, body="Poistettu", deleted_at=idea.created_at)
    CommentFactory(idea=idea, body="Loukkaava", hidden_at=idea.created_at)
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "Polkujen kulkija" in content and "kokemusasiantuntija" in content
    assert "Asuminen" in content
    assert "1 kannattaja" in content
    assert content.index("Ensimmäinen") < content.index("Vastaus tähän")
    assert "Poistettu" not in content and "Loukkaava" not in content
    assert "Kommentin kirjoittaja poisti" in content or "poisti" in content


def test_links_in_text_are_clickable_and_marked_as_user_content(client, round_):
    idea = IdeaFactory(round=round_, body="Katso https://thl.fi/selkokieli\ntoinen rivi")
    content = client.get(idea.get_absolute_url()).content.decode()
    assert '<a href="https://thl.fi/selkokieli" rel="nofollow ugc noopener noreferrer">' in content
    assert "<br>toinen rivi" in content


# --- Visibility: what one may not see does not exist --------------------------------------


def test_panel_round_is_a_404_to_non_members(client, region):
    panel = PanelFactory(region=region)
    round_ = IdeaRoundFactory(region=region, panel=panel)
    idea = IdeaFactory(round=round_)
    outsider = UserFactory()
    client.force_login(outsider)
    for url in [round_.get_absolute_url(), idea.get_absolute_url()]:
        assert client.get(url).status_code == 404
    assert round_.title not in client.get(reverse("ideas:round_list")).content.decode()
    MembershipFactory(panel=panel, person=outsider)
    assert client.get(idea.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("state", ["hidden_at", "withdrawn_at"])
def test_hidden_and_withdrawn_ideas_are_404_to_others(client, round_, state):
    author = UserFactory()
    idea = IdeaFactory(round=round_, author=author, **{state: round_.ideation_starts})
    client.force_login(UserFactory())
    urls = [
        idea.get_absolute_url(),
        reverse("ideas:comment_create", args=[idea.pk]),
        reverse("ideas:flag", args=["idea", idea.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(reverse("ideas:idea_support", args=[idea.pk])).status_code == 404
    assert idea.title not in client.get(round_.get_absolute_url()).content.decode()
    client.force_login(author)
    assert client.get(idea.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("state", ["hidden_at", "withdrawn_at"])
def test_a_comment_on_a_hidden_or_withdrawn_idea_is_refused(client, round_, state):
    author = UserFactory()
    idea = IdeaFactory(round=round_, author=author, **{state: round_.ideation_starts})
    client.force_login(author)
    response = client.post(reverse("ideas:comment_create", args=[idea.pk]), {"body": "Vielä"})
    assert response.status_code == 403
    assert "ei näy muille" in response.content.decode()
    assert not Comment.objects.exists()


def test_hidden_comment_is_a_placeholder_to_others_and_readable_to_its_author(client, round_):
    idea = IdeaFactory(round=round_)
    writer = UserFactory()
    CommentFactory(
        idea=idea,
        author=writer,
        body="Asiaton",
        hidden_at=idea.created_at,
        hidden_reason="Loukkaava",
    )
    assert "Asiaton" not in client.get(idea.get_absolute_url()).content.decode()
    client.force_login(writer)
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "Asiaton" in content and "Loukkaava" in content


def test_a_thread_drawn_once_follows_each_reader_every_edit_and_the_language(
    client, region_staff, round_
):
    """Comments are drawn once and remembered (ideas.thread.drawn): what one reader may do must
    not show to the next, and an edit, a new display name or another language is seen."""
    idea = IdeaFactory(round=round_)
    writer = UserFactory(display_name="Pohjantähti")
    comment = CommentFactory(idea=idea, author=writer, body="Ensimmäinen versio")
    moderate = reverse("ideas:moderate", args=["comment", comment.pk])
    edit = reverse("ideas:comment_edit", args=[comment.pk])

    client.force_login(region_staff)
    content = client.get(idea.get_absolute_url()).content.decode()
    assert moderate in content
    # The comment's author with their role badge, drawn from what the thread remembers.
    assert re.search(
        r"Pohjantähti</span> <span class=\"badge badge--developer_client\">kehittäjäasiakas<",
        content,
    )
    client.force_login(writer)
    content = client.get(idea.get_absolute_url()).content.decode()
    assert edit in content and moderate not in content
    client.logout()
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "Ensimmäinen versio" in content
    assert edit not in content and moderate not in content

    Comment.objects.filter(pk=comment.pk).update(body="Toinen versio", edited_at=idea.created_at)
    writer.display_name = "Uusi nimimerkki"
    writer.save()
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "Toinen versio" in content and "Ensimmäinen versio" not in content
    assert "Uusi nimimerkki" in content and "Pohjantähti" not in content

    assert "<span>muokattu</span>" in content
    swedish = client.get("/sv" + idea.get_absolute_url()).content.decode()
    assert "<span>redigerad</span>" in swedish and "<span>muokattu</span>" not in swedish


# --- Posting ideas and bad input ----------------------------------------------------------


def test_posting_an_idea_with_a_theme(client, client_user, round_):
    form = client.get(reverse("ideas:idea_create", args=[round_.slug]))
    token = form.context["form"]["token"].value()
    asuminen = round_.themes.get(name="Asuminen")
    response = post_idea(client, round_, themes=[asuminen.pk], token=token)
    idea = Idea.objects.get()
    assert response.status_code == 302 and response.url == idea.get_absolute_url()
    assert idea.author == client_user
    assert list(idea.themes.names()) == ["Asuminen"]


def test_a_double_submitted_form_creates_one_idea(client, client_user, round_):
    token = str(uuid.uuid4())
    first = post_idea(client, round_, token=token)
    second = post_idea(client, round_, token=token)
    assert Idea.objects.count() == 1
    assert first.url == second.url == Idea.objects.get().get_absolute_url()
    post_idea(client, round_, token=str(uuid.uuid4()))
    assert Idea.objects.count() == 2


def test_themes_the_round_does_not_offer_are_refused(client, client_user, round_):
    from taggit.models import Tag

    other = Tag.objects.create(name="Muu")
    response = post_idea(client, round_, themes=[other.pk])
    assert response.status_code == 200
    assert response.context["form"].errors["themes"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "body": ""}, "title", "Tämä kenttä on pakollinen"),
        ({"title": "  ", "body": "teksti"}, "title", "Tämä kenttä on pakollinen"),
        ({"title": "Liian", "body": ""}, "body", "Tämä kenttä on pakollinen"),
        ({"title": "x" * 141, "body": "teksti"}, "title", "enintään 140"),
        ({"title": "Hyvä otsikko", "body": "y" * 5001}, "body", "enintään 5000"),
        ({"title": "abc", "body": "teksti"}, "title", "vähintään 5"),
    ],
)
def test_bad_idea_input_is_explained_and_keeps_what_was_typed(
    client, client_user, round_, data, field, message
):
    response = post_idea(client, round_, **data)
    assert response.status_code == 200
    assert not Idea.objects.exists()
    content = response.content.decode()
    assert field in response.context["form"].errors
    assert message in content
    assert 'aria-invalid="true"' in content
    if data["title"].strip():
        assert f'value="{data["title"]}"' in content


def test_the_form_states_its_limits(client, client_user, round_):
    content = client.get(reverse("ideas:idea_create", args=[round_.slug])).content.decode()
    assert "5–140 merkkiä" in content
    assert "Enintään 5000 merkkiä" in content


@pytest.mark.parametrize(
    "phase", [Phase.UPCOMING, Phase.DEVELOPMENT, Phase.EVALUATION, Phase.CLOSED]
)
def test_posting_outside_ideation_is_explained(client, client_user, region, phase):
    round_ = IdeaRoundFactory(region=region, phase=phase)
    page = client.get(round_.get_absolute_url()).content.decode()
    form = client.get(reverse("ideas:idea_create", args=[round_.slug]))
    assert form.status_code == 403
    response = post_idea(client, round_, title="Kirjoitin tämän")
    assert response.status_code == 403
    assert not Idea.objects.exists()
    content = response.content.decode()
    assert 'value="Kirjoitin tämän"' in content  # nothing written is lost
    explanation = {
        Phase.UPCOMING: "ei ole vielä alkanut",
        Phase.DEVELOPMENT: "kehittämisvaiheessa",
        Phase.EVALUATION: "arviointivaiheessa",
        Phase.CLOSED: "on päättynyt",
    }[phase]
    assert explanation in content and explanation in page


def test_anonymous_visitor_is_told_why_a_closed_round_takes_no_ideas(client, region):
    round_ = IdeaRoundFactory(region=region, phase=Phase.CLOSED)
    response = client.get(reverse("ideas:idea_create", args=[round_.slug]))
    assert response.status_code == 403
    assert "on päättynyt" in response.content.decode()


def test_anonymous_visitor_is_asked_to_log_in(client, round_):
    response = client.get(reverse("ideas:idea_create", args=[round_.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert (
        "Kirjaudu sisään jättääksesi idean"
        in client.get(round_.get_absolute_url()).content.decode()
    )


def test_author_edits_during_ideation_only(client, client_user, round_):
    idea = IdeaFactory(round=round_, author=client_user)
    url = reverse("ideas:idea_edit", args=[idea.pk])
    response = client.post(url, {"title": "Parempi otsikko", "body": "Uusi teksti"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Parempi otsikko" and idea.edited_at
    round_.phase_override = Phase.DEVELOPMENT
    round_.save()
    assert client.post(url, {"title": "Myöhässä", "body": "x"}).status_code == 403
    other = UserFactory()
    client.force_login(other)
    round_.phase_override = ""
    round_.save()
    assert client.get(url).status_code == 403


def test_author_withdraws_an_idea(client, client_user, round_):
    idea = IdeaFactory(round=round_, author=client_user)
    response = client.post(reverse("ideas:idea_withdraw", args=[idea.pk]))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.withdrawn_at is not None
    client.force_login(UserFactory())
    assert client.get(idea.get_absolute_url()).status_code == 404


# --- Support ------------------------------------------------------------------------------


def test_supporting_twice_counts_once_and_can_be_withdrawn(client, client_user, round_):
    idea = IdeaFactory(round=round_)
    url = reverse("ideas:idea_support", args=[idea.pk])
    client.post(url, {"supported": "1"})
    client.post(url, {"supported": "1"})
    assert Support.objects.filter(idea=idea).count() == 1
    client.post(url, {"supported": "0"})
    assert not Support.objects.exists()
    client.post(url)  # without a wanted state the button toggles
    assert Support.objects.count() == 1


def test_support_over_htmx_returns_the_button_only(client, client_user, round_):
    idea = IdeaFactory(round=round_)
    response = client.post(
        reverse("ideas:idea_support", args=[idea.pk]), {"supported": "1"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'id="support"' in content
    assert "1 kannattaja" in content and 'aria-pressed="true"' in content
    assert "HX-Request" in response.headers["Vary"]


def test_support_without_javascript_redirects_back(client, client_user, round_):
    idea = IdeaFactory(round=round_)
    response = client.post(reverse("ideas:idea_support", args=[idea.pk]), {"supported": "1"})
    assert response.status_code == 302 and response.url.endswith("#support")


def test_support_in_evaluation_is_refused(client, client_user, region):
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION))
    client.post(reverse("ideas:idea_support", args=[idea.pk]), {"supported": "1"})
    assert not Support.objects.exists()


# --- Comments -----------------------------------------------------------------------------


def test_comment_and_reply_without_javascript(client, client_user, round_):
    idea = IdeaFactory(round=round_)
    url = reverse("ideas:comment_create", args=[idea.pk])
    response = client.post(url, {"body": "Hyvä idea!"})
    top = Comment.objects.get()
    assert response.url == top.get_absolute_url()
    reply_form = client.get(url + f"?parent={top.pk}")
    assert "Hyvä idea!" in reply_form.content.decode()
    client.post(url, {"body": "Samaa mieltä", "parent": top.pk})
    reply = Comment.objects.get(body="Samaa mieltä")
    assert reply.parent == top
    # A reply to a reply joins the same thread: one level of replies.
    client.post(url, {"body": "Kolmas taso", "parent": reply.pk})
    assert Comment.objects.get(body="Kolmas taso").parent == top


def test_comment_over_htmx_returns_the_thread_with_the_new_comment(client, client_user, round_):
    idea = IdeaFactory(round=round_)
    url = reverse("ideas:comment_create", args=[idea.pk])
    response = client.post(url, {"body": "Uusi kommentti"}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    assert 'id="comments"' in content and "Uusi kommentti" in content
    assert "Kommenttisi julkaistiin" in content
    assert "HX-Request" in response.headers["Vary"]


def test_a_bad_comment_over_htmx_keeps_the_text_and_shows_the_error(client, client_user, round_):
    idea = IdeaFactory(round=round_)
    url = reverse("ideas:comment_create", args=[idea.pk])
    response = client.post(url, {"body": "z" * 2001}, **HTMX)
    content = response.content.decode()
    assert "z" * 2001 in content and 'aria-invalid="true"' in content
    assert not Comment.objects.exists()
    empty = client.post(url, {"body": "   "})
    assert empty.status_code == 200 and "Tämä kenttä on pakollinen" in empty.content.decode()


def test_a_reply_to_a_hidden_comment_is_refused(client, client_user, round_):
    idea = IdeaFactory(round=round_)
    hidden = CommentFactory(idea=idea, hidden_at=idea.created_at)
    url = reverse("ideas:comment_create", args=[idea.pk])
    response = client.post(url, {"body": "Vastaus", "parent": hidden.pk})
    assert response.status_code == 200
    assert Comment.objects.count() == 1


def test_author_edits_and_removes_a_comment(client, client_user, round_):
    comment = CommentFactory(idea=IdeaFactory(round=round_), author=client_user)
    client.post(reverse("ideas:comment_edit", args=[comment.pk]), {"body": "Korjattu"})
    comment.refresh_from_db()
    assert comment.body == "Korjattu" and comment.is_edited
    client.post(reverse("ideas:comment_remove", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.deleted_at is not None
    content = client.get(comment.idea.get_absolute_url()).content.decode()
    assert "Korjattu" not in content
    client.force_login(UserFactory())
    assert client.get(reverse("ideas:comment_edit", args=[comment.pk])).status_code == 404


def test_others_cannot_edit_or_remove_a_comment(client, client_user, round_):
    comment = CommentFactory(idea=IdeaFactory(round=round_))
    assert (
        client.post(reverse("ideas:comment_edit", args=[comment.pk]), {"body": "x"}).status_code
        == 403
    )
    assert client.post(reverse("ideas:comment_remove", args=[comment.pk])).status_code == 404


# --- Flags and the moderation queue -------------------------------------------------------


def test_flagging_and_moderating_through_the_pages(client, region, region_staff, round_):
    writer = UserFactory()
    comment = CommentFactory(idea=IdeaFactory(round=round_), author=writer, body="Solvaus")
    reporter = UserFactory()
    client.force_login(reporter)
    flag_url = reverse("ideas:flag", args=["comment", comment.pk])
    assert client.post(flag_url, {"reason": ""}).status_code == 200  # a reason is required
    client.post(flag_url, {"reason": "Loukkaa toista"})
    client.post(flag_url, {"reason": "Uudestaan"})
    assert comment.flags.count() == 1
    assert client.get(reverse("ideas:moderation_queue")).status_code == 404

    client.force_login(region_staff)
    queue = client.get(reverse("ideas:moderation_queue")).content.decode()
    assert "Solvaus" in queue and "Loukkaa toista" in queue
    moderate_url = reverse("ideas:moderate", args=["comment", comment.pk])
    response = client.post(moderate_url, {"action": "hide", "reason": "Asiaton kielenkäyttö"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at and comment.hidden_reason == "Asiaton kielenkäyttö"
    assert writer.notifications.get().message.endswith("Asiaton kielenkäyttö")
    queue = client.get(reverse("ideas:moderation_queue")).content.decode()
    assert "Loukkaa toista" not in queue  # resolved
    client.post(moderate_url, {"action": "restore", "reason": "Tarkistettu uudelleen"})
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert comment.moderation_actions.count() == 2


def test_staff_of_another_region_cannot_moderate(client, round_):
    comment = CommentFactory(idea=IdeaFactory(round=round_))
    from tests.factories import RegionFactory

    other = UserFactory(staff=True)
    RegionFactory().officials.add(other)
    client.force_login(other)
    url = reverse("ideas:moderate", args=["comment", comment.pk])
    assert client.post(url, {"action": "hide", "reason": "x"}).status_code == 404
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert (
        re.search("Solvaus", client.get(reverse("ideas:moderation_queue")).content.decode()) is None
    )
