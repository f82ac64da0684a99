"""What publishing an experiment does, and who may compose the pages below an index.

Publishing an experiment brings its idea links in step (``links``), tells its people what is
new (``notices``) and opens its comments (ideas.discussions). Unpublishing closes them to
everyone but the region's moderators.

Staff of a region compose and publish experiments and practices; decision-makers review them:
they may open and change a draft (and comment on it in the editor) but not publish. Both are
narrowed to their own regions by cms.region_access.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from accounts.roles import Role
from cms.signals import grant_below
from ideas.discussions import sync_page_discussion

from .links import sync_links
from .models import ExperimentIndexPage, ExperimentPage, PracticeIndexPage, PracticePage
from .notices import announce

GRANTS = {
    Role.STAFF: ("add_page", "change_page", "publish_page"),
    Role.DECISION_MAKER: ("change_page",),
}


@receiver(page_published, sender=ExperimentPage)
def experiment_published(sender, instance, revision, **kwargs):
    # The publishing user is the revision's own in the admin; a scheduled publication has no
    # one to leave out.
    actor = revision.user if revision is not None else None
    newly_linked = sync_links(instance)
    announce(instance, newly_linked=newly_linked, actor=actor)
    _sync_discussion(instance)


@receiver(page_published, sender=PracticePage)
def practice_published(sender, instance, **kwargs):
    _sync_discussion(instance)


@receiver(page_unpublished, sender=ExperimentPage)
@receiver(page_unpublished, sender=PracticePage)
def region_page_unpublished(sender, instance, **kwargs):
    _sync_discussion(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, raw=False, **kwargs):
    """A view restriction (Wagtail's privacy) on a page or above it makes its experiments and
    practices private, or public again, without a publish."""
    if not raw:
        _resync_below(instance.page)


@receiver(post_page_move)
@receiver(page_slug_changed)
def address_changed(sender, instance, **kwargs):
    """A moved or renamed page has a new address, and a move may put it below a private
    page."""
    _resync_below(instance)


def _resync_below(page):
    """The comments and idea links of every experiment and practice at or below ``page``
    follow what it is now."""
    for model in (ExperimentPage, PracticePage):
        for below in model.objects.descendant_of(page, inclusive=True):
            _sync_discussion(below)
            if model is ExperimentPage and below.live:
                sync_links(below)


def _sync_discussion(page):
    sync_page_discussion(page, region=page.region, is_public=page.is_public())


@receiver(post_save, sender=ExperimentIndexPage)
@receiver(post_save, sender=PracticeIndexPage)
def grant_index_permissions(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_officials(instance)


def grant_officials(index_page):
    """Let staff compose and publish, and decision-makers review, the pages below
    ``index_page``. Safe to run again."""
    grant_below(index_page, GRANTS)
