"""Who may do what with a survey, as django-rules predicates. The object is the survey.

| rule                          | who                                                          |
|-------------------------------|--------------------------------------------------------------|
| surveys.view_survey           | its audience once it opens; who answered it; region officials |
| surveys.answer_survey         | its audience, while open, once; visitors who are not signed   |
|                               | in only for public anonymous surveys (once per session, the   |
|                               | view checks the session; and the "survey_answer" limit per    |
|                               | address, which the view counts)                               |
| surveys.view_survey_results   | region officials always; others who may see the survey when   |
|                               | its visibility setting releases the results                   |
| surveys.view_survey_free_text | region officials; others with the results when published      |
| surveys.export_survey         | staff of the survey's region, administrators                  |
| surveys.change_survey         | staff of the survey's region, administrators                  |
| surveys.interview_for_survey  | while open: staff of the survey's region (and administrators);|
|                               | experts by experience, for a public survey or one of a panel  |
|                               | they are an active member of                                  |

Interviews: an interviewer fills the survey in for the person they talk to (panels.surveys
.services.submit_interview). Decision-makers do not interview (they are not the ones meeting
clients in corridors); developer-clients do not either (an interview is given in trust, by
someone trained for it). An expert by experience interviews only where the survey's audience
reaches anyway: everyone, or a panel they belong to.

Region officials are the region's staff and decision-makers (and administrators). Fewer than
MIN_RESPONSES_FOR_RESULTS responses suppress the breakdowns (panels.surveys.results decides
that, since it is about the data, not the person).
"""

import rules
from django.utils import timezone

from accounts.roles import Role
from panels.models import Membership
from panels.rules import is_region_staff

from .models import AnsweredMarker, Response, ResultsVisibility, Survey


def _once_per_survey(function):
    """Ask ``function`` at most once per person for a loaded survey: a page asks several rules
    that share the same facts, and the answers live on the instance for one request."""

    @rules.predicate(name=function.__name__)
    def check(user, survey):
        if survey is None:
            return False
        memo = survey.__dict__.setdefault("_rules_memo", {})
        key = (function.__name__, getattr(user, "pk", None))
        if key not in memo:
            memo[key] = function(user, survey)
        return memo[key]

    return check


@_once_per_survey
def is_survey_manager(user, survey):
    return Survey.objects.managed_by(user).filter(pk=survey.pk).exists()


@_once_per_survey
def is_survey_official(user, survey):
    return Survey.objects.of_officials(user).filter(pk=survey.pk).exists()


@_once_per_survey
def may_see_survey(user, survey):
    return Survey.objects.visible_to(user).filter(pk=survey.pk).exists()


@_once_per_survey
def is_in_audience(user, survey):
    return Survey.objects.in_audience_of(user).filter(pk=survey.pk).exists()


@_once_per_survey
def has_answered(user, survey):
    if not user.is_authenticated:
        return False
    if survey.is_anonymous:
        return AnsweredMarker.objects.filter(survey=survey, user=user).exists()
    return Response.objects.filter(survey=survey, respondent=user).exists()


@rules.predicate
def is_open(user, survey):
    return survey is not None and survey.is_open()


@rules.predicate
def may_answer_unsigned(user, survey):
    """Signed-in people answer any survey addressed to them; visitors only public anonymous
    ones (a named answer needs a name)."""
    return user.is_authenticated or (survey is not None and survey.is_anonymous)


@rules.predicate
def results_released(user, survey):
    if survey is None:
        return False
    if survey.results_visibility == ResultsVisibility.IMMEDIATELY:
        return survey.opens_at <= timezone.now()
    if survey.results_visibility == ResultsVisibility.AFTER_CLOSING:
        return survey.is_closed()
    return False


@rules.predicate
def free_text_published(user, survey):
    return survey is not None and survey.publish_free_text


@rules.predicate
def is_expert_by_experience(user):
    return user.is_authenticated and user.role == Role.EXPERT_BY_EXPERIENCE


@_once_per_survey
def reaches_expert(user, survey):
    """Whether the survey is for everyone, or for a panel ``user`` is an active member of."""
    if survey.is_public():
        return True
    return Membership.objects.active().filter(person=user, panel__in=survey.panels.all()).exists()


may_interview = is_region_staff | (is_expert_by_experience & reaches_expert)

results_for_participants = may_see_survey & results_released

rules.add_perm("surveys.view_survey", may_see_survey)
rules.add_perm(
    "surveys.answer_survey", is_in_audience & is_open & may_answer_unsigned & ~has_answered
)
rules.add_perm("surveys.view_survey_results", is_survey_official | results_for_participants)
rules.add_perm(
    "surveys.view_survey_free_text",
    is_survey_official | (results_for_participants & free_text_published),
)
rules.add_perm("surveys.export_survey", is_survey_manager)
rules.add_perm("surveys.interview_for_survey", is_open & may_interview)
rules.add_perm("surveys.change_survey", is_survey_manager)
