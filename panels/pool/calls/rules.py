"""Who may do what with a call to the pool, as django-rules predicates.

The object of every rule is a ``Call``, except ``pool_calls.create_call``, asked of a pool:

Columns: *others* are anonymous visitors, outsiders and other regions' staff; *member* a pool
member who has not left (also paused); *for* an active member the call is for; *dm* a
decision-maker of the region; *staff* the region's staff and administrators.

| | others | member | for | dm | staff |
|---|---|---|---|---|---|
| see a draft | 404 | 404 | 404 | 404 | yes |
| see a published call | 404 | yes | yes | yes | yes |
| sign up, withdraw (open, by the deadline) | no | 403 | yes | 403 | if also "for" |
| create, edit a draft, publish | no | 403 | 403 | 403 | yes |
| sign-ups, confirm places, close, results | no | 403 | 403 | 403 | yes |

Someone who signed up keeps seeing the call (and its results) after leaving the pool.
Whether a call is still open, before its deadline and not full is the services' to say, with
a reason; the rules say who.

Registered at start-up (rules.apps.AutodiscoverRulesConfig imports every app's rules).
"""

import rules

from panels.models import STAFF_ONLY
from panels.pool.models import PoolMember, PoolMemberStatus
from panels.rules import is_region_official, is_region_staff, serves_region

from .matching import matching_members
from .models import CallSignup, SignupStatus


def _memo(call, key, compute):
    memo = call.__dict__.setdefault("_rules_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@rules.predicate
def runs_call(user, call):
    """Staff of the pool's region, or an administrator (remembered on the call)."""
    return serves_region(user, call, STAFF_ONLY)


@rules.predicate
def is_pool_member(user, call):
    """In the call's pool and not left (a paused member still reads the calls)."""
    if not user.is_authenticated:
        return False
    return _memo(
        call,
        ("pool_member", user.pk),
        lambda: (
            PoolMember.objects.filter(pool_id=call.pool_id, person=user)
            .exclude(status=PoolMemberStatus.LEFT)
            .exists()
        ),
    )


@rules.predicate
def has_signed_up(user, call):
    """Has a sign-up row to the call, whatever became of it."""
    if not user.is_authenticated:
        return False
    return _memo(
        call,
        ("signed_up", user.pk),
        lambda: CallSignup.objects.filter(call=call, person=user).exists(),
    )


@rules.predicate
def is_signed_up_now(user, call):
    """Signed up or confirmed: someone who may withdraw."""
    if not user.is_authenticated:
        return False
    return _memo(
        call,
        ("signed_up_now", user.pk),
        lambda: CallSignup.objects.filter(
            call=call, person=user, status__in=[SignupStatus.SIGNED_UP, SignupStatus.CONFIRMED]
        ).exists(),
    )


@rules.predicate
def is_meant_for(user, call):
    """An active member of the pool who meets the call's criteria
    (panels.pool.calls.matching)."""
    if not user.is_authenticated:
        return False
    return _memo(call, ("matches", user.pk), lambda: bool(matching_members(call, person=user)))


@rules.predicate
def is_draft(user, call):
    return call.is_draft


@rules.predicate
def is_open(user, call):
    return call.is_open


# Call.objects.visible_to says the same for lists.
sees_call = runs_call | (~is_draft & (is_region_official | is_pool_member | has_signed_up))

rules.add_perm("pool_calls.see_call", sees_call)
rules.add_perm("pool_calls.run_call", runs_call)
rules.add_perm("pool_calls.edit_call", runs_call & is_draft)
rules.add_perm("pool_calls.publish_call", runs_call & is_draft)
rules.add_perm("pool_calls.see_signups", runs_call)
rules.add_perm("pool_calls.sign_up", is_open & is_meant_for)
rules.add_perm("pool_calls.withdraw", is_open & is_signed_up_now)
# Object: a pool.
rules.add_perm("pool_calls.create_call", is_region_staff)
