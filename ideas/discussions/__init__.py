"""Comments on Wagtail pages (an experiment's, say): the ideas' comments, moderation and live
thread, serving a page's discussion (ideas.models.PageDiscussion) too.

ideas cannot import cms, so cms drives it through the two functions here:

- ``sync_page_discussion(page, *, region, is_public, is_open=True)``, when the page is
  published, unpublished or moved: the row that says who may read, comment and moderate.
- ``discussion_context(request, page)``, from the page's ``get_context``: what the include
  ``ideas/includes/page_discussion.html`` draws (the thread, the form, the live hooks).

The modules: ``sync`` and ``context`` (those two), ``views`` and ``urls`` (posting a comment
and the live thread's catch-up over HTTP, at rounds/discussions/<id>/).
"""

from .context import discussion_context
from .sync import sync_page_discussion

__all__ = ["discussion_context", "sync_page_discussion"]
