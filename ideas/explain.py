"""Why a person cannot do something, in words they can act on.

The rules say yes or no; these say why not, in the order that helps most: the phase first
(nobody can post in a closed round, signed in or not), then signing in, then membership.
"""

import rules
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import DISCUSSION_PHASES, Phase


def _phase_explanation(round_, phase):
    if phase == Phase.UPCOMING:
        starts = formats.date_format(timezone.localtime(round_.ideation_starts), "DATE_FORMAT")
        return _("This round has not started yet. Ideation starts on %(date)s.") % {"date": starts}
    if phase == Phase.DEVELOPMENT:
        return _(
            "New ideas are no longer posted: the round is in the development phase, where the "
            "ideas already posted are refined and discussed."
        )
    if phase == Phase.EVALUATION:
        return _(
            "The round is in the evaluation phase: decision-makers are assessing the ideas, "
            "so they are no longer changed, supported or discussed."
        )
    if phase == Phase.CLOSED:
        return _(
            "This round is closed. Its ideas and discussions can be read but no longer changed."
        )
    return ""


def _membership_explanation(user, round_):
    if not user.is_authenticated:
        return None
    if round_.panel_id is not None:
        return _("This round is for the members of the panel %(panel)s.") % {
            "panel": round_.panel.name
        }
    return _("You cannot take part in this round.")


def why_not_post_idea(user, round_):
    """An empty string when the person may post an idea in the round."""
    if rules.has_perm("ideas.post_idea", user, round_):
        return ""
    phase = round_.phase
    if phase != Phase.IDEATION:
        return _phase_explanation(round_, phase)
    if not user.is_authenticated:
        return _("Log in to post an idea.")
    return _membership_explanation(user, round_)


def why_not_comment(user, idea):
    """An empty string when the person may comment on and support the idea."""
    if rules.has_perm("ideas.comment_on_idea", user, idea):
        return ""
    if not idea.is_public:
        return _("This idea is not shown to others, so it cannot be discussed or supported.")
    phase = idea.round.phase
    if phase not in DISCUSSION_PHASES:
        return _phase_explanation(idea.round, phase)
    if not user.is_authenticated:
        return _("Log in to comment and to support ideas.")
    return _membership_explanation(user, idea.round)
