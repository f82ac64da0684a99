"""Comments on a Wagtail page (ideas.models.PageDiscussion): the same comments, moderation and
thread as an idea's.

The permission matrix (who, public or not, open or closed), posting through the page's form
(errors keep the text, the personal-details question, the rate limit), the catch-up over HTTP,
the include cms draws (in the same number of queries for 1 comment as for 30), the moderation
queue, and a person's data export and erasure. The live thread is in
test_page_discussions_live.py.
"""

import pytest
import rules
from django.db import IntegrityError, connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Notification
from accounts.privacy.erasure import delete_account
from ideas import services
from ideas.discussions import discussion_context, sync_page_discussion
from ideas.models import COMMENT_MAX_LENGTH, Comment, PageDiscussion
from ideas.privacy.personal_data import idea_sections
from ideas.rules import CommentPermissions, comment_permissions
from tests.factories import RegionFactory, UserFactory

from .discussion_world import (
    ACTORS,
    MODERATORS,
    SIGNED_IN,
    comment_in,
    content_page,
    page_discussion,
    people,
)
from .factories import CommentFactory, FlagFactory, IdeaFactory

pytestmark = pytest.mark.django_db

QUESTION = "This looks like personal information — do you want to post it publicly?"
PHONE_BODY = "Soittakaa minulle numeroon 040 123 4567, niin kerron lisää."
CHECKBOX = 'type="checkbox" name="confirm_personal"'
HTMX = {"HTTP_HX_REQUEST": "true"}


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def wagtail_page(demo_pages):
    """Not ``page``: pytest-playwright has a fixture of that name."""
    return content_page()


@pytest.fixture
def discussion(wagtail_page, region):
    return sync_page_discussion(wagtail_page, region=region, is_public=True)


@pytest.fixture
def world(region):
    return people(region)


# --- The permission matrix ------------------------------------------------------------------

STATES = [(public, open_) for public in (True, False) for open_ in (True, False)]


def while_public(who, *, open_only=False):
    """``who`` while the discussion is public (and, with ``open_only``, open); nobody else."""
    return lambda public, open_: who if public and (open_ or not open_only) else set()


# verb: (permission, asked about, who may: a function of (public, open))
MATRIX = {
    "see": (
        "ideas.see_discussion",
        "discussion",
        lambda public, open_: set(ACTORS) if public else MODERATORS,
    ),
    "comment": (
        "ideas.comment_on_discussion",
        "discussion",
        while_public(SIGNED_IN, open_only=True),
    ),
    "edit": ("ideas.edit_comment", "comment", while_public({"author"}, open_only=True)),
    # Taking one's words back also after the comments close; not once the page is gone.
    "remove": ("ideas.remove_comment", "comment", while_public({"author"})),
    # Reported by whoever sees it, but its author; moderators also when the page is not public.
    "flag": (
        "ideas.flag_comment",
        "comment",
        lambda public, open_: (SIGNED_IN if public else MODERATORS) - {"author"},
    ),
    "hide": ("ideas.moderate_comment", "comment", lambda public, open_: MODERATORS),
    "read hidden": (
        "ideas.read_hidden_comment",
        "comment",
        lambda public, open_: MODERATORS | {"author"},
    ),
}


@pytest.mark.parametrize(
    ("public", "open_"),
    STATES,
    ids=["public-open", "public-closed", "not public-open", "not public-closed"],
)
def test_matrix(demo_pages, region, world, public, open_):
    discussion = page_discussion(region, public=public, open_=open_)
    comment = comment_in(discussion, world["author"])
    wrong = []
    for verb, (permission, about, who) in MATRIX.items():
        for actor in ACTORS:
            # Fresh instances: the rules remember answers on the instance they were asked about.
            fresh = PageDiscussion.objects.get(pk=discussion.pk)
            target = fresh if about == "discussion" else Comment.objects.get(pk=comment.pk)
            expected = actor in who(public, open_)
            if rules.has_perm(permission, world[actor], target) != expected:
                wrong.append(f"{actor} {verb}: expected {expected}")
    assert not wrong


def test_a_discussion_of_no_region_is_moderated_by_administrators_only(demo_pages, region, world):
    discussion = page_discussion(None)
    comment = comment_in(discussion, world["author"])
    for actor in ACTORS:
        fresh = Comment.objects.get(pk=comment.pk)
        allowed = rules.has_perm("ideas.moderate_comment", world[actor], fresh)
        assert allowed == (actor == "administrator"), actor
    # Nor does a region's staff see it when it is not public.
    sync_page_discussion(discussion.page, region=None, is_public=False)
    assert not PageDiscussion.objects.visible_to(world["region_staff"]).exists()
    assert PageDiscussion.objects.visible_to(world["administrator"]).get() == discussion


