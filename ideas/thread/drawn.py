"""A thread's comments (an idea's, or a page's discussion's) as its page draws them.

A comment's HTML depends on what it shows (its text, its author's display name, role and
innoagent level, its times and state), on what the viewer may do with it
(ideas.rules.comment_permissions), and on the language and the time zone: nothing else.
Each process remembers the HTML by exactly those, so a thread read again and again is drawn
once for each kind of reader, not on every page view, and a change to any of them (an edit,
a hide, a new display name, a level granted) is simply a different key. The template is
given a ``ShownComment`` holding those values and no model, so it cannot come to read
something the key leaves out.
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import InnoagentLevel, Role

from ..rules import CommentPermissions, comment_permissions

# How many drawn comments each process remembers: a few megabytes at most.
COMMENTS_REMEMBERED = 2048
TEMPLATE = "ideas/includes/comment.html"


@dataclass(frozen=True)
class ShownPerson:
    """What ``accounts/includes/person.html`` shows of a person."""

    display_name: str
    role: str
    innoagent_level: int = InnoagentLevel.NONE

    def get_role_display(self):
        return Role(self.role).label

    def get_innoagent_level_display(self):
        return InnoagentLevel(self.innoagent_level).label


@dataclass(frozen=True)
class ShownComment:
    """Everything ``ideas/includes/comment.html`` shows of a comment, for one reader."""

    pk: int
    idea_id: int | None
    discussion_id: int | None
    parent_id: int | None
    author: ShownPerson | None
    body: str
    created_at: datetime
    edited_at: datetime | None
    hidden_at: datetime | None
    hidden_reason: str
    deleted_at: datetime | None
    may: CommentPermissions

    @classmethod
    def of(cls, comment, may):
        author = comment.author
        return cls(
            pk=comment.pk,
            idea_id=comment.idea_id,
            discussion_id=comment.discussion_id,
            parent_id=comment.parent_id,
            author=None
            if author is None
            else ShownPerson(author.display_name, author.role, author.innoagent_level),
            body=comment.body,
            created_at=comment.created_at,
            edited_at=comment.edited_at,
            hidden_at=comment.hidden_at,
            hidden_reason=comment.hidden_reason,
            deleted_at=comment.deleted_at,
            may=may,
        )


def comment_html(user, comment):
    """``comment`` as ``user`` sees it in its thread."""
    shown = ShownComment.of(comment, comment_permissions(user, comment))
    return _drawn(shown, translation.get_language(), timezone.get_current_timezone_name())


@functools.lru_cache(maxsize=COMMENTS_REMEMBERED)
def _drawn(shown, language, time_zone):
    # Drawn in the active language and time zone, which are the ones in the key.
    return render_to_string(TEMPLATE, {"comment": shown})


def drawn_thread(user, place):
    """The top-level comments of ``place`` (an idea or a page's discussion), with their
    replies, each with ``html``: the comment as ``user`` sees it. A fixed number of queries,
    whatever the thread's size."""
    comments = list(place.comments.thread())
    field = place.comments.field.name  # the comment's foreign key to its place
    for comment in comments:
        comment.html = comment_html(user, comment)
        for reply in comment.replies.all():
            # The rules look at the reply's place (an idea's round, say); sharing the instance
            # keeps that query-free.
            setattr(reply, field, place)
            reply.html = comment_html(user, reply)
    return comments
