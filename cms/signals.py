"""Page events that cms acts on. Connected in CmsConfig.ready."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, get_default_page_content_type
from wagtail.signals import page_published

from accounts.roles import ROLE_GROUPS, Role

from .citations import sync_citations
from .models import ImpactReportIndexPage, ImpactReportPage

# Decision-makers compose and publish the reports below an index page; nothing else.
REPORT_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


@receiver(page_published, sender=ImpactReportPage)
def report_published(sender, instance, revision, **kwargs):
    # The signal does not carry the publishing user. The revision that went live is the
    # publisher's own in the admin (it saves the form as a revision, then publishes it);
    # a scheduled publication has no one to leave out.
    actor = revision.user if revision is not None else None
    sync_citations(instance, actor=actor)


@receiver(post_save, sender=ImpactReportIndexPage)
def grant_report_permissions(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_decision_makers(instance)


def grant_decision_makers(index_page):
    """Let the Decision-makers group add, edit and publish reports below ``index_page``.
    Safe to run again."""
    grant_below(index_page, {Role.DECISION_MAKER: REPORT_PAGE_PERMISSIONS})


def grant_below(index_page, grants):
    """Give each role's group the page permissions ``grants`` names ({role: codenames}) on
    the pages below ``index_page`` (cms.region_access narrows them to the person's regions).
    Safe to run again."""
    content_type = get_default_page_content_type()
    for role, codenames in grants.items():
        group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
        for permission in Permission.objects.filter(
            content_type=content_type, codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=index_page.pk, permission=permission
            )
