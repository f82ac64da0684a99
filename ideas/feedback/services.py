"""The feedback loop's actions: moving an idea's status, publishing and editing official
responses, and saying whether a response answered the idea.

Each function checks the rule of ``ideas.feedback.rules`` it needs, writes the record, the
idea's new status and the notices in one transaction, so a notice never tells of a change that
was rolled back, and a change never happens without its public record.
"""

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import limits
from accounts.follows.services import followers_of
from accounts.notifications import notify
from accounts.permissions import require_perm
from ideas.models import Comment, Idea, Support
from panels.models import Organisation

from .models import OfficialResponse, ResponseFeedback, ResponseVersion, StatusChange, Verdict
from .statuses import IdeaStatus, allowed_transitions

# Notification kinds (registered in apps.py).
MY_IDEA = "ideas.my_idea"
FOLLOWED_IDEA = "ideas.followed_idea"
CLARIFICATION = "ideas.clarification"


class TransitionRefused(ValidationError):
    """The idea cannot move to that status from where it is, or the move lacks what it needs."""


def _check_transition(idea, to_status, explanation, merged_into):
    to_status = IdeaStatus(to_status)
    if to_status not in allowed_transitions(idea.status):
        raise TransitionRefused(
            format_lazy(
                _("An idea that is {current} cannot become {target}."),
                current=IdeaStatus(idea.status).label,
                target=to_status.label,
            ),
            code="transition",
        )
    if not explanation.strip():
        raise TransitionRefused(
            _("Explain the change publicly: everyone who follows the idea reads it."),
            code="explanation",
        )
    if to_status == IdeaStatus.MERGED:
        if merged_into is None:
            raise TransitionRefused(_("Choose the idea this one is merged into."), code="merge")
        if merged_into.pk == idea.pk:
            raise TransitionRefused(_("An idea cannot be merged into itself."), code="merge")
        # The same audience: merging links the two ideas on both pages, and a public idea
        # must not point at (or be pointed at by) a panel's own.
        same_audience = (merged_into.round.region_id, merged_into.round.panel_id) == (
            idea.round.region_id,
            idea.round.panel_id,
        )
        if not same_audience:
            raise TransitionRefused(
                _("An idea can only be merged into an idea of the same region and audience."),
                code="merge",
            )
        if merged_into.status == IdeaStatus.MERGED or not merged_into.is_public:
            raise TransitionRefused(
                _("That idea cannot take others: it is merged, hidden or withdrawn."),
                code="merge",
            )
    elif merged_into is not None:
        raise TransitionRefused(_("Only a merge names another idea."), code="merge")


def _move(actor, idea, to_status, explanation, merged_into=None):
    """Write the status change and keep ``idea.status`` in step. The caller holds the lock."""
    _check_transition(idea, to_status, explanation, merged_into)
    change = StatusChange.objects.create(
        idea=idea,
        actor=actor,
        actor_role=actor.role,
        from_status=idea.status,
        to_status=to_status,
        explanation=explanation.strip(),
        merged_into=merged_into,
    )
    idea.status = to_status
    idea.merged_into = merged_into
    idea.save(update_fields=["status", "merged_into"])
    return change


def _locked(idea):
    """The idea's row, locked until the transaction ends, so that two officials moving it at
    once cannot both start from the same status."""
    return Idea.objects.select_for_update().select_related("round__region").get(pk=idea.pk)


@transaction.atomic
def change_status(actor, idea, to_status, *, explanation, merged_into=None):
    """Move ``idea`` to ``to_status`` with a public explanation; tell its author."""
    require_perm(actor, "feedback.change_status", idea)
    idea = _locked(idea)
    change = _move(actor, idea, to_status, explanation, merged_into)
    _tell_of_status(idea, change, actor)
    return change


def _tell_of_status(idea, change, actor):
    """The author, supporters and commenters hear of the change and its reason."""
    status = IdeaStatus(change.to_status).label
    url = f"{idea.get_absolute_url()}#status-{change.pk}"
    if _may_be_told(idea.author, idea, actor):
        notify(
            idea.author,
            kind=MY_IDEA,
            message=format_lazy(
                _("Your idea “{title}” is now {status}: {explanation}"),
                title=idea.title,
                status=status,
                explanation=change.explanation,
            ),
            url=url,
        )
    for person in followers(idea):
        if _may_be_told(person, idea, actor):
            notify(
                person,
                kind=FOLLOWED_IDEA,
                message=format_lazy(
                    _("An idea you follow, “{title}”, is now {status}: {explanation}"),
                    title=idea.title,
                    status=status,
                    explanation=change.explanation,
                ),
                url=url,
            )


def _may_be_told(person, idea, actor):
    """Not the one who acted, and only someone who may still see the idea: a person who has
    left a panel hears nothing more of its ideas."""
    if person is None or person.pk == actor.pk:
        return False
    return rules.has_perm("ideas.see_idea", person, idea)


