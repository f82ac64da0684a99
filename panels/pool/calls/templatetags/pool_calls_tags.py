"""``{% pool_calls pool %}``: the pool's calls on the pool's page (panels.pool), for whoever
looks — drafts to the region's staff with a link to write a new call, the open calls with
their places left and the calls whose results are posted to the pool's members and the
region's officials, nothing to anyone else. Two queries, however many calls."""

import rules
from django import template

from ..models import Call, CallStatus

register = template.Library()

# Closed and reported calls shown on the pool page, newest first.
PAST_CALLS_SHOWN = 10


@register.inclusion_tag("pool_calls/includes/call_list.html", takes_context=True)
def pool_calls(context, pool):
    user = context["request"].user
    calls = list(
        Call.objects.visible_to(user)
        .filter(pool=pool)
        .with_confirmed_count()
        .order_by("signup_deadline", "pk")
    )
    for call in calls:
        call.places_left_now = call.places_left(call.confirmed_count)
    past = [call for call in calls if call.status in (CallStatus.CLOSED, CallStatus.REPORTED)]
    past.sort(key=lambda call: (call.starts_on, call.pk), reverse=True)
    return {
        "request": context["request"],
        "pool": pool,
        "drafts": [call for call in calls if call.is_draft],
        "open_calls": [call for call in calls if call.is_open],
        "past_calls": past[:PAST_CALLS_SHOWN],
        "can_create": rules.has_perm("pool_calls.create_call", user, pool),
    }
