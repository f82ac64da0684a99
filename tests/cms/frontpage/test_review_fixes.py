"""Each idea once in "you said, we did"; removed words leave the cached copy at once."""

import pytest

from accounts.privacy.erasure import delete_account
from ideas.feedback.services import change_status, publish_response
from ideas.feedback.statuses import IdeaStatus
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def page(client):
    return client.get("/en/").content.decode()


def decisions(client):
    content = page(client)
    start = content.index('id="now-decisions"')
    return content[start : content.index("</section>", start)]


def test_an_implemented_idea_with_its_response_is_listed_once(client, world):
    idea = IdeaFactory(round=world["public_round"], title="Tehty idea")
    for status in (IdeaStatus.UNDER_CONSIDERATION, IdeaStatus.IN_DEVELOPMENT):
        change_status(world["decider"], idea, status, explanation="Eteni.")
    publish_response(world["decider"], idea, decision=IdeaStatus.IMPLEMENTED, reasons="Tehty.")
    listed = decisions(client)
    assert listed.count("Tehty idea") == 1
    assert "Yksi yhteinen suunnitelma" in listed  # the other implemented idea stays


def test_an_idea_answered_twice_is_listed_once_with_its_newest_decision(client, world):
    idea = IdeaFactory(round=world["public_round"], title="Kahdesti vastattu")
    publish_response(world["decider"], idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="a")
    publish_response(world["decider"], idea, decision=IdeaStatus.IN_DEVELOPMENT, reasons="b")
    listed = decisions(client)
    assert listed.count("Kahdesti vastattu") == 1
    assert "in development or piloting" in listed


def test_removed_words_leave_the_cached_copy(
    client, world, cached, make_user, django_capture_on_commit_callbacks
):
    author = make_user()
    idea = IdeaFactory(round=world["public_round"], author=author, title="Poistettava otsikko")
    publish_response(world["decider"], idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="x")
    assert "Poistettava otsikko" in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(author, remove_words=True)
    assert "Poistettava otsikko" not in page(client)
