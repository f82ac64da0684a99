"""Routes and walks in the Wagtail admin, scoped to the regions a staff member serves: another
region's rows are neither listed nor opened (404), and nobody deletes them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["walk_template_admin", "walk_admin"])
def test_staff_see_and_open_only_their_regions_rows(client, walk_world, name):
    row = walk_world.template if name == "walk_template_admin" else walk_world.walk
    label = walk_world.template.name if name == "walk_template_admin" else walk_world.walk.title
    edit = reverse(f"{name}:edit", args=[row.pk])
    client.force_login(walk_world.person("staff_same_region"))
    assert label in client.get(reverse(f"{name}:index")).content.decode()
    page = client.get(edit)
    assert page.status_code == 200
    if name == "walk_template_admin":
        # The aspects to observe at a place are checkboxes.
        assert 'type="checkbox"' in page.content.decode() and 'value="signage"' in (
            page.content.decode()
        )
    assert client.get(reverse(f"{name}:add")).status_code == 200
    assert client.get(reverse(f"{name}:delete", args=[row.pk])).status_code in (302, 403, 404)
    client.force_login(walk_world.person("staff_other_region"))
    assert label not in client.get(reverse(f"{name}:index")).content.decode()
    assert client.get(edit).status_code == 404
    for role in ("observer", "decision_maker"):
        client.force_login(walk_world.person(role))
        assert client.get(edit).status_code in (302, 403, 404)
