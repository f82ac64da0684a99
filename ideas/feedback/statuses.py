"""The statuses an idea moves through, and where it may go from each: the road every idea
walks in public (the feedback loop's table)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("idea status", "submitted")
    UNDER_CONSIDERATION = "under_consideration", pgettext_lazy("idea status", "under consideration")
    IN_DEVELOPMENT = "in_development", pgettext_lazy("idea status", "in development or piloting")
    IMPLEMENTED = "implemented", pgettext_lazy("idea status", "implemented")
    NOT_TAKEN_FORWARD = "not_taken_forward", pgettext_lazy("idea status", "not taken forward")
    MERGED = "merged", pgettext_lazy("idea status", "merged into another idea")


# Where an idea may go from each status. An idea not taken forward may be reconsidered;
# implemented and merged ideas have reached the end of their road.
TRANSITIONS = {
    IdeaStatus.SUBMITTED: (
        IdeaStatus.UNDER_CONSIDERATION,
        IdeaStatus.NOT_TAKEN_FORWARD,
        IdeaStatus.MERGED,
    ),
    IdeaStatus.UNDER_CONSIDERATION: (
        IdeaStatus.IN_DEVELOPMENT,
        IdeaStatus.NOT_TAKEN_FORWARD,
        IdeaStatus.MERGED,
    ),
    IdeaStatus.IN_DEVELOPMENT: (IdeaStatus.IMPLEMENTED, IdeaStatus.NOT_TAKEN_FORWARD),
    IdeaStatus.IMPLEMENTED: (),
    IdeaStatus.NOT_TAKEN_FORWARD: (IdeaStatus.UNDER_CONSIDERATION,),
    IdeaStatus.MERGED: (),
}


def allowed_transitions(status):
    return TRANSITIONS[IdeaStatus(status)]


class ExperimentStatus(models.TextChoices):
    """Where an experiment that grew from ideas stands. The experiment is a page in cms; its
    status is named here so that an idea's page and "my impact" can say it."""

    PLANNED = "planned", pgettext_lazy("experiment status", "planned")
    RUNNING = "running", pgettext_lazy("experiment status", "running")
    ENDED = "ended", pgettext_lazy("experiment status", "ended")
