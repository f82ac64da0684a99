"""Comment threads live, on the live foundation's protocol (live.discussion): an idea's at
/ws/ideas/<idea id>/ and a page's discussion's at /ws/discussions/<discussion id>/. Anyone
who may see the thread watches; those who may comment post.

Posting here is the same action as the page's form: the same form validation, the same
service (rules checked, one transaction, broadcast after commit). The two threads differ only
in what they are about (``CommentThreadConsumer``'s methods under "The place"), so frames,
catch-up, rate limits and error frames are one implementation.
"""

import rules
from django.utils.translation import gettext_lazy

from live.discussion import (
    LiveDiscussionConsumer,
    invalid_frame,
    personal_details_frame,
    rate_limited_frame,
)

from .. import services
from ..forms import CommentForm
from ..models import Idea, PageDiscussion
from . import live


class CommentThreadConsumer(LiveDiscussionConsumer):
    """The thread of an idea's or a page's comments. ``self.discussion`` (the live
    foundation's name for what is discussed) is the place: the idea or the PageDiscussion."""

    login_to_post = gettext_lazy("Log in to comment.")
    # The rule for posting here, and the error when it says no.
    comment_perm = ""
    refused_message = ""

    # --- The place (for subclasses) -----------------------------------------------------

    def place_id(self):
        raise NotImplementedError

    def visible_places(self):
        """Sync. The places of this kind the person may see (their QuerySet's visible_to)."""
        raise NotImplementedError

    # --- The live foundation's questions, answered for a comment thread ------------------

    def load_discussion(self):
        return self.visible_places().filter(pk=self.place_id()).first()

    def still_allowed(self):
        # Asked on every post and catch-up: the same rules, answered by the database alone.
        return self.visible_places().filter(pk=self.place_id()).exists()

    def can_post(self):
        return rules.has_perm(self.comment_perm, self.user, self.discussion)

    def catch_up(self, after_id, since):
        return live.catch_up(self.discussion, after_id=after_id, since=since)

    def resume_point(self, after_id):
        return live.resume_point(self.discussion, after_id)

    def save_post(self, body, parent, client_id, confirm_personal):
        self.discussion.refresh_from_db()
        form = CommentForm({"body": body, "parent": parent}, place=self.discussion)
        if not form.is_valid():
            return invalid_frame(form)
        try:
            return services.post_comment(
                self.user,
                self.discussion,
                body=form.cleaned_data["body"],
                parent=form.cleaned_data["parent"],
                token=client_id,
                confirm_personal=confirm_personal,
            )
        except services.PersonalDetails as error:
            return personal_details_frame(error, body)
        except services.RateLimited as limited:
            return rate_limited_frame(limited)
        except services.NotAllowed:
            return {"type": "error", "code": "forbidden", "message": str(self.refused_message)}


class IdeaThreadConsumer(CommentThreadConsumer):
    """/ws/ideas/<idea id>/: anyone who may see the idea watches; those who may comment post.
    Whether they may still watch is asked again on every catch-up and post and whenever
    ideas.thread.live, panels.access or live.access says it may have changed; when no more, the
    socket says so and closes (4403)."""

    access_ended_message = gettext_lazy("You no longer have access to this idea.")
    comment_perm = "ideas.comment_on_idea"
    refused_message = gettext_lazy("Comments cannot be posted on this idea now.")

    @property
    def idea(self):
        return self.discussion

    def place_id(self):
        return self.scope["url_route"]["kwargs"]["idea_id"]

    def visible_places(self):
        # The same visibility rules as the page (ideas.access.get_idea_for), without the
        # counts the page shows: asked on every connection, catch-up and post.
        return Idea.objects.visible_to(self.user).select_related(
            "round__region", "round__panel", "author"
        )

    def access_group_names(self):
        return [live.round_access_group(self.idea.round_id)]

    def group_name(self):
        return live.thread_group_name(self.idea.pk)

    def hello_fields(self):
        return {"idea": self.idea.pk}


class PageDiscussionConsumer(CommentThreadConsumer):
    """/ws/discussions/<discussion id>/: a page's comments (an experiment's, say). Anyone
    watches while the page is public, its region's staff and administrators also while it is
    not; the signed-in post while it is public and open. When cms unpublishes the page, the
    watchers who may no longer see it are told and closed (4403)."""

    access_ended_message = gettext_lazy("This page is no longer public.")
    comment_perm = "ideas.comment_on_discussion"
    refused_message = gettext_lazy("Comments cannot be posted on this page now.")

    def place_id(self):
        return self.scope["url_route"]["kwargs"]["discussion_id"]

    def visible_places(self):
        return PageDiscussion.objects.visible_to(self.user)

    def group_name(self):
        return live.discussion_group_name(self.discussion.pk)

    def hello_fields(self):
        return {"discussion": self.discussion.pk}
