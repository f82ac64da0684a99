"""Giving feedback and answering it. Every change goes through these functions, each in one
transaction; notices and the one e-mail go out only once it is committed.

``give_feedback`` looks at the text with the personal-details guard before it counts against
the rate limit (as ``ideas.services.post_idea`` does): a warned item is not saved, so
confirming it costs one sending, not two.

``triage`` gives an item its outcome and its public answer, once. "Turned into an idea" posts
the idea through ``ideas.services.post_idea`` (in an open public round of the feedback's
region, by the staff member, with every check an idea gets); the idea points back at the
feedback (``Idea.source_feedback``). The sender hears of the answer: a signed-in sender by a
notice (and follows the idea), an e-mail-only sender by one e-mail, after which their address
is gone.
"""

import rules
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from accounts import limits, oversharing
from accounts.emails import absolute, send_to_address
from accounts.follows.services import follow
from accounts.notifications import notify

# Callers catch these: the guard's question, and the rate limit.
from accounts.oversharing import PersonalDetails  # noqa: F401
from accounts.permissions import NotAllowed, require_perm
from ideas import services as idea_services
from ideas.models import IdeaRound
from ideas.services import RateLimited  # noqa: F401

from .models import NEEDS_REASON, OUTCOMES, Feedback, Status

# The notice a signed-in sender gets when their feedback is answered.
ANSWERED = "service_feedback.answered"
RATE_LIMIT = "service_feedback"


class AlreadyTriaged(Exception):
    """Someone else answered the item first: an answer is given once."""