def test_an_inactive_person_does_not_comment(discussion):
    person = UserFactory(is_active=False)
    assert not rules.has_perm("ideas.comment_on_discussion", person, discussion)


@pytest.mark.parametrize(("public", "open_"), STATES, ids=lambda v: str(v))
def test_a_threads_permissions_by_kind_match_the_rules_for_each_comment(
    demo_pages, region, world, public, open_
):
    """As tests.ideas.test_rules for an idea's: comment_permissions answers once per kind
    of comment, and every comment of the kind gets what the rules say about it alone."""
    discussion = page_discussion(region, public=public, open_=open_)
    comments = []
    for state in ("shown", "hidden", "removed"):
        for author in (world["author"], world["client"]):
            for _ in range(2):
                comments.append(
                    comment_in(
                        discussion,
                        author,
                        hidden_at=timezone.now() if state == "hidden" else None,
                        deleted_at=timezone.now() if state == "removed" else None,
                    )
                )
    for actor in ACTORS:
        user = world[actor]
        shared = PageDiscussion.objects.get(pk=discussion.pk)
        for comment in comments:
            in_thread = Comment.objects.get(pk=comment.pk)
            in_thread.discussion = shared
            alone = Comment.objects.get(pk=comment.pk)
            expected = CommentPermissions(
                reply=alone.is_public
                and rules.has_perm("ideas.comment_on_discussion", user, alone.discussion),
                edit=rules.has_perm("ideas.edit_comment", user, alone),
                remove=rules.has_perm("ideas.remove_comment", user, alone),
                flag=rules.has_perm("ideas.flag_comment", user, alone),
                moderate=rules.has_perm("ideas.moderate_comment", user, alone),
                read_hidden=rules.has_perm("ideas.read_hidden_comment", user, alone),
            )
            assert comment_permissions(user, in_thread) == expected, (actor, comment.pk)


# --- The model ----------------------------------------------------------------------------


def test_a_comment_is_on_an_idea_or_a_page_never_both_nor_neither(discussion):
    idea = IdeaFactory()
    with pytest.raises(IntegrityError):
        Comment.objects.create(idea=idea, discussion=discussion, body="Kumpi?")


def test_a_comment_with_no_place_is_refused(discussion):
    with pytest.raises(IntegrityError):
        Comment.objects.create(idea=None, discussion=None, body="Ei missään")


def test_sync_keeps_one_row_per_page_with_its_title_and_address(wagtail_page, region):
    first = sync_page_discussion(wagtail_page, region=region, is_public=True)
    wagtail_page.title = "Uusi otsikko"
    wagtail_page.save()
    second = sync_page_discussion(wagtail_page, region=None, is_public=False, is_open=False)
    assert first.pk == second.pk and PageDiscussion.objects.count() == 1
    assert (second.title, second.url, second.region, second.is_open) == (
        "Uusi otsikko",
        wagtail_page.url,
        None,
        False,
    )
    assert wagtail_page.url and second.get_absolute_url() == wagtail_page.url


def test_deleting_the_page_deletes_its_discussion_and_comments(discussion, world):
    comment_in(discussion, world["author"])
    discussion.page.delete()
    assert not PageDiscussion.objects.exists() and not Comment.objects.exists()


# --- Posting through the page's form --------------------------------------------------------


def comment_url(discussion):
    return english("ideas:discussion_comment", discussion.pk)


def test_a_comment_is_posted_and_the_reader_taken_back_to_it_on_the_page(client, discussion):
    client.force_login(UserFactory())
    response = client.post(comment_url(discussion), {"body": "Hyvä kokeilu!"})
    comment = Comment.objects.get()
    assert comment.discussion == discussion and comment.idea is None
    assert response.status_code == 302
    assert response.url == f"{discussion.url}#comment-{comment.pk}"


def test_visitors_are_sent_to_log_in_first(client, discussion):
    response = client.post(comment_url(discussion), {"body": "Hei"})
    assert response.status_code == 302 and "login" in response.url
    assert not Comment.objects.exists()


