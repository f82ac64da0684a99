"""The HTTP catch-up endpoint that reconnecting and polling clients use."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas import services
from tests.factories import PanelFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db


def test_it_returns_what_came_after_the_last_id_in_order(client):
    idea = IdeaFactory()
    first, second, third = (CommentFactory(idea=idea, body=f"nro {n}") for n in range(3))
    response = client.get(reverse("ideas:idea_live", args=[idea.pk]), {"after": first.pk})
    assert response.status_code == 200
    data = response.json()
    assert [frame["comment"]["id"] for frame in data["frames"]] == [second.pk, third.pk]
    assert data["last_id"] == third.pk
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_it_returns_changes_since_a_time(client):
    idea = IdeaFactory()
    comment = CommentFactory(idea=idea)
    since = (timezone.now() - timedelta(seconds=1)).isoformat()
    services.hide(UserFactory(administrator=True), comment, reason="Asiaton")
    data = client.get(
        reverse("ideas:idea_live", args=[idea.pk]), {"after": comment.pk, "since": since}
    ).json()
    assert [(f["type"], f["comment"]["state"]) for f in data["frames"]] == [
        ("comment_changed", "hidden")
    ]


def test_a_thread_the_person_may_not_see_is_not_found(client):
    panel = PanelFactory()
    idea = IdeaFactory(round=IdeaRoundFactory(panel=panel, region=panel.region))
    assert client.get(reverse("ideas:idea_live", args=[idea.pk])).status_code == 404


@pytest.mark.parametrize("params", [{"after": "x"}, {"after": "-1"}, {"since": "eilen"}])
def test_bad_parameters_are_refused_with_a_reason(client, params):
    idea = IdeaFactory()
    response = client.get(reverse("ideas:idea_live", args=[idea.pk]), params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_comment_form_has_the_same_rate_limit_as_the_socket(client, settings):
    settings.LIVE_COMMENT_RATE = 2
    settings.LIVE_COMMENT_WINDOW = 60
    idea = IdeaFactory(round=IdeaRoundFactory(phase="development"))
    client.force_login(UserFactory())
    url = reverse("ideas:comment_create", args=[idea.pk])
    for n in range(2):
        assert client.post(url, {"body": f"Kommentti {n}"}).status_code == 302
    response = client.post(url, {"body": "Kolmas liian nopeasti"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kolmas liian nopeasti" in page  # what was typed is kept
    assert response.context["form"].non_field_errors()
    assert idea.comments.count() == 2