def rate_key(user, address):
    """Whom the rate limit counts: the signed-in person (even when they send anonymously: the
    count lives in the cache for an hour, never in the database), else the address."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{address}"


def give_feedback(
    sender,
    *,
    region,
    service_area,
    what_happened,
    what_would_be_better="",
    client_group=None,
    municipality=None,
    anonymous=False,
    reply_email="",
    token=None,
    confirm_personal=False,
    rate_key,
):
    """Save a piece of feedback. ``sender``: the person (or AnonymousUser); with
    ``anonymous`` nothing links the item to them. The same ``token`` saves once."""
    if (
        service_area.region_id != region.pk
        or (client_group is not None and client_group.region_id != region.pk)
        or (municipality is not None and municipality.region_id != region.pk)
    ):
        raise ValueError("The service area, client group and municipality must be the region's.")
    if token is not None:
        existing = Feedback.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing
    warned = oversharing.check(
        confirmed=confirm_personal,
        what_happened=what_happened,
        what_would_be_better=what_would_be_better,
    )
    limits.count(RATE_LIMIT, rate_key)
    signed_in = sender is not None and sender.is_authenticated
    with transaction.atomic():
        return Feedback.objects.create(
            region=region,
            service_area=service_area,
            client_group=client_group,
            municipality=municipality,
            what_happened=what_happened,
            what_would_be_better=what_would_be_better,
            author=sender if signed_in and not anonymous else None,
            reply_email=reply_email,
            language=translation.get_language() or "",
            shared_despite_warning=warned,
            submission_token=token,
        )


def idea_rounds_for(user, feedback):
    """The idea rounds the feedback can become an idea in: the region's public rounds in
    which ``user`` may post now. Public only, so that whoever gave the feedback can follow
    the idea."""
    rounds = (
        IdeaRound.objects.filter(region_id=feedback.region_id, panel__isnull=True)
        .select_related("region")
        .order_by("title")
    )
    return [round_ for round_ in rounds if rules.has_perm("ideas.post_idea", user, round_)]


def triage(
    actor,
    feedback,
    *,
    outcome,
    answer,
    reason="",
    forwarded_to="",
    publish=False,
    round_=None,
    title="",
    body="",
    token=None,
    confirm_personal=False,
):
    """Give ``feedback`` its outcome (one of ``OUTCOMES``) and public answer. Raises
    ``AlreadyTriaged`` when it has one, ``PersonalDetails`` when the answer or the idea's
    text looks like personal details, ``RateLimited`` from posting the idea."""
    require_perm(actor, "service_feedback.triage_feedback", feedback)
    if outcome not in OUTCOMES:
        raise ValueError(f"Not an outcome: {outcome}")
    if outcome in NEEDS_REASON and not reason.strip():
        raise ValueError("This outcome needs a public reason.")
    # The answer is public: it is looked at as anything posted is.
    oversharing.check(confirmed=confirm_personal, answer=answer, reason=reason)
    with transaction.atomic():
        locked = (
            Feedback.objects.select_for_update(of=("self",))
            .select_related("region", "service_area", "author")
            .get(pk=feedback.pk)
        )
        if locked.status != Status.NEW:
            raise AlreadyTriaged
        if outcome == Status.IDEA:
            if round_ is None or round_.region_id != locked.region_id or round_.panel_id:
                raise NotAllowed("service_feedback.triage_feedback")
            locked.idea = idea_services.post_idea(
                actor,
                round_,
                title=title,
                body=body,
                token=token,
                confirm_personal=confirm_personal,
            )
        reply_email = locked.reply_email
        locked.status = outcome
        locked.answer = answer
        locked.reason = reason if outcome in NEEDS_REASON else ""
        locked.forwarded_to = forwarded_to if outcome == Status.FORWARDED else ""
        locked.publish = publish
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        # Kept only until answered: the answer is on its way.
        locked.reply_email = ""
        locked.save()
        _tell_sender(locked, actor, reply_email)
    feedback.refresh_from_db()
    return locked


def set_published(actor, feedback, publish):
    """Show or stop showing an answered item on the public page."""
    require_perm(actor, "service_feedback.triage_feedback", feedback)
    if not feedback.is_answered:
        raise ValueError("Only answered feedback is shown.")
    Feedback.objects.filter(pk=feedback.pk).update(publish=publish)
    feedback.publish = publish


def where_to_follow(feedback):
    """The address the sender is pointed to: the idea, the public answer, or "my impact"."""
    if feedback.idea_id:
        return feedback.idea.get_absolute_url()
    if feedback.publish:
        return feedback.get_absolute_url()
    return reverse("my_impact")


def _tell_sender(feedback, actor, reply_email):
    author = feedback.author
    if author is not None and author.pk != actor.pk:
        if feedback.idea_id:
            # They can follow what becomes of it; the idea is in a public round.
            follow(author, feedback.idea)
        notify(
            author,
            kind=ANSWERED,
            message=format_lazy(
                gettext_lazy("Your feedback on {area} has an answer: {outcome}."),
                area=feedback.service_area.name,
                outcome=Status(feedback.status).label,
            ),
            url=where_to_follow(feedback),
        )
    if reply_email:
        subject, body = _answer_email(feedback)
        transaction.on_commit(lambda: send_to_address(reply_email, subject, body))


def _answer_email(feedback):
    """The one e-mail to a sender who left only an address, in the language of their form."""
    with translation.override(feedback.language or settings.LANGUAGE_CODE):
        subject = gettext("Answer to your feedback to %(region)s") % {
            "region": feedback.region.name
        }
        lines = [
            gettext("Thank you for your feedback on %(area)s.")
            % {"area": feedback.service_area.name},
            "",
            gettext("What became of it: %(outcome)s.") % {"outcome": Status(feedback.status).label},
            "",
            feedback.answer,
        ]
        if feedback.reason:
            lines += ["", gettext("Reason: %(reason)s") % {"reason": feedback.reason}]
        if feedback.forwarded_to:
            lines += ["", gettext("Forwarded to: %(service)s") % {"service": feedback.forwarded_to}]
        if feedback.idea_id:
            lines += [
                "",
                gettext("It became an idea, which you can follow here:"),
                absolute(feedback.idea.get_absolute_url()),
            ]
        elif feedback.publish:
            public_url = absolute(feedback.get_absolute_url())
            lines += ["", gettext("The answer is also public:"), public_url]
        lines += [
            "",
            gettext(
                "Your e-mail address was deleted when this answer was sent. This is the only "
                "message you get from us about this feedback."
            ),
        ]
    return subject, "\n".join(lines)