def test_a_reply_joins_the_thread_and_its_author_is_told(client, discussion, world):
    top = comment_in(discussion, world["author"])
    client.force_login(world["client"])
    response = client.post(comment_url(discussion), {"body": "Samaa mieltä.", "parent": top.pk})
    assert response.status_code == 302
    reply = Comment.objects.get(parent=top)
    assert reply.discussion == discussion
    notice = Notification.objects.get(recipient=world["author"])
    assert discussion.title in str(notice.message) and notice.url.endswith(f"#comment-{reply.pk}")


def test_a_reply_to_a_comment_elsewhere_is_refused(client, discussion):
    elsewhere = CommentFactory()  # on an idea
    client.force_login(UserFactory())
    response = client.post(comment_url(discussion), {"body": "Vastaus", "parent": elsewhere.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Comment.objects.count() == 1


def test_an_error_keeps_what_was_typed(client, discussion):
    client.force_login(UserFactory())
    too_long = "Pitkä kommentti " + "x" * COMMENT_MAX_LENGTH
    response = client.post(comment_url(discussion), {"body": too_long})
    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert too_long in response.content.decode()
    assert not Comment.objects.exists()


def test_personal_details_are_asked_about_first_and_then_posted(client, discussion):
    client.force_login(UserFactory())
    asked = client.post(comment_url(discussion), {"body": PHONE_BODY})
    content = asked.content.decode()
    assert asked.status_code == 200
    assert QUESTION in content and CHECKBOX in content
    assert PHONE_BODY + "</textarea>" in content
    assert not Comment.objects.exists()
    confirmed = client.post(comment_url(discussion), {"body": PHONE_BODY, "confirm_personal": "on"})
    assert confirmed.status_code == 302
    assert Comment.objects.get().shared_despite_warning is True


def test_the_form_has_the_same_rate_limit_as_the_socket(client, discussion, settings):
    settings.LIVE_COMMENT_RATE = 2
    settings.LIVE_COMMENT_WINDOW = 60
    client.force_login(UserFactory())
    for n in range(2):
        assert client.post(comment_url(discussion), {"body": f"Kommentti {n}"}).status_code == 302
    response = client.post(comment_url(discussion), {"body": "Kolmas liian nopeasti"})
    assert response.status_code == 200
    assert "Kolmas liian nopeasti" in response.content.decode()
    assert response.context["form"].non_field_errors()
    assert discussion.comments.count() == 2


def test_with_htmx_the_thread_comes_back_with_the_new_comment(client, discussion):
    client.force_login(UserFactory())
    response = client.post(comment_url(discussion), {"body": "Livenä htmx:llä"}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="comments"' in content and "Livenä htmx:llä" in content
    # Only the thread: the live client's script is on the page once, outside it.
    assert "live-thread.js" not in content


def test_a_closed_discussion_says_so_and_saves_nothing(client, wagtail_page, region):
    discussion = sync_page_discussion(wagtail_page, region=region, is_public=True, is_open=False)
    client.force_login(UserFactory())
    response = client.post(comment_url(discussion), {"body": "Myöhässä"})
    assert response.status_code == 403
    assert "Comments on this page are closed" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_discussion_that_is_not_public_is_not_found(client, wagtail_page, region):
    discussion = sync_page_discussion(wagtail_page, region=region, is_public=False)
    client.force_login(UserFactory())
    assert client.post(comment_url(discussion), {"body": "Hei"}).status_code == 404
    assert client.get(english("ideas:discussion_live", discussion.pk)).status_code == 404


def test_editing_and_removing_ones_comment_go_back_to_the_page(client, discussion, world):
    comment = comment_in(discussion, world["author"])
    client.force_login(world["author"])
    edit = english("ideas:comment_edit", comment.pk)
    page = client.get(edit).content.decode()
    assert f'href="{discussion.url}"' in page and discussion.title in page
    assert client.post(edit, {"body": "Korjattu"}).url == f"{discussion.url}#comment-{comment.pk}"
    remove = english("ideas:comment_remove", comment.pk)
    assert client.post(remove).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Korjattu" and comment.deleted_at is not None


# --- Catch-up over HTTP -----------------------------------------------------------------------


def test_the_catch_up_returns_what_came_after_the_last_id(client, discussion, world):
    first, second, third = (comment_in(discussion, world["author"], f"nro {n}") for n in range(3))
    CommentFactory()  # another thread's
    response = client.get(english("ideas:discussion_live", discussion.pk), {"after": first.pk})
    data = response.json()
    assert [frame["comment"]["id"] for frame in data["frames"]] == [second.pk, third.pk]
    assert data["frames"][0]["comment"]["discussion"] == discussion.pk
    assert data["last_id"] == third.pk
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_the_catch_up_of_a_page_no_longer_public_is_for_its_moderators(
    client, wagtail_page, region, world
):
    discussion = sync_page_discussion(wagtail_page, region=region, is_public=False)
    url = english("ideas:discussion_live", discussion.pk)
    assert client.get(url).status_code == 404
    client.force_login(world["region_staff"])
    assert client.get(url).status_code == 200
    assert client.get(url, {"after": "x"}).status_code == 400


# --- The include cms draws ------------------------------------------------------------------


def request_for(user):
    request = RequestFactory().get("/fi/kokeilu/")
    request.user = user
    return request


def draw(page, user):
    request = request_for(user)
    context = discussion_context(request, page)
    return render_to_string("ideas/includes/page_discussion.html", context, request=request)


def test_the_include_draws_the_thread_with_placeholders_and_the_live_hooks(
    discussion, wagtail_page, world
):
    comment_in(discussion, world["author"], "Näkyvä kommentti")
    hidden = comment_in(discussion, world["author"], "Piilotettu teksti")
    services.hide(world["administrator"], hidden, reason="Asiaton")
    comment_in(discussion, world["author"], "Poistettu teksti", deleted_at=timezone.now())
    with translation.override("en"):
        html = draw(wagtail_page, world["anonymous"])
    assert "Näkyvä kommentti" in html
    assert "Piilotettu teksti" not in html and "Comment hidden by moderation." in html
    assert "Poistettu teksti" not in html and "Comment removed by its author." in html
    assert f'data-ws-path="/ws/discussions/{discussion.pk}/"' in html
    assert f'data-catch-up-url="{english("ideas:discussion_live", discussion.pk)}"' in html
    assert "live/live-thread.js" in html
    assert "Log in to comment." in html and "<form" not in html


def test_the_include_offers_the_form_and_moderation_to_those_who_may(
    discussion, wagtail_page, world
):
    comment = comment_in(discussion, world["author"])
    with translation.override("en"):
        signed_in = draw(wagtail_page, world["client"])
        staff = draw(wagtail_page, world["region_staff"])
    action = english("ideas:discussion_comment", discussion.pk)
    assert f'action="{action}"' in signed_in
    assert f"{action}?parent={comment.pk}" in signed_in  # reply
    moderate = english("ideas:moderate", "comment", comment.pk)
    assert moderate not in signed_in and moderate in staff


def test_a_page_without_a_discussion_says_comments_open_when_it_is_published(wagtail_page, world):
    with translation.override("en"):
        html = draw(wagtail_page, world["client"])
    assert "Comments open when the page is published." in html


def test_a_discussion_one_may_not_see_is_not_drawn(wagtail_page, region, world):
    sync_page_discussion(wagtail_page, region=region, is_public=False)
    assert discussion_context(request_for(world["client"]), wagtail_page) == {
        "page_discussion": None
    }
    assert draw(wagtail_page, world["client"]).strip() == ""
    assert 'id="comments"' in draw(wagtail_page, world["region_staff"])


def count_queries(page, user):
    with CaptureQueriesContext(connection) as queries:
        html = draw(page, user)
    return len(queries), html


# Finding the discussion, the thread and its replies, where the live thread resumes, and,
# for the region's staff, whether they serve the region (once, whatever the size).
DISCUSSION_QUERIES = 5


@pytest.mark.parametrize("size", [1, 30])
def test_the_include_costs_the_same_queries_for_1_comment_as_for_30(
    demo_pages, region, world, size
):
    discussion = page_discussion(region)
    authors = [world["author"], world["client"], UserFactory(expert=True)]
    for n in range(size):
        top = comment_in(discussion, authors[n % 3], f"Kommentti {n}")
        if n % 2:
            comment_in(discussion, authors[(n + 1) % 3], f"Vastaus {n}", parent=top)
        if n % 5 == 4:
            Comment.objects.filter(pk=top.pk).update(hidden_at=timezone.now())
    queries, html = count_queries(discussion.page, world["region_staff"])
    assert html.count('class="comment') >= size
    assert queries == DISCUSSION_QUERIES


# --- The moderation queue ---------------------------------------------------------------------


def test_the_regions_staff_see_reported_and_hidden_comments_of_its_pages(client, discussion, world):
    reported = comment_in(discussion, world["author"], "Loukkaava kommentti")
    FlagFactory(idea=None, comment=reported, reporter=world["client"], reason="Asiaton")
    hidden = comment_in(discussion, world["author"], "Jo piilotettu")
    services.hide(world["administrator"], hidden, reason="Henkilötietoja")
    url = english("ideas:moderation_queue")

    client.force_login(world["region_staff"])
    page = client.get(url).content.decode()
    assert "Loukkaava kommentti" in page and "Jo piilotettu" in page
    assert f'href="{discussion.url}#comment-{reported.pk}"' in page
    assert f'href="{discussion.url}#comment-{hidden.pk}"' in page
    assert discussion.title in page

    client.force_login(world["other_staff"])
    assert client.get(url).status_code == 404  # moderates nothing


def test_the_regions_staff_hide_a_comment_and_its_author_is_told(client, discussion, world):
    comment = comment_in(discussion, world["author"], "Loukkaava kommentti")
    url = english("ideas:moderate", "comment", comment.pk)
    client.force_login(world["other_staff"])
    assert client.post(url, {"action": "hide", "reason": "Asiaton"}).status_code == 404
    client.force_login(world["region_staff"])
    response = client.post(url, {"action": "hide", "reason": "Asiaton"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    notice = Notification.objects.get(recipient=world["author"])
    assert discussion.title in str(notice.message) and "Asiaton" in str(notice.message)
    assert notice.url == f"{discussion.url}#comment-{comment.pk}"


def test_anyone_signed_in_reports_a_comment_on_a_page(client, discussion, world):
    comment = comment_in(discussion, world["author"])
    client.force_login(world["client"])
    url = english("ideas:flag", "comment", comment.pk)
    assert discussion.title in client.get(url).content.decode()
    response = client.post(url, {"reason": "Asiaton"})
    assert response.url == f"{discussion.url}#comment-{comment.pk}"
    assert comment.flags.open().count() == 1


# --- A person's data: export and erasure -----------------------------------------------------


def sections_of(person):
    return {section.key: section for section in idea_sections(sender=None, person=person)}


def test_the_export_names_the_page_of_each_comment(discussion, world):
    idea_comment = CommentFactory(author=world["author"], body="Idean kommentti")
    page_comment = comment_in(discussion, world["author"], "Sivun kommentti")
    FlagFactory(
        idea=None, comment=comment_in(discussion, world["client"]), reporter=world["author"]
    )
    services.hide(world["region_staff"], page_comment, reason="Asiaton")

    rows = {row["body"]: row for row in sections_of(world["author"])["comments"].rows}
    on_page = rows["Sivun kommentti"]
    assert on_page["idea_id"] is None and on_page["idea_title"] == ""
    assert on_page["page_title"] == discussion.title
    assert on_page["page_url"].endswith(discussion.url) and on_page["page_url"].startswith("http")
    assert on_page["hidden_reason"] == "Asiaton"
    assert rows["Idean kommentti"]["idea_id"] == idea_comment.idea_id
    assert rows["Idean kommentti"]["page_title"] == ""

    (flag,) = sections_of(world["author"])["flags"].rows
    assert flag["target"] == "comment" and flag["page_title"] == discussion.title
    (moderated,) = sections_of(world["region_staff"])["idea_staff_work"].rows
    assert moderated["action"] == "moderated_hide" and moderated["page_title"] == discussion.title


def test_erasure_with_remove_my_words_removes_comments_on_pages_too(discussion, world):
    mine = comment_in(discussion, world["author"], "Poistettava teksti")
    reply = comment_in(discussion, world["client"], "Vastaus jää", parent=mine)
    delete_account(world["author"], remove_words=True)
    mine.refresh_from_db()
    reply.refresh_from_db()
    assert mine.author is None and mine.body == "" and mine.deleted_at is not None
    assert reply.body == "Vastaus jää" and reply.parent_id == mine.pk


def test_erasure_without_it_keeps_the_comment_as_a_former_members(discussion, world):
    mine = comment_in(discussion, world["author"], "Jää näkyviin")
    delete_account(world["author"])
    mine.refresh_from_db()
    assert mine.author is None and mine.body == "Jää näkyviin" and mine.deleted_at is None


def test_a_discussion_region_of_its_own_is_independent_of_rounds(demo_pages, world):
    """Staff of a region with no idea rounds still moderate their pages' comments."""
    other = RegionFactory()
    staff = UserFactory(staff=True)
    other.officials.add(staff)
    discussion = page_discussion(other, slug="toinen", title="Toinen kokeilu")
    comment = comment_in(discussion, world["author"])
    assert rules.has_perm("ideas.moderate_comment", staff, comment)
    assert not rules.has_perm("ideas.moderate_comment", world["region_staff"], comment)
