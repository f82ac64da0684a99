"""An idea's live thread, plugged into the live foundation (live.catch_up): what is broadcast
to the idea's group when a comment or the support count changes, and what a client catching
up is sent.

Server -> client frames, besides live.catch_up's "comment" and "comment_changed" (whose
comment data here also has "idea" and "parent"):
  {"type": "support", "idea": id, "supporters": n, "at": iso}   the idea's support count
"""

from django.dispatch import receiver
from django.utils import timezone

from live.catch_up import broadcast, catch_up_frames, frame, message_data, settled_id

from . import signals
from .models import Comment, Support


def thread_group_name(idea_id):
    return f"idea-thread.{idea_id}"


def comment_data(comment):
    return {**message_data(comment), "idea": comment.idea_id, "parent": comment.parent_id}


@receiver(signals.comment_posted, dispatch_uid="ideas.live.comment_posted")
def comment_posted(sender, comment, **kwargs):
    broadcast(thread_group_name(comment.idea_id), frame("comment", comment_data(comment)))


@receiver(signals.comment_changed, dispatch_uid="ideas.live.comment_changed")
def comment_changed(sender, comment, **kwargs):
    comment.refresh_from_db()
    broadcast(thread_group_name(comment.idea_id), frame("comment_changed", comment_data(comment)))


@receiver(signals.support_changed, dispatch_uid="ideas.live.support_changed")
def support_changed(sender, idea, **kwargs):
    supporters = Support.objects.filter(idea=idea).count()
    broadcast(
        thread_group_name(idea.pk),
        {
            "type": "support",
            "idea": idea.pk,
            "supporters": supporters,
            "at": timezone.now().isoformat(),
        },
    )


def resume_point(idea, after_id=0):
    return settled_id(Comment.objects.filter(idea=idea), after_id)


def catch_up(idea, *, after_id=0, since=None):
    return catch_up_frames(
        Comment.objects.filter(idea=idea), comment_data, after_id=after_id, since=since
    )
