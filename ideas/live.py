"""Live idea threads: what is broadcast, and how a client catches up.

The database is the truth. A change is broadcast to the idea's group only after it is
committed (ideas.signals are sent from transaction.on_commit), and a channel layer may drop a
message, so every frame carries the comment id and the server time ``at`` of the change. A
client that reconnects, or polls over HTTP where websockets are blocked, asks for everything
after an id and since a time, and gets it in order.

Which id? Ids are given out when a comment is inserted, but transactions commit in any order:
a reader may see comment 13 while 12 is still being saved. So a catch-up also answers
``resume_after``: the newest id older than SETTLE_SECONDS, by when every earlier insert has
long committed. The client resumes from there and drops the ids it already has; a change is
likewise looked for from SETTLE_SECONDS before the time asked.

Server -> client frames:
  {"type": "comment", "comment": {...}, "at": iso}          a new comment
  {"type": "comment_changed", "comment": {...}, "at": iso}  edited, removed, hidden, restored
  {"type": "support", "idea": id, "supporters": n}          the idea's support count
"""

from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db.models import Max, Q
from django.dispatch import receiver
from django.utils import timezone

from . import signals
from .models import Comment, Support
from .templatetags.ideas_tags import user_text

SETTLE_SECONDS = 10


def thread_group_name(idea_id):
    return f"idea-thread.{idea_id}"


def comment_state(comment):
    if comment.deleted_at is not None:
        return "removed"
    if comment.hidden_at is not None:
        return "hidden"
    return "public"


def comment_data(comment):
    """A comment as everyone watching the thread may see it: the text of a removed or hidden
    comment is never broadcast, only that it is there (so replies keep their place)."""
    state = comment_state(comment)
    author = comment.author if state == "public" else None
    return {
        "id": comment.pk,
        "idea": comment.idea_id,
        "parent": comment.parent_id,
        "state": state,
        "author": (
            {
                "id": author.pk,
                "display_name": author.display_name,
                "role": author.role,
                "role_label": str(author.get_role_display()),
            }
            if author is not None
            else None
        ),
        # The page's own rendering of participants' text (escaped, links, paragraphs).
        "body_html": str(user_text(comment.body)) if state == "public" else "",
        "created_at": comment.created_at.isoformat(),
        "edited": comment.edited_at is not None,
    }


def frame(kind, comment, at=None):
    return {
        "type": kind,
        "comment": comment_data(comment),
        "at": (at or timezone.now()).isoformat(),
    }


def broadcast(idea_id, payload):
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(
            thread_group_name(idea_id), {"type": "thread.frame", "frame": payload}
        )


@receiver(signals.comment_posted, dispatch_uid="ideas.live.comment_posted")
def comment_posted(sender, comment, **kwargs):
    broadcast(comment.idea_id, frame("comment", comment))


@receiver(signals.comment_changed, dispatch_uid="ideas.live.comment_changed")
def comment_changed(sender, comment, **kwargs):
    comment.refresh_from_db()
    broadcast(comment.idea_id, frame("comment_changed", comment))


@receiver(signals.support_changed, dispatch_uid="ideas.live.support_changed")
def support_changed(sender, idea, **kwargs):
    supporters = Support.objects.filter(idea=idea).count()
    broadcast(
        idea.pk,
        {
            "type": "support",
            "idea": idea.pk,
            "supporters": supporters,
            "at": timezone.now().isoformat(),
        },
    )


def resume_point(idea, after_id=0):
    """The id a client may next catch up from: every comment at or below it is committed."""
    settled = Comment.objects.filter(
        idea=idea, created_at__lte=timezone.now() - timedelta(seconds=SETTLE_SECONDS)
    ).aggregate(latest=Max("pk"))["latest"]
    return max(after_id, settled or 0)


def catch_up(idea, *, after_id=0, since=None):
    """Frames for what the client has not seen, oldest first: comments newer than ``after_id``,
    then changes since ``since`` (less the settling time) to the comments it already had."""
    comments = Comment.objects.filter(idea=idea).select_related("author").order_by("pk")
    now = timezone.now()
    if since is not None:
        since -= timedelta(seconds=SETTLE_SECONDS)
    frames = [frame("comment", comment, at=now) for comment in comments.filter(pk__gt=after_id)]
    if since is not None:
        changed = (
            comments.filter(pk__lte=after_id)
            .filter(
                Q(edited_at__gt=since)
                | Q(deleted_at__gt=since)
                | Q(hidden_at__gt=since)
                | Q(moderation_actions__created_at__gt=since)
            )
            .distinct()
        )
        frames += [frame("comment_changed", comment, at=now) for comment in changed]
    return frames
