"""A change to anything the front page shows makes its cached copies stale (``caching.bump``).

Saves and deletions of the rows it lists, and the publishing, unpublishing and deletion of the
pages it lists. Changes that happen without a save (a meeting starts, a round's dates move it
to the next phase) are caught by the copies' short life instead.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from accounts.privacy.erasure import account_erasing
from cms.experiments.models import ExperimentPage
from ideas.feedback.models import OfficialResponse, StatusChange
from ideas.models import Idea, IdeaRound
from panels.meetings.models import Meeting, MeetingRoom
from panels.models import Panel, Region
from panels.surveys.models import Survey

from . import caching
from .models import RegionHomePage

SHOWN_MODELS = (
    Region,
    Panel,
    IdeaRound,
    Idea,
    OfficialResponse,
    StatusChange,
    Meeting,
    MeetingRoom,
    Survey,
    ExperimentPage,
    RegionHomePage,
)
SHOWN_PAGES = (ExperimentPage, RegionHomePage)


def _changed(sender, **kwargs):
    caching.bump()
    # Again once the change is committed: between the first bump and the commit, another
    # request can rebuild a copy from the data as it was and keep it for the whole
    # FRONT_PAGE_CACHE_SECONDS. (Outside a transaction this runs at once.)
    transaction.on_commit(caching.bump)


for model in SHOWN_MODELS:
    post_save.connect(_changed, sender=model, dispatch_uid=f"frontpage-save-{model.__name__}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"frontpage-delete-{model.__name__}")
for page_model in SHOWN_PAGES:
    page_published.connect(_changed, sender=page_model, dispatch_uid=f"frontpage-pub-{page_model}")
    page_unpublished.connect(
        _changed, sender=page_model, dispatch_uid=f"frontpage-unpub-{page_model}"
    )


@receiver(m2m_changed, sender=Survey.panels.through)
def survey_audience_changed(sender, **kwargs):
    # A survey addressed to a panel leaves the anonymous overview, and the other way round.
    _changed(sender)


@receiver(account_erasing, dispatch_uid="frontpage-erasure")
def words_removed(sender, **kwargs):
    # "Remove my words" rewrites idea titles with a bulk update, which sends no post_save: the
    # titles must not stay on the front page. The receiver runs before the update, hence the
    # bump on commit too.
    _changed(sender)
