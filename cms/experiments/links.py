"""Which ideas an experiment grew from, written into ideas.feedback.ExperimentLink.

cms sits above ideas, so it writes the rows into the feedback loop's model (see
ARCHITECTURE.md), as cms.citations does for impact reports. The rows follow the live version
of the page: publishing adds the ideas newly named, removes those no longer named and sets
every row's status to the page's. Only public ideas are linked, and only by a public page: an
idea's page shows the experiment to everyone.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from ideas.feedback.models import ExperimentLink
from ideas.models import Idea


@transaction.atomic
def sync_links(page):
    """Bring ``page``'s link rows in step with its live version; return the ideas newly
    linked."""
    # A private page (Wagtail's privacy) is no public answer to anyone's idea.
    public_ideas = (
        Idea.objects.visible_to(AnonymousUser()) if page.is_public() else Idea.objects.none()
    )
    named = set(public_ideas.filter(pk__in=page.origin_idea_ids()).values_list("pk", flat=True))
    rows = ExperimentLink.objects.filter(page_id=page.pk)
    rows.exclude(idea_id__in=named).delete()
    new_ids = named - set(rows.values_list("idea_id", flat=True))
    now = timezone.now()
    rows.exclude(status=page.status).update(status=page.status, changed_at=now)
    ExperimentLink.objects.bulk_create(
        [
            ExperimentLink(idea_id=pk, page_id=page.pk, status=page.status, linked_at=now)
            for pk in sorted(new_ids)
        ],
        ignore_conflicts=True,  # a concurrent publish of the same page wrote it first
    )
    return list(Idea.objects.filter(pk__in=new_ids).order_by("pk"))


def touch_links(page):
    """Something happened that the idea's people were told of: "my impact" moves it up."""
    ExperimentLink.objects.filter(page_id=page.pk).update(changed_at=timezone.now())
