"""Who may do what with an innoagent training, as django-rules predicates. The object of
``trainings.run_training`` is a ``Training``.

| | region staff, administrators | everyone else |
|---|---|---|
| see the attendance page | yes | no: 404 (anonymous: log in first) |
| add or remove attendees | yes | no |
| mark or undo completion | yes | no |

"Everyone else" is anonymous visitors, developer-clients, experts by experience (also the
attendees and trainers), decision-makers and other regions' staff. What a training gave an
attendee is their badge, their notice and their data export. Decision-makers act for a
region but do not run its trainings. ``Training.objects.run_by`` says the same for lists;
recording trainings in the Wagtail admin is scoped the same way (admin.py, RegionRowsPolicy).

Registered at start-up (rules.apps.AutodiscoverRulesConfig imports every app's rules).
"""

import rules

from panels.models import STAFF_ONLY
from panels.rules import serves_region

from .models import Training


@rules.predicate
def runs_training(user, training):
    """Staff of the training's region, or an administrator."""
    if not isinstance(training, Training):
        return False
    return serves_region(user, training, STAFF_ONLY)


rules.add_perm("trainings.run_training", runs_training)
