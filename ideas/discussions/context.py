"""What the include ``ideas/includes/page_discussion.html`` needs to draw a page's discussion:
the thread as this reader sees it, the comment form, and the live thread's hooks. The same
number of queries however long the thread is (ideas.thread.drawn: the thread and its replies
in two, the rules asked once per kind of comment)."""

import rules
from django.utils import timezone

from ..forms import CommentForm
from ..models import Comment, PageDiscussion
from ..rules import comment_permissions, why_not_comment_on_discussion
from ..thread import live
from ..thread.drawn import drawn_thread


def thread_context(request, discussion, *, form=None, posted=None):
    """The include's ``page_discussion``, for a discussion the reader may see."""
    user = request.user
    comments = drawn_thread(user, discussion)
    # Unsaved stand-ins (id 0) from which the page draws the actions this viewer may take on
    # comments that arrive live: on someone else's comment, and on their own.
    probe_other = Comment(pk=0, discussion=discussion, author=None)
    probe_own = Comment(pk=0, discussion=discussion, author=user if user.is_authenticated else None)
    for probe in (probe_other, probe_own):
        probe.may = comment_permissions(user, probe)
    return {
        "discussion": discussion,
        "comments": comments,
        # Where the live thread resumes from (ideas.thread.live.resume_point) and when it was drawn.
        "live_last_id": live.resume_point(discussion) if comments else 0,
        "live_since": timezone.now().isoformat(),
        "comment_probe_other": probe_other,
        "comment_probe_own": probe_own,
        "comment_form": form or CommentForm(place=discussion),
        "why_not_comment": why_not_comment_on_discussion(user, discussion),
        "posted": posted,
    }


def discussion_context(request, page):
    """For the page's ``get_context``: ``{"page_discussion": ...}``, which the include draws.

    None when the reader may not see the discussion (the include then shows nothing); a
    discussion of None when the page has none yet (never published: the include says that
    comments open when it is)."""
    discussion = PageDiscussion.objects.filter(page_id=page.pk).first()
    if discussion is None:
        return {"page_discussion": {"discussion": None}}
    if not rules.has_perm("ideas.see_discussion", request.user, discussion):
        return {"page_discussion": None}
    return {"page_discussion": thread_context(request, discussion)}
