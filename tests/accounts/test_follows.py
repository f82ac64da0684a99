"""Following a round, an idea, a panel (or a page): the one button, "my follows", and who is
told what, only while they may still see it."""

from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.follows import registry
from accounts.follows.services import (
    follow,
    followers_of,
    followers_who_may_see,
    following_ids,
    is_following,
    tell_followers,
    unfollow,
)
from accounts.models import Delivery, Follow, Notification, NotificationPreference
from accounts.notifications import registered_kinds
from accounts.permissions import NotAllowed
from accounts.privacy.deletion import delete_account
from accounts.privacy.export import build_zip
from accounts.tasks import digest_notices
from ideas import services as ideas
from ideas.feedback import services as feedback
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Idea, IdeaRound, Phase
from panels.meetings import services as meetings
from panels.models import MembershipStatus
from panels.services import FOLLOWED_PANEL
from tests.accounts.data_export_world import read_zip
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory, SupportFactory
from tests.panels.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def follow_url(obj, action="follow"):
    return url(action, registry.followable(obj).key, obj.pk)


def notices(person, kind=None):
    found = Notification.objects.filter(recipient=person)
    return list(found.filter(kind=kind) if kind else found)


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def round_(region):
    return IdeaRoundFactory(region=region, phase=Phase.IDEATION, title="Avoin kierros")


@pytest.fixture
def panel_round(region):
    """A panel's own round, with one member."""
    panel = PanelFactory(region=region)
    member = MembershipFactory(panel=panel).person
    round_ = IdeaRoundFactory(region=region, panel=panel, phase=Phase.IDEATION, title="Raadin")
    return round_, member


@pytest.fixture
def region_staff(region):
    person = UserFactory(staff=True)
    region.officials.add(person)
    return person


def leave(panel, person):
    panel.memberships.filter(person=person).update(status=MembershipStatus.LEFT)


# --- Following and unfollowing ----------------------------------------------------------------


def test_follow_and_unfollow_are_posts_that_keep_the_person_on_the_page(client, round_):
    person = UserFactory()
    client.force_login(person)
    page = round_.get_absolute_url()
    assert client.get(follow_url(round_)).status_code == 405
    for _twice in range(2):
        response = client.post(follow_url(round_), {"next": page})
        assert response.status_code == 302 and response["Location"] == page
    assert Follow.objects.filter(person=person).count() == 1
    assert is_following(person, round_)
    for _twice in range(2):
        response = client.post(follow_url(round_, "unfollow"), {"next": page})
        assert response.status_code == 302 and response["Location"] == page
    assert not Follow.objects.exists()


def test_a_next_address_elsewhere_is_not_followed(client, round_):
    client.force_login(UserFactory())
    response = client.post(follow_url(round_), {"next": "https://evil.example/"})
    assert response["Location"] == url("my_follows")


def test_visitors_are_sent_to_log_in_and_back_to_the_page(client, round_):
    page = round_.get_absolute_url()
    response = client.post(follow_url(round_), {"next": page})
    assert response.status_code == 302
    login, _mark, query = response["Location"].partition("?")
    assert login == url("account_login")
    assert parse_qs(query)["next"] == [page]
    assert not Follow.objects.exists()
    assert client.get(url("my_follows")).status_code == 302


def test_what_a_person_may_not_see_cannot_be_followed_and_does_not_exist(
    client, region, panel_round
):
    round_, member = panel_round
    hidden = IdeaFactory(round=IdeaRoundFactory(region=region), hidden_at=timezone.now())
    outsider = UserFactory()
    client.force_login(outsider)
    for obj in (round_, hidden):
        assert client.post(follow_url(obj)).status_code == 404
        with pytest.raises(NotAllowed):
            follow(outsider, obj)
    assert client.post(url("follow", "ideas.idea", 999999)).status_code == 404
    assert client.post(url("follow", "accounts.user", member.pk)).status_code == 404
    assert not Follow.objects.exists()
    # Those who may see them may follow them: the member the round, the author the idea.
    follow(member, round_)
    follow(hidden.author, hidden)
    assert Follow.objects.count() == 2


