"""The services: one transaction each, the rules enforced, announcements after commit."""

import uuid

import pytest
from django.db import transaction

from ideas import services, signals
from ideas.models import Flag, Idea, ModerationAction, Phase, Support
from live.models import ModerationKind
from tests.factories import RegionFactory, UserFactory

from .factories import CommentFactory, IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(region):
    return IdeaRoundFactory(region=region, phase=Phase.IDEATION, themes=["Asuminen"])


def test_post_idea_keeps_only_offered_themes_and_posts_once_per_token(round_):
    from taggit.models import Tag

    author = UserFactory()
    offered = round_.themes.get()
    stray = Tag.objects.create(name="Muu")
    token = uuid.uuid4()
    first = services.post_idea(
        author, round_, title="Asunto ensin", body="…", themes=[offered, stray], token=token
    )
    again = services.post_idea(author, round_, title="Asunto ensin", body="…", token=token)
    assert first == again and Idea.objects.count() == 1
    assert list(first.themes.all()) == [offered]


@pytest.mark.parametrize("phase", [Phase.UPCOMING, Phase.DEVELOPMENT, Phase.CLOSED])
def test_nobody_posts_outside_ideation_not_even_an_administrator(region, phase):
    round_ = IdeaRoundFactory(region=region, phase=phase)
    with pytest.raises(services.NotAllowed):
        services.post_idea(UserFactory(administrator=True), round_, title="Myöhässä", body="x")


def test_toggle_support_counts_a_person_once(round_):
    idea = IdeaFactory(round=round_)
    person = UserFactory()
    assert services.toggle_support(person, idea, supported=True) is True
    assert services.toggle_support(person, idea, supported=True) is True
    assert Support.objects.count() == 1
    assert services.toggle_support(person, idea) is False
    assert services.toggle_support(person, idea) is True
    assert Support.objects.count() == 1


def test_comment_is_announced_only_after_commit(round_, django_capture_on_commit_callbacks):
    idea = IdeaFactory(round=round_)
    heard = []

    def listener(sender, comment, **kwargs):
        heard.append(comment)

    signals.comment_posted.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            comment = services.post_comment(UserFactory(), idea, body="Hyvä")
            assert heard == []
        assert heard == [comment]

        heard.clear()
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            services.post_comment(UserFactory(), idea, body="Peruttu")
            raise RuntimeError
        assert heard == [] and callbacks == []
    finally:
        signals.comment_posted.disconnect(listener)


def test_a_reply_to_a_reply_joins_the_top_level_thread(round_):
    idea = IdeaFactory(round=round_)
    top = CommentFactory(idea=idea)
    reply = CommentFactory(idea=idea, parent=top)
    deeper = services.post_comment(UserFactory(), idea, body="Kolmas", parent=reply)
    assert deeper.parent == top


def test_no_comment_on_a_hidden_idea_even_by_its_author(round_):
    author = UserFactory()
    idea = IdeaFactory(round=round_, author=author, hidden_at=round_.ideation_starts)
    with pytest.raises(services.NotAllowed):
        services.post_comment(author, idea, body="Vielä")


def test_flagging_twice_while_open_keeps_one_report(round_):
    comment = CommentFactory(idea=IdeaFactory(round=round_))
    reporter = UserFactory()
    first = services.flag(reporter, comment, reason="Loukkaava")
    assert services.flag(reporter, comment, reason="Taas") == first
    assert Flag.objects.count() == 1


def test_one_cannot_flag_ones_own_idea(round_):
    author = UserFactory()
    with pytest.raises(services.NotAllowed):
        services.flag(author, IdeaFactory(round=round_, author=author), reason="x")


def test_hide_records_resolves_flags_and_tells_the_author(round_, region_staff):
    author = UserFactory()
    idea = IdeaFactory(round=round_, author=author, title="Huono idea")
    services.flag(UserFactory(), idea, reason="Roskapostia")
    services.hide(region_staff, idea, reason="Mainontaa")
    idea.refresh_from_db()
    assert idea.hidden_at and idea.hidden_reason == "Mainontaa"
    assert not Flag.objects.open().exists()
    action = ModerationAction.objects.get()
    assert (action.kind, action.moderator, action.idea) == (ModerationKind.HIDE, region_staff, idea)
    notice = author.notifications.get()
    assert "Huono idea" in notice.message and "Mainontaa" in notice.message
    assert notice.url == idea.get_absolute_url()

    services.restore(region_staff, idea, reason="Virhe")
    idea.refresh_from_db()
    assert idea.hidden_at is None and idea.hidden_reason == ""
    assert author.notifications.count() == 2
    assert ModerationAction.objects.count() == 2


def test_dismissing_reports_keeps_content_and_records_it(round_, region_staff):
    comment = CommentFactory(idea=IdeaFactory(round=round_))
    services.flag(UserFactory(), comment, reason="En pidä")
    services.dismiss_flags(region_staff, comment, reason="Asiallinen kommentti")
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert not Flag.objects.open().exists()
    assert ModerationAction.objects.get().kind == ModerationKind.DISMISS


def test_only_staff_of_the_region_moderate(round_):
    comment = CommentFactory(idea=IdeaFactory(round=round_))
    other_staff = UserFactory(staff=True)
    RegionFactory().officials.add(other_staff)
    decision_maker = UserFactory(decision_maker=True)
    round_.region.officials.add(decision_maker)
    for person in (other_staff, decision_maker, UserFactory()):
        with pytest.raises(services.NotAllowed):
            services.hide(person, comment, reason="x")
    assert not ModerationAction.objects.exists()


def test_deleted_author_is_shown_as_a_former_member(client, round_):
    author = UserFactory(display_name="Poistuva")
    idea = IdeaFactory(round=round_, author=author)
    CommentFactory(idea=idea, author=author, body="Jäljelle jäävä")
    author.delete()
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "Poistuva" not in content and "Jäljelle jäävä" in content
    assert "entinen jäsen" in content


def test_the_author_is_told_in_their_own_language(round_, region_staff):
    author = UserFactory(language="sv")
    comment = CommentFactory(idea=IdeaFactory(round=round_, title="Idé"), author=author)
    services.hide(region_staff, comment, reason="Spam")
    notice = author.notifications.get()
    assert notice.message == "Din kommentar på ”Idé” doldes av modereringen. Motivering: Spam"
    assert notice.kind == "moderation"
