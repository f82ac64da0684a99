import pytest
from django.urls import reverse

from ideas.models import Phase
from tests.factories import UserFactory

from .factories import CommentFactory, IdeaFactory, IdeaRoundFactory


@pytest.mark.django_db
def test_pages_render(client, region, region_staff):
    round_ = IdeaRoundFactory(region=region, themes=["Asuminen", "Työ"], phase=Phase.IDEATION)
    idea = IdeaFactory(round=round_, themes=["Asuminen"])
    top = CommentFactory(idea=idea)
    CommentFactory(idea=idea, parent=top)
    for url in [reverse("ideas:round_list"), round_.get_absolute_url(), idea.get_absolute_url()]:
        assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    for url in [
        reverse("ideas:round_list"),
        round_.get_absolute_url(),
        idea.get_absolute_url(),
        reverse("ideas:idea_create", args=[round_.slug]),
        reverse("ideas:flag", args=["idea", idea.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(region_staff)
    for url in [
        reverse("ideas:moderation_queue"),
        reverse("ideas:moderate", args=["comment", top.pk]),
        reverse("idea_rounds:index"),
    ]:
        response = client.get(url)
        assert response.status_code in (200, 302), url