def test_the_button_says_what_it_does_on_each_page(client, round_, region):
    idea = IdeaFactory(round=round_)
    panel = PanelFactory(region=region)
    person = UserFactory()
    for obj in (round_, idea, panel):
        page_url = registry.url_of(obj, "en")
        client.logout()
        page = client.get(page_url).content.decode()
        assert "Log in to follow" in page and follow_url(obj) not in page
        client.force_login(person)
        page = client.get(page_url).content.decode()
        assert f'action="{follow_url(obj)}"' in page and ">Follow<" in page
        follow(person, obj)
        page = client.get(page_url).content.decode()
        assert f'action="{follow_url(obj, "unfollow")}"' in page and ">Unfollow" in page


def test_one_query_says_which_of_a_list_a_person_follows(rf, round_):
    person = UserFactory()
    rounds = [round_, *(IdeaRoundFactory(region=round_.region) for _ in range(4))]
    for followed in rounds[::2]:
        follow(person, followed)
    assert following_ids(person, rounds) == {r.pk for r in rounds[::2]}
    request = rf.get("/rounds/")
    request.user = person
    template = Template(
        "{% load accounts_tags %}{% followed_ids request.user rounds as followed %}"
        "{% for r in rounds %}{% follow_button r followed=followed %}{% endfor %}"
    )
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"request": request, "rounds": rounds}))
    assert len(queries) == 1
    assert html.count("/unfollow/") == 3 and html.count("/follow/") == 2


# --- My follows ---------------------------------------------------------------------------


def test_my_follows_lists_each_kind_with_links_and_unfollow_buttons(client, round_, region):
    person = UserFactory()
    idea = IdeaFactory(round=round_, title="Selkokieliset kirjeet")
    panel = PanelFactory(region=region, name="Rovaniemen raati")
    for obj in (round_, idea, panel):
        follow(person, obj)
    client.force_login(person)
    page = client.get(url("my_follows")).content.decode()
    for heading in ("Idea rounds", "Ideas", "Panels"):
        assert f">{heading}</h2>" in page
    titles = {round_: "Avoin kierros", idea: "Selkokieliset kirjeet", panel: "Rovaniemen raati"}
    for obj, title in titles.items():
        assert f'<a href="{registry.url_of(obj, "en")}">{title}</a>' in page
        assert f'action="{follow_url(obj, "unfollow")}"' in page


def test_what_is_no_longer_visible_shows_no_title_only_unfollow(client, panel_round):
    round_, member = panel_round
    follow(member, round_)
    leave(round_.panel, member)
    client.force_login(member)
    page = client.get(url("my_follows")).content.decode()
    assert "Raadin" not in page and round_.slug not in page
    assert "No longer available to you" in page
    client.post(follow_url(round_, "unfollow"))
    assert not Follow.objects.exists()


def test_my_follows_costs_the_same_queries_for_1_or_30_of_each_kind(client, region):
    person = UserFactory()
    client.force_login(person)

    def follow_more(count):
        for _n in range(count):
            round_ = IdeaRoundFactory(region=region)
            follow(person, round_)
            follow(person, IdeaFactory(round=round_))
            follow(person, PanelFactory(region=region))

    follow_more(1)
    client.get(url("my_follows"))  # warm up: the session, the content types
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("my_follows")).status_code == 200
    follow_more(29)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(url("my_follows"))
    assert response.content.decode().count('class="card"') == 90
    assert len(thirty) == len(one), [q["sql"] for q in thirty.captured_queries]


# --- A round's followers --------------------------------------------------------------------


def test_round_followers_hear_of_new_ideas_once_a_day_but_not_their_own(round_):
    follower, author = UserFactory(), UserFactory()
    follow(follower, round_)
    follow(author, round_)
    for n in range(3):
        ideas.post_idea(author, round_, title=f"Uusi idea {n}", body="Kuvaus.")
    [notice] = notices(follower)
    assert notice.kind == ideas.FOLLOWED_ROUND and "Avoin kierros" in notice.message
    assert notice.url == round_.get_absolute_url()
    assert notices(author) == []
    # A new day, a new notice.
    Follow.objects.update(last_told_at=timezone.now() - timedelta(days=1))
    ideas.post_idea(author, round_, title="Huomisen idea", body="Kuvaus.")
    assert len(notices(follower)) == 2


