"""An idea's live thread, and a page's discussion's (PageDiscussion), plugged into the live
foundation (live.catch_up): what is broadcast to the thread's group when a comment or an
idea's support count changes, and what a client catching up is sent. Both are threads of the
same comments; a page's has no supports.

Server -> client frames, besides live.catch_up's "comment" and "comment_changed" (whose
comment data here also has "parent", and "idea" or "discussion": the comment's place):
  {"type": "support", "idea": id, "supporters": n, "at": iso}   the idea's support count

Who may watch can change while a thread is open: the idea is hidden, withdrawn, moved or
deleted (the thread's own group is asked to check again), or its round changes audience
(every thread of the round: ``round_access_group``). A person's own changes (a panel left, a
role or region lost, a logout) reach their sockets through panels.access and live.access.
A page's discussion stops being public when cms unpublishes or restricts the page
(ideas.discussions.sync_page_discussion), or goes when the page is deleted: its watchers ask
again.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from live.access import recheck_later
from live.catch_up import broadcast, catch_up_frames, frame, message_data, settled_id

from .. import signals
from ..models import Idea, IdeaRound, PageDiscussion, Support

# What an idea's save can change about who sees it.
IDEA_ACCESS_FIELDS = {"hidden_at", "withdrawn_at", "round", "round_id", "author", "author_id"}


def thread_group_name(idea_id):
    return f"idea-thread.{idea_id}"


def round_access_group(round_id):
    return f"idea-round.{round_id}.access"


def discussion_group_name(discussion_id):
    return f"page-discussion.{discussion_id}"


def group_of(comment):
    """The group of the thread the comment is in."""
    if comment.discussion_id is not None:
        return discussion_group_name(comment.discussion_id)
    return thread_group_name(comment.idea_id)


def discussion_access_changed(discussion):
    """After the commit, everyone watching the page's discussion asks whether they still may."""
    recheck_later([discussion_group_name(discussion.pk)])


@receiver(post_delete, sender=PageDiscussion, dispatch_uid="ideas.thread.live.discussion_deleted")
def discussion_deleted(sender, instance, **kwargs):
    discussion_access_changed(instance)


@receiver(post_save, sender=Idea, dispatch_uid="ideas.thread.live.idea_saved")
def idea_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """Hiding, withdrawing or moving an idea may end some watchers' access: they ask again.
    (Saves that cannot, such as a new status, are skipped when they name their fields.)"""
    if (
        created
        or raw
        or (update_fields is not None and not IDEA_ACCESS_FIELDS & set(update_fields))
    ):
        return
    recheck_later([thread_group_name(instance.pk)])


@receiver(post_delete, sender=Idea, dispatch_uid="ideas.thread.live.idea_deleted")
def idea_deleted(sender, instance, **kwargs):
    recheck_later([thread_group_name(instance.pk)])


@receiver(post_save, sender=IdeaRound, dispatch_uid="ideas.thread.live.round_saved")
def round_saved(sender, instance, created=False, raw=False, **kwargs):
    """A round that becomes a panel's, or moves to another panel or region, or is run by
    someone else: everyone watching one of its threads asks again."""
    if not created and not raw:
        recheck_later([round_access_group(instance.pk)])


@receiver(post_delete, sender=IdeaRound, dispatch_uid="ideas.thread.live.round_deleted")
def round_deleted(sender, instance, **kwargs):
    recheck_later([round_access_group(instance.pk)])


def comment_data(comment):
    if comment.discussion_id is not None:
        place = {"discussion": comment.discussion_id}
    else:
        place = {"idea": comment.idea_id}
    return {**message_data(comment), **place, "parent": comment.parent_id}


@receiver(signals.comment_posted, dispatch_uid="ideas.thread.live.comment_posted")
def comment_posted(sender, comment, **kwargs):
    broadcast(group_of(comment), frame("comment", comment_data(comment)))


@receiver(signals.comment_changed, dispatch_uid="ideas.thread.live.comment_changed")
def comment_changed(sender, comment, **kwargs):
    comment.refresh_from_db()
    broadcast(group_of(comment), frame("comment_changed", comment_data(comment)))


@receiver(signals.support_changed, dispatch_uid="ideas.thread.live.support_changed")
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


def resume_point(place, after_id=0):
    """``place``: an idea or a page's discussion, whose thread is caught up with."""
    return settled_id(place.comments.all(), after_id)


def catch_up(place, *, after_id=0, since=None):
    return catch_up_frames(place.comments.all(), comment_data, after_id=after_id, since=since)
