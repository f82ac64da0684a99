"""Who may do what with spontaneous feedback: the whole matrix.

- Anyone, signed in or not, gives feedback and reads a region's published answers.
- The region's staff (Region.objects.served_by with STAFF_ONLY) and administrators see the
  inbox of their regions and triage its items. Decision-makers answer ideas, not feedback;
  another region's staff do not see it at all (a 404).
"""

import rules

from panels.models import STAFF_ONLY, Region
from panels.rules import is_region_staff


@rules.predicate
def serves_any_region_as_staff(user):
    if not user.is_authenticated:
        return False
    memo = user.__dict__.setdefault("_rules_memo", {})
    if "feedback_staff" not in memo:
        memo["feedback_staff"] = Region.objects.served_by(user, STAFF_ONLY).exists()
    return memo["feedback_staff"]


rules.add_perm("service_feedback.give_feedback", rules.always_allow)
rules.add_perm("service_feedback.see_inbox", rules.is_active & serves_any_region_as_staff)
# The object: the feedback (or its region).
rules.add_perm("service_feedback.triage_feedback", rules.is_active & is_region_staff)
