"""The innoagent badge beside the role badge, on an idea page's comments: "innoagent II" for
a level II expert by experience, nothing for the untrained, and the page costs the same
number of queries with badges as without (the level is on the user row)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.qualifications import services
from accounts.roles import InnoagentLevel
from tests.factories import UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db


def page(client, idea):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en{idea.get_absolute_url().removeprefix('/en')}")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def badges(html):
    return html.count('class="badge badge--innoagent"')


def test_badges_beside_comments_cost_no_query(client):
    idea = IdeaFactory()
    experts = [UserFactory(expert=True, display_name=f"Kokemustoimija {n}") for n in range(6)]
    staff = UserFactory(staff=True, display_name="Innoagentti Seinäjoki")
    for person in [*experts, staff]:
        CommentFactory(idea=idea, author=person, body=f"{person.display_name} kommentoi")
    client.force_login(UserFactory())
    html, without = page(client, idea)
    assert badges(html) == 0

    for person in experts:
        services.grant(person, InnoagentLevel.LEVEL_II, date(2026, 2, 3), training_name="II")
    services.grant(staff, InnoagentLevel.LEVEL_I, date(2026, 1, 15), training_name="I")
    html, with_badges = page(client, idea)
    assert with_badges == without
    assert badges(html) == 7
    with translation.override("en"):
        assert html.count(">innoagent II</span>") == 6
        assert html.count(">innoagent I</span>") == 1
        assert 'title="innoagent level II"' in html
