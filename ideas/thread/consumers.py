"""An idea's live thread at /ws/ideas/<idea id>/, on the live foundation's protocol
(live.discussion): anyone who may see the idea watches; those who may comment post.

Posting here is the same action as the page's form: the same form validation, the same
service (rules checked, one transaction, broadcast after commit).
"""

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from live.discussion import (
    LiveDiscussionConsumer,
    invalid_frame,
    personal_details_frame,
    rate_limited_frame,
)

from .. import services
from ..forms import CommentForm
from ..models import Idea
from . import live


class IdeaThreadConsumer(LiveDiscussionConsumer):
    """/ws/ideas/<idea id>/: anyone who may see the idea watches; those who may comment post.
    Whether they may still watch is asked again on every catch-up and post and whenever
    ideas.thread.live, panels.access or live.access says it may have changed; when no more, the
    socket says so and closes (4403)."""

    login_to_post = gettext_lazy("Log in to comment.")
    access_ended_message = gettext_lazy("You no longer have access to this idea.")

    @property
    def idea(self):
        return self.discussion

    def load_discussion(self):
        # The same visibility rules as the page (ideas.access.get_idea_for), without the
        # counts the page shows: asked on every connection, catch-up and post.
        return (
            Idea.objects.visible_to(self.user)
            .select_related("round__region", "round__panel", "author")
            .filter(pk=self.scope["url_route"]["kwargs"]["idea_id"])
            .first()
        )

    def still_allowed(self):
        # Asked on every post and catch-up: the same rules, answered by the database alone.
        return (
            Idea.objects.visible_to(self.user)
            .filter(pk=self.scope["url_route"]["kwargs"]["idea_id"])
            .exists()
        )

    def access_group_names(self):
        return [live.round_access_group(self.idea.round_id)]

    def group_name(self):
        return live.thread_group_name(self.idea.pk)

    def hello_fields(self):
        return {"idea": self.idea.pk}

    def can_post(self):
        return rules.has_perm("ideas.comment_on_idea", self.user, self.idea)

    def catch_up(self, after_id, since):
        return live.catch_up(self.idea, after_id=after_id, since=since)

    def resume_point(self, after_id):
        return live.resume_point(self.idea, after_id)

    def save_post(self, body, parent, client_id, confirm_personal):
        self.idea.refresh_from_db()
        form = CommentForm({"body": body, "parent": parent}, idea=self.idea)
        if not form.is_valid():
            return invalid_frame(form)
        try:
            return services.post_comment(
                self.user,
                self.idea,
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
            return {
                "type": "error",
                "code": "forbidden",
                "message": _("Comments cannot be posted on this idea now."),
            }
