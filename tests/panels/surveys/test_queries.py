"""The results page and the survey list cost the same queries for 10 or 10,000 responses."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.panels.surveys.bulk import add_responses, survey_for_panel

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["member", "staff"])
@pytest.mark.parametrize("page", ["results/", "list"])
def test_flat_query_count(client, django_assert_num_queries, viewer, page):
    survey, member = survey_for_panel()
    if viewer == "staff":
        from tests.factories import UserFactory

        member = UserFactory(staff=True)
        survey.region.officials.add(member)
    client.force_login(member)
    url = "/surveys/" if page == "list" else f"/surveys/{survey.pk}/results/"
    add_responses(survey, 10)
    with_ten = _count(client, url)
    add_responses(survey, 9990)
    with django_assert_num_queries(with_ten):
        response = client.get(url)
    assert response.status_code == 200
    if page != "list":
        assert "10000" in response.content.decode().replace("\xa0", "").replace(" ", "")