def test_round_notices_are_a_kind_of_their_own_that_can_go_in_the_digest(round_):
    kinds = {kind.name: kind for kind in registered_kinds()}
    assert kinds[ideas.FOLLOWED_ROUND].default == Delivery.IN_APP
    follower = UserFactory()
    NotificationPreference.objects.create(
        person=follower, kind=ideas.FOLLOWED_ROUND, delivery=Delivery.DIGEST
    )
    follow(follower, round_)
    ideas.post_idea(UserFactory(), round_, title="Idea digestiin", body="Kuvaus.")
    assert [n.kind for n in digest_notices(follower)] == [ideas.FOLLOWED_ROUND]


def test_someone_who_left_the_panel_hears_no_more_of_its_round(panel_round):
    round_, member = panel_round
    stays = MembershipFactory(panel=round_.panel).person
    follow(member, round_)
    follow(stays, round_)
    leave(round_.panel, member)
    round_ = IdeaRound.objects.get(pk=round_.pk)  # as the next request fetches it
    ideas.post_idea(stays, round_, title="Jäävän idea", body="Kuvaus.")
    assert notices(member) == [] and notices(stays) == []
    assert followers_who_may_see(round_) == [stays]
    assert set(followers_of(round_)) == {member, stays}


# --- An idea's followers ----------------------------------------------------------------------


@pytest.fixture
def idea(round_):
    return IdeaFactory(round=round_, title="Seurattu idea")


def test_idea_followers_hear_of_status_changes_and_responses_once(idea, region_staff):
    follower, supporter_too = UserFactory(), UserFactory()
    SupportFactory(idea=idea, person=supporter_too)
    for person in (follower, supporter_too, region_staff):
        follow(person, idea)
    feedback.change_status(
        region_staff, idea, IdeaStatus.UNDER_CONSIDERATION, explanation="Otetaan käsittelyyn."
    )
    feedback.publish_response(
        region_staff, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Selvitämme."
    )
    for person in (follower, supporter_too):
        assert [n.kind for n in notices(person)] == [feedback.FOLLOWED_IDEA] * 2
    assert notices(region_staff) == []


def test_idea_followers_hear_of_new_comments_once_a_day_but_not_of_their_own(idea):
    follower, commenter, replied_to = UserFactory(), UserFactory(), UserFactory()
    for person in (follower, commenter, replied_to):
        follow(person, idea)
    top = ideas.post_comment(replied_to, idea, body="Ensimmäinen kommentti")
    assert notices(replied_to) == [] and len(notices(commenter)) == 1
    # The next day.
    Notification.objects.all().delete()
    Follow.objects.update(last_told_at=timezone.now() - timedelta(days=1))
    ideas.post_comment(commenter, idea, body="Vastaus", parent=top)
    ideas.post_comment(commenter, idea, body="Toinen kommentti")
    [notice] = notices(follower)
    assert notice.kind == ideas.FOLLOWED_IDEA_COMMENTS and "Seurattu idea" in notice.message
    assert notice.url == idea.get_absolute_url()
    assert notices(commenter) == []
    # The person replied to hears of the reply as a reply, then of the other comment.
    kinds = [n.kind for n in reversed(notices(replied_to))]
    assert kinds == ["ideas.reply", ideas.FOLLOWED_IDEA_COMMENTS]


def test_an_idea_tells_nothing_more_to_followers_who_left_its_panel(panel_round, region_staff):
    round_, member = panel_round
    idea = IdeaFactory(round=round_)
    follow(member, idea)
    leave(round_.panel, member)
    idea = Idea.objects.get(pk=idea.pk)
    feedback.change_status(
        region_staff, idea, IdeaStatus.UNDER_CONSIDERATION, explanation="Käsittelyssä."
    )
    assert notices(member) == []


# --- A panel's followers ----------------------------------------------------------------------


