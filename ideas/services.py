"""Every change to ideas, comments, supports and moderation goes through these functions.

Each runs in one transaction, checks the same rules as the views (so a later caller, such as
a websocket consumer, cannot skip them), and announces the change through ``ideas.signals``
only once it is committed.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts import limits, oversharing
from accounts.follows.services import tell_followers
from accounts.notifications import MODERATION, notify

# Posting or editing text raises PersonalDetails when it looks like someone's personal details
# and the author has not confirmed it (or it holds a valid personal identity code, which no
# confirmation lets through). It is checked before the post is counted against the rate limit:
# a warned post is not saved, so confirming it costs one post, not two.
from accounts.oversharing import PersonalDetails  # noqa: F401
from accounts.permissions import NotAllowed, require_perm
from live.models import ModerationKind

# Callers (the views, the live consumer) catch services.RateLimited: posting ideas, comments,
# flags and supports each have a per-person limit (settings.RATE_LIMITS, accounts.limits).
from live.ratelimit import RateLimited, check_post_rate  # noqa: F401

from . import signals
from .models import Comment, Flag, Idea, ModerationAction, PageDiscussion, Support
from .rules import comment_perm_of


def _after_commit(signal, **kwargs):
    transaction.on_commit(lambda: signal.send(sender=Idea, **kwargs))


def _offered_themes(round_, themes):
    """Only the themes the round offers; anything else sent with a form is dropped."""
    offered = {tag.pk: tag for tag in round_.themes.all()}
    return [offered[tag.pk] for tag in themes if tag.pk in offered]


# --- Ideas --------------------------------------------------------------------------------


def post_idea(author, round_, *, title, body, themes=(), token=None, confirm_personal=False):
    """Post a new idea. The same ``token`` (sent with the form) posts once: a second submission
    of the same form returns the idea the first one created. ``confirm_personal``: the author
    was warned of personal details in the text and posts it anyway."""
    require_perm(author, "ideas.post_idea", round_)
    if token is not None:
        existing = Idea.objects.filter(author=author, submission_token=token).first()
        if existing is not None:
            return existing
    warned = oversharing.check(confirmed=confirm_personal, title=title, body=body)
    limits.count("idea", f"user:{author.pk}")
    try:
        with transaction.atomic():
            idea = Idea.objects.create(
                round=round_,
                author=author,
                title=title,
                body=body,
                submission_token=token,
                shared_despite_warning=warned,
            )
            idea.themes.set(_offered_themes(round_, themes))
            _after_commit(signals.idea_posted, idea=idea)
            _tell_round_followers(round_, author)
    except IntegrityError:
        if token is None:
            raise
        # Two submissions raced; the other one won.
        return Idea.objects.get(author=author, submission_token=token)
    return idea


# Notices to followers (accounts.follows), registered in apps.py.
FOLLOWED_ROUND = "ideas.followed_round"
FOLLOWED_IDEA_COMMENTS = "ideas.followed_idea_comments"


def _tell_round_followers(round_, author):
    """The round's followers hear of new ideas once a day at most: the first idea of the day
    tells them, with a link to the round, where that day's others are too."""
    tell_followers(
        round_,
        kind=FOLLOWED_ROUND,
        message=format_lazy(
            gettext_lazy("New ideas in “{round}”, a round you follow."), round=round_.title
        ),
        actor=author,
        once_a_day=True,
    )


def _tell_idea_followers_of_comment(idea, author, replied_to):
    """An idea's followers hear of new comments once a day at most; not its author, who
    wrote the comment, nor the person replied to (told of the reply itself)."""
    tell_followers(
        idea,
        kind=FOLLOWED_IDEA_COMMENTS,
        message=format_lazy(
            gettext_lazy("New comments on “{title}”, an idea you follow."), title=idea.title
        ),
        actor=author,
        exclude=[replied_to.author_id] if replied_to is not None else [],
        once_a_day=True,
    )


