"""The calls a person took part in, for "my impact" (ideas.feedback.my_impact: ideas knows
panels, never the other way round)."""

from .models import Call, CallStatus, SignupStatus


def calls_taken_part_in(person):
    """The reported calls in which ``person`` had a confirmed place, newest results first,
    with their pool: one query."""
    if not getattr(person, "is_authenticated", False):
        return Call.objects.none()
    return (
        Call.objects.filter(
            status=CallStatus.REPORTED,
            signups__person=person,
            signups__status=SignupStatus.CONFIRMED,
        )
        .select_related("pool")
        .order_by("-results_published_at", "-pk")
    )