@transaction.atomic
def publish_response(responder, idea, *, decision, reasons, merged_into=None, **content):
    """Publish an official response. If its decision is a new status, the idea moves there
    in the same step, with the response's reasons as the change's public explanation.

    ``content``: next_step, responsible, due_date, link_url, link_title."""
    require_perm(responder, "feedback.respond_to_idea", idea)
    idea = _locked(idea)
    decision = IdeaStatus(decision)
    change = None
    if decision != idea.status:
        change = _move(responder, idea, decision, reasons, merged_into)
    response = OfficialResponse(
        idea=idea,
        responder=responder,
        responder_role=responder.role,
        decision=decision,
        status_change=change,
        reasons=reasons.strip(),
        on_behalf_of=on_whose_behalf(responder, idea),
        **content,
    )
    response.full_clean()
    response.save()
    _tell_of_response(idea, response, responder)
    return response


def on_whose_behalf(responder, idea):
    """The organisation ``responder`` works for (panels.Affiliation) if it is of the idea's
    region, else None. Read once, when the response is published, and kept with it."""
    return Organisation.objects.filter(
        affiliations__person=responder, region=idea.round.region_id
    ).first()


def followers(idea):
    """People who supported, commented on or follow the idea (accounts.follows), each once;
    its author not included (they hear of their own idea)."""
    from accounts.models import User

    supporters = Support.objects.filter(idea=idea).values("person")
    commenters = Comment.objects.filter(idea=idea, deleted_at__isnull=True).values("author")
    following = followers_of(idea).values("pk")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=supporters) | Q(pk__in=commenters) | Q(pk__in=following))
        .exclude(pk=idea.author_id)
        .order_by("pk")
    )


def _tell_of_response(idea, response, responder):
    """The author hears about their idea, followers about an idea they follow; the responder
    is told nothing of their own response, and nobody is told twice."""
    url = response.get_absolute_url()
    decision = IdeaStatus(response.decision).label
    if _may_be_told(idea.author, idea, responder):
        notify(
            idea.author,
            kind=MY_IDEA,
            message=format_lazy(
                _("Your idea “{title}” got an official response: {decision}."),
                title=idea.title,
                decision=decision,
            ),
            url=url,
        )
    for person in followers(idea):
        if not _may_be_told(person, idea, responder):
            continue
        notify(
            person,
            kind=FOLLOWED_IDEA,
            message=format_lazy(
                _("An idea you follow, “{title}”, got an official response: {decision}."),
                title=idea.title,
                decision=decision,
            ),
            url=url,
        )


@transaction.atomic
def edit_response(editor, response, **content):
    """Change what a response says, keeping the version before the edit as public history.
    The decision is not editable: a new decision is a new response."""
    require_perm(editor, "feedback.edit_response", response)
    response = OfficialResponse.objects.select_for_update().get(pk=response.pk)
    before = {name: getattr(response, name) for name in OfficialResponse.CONTENT_FIELDS}
    for name, value in content.items():
        if name not in OfficialResponse.CONTENT_FIELDS:
            raise TypeError(f"edit_response() got an unexpected field {name!r}")
        setattr(response, name, value.strip() if isinstance(value, str) else value)
    if all(getattr(response, name) == before[name] for name in before):
        return response
    response.full_clean()
    ResponseVersion.objects.create(response=response, replaced_by=editor, **before)
    response.edited_at = timezone.now()
    response.save()
    return response


@transaction.atomic
def give_feedback(person, response, *, verdict, comment=""):
    """Say whether ``response`` answered the idea. Saying it again replaces the earlier
    answer. A "no" with a comment asks the responder to clarify (their queue, and a notice):
    each such request tells the responder again, so they are limited per person
    (``RATE_LIMITS["clarification"]``), counted before anything is saved."""
    require_perm(person, "feedback.give_feedback_on_response", response)
    verdict = Verdict(verdict)
    comment = comment.strip()
    earlier = ResponseFeedback.objects.filter(response=response, person=person).first()
    if earlier is not None and (earlier.verdict, earlier.comment) == (verdict, comment):
        return earlier  # said again, word for word: nothing new to tell anyone
    if verdict == Verdict.NO and comment:
        limits.count("clarification", f"user:{person.pk}")
    feedback, created = ResponseFeedback.objects.get_or_create(
        response=response, person=person, defaults={"verdict": verdict, "comment": comment}
    )
    if not created:
        feedback.verdict = verdict
        feedback.comment = comment
        feedback.updated_at = timezone.now()
        # A changed answer is a new question for the responder.
        feedback.handled_at = None
        feedback.handled_by = None
        feedback.save()
    if feedback.asks_for_clarification and response.responder_id is not None:
        notify(
            response.responder,
            kind=CLARIFICATION,
            message=format_lazy(
                _("Someone asks you to clarify your response to “{title}”."),
                title=response.idea.title,
            ),
            url=f"{response.get_absolute_url()}",
        )
    return feedback


@transaction.atomic
def handle_clarification(official, feedback):
    """Mark a request for clarification as dealt with (by editing the response, answering in
    the thread, or a new response)."""
    require_perm(official, "feedback.handle_clarification", feedback.response)
    feedback.handled_at = timezone.now()
    feedback.handled_by = official
    feedback.save(update_fields=["handled_at", "handled_by"])
    return feedback
