"""panels.pool.calls.services: who is told what, once and never the person acting; places
never over-filled, also when two staff confirm the last place at once; signing up and
withdrawing by the deadline; the way draft → open → closed → reported."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import Notification
from accounts.permissions import NotAllowed
from panels.pool.calls import services
from panels.pool.calls.models import CallSignup, CallStatus, SignupStatus
from panels.pool.models import PoolMemberStatus
from tests.factories import UserFactory

from .conftest import add_member, build_call_world

pytestmark = pytest.mark.django_db


def notices(kind, person=None):
    rows = Notification.objects.filter(kind=kind)
    if person is not None:
        rows = rows.filter(recipient=person)
    return rows


@pytest.fixture
def draft_world(db):
    return build_call_world(CallStatus.DRAFT)


def test_publishing_tells_the_members_it_is_for_once(draft_world):
    world, staff = draft_world, draft_world.person("staff_same_region")
    call, told = services.publish_call(world.call, staff)
    assert call.status == CallStatus.OPEN and call.published_at
    assert told == 2
    told_people = set(notices(services.CALL_PUBLISHED).values_list("recipient", flat=True))
    assert told_people == {world.person("member").pk, world.person("expert_member").pk}
    notice = notices(services.CALL_PUBLISHED, world.person("member")).get()
    assert notice.url == f"/panels/pools/{world.pool.slug}/calls/{call.pk}/"
    # Publishing again, or any later step, tells nobody of the call again.
    assert services.publish_call(call, staff) == (call, 0)
    assert notices(services.CALL_PUBLISHED).count() == 2


def test_publishing_never_tells_the_staff_member_who_publishes(draft_world):
    world = draft_world
    staff = world.person("staff_same_region")
    add_member(world.pool, staff, answers=["kuljetuspalvelu"])
    services.publish_call(world.call, staff)
    assert not notices(services.CALL_PUBLISHED, staff).exists()
    assert notices(services.CALL_PUBLISHED).count() == 2


def test_editing_a_draft_tells_nobody_and_a_published_call_is_not_edited(draft_world):
    world, staff = draft_world, draft_world.person("staff_same_region")
    services.edit_call(
        world.call, staff, fields={"title": "Uusi otsikko", "places": 4}, criteria={}
    )
    world.call.refresh_from_db()
    assert world.call.title == "Uusi otsikko" and world.call.places == 4
    assert not world.call.answer_criteria.exists()
    assert not Notification.objects.exists()
    services.publish_call(world.call, staff)
    # A page loaded while it was a draft: the locked row says no.
    with pytest.raises(ValidationError):
        services.edit_call(world.call, staff, fields={"title": "Taas"}, criteria={})
    world.call.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.edit_call(world.call, staff, fields={"title": "Taas"}, criteria={})


def test_a_deadline_in_the_past_is_not_published(draft_world):
    world = draft_world
    world.call.signup_deadline = timezone.localdate() - timedelta(days=1)
    world.call.save()
    with pytest.raises(ValidationError) as error:
        services.publish_call(world.call, world.person("staff_same_region"))
    assert "signup_deadline" in error.value.error_dict
    world.call.refresh_from_db()
    assert world.call.is_draft and not Notification.objects.exists()


@pytest.mark.parametrize(
    "role", ["decision_maker", "staff_other_region", "member", "outsider", "anonymous"]
)
def test_only_the_regions_staff_run_a_call(draft_world, role):
    world = draft_world
    person = world.person(role)
    for action in (
        lambda: services.publish_call(world.call, person),
        lambda: services.create_call(world.pool, person, fields={}, criteria={}),
        lambda: services.close_call(world.call, person),
        lambda: services.post_results(world.call, person, results="x"),
    ):
        with pytest.raises(NotAllowed):
            action()


def test_signing_up_and_withdrawing(call_world):
    member = call_world.person("member")
    signup = services.sign_up(call_world.call, member, message="  Käytän kyytejä viikoittain. ")
    assert signup.status == SignupStatus.SIGNED_UP
    assert signup.message == "Käytän kyytejä viikoittain."
    # Twice: the same row, the new message.
    again = services.sign_up(call_world.call, member, message="Toinen viesti")
    assert again.pk == signup.pk and CallSignup.objects.count() == 1
    services.withdraw(call_world.call, member)
    signup.refresh_from_db()
    assert signup.status == SignupStatus.WITHDRAWN
    # And back: the same row again.
    back = services.sign_up(call_world.call, member)
    assert back.pk == signup.pk and back.status == SignupStatus.SIGNED_UP


@pytest.mark.parametrize(
    "role",
    ["other_member", "paused_member", "left_member", "outsider", "staff_same_region"],
)
def test_those_it_is_not_for_cannot_sign_up(call_world, role):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.sign_up(call_world.call, call_world.person(role))
    assert "meet its criteria" in str(error.value)
    assert not CallSignup.objects.exists()


def test_no_signing_up_after_the_deadline_or_when_full_or_not_open(call_world):
    call, member = call_world.call, call_world.person("member")
    call.signup_deadline = timezone.localdate() - timedelta(days=1)
    call.save()
    with pytest.raises(ValidationError):
        services.sign_up(call, member)
    call.signup_deadline = timezone.localdate()  # the last day still counts
    call.places = 1
    call.save()
    other = services.sign_up(call, call_world.person("expert_member"))
    services.confirm(call, call_world.person("staff_same_region"), other)
    with pytest.raises(ValidationError) as error:
        services.sign_up(call, member)
    assert error.value.messages
    call_world.set_status(CallStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.sign_up(call, member)


def test_an_oversized_message_is_refused_with_a_reason(call_world):
    with pytest.raises(ValidationError) as error:
        services.sign_up(call_world.call, call_world.person("member"), message="x" * 1001)
    assert "message" in error.value.error_dict
    assert not CallSignup.objects.exists()


def test_withdrawing_after_the_deadline_is_refused(call_world):
    call, member = call_world.call, call_world.person("member")
    services.sign_up(call, member)
    call.signup_deadline = timezone.localdate() - timedelta(days=1)
    call.save()
    with pytest.raises(ValidationError):
        services.withdraw(call, member)


def many_signups(world, count):
    people = []
    for index in range(count):
        person = UserFactory(display_name=f"Kulkija {index}")
        add_member(world.pool, person, answers=["kuljetuspalvelu"])
        people.append(person)
    return [services.sign_up(world.call, person) for person in people]


def test_places_are_never_over_filled(call_world):
    staff = call_world.person("staff_same_region")
    signups = many_signups(call_world, 6)
    for signup in signups[:5]:
        services.confirm(call_world.call, staff, signup)
    with pytest.raises(ValidationError) as error:
        services.confirm(call_world.call, staff, signups[5])
    assert "5" in str(error.value)
    assert services.confirmed_count(call_world.call) == 5
    # A confirmed place given up frees it for someone else.
    services.release(call_world.call, staff, signups[0])
    services.confirm(call_world.call, staff, signups[5])
    assert services.confirmed_count(call_world.call) == 5


def test_confirming_locks_the_call_row_only(call_world):
    staff = call_world.person("staff_same_region")
    (signup,) = many_signups(call_world, 1)
    with CaptureQueriesContext(connection) as queries:
        services.confirm(call_world.call, staff, signup)
    if connection.features.has_select_for_update_of:
        locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
        assert locking and all("FOR UPDATE OF" in sql for sql in locking)


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_of_the_last_place_at_once():
    world = build_call_world()
    world.call.places = 1
    world.call.save()
    staff = [world.person("staff_same_region"), world.person("administrator")]
    signups = many_signups(world, 2)
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm(by, signup):
        try:
            barrier.wait(timeout=10)
            services.confirm(world.call, by, signup)
            outcomes.append("confirmed")
        except ValidationError:
            outcomes.append("full")
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=pair) for pair in zip(staff, signups, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["confirmed", "full"]
    assert CallSignup.objects.filter(status=SignupStatus.CONFIRMED).count() == 1


def test_closing_tells_everyone_still_signed_up_the_outcome_once(call_world):
    staff = call_world.person("staff_same_region")
    signups = many_signups(call_world, 3)
    withdrawn = services.sign_up(call_world.call, call_world.person("member"))
    services.withdraw(call_world.call, call_world.person("member"))
    services.confirm(call_world.call, staff, signups[0])
    services.close_call(call_world.call, staff)
    services.close_call(call_world.call, staff)  # again: nothing more
    statuses = dict(CallSignup.objects.values_list("pk", "status"))
    assert statuses == {
        signups[0].pk: SignupStatus.CONFIRMED,
        signups[1].pk: SignupStatus.NOT_SELECTED,
        signups[2].pk: SignupStatus.NOT_SELECTED,
        withdrawn.pk: SignupStatus.WITHDRAWN,
    }
    outcome = notices(services.CALL_OUTCOME)
    assert outcome.count() == 3
    assert {n.recipient_id for n in outcome} == {s.person_id for s in signups}
    confirmed_notice = outcome.get(recipient=signups[0].person)
    # Each is told in their own language (here Finnish, the default).
    assert confirmed_notice.message.startswith("Sait paikan kutsussa")
    assert not outcome.get(recipient=signups[1].person).message.startswith("Sait paikan")
    assert not notices(services.CALL_OUTCOME, call_world.person("member")).exists()
    # Nothing is confirmed once the places are settled.
    with pytest.raises(ValidationError):
        services.confirm(call_world.call, staff, signups[1])


def test_closing_never_tells_the_staff_member_who_closes(call_world):
    staff = call_world.person("staff_same_region")
    add_member(call_world.pool, staff, answers=["kuljetuspalvelu"])
    mine = services.sign_up(call_world.call, staff)
    services.confirm(call_world.call, staff, mine)
    services.close_call(call_world.call, staff)
    assert not notices(services.CALL_OUTCOME, staff).exists()


def test_results_tell_the_participants_once_and_never_the_actor(call_world):
    staff = call_world.person("staff_same_region")
    signups = many_signups(call_world, 3)
    add_member(call_world.pool, staff, answers=["kuljetuspalvelu"])
    own = services.sign_up(call_world.call, staff)
    for signup in (signups[0], signups[1], own):
        services.confirm(call_world.call, staff, signup)
    with pytest.raises(ValidationError):
        services.post_results(call_world.call, staff, results="Liian aikaisin")
    services.close_call(call_world.call, staff)
    with pytest.raises(ValidationError) as error:
        services.post_results(call_world.call, staff, results="   ")
    assert "results" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.post_results(call_world.call, staff, results="x" * 5001)
    call = services.post_results(call_world.call, staff, results="Tilausjärjestelmää korjattiin.")
    assert call.status == CallStatus.REPORTED and call.results_published_at
    told = notices(services.CALL_RESULTS)
    assert {n.recipient_id for n in told} == {signups[0].person_id, signups[1].person_id}
    # A correction tells nobody again.
    services.post_results(call, staff, results="Korjattu teksti.")
    call.refresh_from_db()
    assert call.results == "Korjattu teksti." and told.count() == 2


def test_a_member_who_pauses_still_hears_the_outcome(call_world):
    """Pausing stops new calls, not the ones already signed up to."""
    staff, member = call_world.person("staff_same_region"), call_world.person("member")
    services.sign_up(call_world.call, member)
    member.pool_memberships.update(status=PoolMemberStatus.PAUSED)
    services.close_call(call_world.call, staff)
    assert notices(services.CALL_OUTCOME, member).count() == 1
