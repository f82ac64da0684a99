"""Keeping a page's discussion in step with its page, called by cms (which sits above ideas
and so writes into ideas' model, as it does for citations)."""

from django.db import transaction

from ..models import PageDiscussion
from ..thread import live


@transaction.atomic
def sync_page_discussion(page, *, region, is_public, is_open=True):
    """Create or update the discussion of ``page`` (a wagtailcore Page): its moderators'
    ``region`` (None: platform-wide, administrators moderate), whether it is public (the page
    is live and has no view restriction) and open for new comments, and the page's title and
    URL as they are now. Returns the PageDiscussion.

    When the discussion is not public after this, whoever is watching its live thread asks
    again whether they still may (after the commit): the anonymous and the signed-in lose it,
    its moderators keep it."""
    discussion, created = PageDiscussion.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "region": region,
            "is_public": is_public,
            "is_open": is_open,
            "title": page.title[: PageDiscussion._meta.get_field("title").max_length],
            "url": page.url or "",
        },
    )
    if not created and not is_public:
        live.discussion_access_changed(discussion)
    return discussion
