"""What is public, resource by resource: the one answer that the API and the dump share.

Nothing here decides visibility itself. Rounds, ideas and their records come from
``visible_to`` an anonymous visitor (ideas.models), pages from Wagtail's ``live().public()``,
surveys from ``Survey.objects.visible_to`` and their results from the rule
``surveys.view_survey_results``, all asked as an anonymous visitor.
"""

import rules
from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Subquery

from cms.experiments.models import ExperimentPage, PracticePage
from cms.models import ImpactReportPage
from ideas.feedback.models import StatusChange
from ideas.feedback.timeline import responses_with_history
from ideas.models import Idea, IdeaRound
from panels.models import Region
from panels.surveys.models import MIN_RESPONSES_FOR_RESULTS, Survey
from panels.surveys.results import results_for
from panels.surveys.rules import results_released

VISITOR = AnonymousUser()
__all__ = ["MIN_RESPONSES_FOR_RESULTS", "VISITOR"]


def visible_ideas():
    return Idea.objects.visible_to(VISITOR)


def _visible_target(field):
    """The id in ``field`` only when the idea it names is public too: a merge never reveals a
    panel's or a hidden idea (the idea page says "another idea")."""
    return Subquery(visible_ideas().filter(pk=OuterRef(field)).values("pk")[:1])


def regions():
    return Region.objects.all()


def rounds():
    return (
        IdeaRound.objects.visible_to(VISITOR)
        .select_related("region", "municipality")
        .prefetch_related("themes")
        .with_counts()
    )


def ideas():
    return (
        visible_ideas()
        .select_related("round__region", "author")
        .prefetch_related("themes")
        .with_counts()
        .annotate(visible_merged_into=_visible_target("merged_into"))
    )


def status_changes():
    return (
        StatusChange.objects.filter(idea__in=visible_ideas())
        .select_related("actor", "idea__round__region")
        .annotate(visible_merged_into=_visible_target("merged_into"))
    )


def responses():
    """With their earlier versions and the verdicts counted, as the idea page shows them."""
    return (
        responses_with_history(VISITOR)
        .filter(idea__in=visible_ideas())
        .select_related("idea__round__region")
    )


def _pages(model):
    return model.objects.live().public().select_related("locale", "region")


def experiments():
    return _pages(ExperimentPage)


def practices():
    return _pages(PracticePage)


def impact_reports():
    return _pages(ImpactReportPage)


def surveys():
    return Survey.objects.visible_to(VISITOR).select_related("region")


def results_public(survey):
    """Whether a visitor may read the survey's results page (the rule itself)."""
    return rules.has_perm("surveys.view_survey_results", VISITOR, survey)


def results_released_in_list(survey):
    """The same answer for a survey of ``surveys()``, without a query per row: such a survey
    is one the visitor may see, so the rule comes down to its release (the rule's other
    half, asked of the same predicate)."""
    return results_released.test(VISITOR, survey)


def survey_results(survey):
    """The aggregate results a visitor sees on the results page: the same counting, steps
    and suppression (panels.surveys.results), written answers left out (they are people's
    own words, not aggregates)."""
    questions = list(survey.questions.order_by("sort_order", "pk").prefetch_related("choices"))
    return results_for(survey, questions, official=False, free_text=False)