@transaction.atomic
def edit_idea(editor, idea, *, title, body, themes=(), confirm_personal=False):
    """Edit an idea. The text is looked at again, as an edit could add what a post would have
    been warned of; the mark says whether the text as it now stands was confirmed."""
    require_perm(editor, "ideas.edit_idea", idea)
    idea.shared_despite_warning = oversharing.check(
        confirmed=confirm_personal, title=title, body=body
    )
    idea.title = title
    idea.body = body
    idea.edited_at = timezone.now()
    idea.save(update_fields=["title", "body", "edited_at", "shared_despite_warning"])
    idea.themes.set(_offered_themes(idea.round, themes))
    return idea


@transaction.atomic
def withdraw_idea(author, idea):
    require_perm(author, "ideas.withdraw_idea", idea)
    idea.withdrawn_at = timezone.now()
    idea.save(update_fields=["withdrawn_at"])
    return idea


# --- Support ------------------------------------------------------------------------------


def toggle_support(person, idea, *, supported=None):
    """Support or stop supporting; returns whether the person now supports the idea.

    With ``supported`` given, the result is that state however often the same form is sent,
    so a double click cannot undo itself. One row per person and idea (a unique constraint)
    means a support is counted once whatever happens.
    """
    require_perm(person, "ideas.support_idea", idea)
    # Every change is broadcast to everyone watching the idea.
    limits.count("support", f"user:{person.pk}")
    with transaction.atomic():
        existing = Support.objects.filter(idea=idea, person=person)
        if supported is None:
            supported = not existing.exists()
        if not supported:
            if existing.delete()[0]:
                _after_commit(signals.support_changed, idea=idea)
            return False
        try:
            with transaction.atomic():
                _support, created = Support.objects.get_or_create(idea=idea, person=person)
            if created:
                _after_commit(signals.support_changed, idea=idea)
        except IntegrityError:
            pass  # a concurrent request created it: the person supports the idea either way
    return True


# --- Comments -----------------------------------------------------------------------------


def post_comment(author, place, *, body, parent=None, token=None, confirm_personal=False):
    """Post a comment on ``place``: an idea, or a page's discussion (PageDiscussion). The same
    ``token`` posts once: sending it again returns the comment the first attempt saved (a
    client that lost its connection before hearing back).

    Raises ``RateLimited`` when the person comments faster than LIVE_COMMENT_RATE allows,
    whether through the page's form or the live socket, and ``PersonalDetails`` when the text
    looks like personal details that ``confirm_personal`` does not confirm."""
    if token is not None:
        existing = Comment.objects.filter(author=author, submission_token=token).first()
        if existing is not None:
            return existing
    warned = oversharing.check(confirmed=confirm_personal, body=body)
    check_post_rate(author)
    try:
        return _post_comment(author, place, body=body, parent=parent, token=token, warned=warned)
    except IntegrityError:
        if token is None:
            raise
        return Comment.objects.get(author=author, submission_token=token)


def _placed(place):
    """The comment's field that holds ``place``, and the rule for commenting there."""
    field = "discussion" if isinstance(place, PageDiscussion) else "idea"
    return field, comment_perm_of(place)


@transaction.atomic
def _post_comment(author, place, *, body, parent, token, warned):
    field, perm = _placed(place)
    require_perm(author, perm, place)
    replied_to = parent
    if parent is not None:
        if getattr(parent, f"{field}_id") != place.pk:
            raise ValueError("A reply must be in the same thread as its parent.")
        # One level of replies: answering a reply joins the same thread.
        if parent.parent_id is not None:
            parent = parent.parent
        if not parent.is_public:
            raise NotAllowed(perm)
    comment = Comment.objects.create(
        **{field: place},
        author=author,
        body=body,
        parent=parent,
        submission_token=token,
        shared_despite_warning=warned,
    )
    _after_commit(signals.comment_posted, comment=comment)
    if replied_to is not None and replied_to.author_id not in (None, author.pk):
        notify(
            replied_to.author,
            kind="ideas.reply",
            message=format_lazy(
                gettext_lazy("{name} replied to your comment on “{title}”."),
                name=author.display_name,
                title=place.title,
            ),
            url=comment.get_absolute_url(),
        )
    if isinstance(place, Idea):
        _tell_idea_followers_of_comment(place, author, replied_to)
    return comment


