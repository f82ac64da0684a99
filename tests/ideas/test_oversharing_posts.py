"""Ideas and comments that look like personal details (accounts.oversharing): the forms ask
first and keep what was typed, a confirmed post is saved and marked, a valid personal identity
code is refused however it is sent, the live thread answers with a frame of its own, and
moderators filter their queue to what was posted despite the warning."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse
from django.utils import translation

from ideas.models import Comment, Idea, Phase
from tests.factories import RegionFactory, UserFactory
from tests.sockets import join as join_path
from tests.sockets import next_of

from .factories import CommentFactory, FlagFactory, IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
QUESTION = "This looks like personal information — do you want to post it publicly?"
REFUSED = "It cannot be posted"
PHONE_BODY = "Soittakaa minulle numeroon 040 123 4567, niin kerron lisää."
VALID_CODE_BODY = "Henkilötunnukseni on 131052-308T, jos sitä tarvitaan."
CHECKBOX = 'type="checkbox" name="confirm_personal"'


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def round_(region):
    return IdeaRoundFactory(region=region, phase=Phase.IDEATION)


@pytest.fixture
def author(client):
    person = UserFactory(display_name="Kirjoittaja")
    client.force_login(person)
    return person


def post_idea(client, round_, body, **extra):
    return client.post(
        english("ideas:idea_create", round_.slug),
        {"title": "Iltavastaanotto neuvolaan", "body": body, **extra},
    )


# --- Ideas --------------------------------------------------------------------------------


def test_an_idea_with_a_phone_number_asks_first_and_keeps_what_was_typed(client, author, round_):
    page = post_idea(client, round_, PHONE_BODY)
    assert page.status_code == 200
    content = page.content.decode()
    assert QUESTION in content
    assert 'role="alert" id="personal-details-warning"' in content
    assert "<mark>040 123 4567" in content
    assert '<span class="visually-hidden"> (looks like a phone number)</span></mark>' in content
    # What was typed is still in the form, and the checkbox to post it anyway is offered.
    assert 'value="Iltavastaanotto neuvolaan"' in content
    assert PHONE_BODY + "</textarea>" in content
    assert CHECKBOX in content and 'aria-describedby="personal-details-warning"' in content
    assert not Idea.objects.exists()


def test_confirming_posts_the_idea_and_marks_it(client, author, round_):
    response = post_idea(client, round_, PHONE_BODY, confirm_personal="on")
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.body == PHONE_BODY and idea.shared_despite_warning is True


def test_an_idea_without_personal_details_is_posted_unmarked(client, author, round_):
    body = "Neuvola auki klo 17–20, kokeilu 12.3.2026 alkaen."
    assert post_idea(client, round_, body).status_code == 302
    assert Idea.objects.get().shared_despite_warning is False


def test_a_title_is_looked_at_too(client, author, round_):
    page = client.post(
        english("ideas:idea_create", round_.slug),
        {"title": "Soita 040 123 4567", "body": "Kerron lisää puhelimessa."},
    )
    assert QUESTION in page.content.decode()
    assert not Idea.objects.exists()


def test_a_valid_personal_identity_code_is_refused_even_when_confirmed(client, author, round_):
    page = post_idea(client, round_, VALID_CODE_BODY, confirm_personal="on")
    assert page.status_code == 200
    content = page.content.decode()
    assert REFUSED in content and "<mark>131052-308T" in content
    assert CHECKBOX not in content
    assert VALID_CODE_BODY in content  # kept, to be edited
    assert not Idea.objects.exists()


def test_a_code_with_a_wrong_check_character_can_be_confirmed(client, author, round_):
    assert QUESTION in post_idea(client, round_, "Tunnus 131052-308U").content.decode()
    assert post_idea(client, round_, "Tunnus 131052-308U", confirm_personal="on").status_code == 302
    assert Idea.objects.get().shared_despite_warning is True


def test_a_warned_then_confirmed_idea_costs_one_post_against_the_limit(
    client, author, round_, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "idea": (1, 3600)}
    assert post_idea(client, round_, PHONE_BODY).status_code == 200  # asked, not counted
    assert post_idea(client, round_, PHONE_BODY, confirm_personal="on").status_code == 302
    assert Idea.objects.count() == 1


def test_editing_an_idea_asks_again_and_the_mark_follows_the_text(client, author, round_):
    idea = IdeaFactory(round=round_, author=author, title="Iltavastaanotto", body="Hyvä idea.")
    url = english("ideas:idea_edit", idea.pk)
    page = client.post(url, {"title": idea.title, "body": PHONE_BODY})
    assert QUESTION in page.content.decode()
    idea.refresh_from_db()
    assert idea.body == "Hyvä idea." and not idea.shared_despite_warning

    client.post(url, {"title": idea.title, "body": PHONE_BODY, "confirm_personal": "on"})
    idea.refresh_from_db()
    assert idea.body == PHONE_BODY and idea.shared_despite_warning

    client.post(url, {"title": idea.title, "body": "Numero poistettu."})
    idea.refresh_from_db()
    assert idea.body == "Numero poistettu." and not idea.shared_despite_warning


# --- Comments -----------------------------------------------------------------------------


@pytest.fixture
def idea(round_):
    return IdeaFactory(round=round_)


def test_a_comment_without_javascript_asks_first_on_its_own_page(client, author, idea):
    body = "Kysy lisää: matti.virtanen@example.fi"
    page = client.post(english("ideas:comment_create", idea.pk), {"body": body})
    assert page.status_code == 200
    content = page.content.decode()
    assert QUESTION in content and "<mark>matti.virtanen@example.fi" in content
    assert body + "</textarea>" in content and CHECKBOX in content
    assert not Comment.objects.exists()

    response = client.post(
        english("ideas:comment_create", idea.pk), {"body": body, "confirm_personal": "on"}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.body == body and comment.shared_despite_warning


def test_a_comment_over_htmx_gets_the_question_inside_the_thread(client, author, idea):
    body = "Naapurini Matti Virtanen has diagnosed depression."
    page = client.post(english("ideas:comment_create", idea.pk), {"body": body}, **HTMX)
    assert page.status_code == 200  # htmx swaps only 2xx answers
    content = page.content.decode()
    assert 'id="comments"' in content and QUESTION in content
    assert "<mark>Matti Virtanen" in content and "<mark>depression" in content
    assert "health details about a named person" in content
    assert body + "</textarea>" in content
    assert not Comment.objects.exists()


def test_a_reply_keeps_its_parent_through_the_question(client, author, idea):
    parent = CommentFactory(idea=idea)
    url = english("ideas:comment_create", idea.pk)
    page = client.post(url, {"body": PHONE_BODY, "parent": parent.pk})
    assert f'name="parent" value="{parent.pk}"' in page.content.decode()
    client.post(url, {"body": PHONE_BODY, "parent": parent.pk, "confirm_personal": "on"})
    reply = Comment.objects.get(parent=parent)
    assert reply.shared_despite_warning


def test_a_valid_code_in_a_comment_is_refused_even_when_confirmed(client, author, idea):
    page = client.post(
        english("ideas:comment_create", idea.pk),
        {"body": VALID_CODE_BODY, "confirm_personal": "on"},
    )
    content = page.content.decode()
    assert REFUSED in content and CHECKBOX not in content
    assert not Comment.objects.exists()


def test_a_warned_then_confirmed_comment_costs_one_post_against_the_limit(
    client, author, idea, settings
):
    settings.LIVE_COMMENT_RATE = 1
    url = english("ideas:comment_create", idea.pk)
    client.post(url, {"body": PHONE_BODY})
    assert client.post(url, {"body": PHONE_BODY, "confirm_personal": "on"}).status_code == 302
    assert Comment.objects.count() == 1


def test_editing_a_comment_asks_again(client, author, idea):
    comment = CommentFactory(idea=idea, author=author, body="Hyvä idea.")
    url = english("ideas:comment_edit", comment.pk)
    assert QUESTION in client.post(url, {"body": PHONE_BODY}).content.decode()
    comment.refresh_from_db()
    assert comment.body == "Hyvä idea."
    client.post(url, {"body": PHONE_BODY, "confirm_personal": "on"})
    comment.refresh_from_db()
    assert comment.body == PHONE_BODY and comment.shared_despite_warning


def test_the_thread_page_carries_the_texts_for_the_live_question(client, author, idea):
    content = client.get(english("ideas:idea_detail", idea.pk)).content.decode()
    assert 'data-text-post-anyway="Post anyway"' in content
    assert '<div class="form__errors" role="alert" data-live-error></div>' in content


# --- The live thread ----------------------------------------------------------------------

db = sync_to_async


async def _collect(socket, rounds=20):
    frames = []
    for _ in range(rounds):
        while not await socket.receive_nothing(timeout=0.05):
            frames.append(await socket.receive_json_from())
    return frames


@pytest.mark.django_db(transaction=True)
async def test_a_live_post_gets_a_question_frame_and_posts_once_confirmed():
    idea = await db(IdeaFactory)()
    poster = await db(UserFactory)()
    socket, hello = await join_path(f"/ws/ideas/{idea.pk}/", poster)
    try:
        assert hello["can_post"] is True
        # Leading whitespace is stripped by the form; the positions are in what was sent.
        body = "  Soita 040 123 4567 🙂 tai kirjoita anna@example.fi"
        await socket.send_json_to({"type": "post", "body": body, "client_id": "p1"})
        error = await next_of(socket, "error")
        assert error["code"] == "personal_details"
        assert error["client_id"] == "p1" and error["can_confirm"] is True
        assert error["message"]
        assert [(m["kind"], body[m["start"] : m["end"]]) for m in error["matches"]] == [
            ("phone", "040 123 4567"),
            ("email", "anna@example.fi"),
        ]
        assert all(m["label"] for m in error["matches"])
        assert await db(Comment.objects.count)() == 0

        await socket.send_json_to(
            {"type": "post", "body": body, "client_id": "p1", "confirm_personal": True}
        )
        posted = await next_of(socket, "posted")
        comment = await db(Comment.objects.get)()
        assert posted["id"] == comment.pk and comment.shared_despite_warning
    finally:
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_live_post_with_a_valid_code_is_refused_even_when_confirmed():
    idea = await db(IdeaFactory)()
    socket, _hello = await join_path(f"/ws/ideas/{idea.pk}/", await db(UserFactory)())
    try:
        await socket.send_json_to(
            {"type": "post", "body": VALID_CODE_BODY, "client_id": "h", "confirm_personal": True}
        )
        error = await next_of(socket, "error")
        assert error["code"] == "personal_details" and error["can_confirm"] is False
        assert [m["kind"] for m in error["matches"]] == ["personal_id"]
        frames = await _collect(socket, rounds=3)
        assert not [f for f in frames if f["type"] in ("posted", "comment")]
        assert await db(Comment.objects.count)() == 0
    finally:
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_confirm_personal_must_be_true_or_false():
    idea = await db(IdeaFactory)()
    socket, _hello = await join_path(f"/ws/ideas/{idea.pk}/", await db(UserFactory)())
    try:
        await socket.send_json_to(
            {"type": "post", "body": PHONE_BODY, "client_id": "m", "confirm_personal": "yes"}
        )
        error = await next_of(socket, "error")
        assert error["code"] == "malformed"
        assert await db(Comment.objects.count)() == 0
    finally:
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_live_post_without_personal_details_is_unmarked():
    idea = await db(IdeaFactory)()
    socket, _hello = await join_path(f"/ws/ideas/{idea.pk}/", await db(UserFactory)())
    try:
        await socket.send_json_to(
            {"type": "post", "body": "Kokous klo 14.00–15.30, 12.3.2026.", "client_id": "ok"}
        )
        await next_of(socket, "posted")
        assert (await db(Comment.objects.get)()).shared_despite_warning is False
    finally:
        await socket.disconnect()


# --- Moderation ---------------------------------------------------------------------------


@pytest.fixture
def posts(round_):
    """In one round: an idea and a comment posted despite a warning, and one of each not."""
    shared_idea = IdeaFactory(round=round_, title="Jaettu varoituksesta huolimatta")
    shared_idea.shared_despite_warning = True
    shared_idea.save()
    plain_idea = IdeaFactory(round=round_, title="Tavallinen idea")
    shared_comment = CommentFactory(
        idea=plain_idea, body="Soita 040 123 4567", shared_despite_warning=True
    )
    plain_comment = CommentFactory(idea=plain_idea, body="Tavallinen kommentti")
    FlagFactory(idea=shared_idea, reason="Puhelinnumero näkyvissä")
    FlagFactory(idea=plain_idea, reason="Aiheen vierestä")
    return shared_idea, plain_idea, shared_comment, plain_comment


def test_moderators_filter_the_queue_to_what_was_shared_despite_a_warning(
    client, region_staff, posts
):
    shared_idea, plain_idea, shared_comment, plain_comment = posts
    client.force_login(region_staff)
    everything = client.get(english("ideas:moderation_queue")).content.decode()
    assert 'name="warned" value="1"' in everything
    assert "Only posts shared despite a personal-information warning" in everything
    assert "Puhelinnumero näkyvissä" in everything and "Aiheen vierestä" in everything
    assert "Shared despite a personal-information warning</p>" in everything  # the tag

    filtered = client.get(english("ideas:moderation_queue") + "?warned=1").content.decode()
    assert "checked" in filtered.split('name="warned"')[1].split(">")[0]
    assert shared_idea.title in filtered and shared_comment.body in filtered
    assert "Puhelinnumero näkyvissä" in filtered
    assert "Aiheen vierestä" not in filtered and plain_idea.title not in filtered
    assert plain_comment.body not in filtered


def test_the_filter_and_its_posts_are_for_the_regions_moderators_only(client, posts):
    shared_idea, _plain, shared_comment, _comment = posts
    url = english("ideas:moderation_queue") + "?warned=1"
    assert client.get(url).status_code == 302  # log in first

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    other_staff = UserFactory(staff=True)
    other_region = RegionFactory()
    other_region.officials.add(other_staff)
    IdeaRoundFactory(region=other_region)
    client.force_login(other_staff)
    page = client.get(url).content.decode()
    assert shared_idea.title not in page and shared_comment.body not in page


def test_the_moderation_page_says_it_was_shared_despite_a_warning(client, region_staff, posts):
    shared_idea, plain_idea, _comment, _plain = posts
    client.force_login(region_staff)
    note = "posted it anyway"
    assert note in client.get(english("ideas:moderate", "idea", shared_idea.pk)).content.decode()
    assert note not in client.get(english("ideas:moderate", "idea", plain_idea.pk)).content.decode()


def test_participants_see_no_mark_on_the_idea_page(client, posts):
    shared_idea = posts[0]
    client.force_login(UserFactory())
    page = client.get(english("ideas:idea_detail", shared_idea.pk)).content.decode()
    assert "personal-information warning" not in page
