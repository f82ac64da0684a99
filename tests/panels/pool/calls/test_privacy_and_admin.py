"""What a person's data export holds of calls, what deleting an account does to their
sign-ups, and calls in the Wagtail admin scoped to the staff member's regions."""

import pytest
from django.urls import reverse

from accounts.privacy.erasure import delete_account
from accounts.privacy.export import collect_sections
from panels.pool.calls import services
from panels.pool.calls.admin import call_edit_handler
from panels.pool.calls.models import Call, CallSignup
from tests.factories import UserFactory

from .conftest import add_member

pytestmark = pytest.mark.django_db


def sections_of(person):
    return {section.key: section for section in collect_sections(person)}


def test_the_export_holds_the_persons_signups(call_world):
    member = call_world.person("member")
    signup = services.sign_up(call_world.call, member, message="Käytän kyytejä.")
    services.confirm(call_world.call, call_world.person("staff_same_region"), signup)
    rows = sections_of(member)["pool_call_signups"].rows
    assert rows == [
        {
            "call": call_world.call.title,
            "pool": call_world.pool.name,
            "status": "confirmed",
            "message": "Käytän kyytejä.",
            "created_at": rows[0]["created_at"],
            "decided_at": rows[0]["decided_at"],
        }
    ]
    assert rows[0]["decided_at"] is not None
    assert sections_of(call_world.person("other_member"))["pool_call_signups"].rows == []


def test_erasure_deletes_the_signups_and_keeps_the_call(call_world):
    member, staff = call_world.person("member"), call_world.person("staff_same_region")
    services.sign_up(call_world.call, member)
    services.sign_up(call_world.call, call_world.person("expert_member"))
    delete_account(member)
    assert list(CallSignup.objects.values_list("person__display_name", flat=True)) == [
        "Kokenut kulkija"
    ]
    delete_account(staff)
    call = Call.objects.get(pk=call_world.call.pk)
    assert call.created_by is None


def test_staff_see_and_open_only_their_regions_calls(client, call_world):
    call = call_world.call
    edit = reverse("pool_call_admin:edit", args=[call.pk])
    client.force_login(call_world.person("staff_same_region"))
    assert call.title in client.get(reverse("pool_call_admin:index")).content.decode()
    page = client.get(edit)
    assert page.status_code == 200
    assert 'value="sv"' in page.content.decode()  # the languages are checkboxes
    assert client.get(reverse("pool_call_admin:add")).status_code == 200
    assert client.get(reverse("pool_call_admin:delete", args=[call.pk])).status_code in (
        302,
        403,
        404,
    )
    client.force_login(call_world.person("staff_other_region"))
    assert call.title not in client.get(reverse("pool_call_admin:index")).content.decode()
    assert client.get(edit).status_code == 404
    for role in ("member", "decision_maker"):
        client.force_login(call_world.person(role))
        assert client.get(edit).status_code in (302, 403, 404)
    client.force_login(call_world.person("administrator"))
    assert client.get(edit).status_code == 200


def _admin_form(call, user, **changes):
    """The admin's edit form for ``call`` as ``user`` would send it, with ``changes``."""
    data = {
        "pool": call.pool_id,
        "title": call.title,
        "task": call.task,
        "places": call.places,
        "starts_on": call.starts_on.isoformat(),
        "ends_on": call.ends_on.isoformat(),
        "signup_deadline": call.signup_deadline.isoformat(),
        "compensation": call.compensation,
        "compensation_details": call.compensation_details,
        "municipalities": [m.pk for m in call.municipalities.all()],
        "client_groups": [g.pk for g in call.client_groups.all()],
        "languages": list(call.languages or []),
        **changes,
    }
    form_class = call_edit_handler.bind_to_model(Call).get_form_class()
    return form_class(data, instance=call, for_user=user)


def test_a_published_call_keeps_whom_it_is_for_and_its_confirmed_places(call_world):
    call, staff = call_world.call, call_world.person("staff_same_region")
    for number in range(2):
        person = UserFactory(display_name=f"Kulkija {number}")
        add_member(call_world.pool, person, answers=["kuljetuspalvelu"])
        services.confirm(call, staff, services.sign_up(call, person))
    assert _admin_form(call, staff, title="Uusi otsikko").is_valid()
    too_few = _admin_form(call, staff, places=1)
    assert not too_few.is_valid() and "places" in too_few.errors
    assert _admin_form(call, staff, places=2).is_valid()
    other_language = _admin_form(call, staff, languages=["sv"])
    assert not other_language.is_valid() and "languages" in other_language.errors
    late = _admin_form(call, staff, signup_deadline=call.ends_on.isoformat())
    assert not late.is_valid() and "signup_deadline" in late.errors
