"""Pools and recruitment pages in the Wagtail admin, scoped to the regions a staff member
serves; a recruitment page's screening questions are edited on its own form."""

import pytest
from django.urls import reverse

from panels.pool.models import QuestionKind, Recruitment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["pool_admin", "recruitment_admin"])
def test_staff_see_and_open_only_their_regions_rows(client, pool_world, name):
    row = pool_world.pool if name == "pool_admin" else pool_world.recruitment
    label = str(row)
    edit = reverse(f"{name}:edit", args=[row.pk])
    client.force_login(pool_world.person("staff_same_region"))
    assert label in client.get(reverse(f"{name}:index")).content.decode()
    page = client.get(edit)
    assert page.status_code == 200
    if name == "recruitment_admin":
        assert "Mitä palveluja käytät?" in page.content.decode()
    assert client.get(reverse(f"{name}:add")).status_code == 200
    assert client.get(reverse(f"{name}:delete", args=[row.pk])).status_code in (302, 403, 404)
    client.force_login(pool_world.person("staff_other_region"))
    assert label not in client.get(reverse(f"{name}:index")).content.decode()
    assert client.get(edit).status_code == 404
    for role in ("client", "decision_maker"):
        client.force_login(pool_world.person(role))
        assert client.get(edit).status_code in (302, 403, 404)
    client.force_login(pool_world.person("administrator"))
    assert client.get(edit).status_code == 200


def _inline(prefix, index, **values):
    return {f"{prefix}-{index}-{key}": value for key, value in values.items()}


def test_staff_add_a_recruitment_page_with_questions(client, pool_world):
    client.force_login(pool_world.person("staff_same_region"))
    prefix = "questions"
    data = {
        "pool": pool_world.pool.pk,
        "panel": "",
        "title": "Uusi haku",
        "slug": "uusi-haku",
        "who_we_seek": "Nuoria aikuisia.",
        "what_it_means": "Kaksi tapaamista.",
        "compensation": "paid",
        "compensation_details": "Palkkio 50 €",
        "is_open": "on",
        "closes_on": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        **_inline(prefix, 0, position="0", text="Ikä?", kind="single", choices="alle 25\n25–30",
                  is_required="on", ORDER="1", DELETE=""),
        **_inline(prefix, 1, position="1", text="Kerro itsestäsi", kind="text", choices="",
                  ORDER="2", DELETE=""),
    }  # fmt: skip
    response = client.post(reverse("recruitment_admin:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    recruitment = Recruitment.objects.get(slug="uusi-haku")
    assert [(q.text, q.kind) for q in recruitment.questions.order_by("position")] == [
        ("Ikä?", QuestionKind.SINGLE),
        ("Kerro itsestäsi", QuestionKind.TEXT),
    ]

    # A choice question needs choices; a page is for a pool or a panel, not both or neither.
    data["slug"] = "toinen"
    data[f"{prefix}-0-choices"] = "vain yksi"
    assert client.post(reverse("recruitment_admin:add"), data).status_code == 200
    data[f"{prefix}-0-choices"] = "a\nb"
    data["pool"] = ""
    assert client.post(reverse("recruitment_admin:add"), data).status_code == 200
    assert not Recruitment.objects.filter(slug="toinen").exists()


def test_staff_cannot_attach_a_page_to_another_regions_pool(client, pool_world):
    from panels.pool.models import Pool

    other_pool = Pool.objects.create(region=pool_world.other_region, name="Lapin pooli", slug="lp")
    client.force_login(pool_world.person("staff_same_region"))
    response = client.post(
        reverse("recruitment_admin:add"),
        {
            "pool": other_pool.pk,
            "title": "Väärä",
            "slug": "vaara",
            "who_we_seek": "x",
            "what_it_means": "y",
            "compensation": "unpaid",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0",
            "questions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert not Recruitment.objects.filter(slug="vaara").exists()
