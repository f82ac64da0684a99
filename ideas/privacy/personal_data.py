"""What ideas hold about a person, for their data export (accounts.privacy.export): their
ideas, comments (on ideas and on pages), supports and reports, and, for staff, the rounds they
run and the moderation decisions they made. Of what others wrote only the idea's title (or
the page's title and address) is given, for context: never another person's comment, nor the
text of what a moderator hid."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.emails import absolute
from accounts.privacy.export import Field, Section, personal_data_requested
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Comment, Flag, Idea, IdeaRound, ModerationAction, Support
from live.models import ModerationKind

IDEA_ID = Field("idea_id", _("idea number"), _("The number of the idea."))
IDEA_TITLE = Field("idea_title", _("idea"), _("The title of the idea."))
PAGE_TITLE = Field(
    "page_title", _("page"), _("The title of the page commented on, for a comment on a page.")
)
PAGE_URL = Field("page_url", _("page address"), _("The address of the page commented on."))


def _on_page(comment):
    """The page fields of a row about ``comment``: empty for a comment on an idea."""
    if comment is None or comment.discussion_id is None:
        return {"page_title": "", "page_url": ""}
    return {
        "page_title": comment.discussion.title,
        "page_url": absolute(comment.discussion.get_absolute_url()),
    }


def ideas(person):
    rows = (
        Idea.objects.filter(author=person)
        .select_related("round")
        .prefetch_related("themes")
        .order_by("created_at", "pk")
    )
    return Section(
        key="ideas",
        title=_("Your ideas"),
        description=_("Every idea you posted, also those withdrawn or hidden."),
        fields=[
            Field("id", _("number"), _("The idea's number.")),
            Field("round", _("idea round"), _("The idea round it was posted in.")),
            Field("title", _("title"), _("The title you gave.")),
            Field("body", _("text"), _("The description you wrote.")),
            Field("themes", _("themes"), _("The themes you chose.")),
            Field("status", _("status"), _("What has become of the idea."), IdeaStatus.choices),
            Field("created_at", _("posted"), _("When you posted it.")),
            Field("edited_at", _("edited"), _("When you last edited it.")),
            Field("withdrawn_at", _("withdrawn"), _("When you withdrew it.")),
            Field("hidden_at", _("hidden"), _("When moderation hid it.")),
            Field("hidden_reason", _("reason for hiding"), _("Why moderation hid it.")),
            Field("url", _("address"), _("The idea's address.")),
        ],
        rows=[
            {
                "id": idea.pk,
                "round": idea.round.title,
                "title": idea.title,
                "body": idea.body,
                "themes": sorted(tag.name for tag in idea.themes.all()),
                "status": idea.status,
                "created_at": idea.created_at,
                "edited_at": idea.edited_at,
                "withdrawn_at": idea.withdrawn_at,
                "hidden_at": idea.hidden_at,
                "hidden_reason": idea.hidden_reason,
                "url": absolute(idea.get_absolute_url()),
            }
            for idea in rows
        ],
    )


def comments(person):
    rows = (
        Comment.objects.filter(author=person)
        .select_related("idea", "discussion")
        .order_by("created_at", "pk")
    )
    return Section(
        key="comments",
        title=_("Your comments"),
        description=_(
            "Every comment you wrote on an idea or a page, also those removed or hidden."
        ),
        fields=[
            Field("id", _("number"), _("The comment's number.")),
            IDEA_ID,
            IDEA_TITLE,
            PAGE_TITLE,
            PAGE_URL,
            Field(
                "reply_to", _("reply to"), _("The number of the comment you replied to, if any.")
            ),
            Field("body", _("text"), _("What you wrote.")),
            Field("created_at", _("written"), _("When you wrote it.")),
            Field("edited_at", _("edited"), _("When you last edited it.")),
            Field("removed_at", _("removed by you"), _("When you removed it.")),
            Field("hidden_at", _("hidden"), _("When moderation hid it.")),
            Field("hidden_reason", _("reason for hiding"), _("Why moderation hid it.")),
        ],
        rows=[
            {
                "id": comment.pk,
                "idea_id": comment.idea_id,
                "idea_title": comment.idea.title if comment.idea_id else "",
                **_on_page(comment),
                "reply_to": comment.parent_id,
                "body": comment.body,
                "created_at": comment.created_at,
                "edited_at": comment.edited_at,
                "removed_at": comment.deleted_at,
                "hidden_at": comment.hidden_at,
                "hidden_reason": comment.hidden_reason,
            }
            for comment in rows
        ],
        note=_("Others' comments in the same threads are theirs, and are not in your export."),
    )


def supports(person):
    rows = Support.objects.filter(person=person).select_related("idea").order_by("created_at", "pk")
    return Section(
        key="supports",
        title=_("Ideas you supported"),
        description=_("The ideas you support."),
        fields=[
            IDEA_ID,
            IDEA_TITLE,
            Field("created_at", _("supported"), _("When you supported it.")),
        ],
        rows=[
            {
                "idea_id": support.idea_id,
                "idea_title": support.idea.title,
                "created_at": support.created_at,
            }
            for support in rows
        ],
    )


def flags(person):
    rows = (
        Flag.objects.filter(reporter=person)
        .select_related("idea", "comment__idea", "comment__discussion")
        .order_by("created_at", "pk")
    )
    return Section(
        key="flags",
        title=_("Your reports of abuse"),
        description=_("Ideas and comments you reported to moderators."),
        fields=[
            Field(
                "target",
                _("reported"),
                _("What you reported."),
                [("idea", _("an idea")), ("comment", _("a comment"))],
            ),
            IDEA_ID,
            IDEA_TITLE,
            PAGE_TITLE,
            PAGE_URL,
            Field("comment_id", _("comment number"), _("The number of the comment you reported.")),
            Field("reason", _("reason"), _("The reason you gave.")),
            Field("created_at", _("reported"), _("When you reported it.")),
            Field("resolved_at", _("dealt with"), _("When moderators dealt with it.")),
        ],
        rows=[_flag_row(flag) for flag in rows],
    )


def _flag_row(flag):
    idea = flag.idea if flag.idea_id else flag.comment.idea
    return {
        "target": "idea" if flag.idea_id else "comment",
        "idea_id": idea.pk if idea else None,
        "idea_title": idea.title if idea else "",
        **_on_page(flag.comment),
        "comment_id": flag.comment_id,
        "reason": flag.reason,
        "created_at": flag.created_at,
        "resolved_at": flag.resolved_at,
    }


def staff_work(person):
    rounds = IdeaRound.objects.filter(run_by=person).order_by("ideation_starts", "pk")
    actions = (
        ModerationAction.objects.filter(moderator=person)
        .select_related("idea", "comment__discussion")
        .order_by("created_at", "pk")
    )
    rows = [
        {
            "action": "runs_round",
            "round": idea_round.title,
            "idea_id": None,
            **_on_page(None),
            "comment_id": None,
            "reason": "",
            "at": idea_round.created_at,
        }
        for idea_round in rounds
    ]
    rows += [
        {
            "action": f"moderated_{action.kind}",
            "round": "",
            "idea_id": action.idea_id or action.comment.idea_id,
            **_on_page(action.comment),
            "comment_id": action.comment_id,
            "reason": action.reason,
            "at": action.created_at,
        }
        for action in actions
    ]
    return Section(
        key="idea_staff_work",
        title=_("Idea rounds you run and your moderation"),
        description=_(
            "The idea rounds you run, and the ideas and comments you hid, restored or whose "
            "reports you dismissed."
        ),
        fields=[
            Field(
                "action",
                _("what you did"),
                _("What you did."),
                [
                    ("runs_round", _("runs the idea round")),
                    *[
                        (f"moderated_{kind}", _("moderation: %s") % label)
                        for kind, label in ModerationKind.choices
                    ],
                ],
            ),
            Field("round", _("idea round"), _("The idea round you run.")),
            Field(
                "idea_id", _("idea number"), _("The number of the idea moderated, or commented on.")
            ),
            PAGE_TITLE,
            PAGE_URL,
            Field(
                "comment_id",
                _("comment number"),
                _("The number of the comment moderated, if it was one."),
            ),
            Field("reason", _("reason"), _("The reason you gave.")),
            Field("at", _("time"), _("When.")),
        ],
        rows=rows,
    )


@receiver(personal_data_requested, dispatch_uid="ideas.personal_data")
def idea_sections(sender, person, **kwargs):
    return [ideas(person), comments(person), supports(person), flags(person), staff_work(person)]
