"""Every change to a call to the pool: each checks the rules (panels.pool.calls.rules)
itself, runs in one transaction, and tells people through accounts.notifications — once, and
never the person acting:

- publishing tells the members the call is for (panels.pool.calls.matching); a call is
  published once, and editing never tells anyone;
- closing tells everyone who is still signed up the outcome (a place, or not this time);
  those who withdrew are not told;
- posting the results tells the confirmed participants; correcting them later does not.

Confirming a place locks the call's row first, so two staff confirming the last place at the
same moment cannot fill more than ``places``.

Errors: ``NotAllowed`` (the rules say no) and ``ValidationError`` with a message for the
person (the deadline has passed, the call is full, …).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.notifications import notify
from accounts.permissions import NotAllowed, require_perm
from panels.services import link_for

from .matching import matching_members
from .models import (
    MESSAGE_MAX_LENGTH,
    RESULTS_MAX_LENGTH,
    AnswerCriterion,
    Call,
    CallSignup,
    CallStatus,
    SignupStatus,
)

CALL_PUBLISHED = "pool_calls.call_published"
CALL_OUTCOME = "pool_calls.outcome"
CALL_RESULTS = "pool_calls.results"

ACTIVE_SIGNUP = [SignupStatus.SIGNED_UP, SignupStatus.CONFIRMED]


def _link(person, call):
    return link_for(person, "panels:call", call.pool.slug, call.pk)


def _locked(call):
    """The call's row, locked until the transaction ends (only the call's row: ``of``)."""
    return (
        Call.objects.select_for_update(of=("self",)).select_related("pool__region").get(pk=call.pk)
    )


def confirmed_count(call):
    return call.signups.filter(status=SignupStatus.CONFIRMED).count()


# --- Writing a call -------------------------------------------------------------------------


def _set_criteria(call, criteria):
    call.municipalities.set(criteria.get("municipalities") or [])
    call.client_groups.set(criteria.get("client_groups") or [])
    call.answer_criteria.all().delete()
    AnswerCriterion.objects.bulk_create(
        AnswerCriterion(call=call, question=question, value=value)
        for question, value in criteria.get("answers") or []
    )


@transaction.atomic
def create_call(pool, by, *, fields, criteria):
    """A draft call; nobody is told until it is published. ``fields`` are the call's own
    fields, ``criteria`` its municipalities, client groups and answers ((question, value)
    pairs)."""
    require_perm(by, "pool_calls.create_call", pool)
    call = Call(pool=pool, created_by=by, status=CallStatus.DRAFT, **fields)
    call.full_clean(exclude=["pool", "created_by"])
    call.save()
    _set_criteria(call, criteria)
    return call


@transaction.atomic
def edit_call(call, by, *, fields, criteria):
    """Change a draft. A published call is not edited here: its members were told what it
    is."""
    require_perm(by, "pool_calls.edit_call", call)
    call = _locked(call)
    if not call.is_draft:
        raise ValidationError(_("The call is published: it can no longer be edited."))
    for name, value in fields.items():
        setattr(call, name, value)
    call.full_clean(exclude=["pool", "created_by"])
    call.save()
    _set_criteria(call, criteria)
    return call


@transaction.atomic
def publish_call(call, by):
    """Open the call for sign-ups and tell the members it is for, once. Publishing a call
    that is already published does nothing and tells nobody."""
    require_perm(by, "pool_calls.run_call", call)
    call = _locked(call)
    if not call.is_draft:
        return call, 0
    if call.signup_deadline < timezone.localdate():
        raise ValidationError(
            {"signup_deadline": _("The sign-up deadline has passed: choose a later day.")}
        )
    call.status = CallStatus.OPEN
    call.published_at = timezone.now()
    call.save(update_fields=["status", "published_at"])
    told = 0
    for member in matching_members(call):
        if member.person_id == by.pk:
            continue
        notify(
            member.person,
            kind=CALL_PUBLISHED,
            message=format_lazy(
                gettext_lazy(
                    "A new call in {pool} is looking for you: {title}. {places} places; "
                    "sign up by {deadline}."
                ),
                pool=call.pool.name,
                title=call.title,
                places=call.places,
                deadline=call.signup_deadline.strftime("%d.%m.%Y"),
            ),
            url=_link(member.person, call),
        )
        told += 1
    return call, told


# --- Signing up -----------------------------------------------------------------------------


def why_not_sign_up(call, person, *, confirmed=None):
    """Why ``person`` cannot sign up to ``call`` now, or None. The reasons are for the
    person: the call is not open, the deadline passed, the places are taken, or it is not for
    them."""
    if call.is_draft:
        return _("The call has not been published yet.")
    if not call.is_open:
        return _("Sign-ups for this call have closed.")
    if not call.signup_is_open():
        return _("The sign-up deadline has passed.")
    if confirmed is None:
        confirmed = confirmed_count(call)
    if call.places_left(confirmed) == 0:
        return _("All places have been taken.")
    if not matching_members(call, person=person):
        return _(
            "This call is for active pool members who meet its criteria, and you do not meet "
            "them. You will be told of the calls that are meant for you."
        )
    return None


def _check_message(message):
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _(
                    "The message is %(length)s characters long; at most %(max)s are allowed."
                )
                % {"length": len(message), "max": MESSAGE_MAX_LENGTH}
            }
        )
    return message


@transaction.atomic
def sign_up(call, person, *, message=""):
    """Sign ``person`` up (again, after withdrawing). Signing up twice changes nothing but
    the message."""
    message = _check_message(message)
    call = _locked(call)
    existing = CallSignup.objects.filter(call=call, person=person).first()
    if existing is not None and existing.status in ACTIVE_SIGNUP:
        existing.message = message
        existing.save(update_fields=["message", "updated_at"])
        return existing
    reason = why_not_sign_up(call, person)
    if reason is not None:
        raise ValidationError(reason)
    require_perm(person, "pool_calls.sign_up", call)
    if existing is None:
        return CallSignup.objects.create(call=call, person=person, message=message)
    existing.status, existing.message, existing.decided_at = SignupStatus.SIGNED_UP, message, None
    existing.save(update_fields=["status", "message", "decided_at", "updated_at"])
    return existing


@transaction.atomic
def withdraw(call, person):
    """Withdraw by the deadline; a confirmed place is freed for someone else."""
    require_perm(person, "pool_calls.withdraw", call)
    call = _locked(call)
    if not call.signup_is_open():
        raise ValidationError(
            _("The sign-up deadline has passed: tell the staff if you cannot take part.")
        )
    signup = CallSignup.objects.get(call=call, person=person, status__in=ACTIVE_SIGNUP)
    signup.status = SignupStatus.WITHDRAWN
    signup.save(update_fields=["status", "updated_at"])
    return signup


# --- Places, closing, results ---------------------------------------------------------------


@transaction.atomic
def confirm(call, by, signup):
    """Confirm ``signup``'s place. Never more than ``places``: the call's row is locked
    while the confirmed are counted, so a second confirmation waits and then sees the first."""
    require_perm(by, "pool_calls.run_call", call)
    call = _locked(call)
    if call.status != CallStatus.OPEN:
        raise ValidationError(_("The places of this call are settled."))
    signup = CallSignup.objects.select_for_update(of=("self",)).get(pk=signup.pk, call=call)
    if signup.status == SignupStatus.CONFIRMED:
        return signup
    if signup.status != SignupStatus.SIGNED_UP:
        raise ValidationError(_("Only someone who is signed up can get a place."))
    if confirmed_count(call) >= call.places:
        raise ValidationError(
            _("All %(places)s places are already confirmed: no place is left to give.")
            % {"places": call.places}
        )
    signup.status, signup.decided_at = SignupStatus.CONFIRMED, timezone.now()
    signup.save(update_fields=["status", "decided_at", "updated_at"])
    return signup


@transaction.atomic
def release(call, by, signup):
    """Undo a confirmation while the call is open: the place is free again."""
    require_perm(by, "pool_calls.run_call", call)
    call = _locked(call)
    if call.status != CallStatus.OPEN:
        raise ValidationError(_("The places of this call are settled."))
    signup = CallSignup.objects.select_for_update(of=("self",)).get(pk=signup.pk, call=call)
    if signup.status == SignupStatus.CONFIRMED:
        signup.status, signup.decided_at = SignupStatus.SIGNED_UP, None
        signup.save(update_fields=["status", "decided_at", "updated_at"])
    return signup


@transaction.atomic
def close_call(call, by):
    """Settle the places: those signed up and not confirmed are not selected, and everyone
    still signed up hears the outcome, once. Closing a closed call does nothing."""
    require_perm(by, "pool_calls.run_call", call)
    call = _locked(call)
    if call.is_draft:
        raise ValidationError(_("A draft is not closed: publish it first, or leave it."))
    if call.status != CallStatus.OPEN:
        return call
    now = timezone.now()
    call.signups.filter(status=SignupStatus.SIGNED_UP).update(
        status=SignupStatus.NOT_SELECTED, decided_at=now, updated_at=now
    )
    call.status, call.closed_at = CallStatus.CLOSED, now
    call.save(update_fields=["status", "closed_at"])
    signups = call.signups.filter(
        status__in=[SignupStatus.CONFIRMED, SignupStatus.NOT_SELECTED]
    ).select_related("person")
    for signup in signups.exclude(person=by).order_by("pk"):
        if signup.status == SignupStatus.CONFIRMED:
            message = gettext_lazy(
                "You have a place in the call {title}: {starts}–{ends}. Staff will be in "
                "touch about the details."
            )
        else:
            message = gettext_lazy(
                "The places in the call {title} have been filled, and you were not selected "
                "this time. Thank you for signing up: there will be other calls."
            )
        notify(
            signup.person,
            kind=CALL_OUTCOME,
            message=format_lazy(
                message,
                title=call.title,
                starts=call.starts_on.strftime("%d.%m.%Y"),
                ends=call.ends_on.strftime("%d.%m.%Y"),
            ),
            url=_link(signup.person, call),
        )
    return call


@transaction.atomic
def post_results(call, by, *, results):
    """Post what the people did and what came of it. The first time, the call is reported
    and its participants are told, once; later the text is corrected without telling
    anyone again."""
    require_perm(by, "pool_calls.run_call", call)
    results = (results or "").strip()
    if not results:
        raise ValidationError({"results": _("Write what the people did and what came of it.")})
    if len(results) > RESULTS_MAX_LENGTH:
        raise ValidationError(
            {
                "results": _("The results are %(length)s characters long; at most %(max)s.")
                % {"length": len(results), "max": RESULTS_MAX_LENGTH}
            }
        )
    call = _locked(call)
    if call.status not in (CallStatus.CLOSED, CallStatus.REPORTED):
        raise ValidationError(_("Settle the places and close the call before its results."))
    call.results = results
    if call.is_reported:
        call.save(update_fields=["results"])
        return call
    call.status, call.results_published_at = CallStatus.REPORTED, timezone.now()
    call.save(update_fields=["results", "status", "results_published_at"])
    participants = call.signups.filter(status=SignupStatus.CONFIRMED).select_related("person")
    for signup in participants.exclude(person=by).order_by("pk"):
        notify(
            signup.person,
            kind=CALL_RESULTS,
            message=format_lazy(
                gettext_lazy(
                    "The results of the call {title} you took part in are posted. They are also "
                    "on your My impact page."
                ),
                title=call.title,
            ),
            url=_link(signup.person, call),
        )
    return call


__all__ = ["NotAllowed"]
