"""The kinds of things the search finds: the values of the ``type`` filter."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    IDEA = "idea", pgettext_lazy("search result type", "Idea")
    COMMENT = "comment", pgettext_lazy("search result type", "Comment")
    ROUND = "round", pgettext_lazy("search result type", "Idea round")
    EXPERIMENT = "experiment", pgettext_lazy("search result type", "Experiment")
    PRACTICE = "practice", pgettext_lazy("search result type", "Practice")
    PAGE = "page", pgettext_lazy("search result type", "Page")
    IMPACT_REPORT = "impact-report", pgettext_lazy("search result type", "Impact report")


PAGE_KINDS = (Kind.EXPERIMENT, Kind.PRACTICE, Kind.PAGE, Kind.IMPACT_REPORT)
