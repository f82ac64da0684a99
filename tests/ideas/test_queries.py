"""The round page and the idea page cost the same number of queries whatever their size."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag, TaggedItem

from ideas.feedback.models import (
    OfficialResponse,
    ResponseFeedback,
    ResponseVersion,
    StatusChange,
    Verdict,
)
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Comment, Idea, Phase, Support
from panels.models import Organisation
from tests.factories import MembershipFactory, PanelFactory, UserFactory

from .factories import IdeaFactory, IdeaRoundFactory

# Measured with the sizes below; the same for both sizes is the point of the test.
# Includes the response coverage, whether the viewer follows it, and the round's attachments
# (one query for all of them).
ROUND_PAGE_QUERIES = 14
# Includes where the live thread resumes from, and the responses, their versions, the viewer's
# own feedback, the status changes, the merged ideas, the experiments that grew from it and
# whether the viewer follows it.
IDEA_PAGE_QUERIES = 18


def many_ideas(round_, count, people):
    themes = [Tag.objects.get_or_create(name=name)[0] for name in ("Asuminen", "Työ", "Terveys")]
    round_.themes.add(*themes)
    ideas = Idea.objects.bulk_create(
        Idea(round=round_, author=people[i % len(people)], title=f"Idea {i}", body="Teksti")
        for i in range(count)
    )
    idea_type = ContentType.objects.get_for_model(Idea)
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=themes[i % 3], content_type=idea_type, object_id=idea.pk)
        for i, idea in enumerate(ideas)
    )
    Support.objects.bulk_create(
        Support(idea=idea, person=person) for idea in ideas[:50] for person in people
    )
    Comment.objects.bulk_create(Comment(idea=idea, author=people[0], body="Hyvä") for idea in ideas)
    return ideas


def many_comments(idea, count, people):
    top = Comment.objects.bulk_create(
        Comment(idea=idea, author=people[i % len(people)], body=f"Kommentti {i}")
        for i in range(count // 2)
    )
    Comment.objects.bulk_create(
        Comment(idea=idea, author=people[i % len(people)], body=f"Vastaus {i}", parent=parent)
        for i, parent in enumerate(top[: count - len(top)])
    )


def long_history(idea, count, official, people):
    """``count`` official responses, each edited twice and judged by everyone, and the status
    changes the first of them made."""
    change = StatusChange.objects.create(
        idea=idea,
        actor=official,
        actor_role=official.role,
        from_status=IdeaStatus.SUBMITTED,
        to_status=IdeaStatus.UNDER_CONSIDERATION,
        explanation="Otetaan käsittelyyn.",
    )
    # Given on behalf of an organisation (panels.places): shown without a query per response.
    organisation = Organisation.objects.create(
        region=idea.round.region, name="Lapin hyvinvointialue", kind="social_services"
    )
    responses = OfficialResponse.objects.bulk_create(
        OfficialResponse(
            idea=idea,
            responder=official,
            responder_role=official.role,
            on_behalf_of=organisation,
            decision=IdeaStatus.UNDER_CONSIDERATION,
            reasons=f"Vastaus {i}",
            status_change=change if i == 0 else None,
        )
        for i in range(count)
    )
    ResponseVersion.objects.bulk_create(
        ResponseVersion(response=response, replaced_by=official, reasons=f"Aiempi {n}")
        for response in responses
        for n in range(2)
    )
    ResponseFeedback.objects.bulk_create(
        ResponseFeedback(response=response, person=person, verdict=Verdict.PARTLY)
        for response in responses
        for person in people
    )
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.UNDER_CONSIDERATION)
    merged = Idea.objects.bulk_create(
        Idea(
            round=idea.round, author=people[2], title=f"Yhdistetty {i}", body="x", merged_into=idea
        )
        for i in range(count)
    )
    return responses, merged


@pytest.fixture
def panel_round(region):
    """A panel's round, so that membership and visibility are part of what is counted."""
    panel = PanelFactory(region=region)
    round_ = IdeaRoundFactory(region=region, panel=panel, phase=Phase.IDEATION)
    people = [UserFactory() for _ in range(4)]
    for person in people:
        MembershipFactory(panel=panel, person=person)
    return round_, people


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("size", [10, 500])
def test_round_page_queries_do_not_grow(client, panel_round, size, django_assert_num_queries):
    round_, people = panel_round
    many_ideas(round_, size, people)
    client.force_login(people[0])
    with django_assert_num_queries(ROUND_PAGE_QUERIES):
        response = client.get(round_.get_absolute_url() + "?sort=supported")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == size


@pytest.mark.django_db
@pytest.mark.parametrize("size", [10, 300])
def test_idea_page_queries_do_not_grow(client, panel_round, size, django_assert_num_queries):
    round_, people = panel_round
    idea = IdeaFactory(round=round_, author=people[1], themes=["Asuminen"])
    many_comments(idea, size, people)
    Comment.objects.filter(idea=idea, pk__in=Comment.objects.filter(idea=idea)[:5]).update(
        hidden_at=idea.created_at
    )
    Support.objects.create(idea=idea, person=people[0])
    official = UserFactory(decision_maker=True)
    round_.region.officials.add(official)
    long_history(idea, size // 10, official, people)
    client.force_login(people[0])
    with django_assert_num_queries(IDEA_PAGE_QUERIES):
        response = client.get(idea.get_absolute_url())
    assert response.status_code == 200
    shown = len(response.context["comments"]) + sum(
        len(c.replies.all()) for c in response.context["comments"]
    )
    assert shown == size
    assert len(response.context["impact"].responses) == size // 10
    assert response.content.decode().count("Lapin hyvinvointialue") == size // 10
    assert len(response.context["impact"].merged_ideas) == size // 10