def test_panel_followers_hear_of_meetings_and_of_minutes_they_may_read(region, region_staff):
    panel = PanelFactory(region=region, name="Rovaniemen raati")
    facilitator, outsider = UserFactory(), UserFactory()
    panel.facilitators.add(facilitator)
    member = MembershipFactory(panel=panel).person
    for person in (facilitator, outsider, member, region_staff):
        follow(person, panel)

    meetings.save_meeting(
        MeetingFactory.build(panel=panel, title="Syystapaaminen"),
        by=facilitator,
        publish_minutes=False,
    )
    for person in (outsider, member, region_staff):
        [notice] = notices(person)
        assert notice.kind == FOLLOWED_PANEL and "Syystapaaminen" in notice.message
    assert notices(facilitator) == []

    Notification.objects.all().delete()
    past = MeetingFactory(panel=panel, past=True, minutes="Muistio.", minutes_published_at=None)
    meetings.save_meeting(past, by=facilitator, publish_minutes=True)
    assert [n.kind for n in notices(region_staff)] == [FOLLOWED_PANEL]
    assert [n.kind for n in notices(member)] == ["panels.minutes_published"]
    assert notices(outsider) == [] and notices(facilitator) == []


def test_a_meeting_recorded_afterwards_is_no_news(region):
    panel = PanelFactory(region=region)
    follower = UserFactory()
    follow(follower, panel)
    old = MeetingFactory.build(panel=panel, starts_at=timezone.now() - timedelta(days=3))
    old.ends_at = old.starts_at + timedelta(hours=1)
    meetings.save_meeting(old, by=UserFactory(), publish_minutes=False)
    assert notices(follower) == []


# --- Personal data, deletion ----------------------------------------------------------------


def test_the_export_holds_a_persons_follows_without_others_words(round_, panel_round):
    person = UserFactory(language="en")
    idea = IdeaFactory(round=round_, title="Jonkun toisen sanat")
    own_round, member = panel_round
    follow(person, round_)
    follow(person, idea)
    data, readme, _page = read_zip(build_zip(person))
    rows = data["sections"]["follows"]
    assert sorted((r["kind"], r["url"]) for r in rows) == sorted(
        [
            ("ideas.idearound", registry.url_of(round_, "en")),
            ("ideas.idea", registry.url_of(idea, "en")),
        ]
    )
    assert "Jonkun toisen sanat" not in str(data)
    assert "followed_at" in readme
    # No longer visible: no link.
    follow(member, own_round)
    leave(own_round.panel, member)
    [row] = read_zip(build_zip(member))[0]["sections"]["follows"]
    assert row["url"] == ""


def test_deleting_the_account_or_the_followed_thing_deletes_the_follows(round_):
    person, other = UserFactory(), UserFactory()
    idea = IdeaFactory(round=round_)
    follow(person, round_)
    follow(other, idea)
    delete_account(person)
    assert list(Follow.objects.values_list("person", flat=True)) == [other.pk]
    idea.delete()
    assert not Follow.objects.exists()


def test_unfollowing_asks_nothing_of_the_thing(round_):
    person = UserFactory()
    follow(person, round_)
    unfollow(person, round_)
    assert not Follow.objects.exists()


# --- A Wagtail page (experiments are pages) --------------------------------------------------


@pytest.fixture
def followable_page():
    """A page class registered as followable, as cms will register its experiments."""
    from wagtail.models import Page, Site

    from cms.models import ContentPage

    saved = dict(registry._followables)
    registry.register_followable(ContentPage, visible_to=lambda user: ContentPage.objects.live())
    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(instance=ContentPage(title="Kokeilu: takaisinsoitto", slug="kokeilu"))
    yield page, Page.objects.get(pk=page.pk)
    registry._followables.clear()
    registry._followables.update(saved)


def test_a_page_is_followed_as_its_specific_class(client, followable_page):
    specific, base = followable_page
    person = UserFactory()
    follow(person, base)
    follow(person, specific)
    row = Follow.objects.get()
    assert row.content_type == ContentType.objects.get_for_model(type(specific))
    assert is_following(person, base) and is_following(person, specific)
    assert list(followers_of(base)) == list(followers_of(specific)) == [person]
    assert tell_followers(specific, kind="cms.followed_experiment", message="Uutta") == [person]
    assert notices(person)[0].url == specific.get_url()
    client.force_login(person)
    page = client.get(url("my_follows")).content.decode()
    assert "Kokeilu: takaisinsoitto" in page
