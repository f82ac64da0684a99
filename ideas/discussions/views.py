"""Posting a comment in a page's discussion, and its live thread's catch-up over HTTP.

The page itself is cms's; these answer its form and its live client. Thin, as ideas.views:
fetch what the person may see, check the rule, call the same service as an idea's comment
(rules, rate limit, personal-details check, broadcast after commit).
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from live.catch_up import catch_up_response

from ..access import get_discussion_for
from ..rules import why_not_comment_on_discussion
from ..thread import live
from ..views import comment_form_view
from .context import thread_context

THREAD = "ideas/includes/page_discussion.html#thread"


@vary_on_headers("HX-Request")
def comment_create(request, pk):
    """The discussion's comment form, as an idea's (ideas.views.comment_form_view)."""
    discussion = get_discussion_for(request.user, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(discussion.get_absolute_url() + "#comments")
    return comment_form_view(
        request,
        discussion,
        why_not=why_not_comment_on_discussion(request.user, discussion),
        post_url=reverse("ideas:discussion_comment", args=[discussion.pk]),
        render_thread=lambda **drawn: render(
            request, THREAD, {"page_discussion": thread_context(request, discussion, **drawn)}
        ),
    )


@never_cache
@require_GET
def catch_up(request, pk):
    """The thread's catch-up over HTTP, for reconnecting and polling pages (live.catch_up)."""
    discussion = get_discussion_for(request.user, pk)  # 404 for what the person may not see
    return catch_up_response(
        request,
        lambda **kwargs: live.catch_up(discussion, **kwargs),
        lambda after: live.resume_point(discussion, after),
    )