@transaction.atomic
def edit_comment(editor, comment, *, body, confirm_personal=False):
    """Edit a comment; its text is looked at again, as in edit_idea."""
    require_perm(editor, "ideas.edit_comment", comment)
    comment.shared_despite_warning = oversharing.check(confirmed=confirm_personal, body=body)
    comment.body = body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at", "shared_despite_warning"])
    _after_commit(signals.comment_changed, comment=comment)
    return comment


@transaction.atomic
def remove_comment(author, comment):
    """The author takes a comment back. The row stays so that replies keep their place."""
    require_perm(author, "ideas.remove_comment", comment)
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["deleted_at"])
    _after_commit(signals.comment_changed, comment=comment)
    return comment


# --- Flags and moderation -----------------------------------------------------------------


def _kind(target):
    return "comment" if isinstance(target, Comment) else "idea"


def _target_kwargs(target):
    return {_kind(target): target}


def flag(reporter, target, *, reason):
    """Report an idea or a comment. Reporting the same thing again while the first report is
    open changes nothing and returns the first report."""
    require_perm(reporter, f"ideas.flag_{_kind(target)}", target)
    open_flag = Flag.objects.open().filter(reporter=reporter, **_target_kwargs(target))
    try:
        with transaction.atomic():
            existing = open_flag.first()
            if existing is not None:
                return existing
            limits.count("flag", f"user:{reporter.pk}")
            return Flag.objects.create(reporter=reporter, reason=reason, **_target_kwargs(target))
    except IntegrityError:
        return open_flag.get()


def _moderate(moderator, target, kind, reason):
    require_perm(moderator, f"ideas.moderate_{_kind(target)}", target)
    now = timezone.now()
    ModerationAction.objects.create(
        kind=kind, moderator=moderator, reason=reason, created_at=now, **_target_kwargs(target)
    )
    Flag.objects.open().filter(**_target_kwargs(target)).update(resolved_at=now)
    if isinstance(target, Comment):
        _after_commit(signals.comment_changed, comment=target)
    return now


HIDDEN_COMMENT = gettext_lazy(
    'Your comment on "%(title)s" was hidden by moderation. Reason: %(reason)s'
)
HIDDEN_IDEA = gettext_lazy('Your idea "%(title)s" was hidden by moderation. Reason: %(reason)s')
RESTORED_COMMENT = gettext_lazy('Your comment on "%(title)s" is visible again. Reason: %(reason)s')
RESTORED_IDEA = gettext_lazy('Your idea "%(title)s" is visible again. Reason: %(reason)s')


def _interpolated_later(template, params):
    """Stays lazy, so that notify renders it in the recipient's language."""
    return lazy(lambda: str(template) % params, str)()


def _tell_author(target, template, reason):
    title = target.place.title if isinstance(target, Comment) else target.title
    notify(
        target.author,
        kind=MODERATION,
        message=_interpolated_later(template, {"title": title, "reason": reason}),
        url=target.get_absolute_url(),
    )


@transaction.atomic
def hide(moderator, target, *, reason):
    """Hide an idea or a comment from everyone but its author and moderators; the author is
    told why."""
    now = _moderate(moderator, target, ModerationKind.HIDE, reason)
    target.hidden_at = now
    target.hidden_reason = reason
    target.save(update_fields=["hidden_at", "hidden_reason"])
    _tell_author(target, HIDDEN_COMMENT if isinstance(target, Comment) else HIDDEN_IDEA, reason)
    return target


@transaction.atomic
def restore(moderator, target, *, reason):
    _moderate(moderator, target, ModerationKind.RESTORE, reason)
    target.hidden_at = None
    target.hidden_reason = ""
    target.save(update_fields=["hidden_at", "hidden_reason"])
    _tell_author(target, RESTORED_COMMENT if isinstance(target, Comment) else RESTORED_IDEA, reason)
    return target


@transaction.atomic
def dismiss_flags(moderator, target, *, reason):
    """The reports were looked at and the content stays as it is."""
    _moderate(moderator, target, ModerationKind.DISMISS, reason)
    return target
