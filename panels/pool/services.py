"""Applying on a recruitment page, confirming the e-mail address, staff decisions, and what a
pool member does to their own membership; each action in one transaction.

The path of an application:

- Signed in (with a confirmed address): saved as *received*, and the region's staff are told.
- Signed out: saved as *unverified* with the address, and a signed link that expires with
  ``UNVERIFIED_KEPT_FOR`` goes to that address; nothing reaches staff. Following the link
  (``confirm_application``) links the application to the account of that address, or creates
  one; only then is it *received*, its address emptied and staff told. Unconfirmed ones are
  purged (``purge_unverified``, from accounts' retention run).

Whether an address has an account is never shown on the recruitment page: the one who
follows the link learns it, as the owner of the address.

Staff select, reject (with a reason) or put on the waiting list; the person is told once, and
the acting staff member never. Selecting adds the person to the pool (a PoolMember, or the old
row back in use) or makes them an active member of the panel.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import limits
from accounts.emails import absolute, send_to_address
from accounts.models import DISPLAY_NAME_MAX_LENGTH
from accounts.notifications import notify
from accounts.roles import Role
from panels.models import STAFF_ONLY, Membership, MembershipStatus
from panels.rules import serves_region
from panels.services import create_membership, current_membership, link_for

from .models import (
    DECIDABLE_STATUSES,
    IN_POOL,
    UNVERIFIED_KEPT_FOR,
    Application,
    ApplicationStatus,
    PoolMember,
    PoolMemberStatus,
    ScreeningAnswer,
)

RATE_LIMIT = "recruitment"
CONFIRM_SALT = "kohtaamo.pool.confirm-application"
# Notification kinds (registered in apps.py).
RECEIVED_KIND = "pool.application_received"  # to the region's staff
DECIDED_KIND = "pool.application_decided"  # to the applicant

SELECT, REJECT, WAITING_LIST = "select", "reject", "waiting_list"
DECISIONS = {
    SELECT: ApplicationStatus.SELECTED,
    REJECT: ApplicationStatus.REJECTED,
    WAITING_LIST: ApplicationStatus.WAITING_LIST,
}

# Outcomes of following a confirmation link.
RECEIVED, ALREADY_MEMBER, ALREADY_APPLIED = "received", "already_member", "already_applied"


class LinkNotValid(Exception):
    """A confirmation link that was tampered with, has expired, or was used already."""


@dataclass
class Confirmation:
    application: Application | None
    person: object
    created: bool  # a new account was made for the person
    outcome: str


def rate_key(user, address):
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{address}"


# --- Who is already in ---------------------------------------------------------------------


def is_in_target(person, recruitment):
    """Already in the pool (active or paused) or an active member of the panel."""
    if recruitment.pool_id:
        return PoolMember.objects.filter(
            pool_id=recruitment.pool_id, person=person, status__in=IN_POOL
        ).exists()
    return Membership.objects.active().filter(panel_id=recruitment.panel_id, person=person).exists()


def open_application_of(person, recruitment, exclude=None):
    applications = Application.objects.open().filter(recruitment=recruitment, person=person)
    if exclude is not None:
        applications = applications.exclude(pk=exclude.pk)
    return applications.first()


def check_can_apply(person, recruitment):
    """Why ``person`` (or a visitor) may not apply, as a ValidationError with a code."""
    if not recruitment.is_accepting:
        raise ValidationError(_("This recruitment has closed."), "closed")
    if person is None or not person.is_authenticated:
        return
    if is_in_target(person, recruitment):
        if recruitment.pool_id:
            message = _("You are already in this pool.")
        else:
            message = _("You are already a member of this panel.")
        raise ValidationError(message, "member")
    if open_application_of(person, recruitment) is not None:
        raise ValidationError(
            _("You have already applied here. Staff will tell you their decision."), "applied"
        )


def _has_confirmed_address(person):
    return EmailAddress.objects.filter(
        user=person, email__iexact=person.email, verified=True
    ).exists()


# --- Applying -------------------------------------------------------------------------------


def apply(
    recruitment,
    *,
    person=None,
    email="",
    display_name="",
    municipality=None,
    client_group=None,
    languages=(),
    answers=None,
    contact_consent=True,
    rate_key,
):
    """Save an application with its ``answers`` ({question: [values] or text}).

    Signed in with a confirmed address, it is received at once and staff are told; otherwise
    it waits for the address to be confirmed and the link goes out after the commit."""
    signed_in = person is not None and person.is_authenticated
    check_can_apply(person, recruitment)
    if not contact_consent:
        raise ValidationError({"contact_consent": _("Staff need your consent to contact you.")})
    limits.count(RATE_LIMIT, rate_key)
    confirmed = signed_in and _has_confirmed_address(person)
    with transaction.atomic():
        application = Application.objects.create(
            recruitment=recruitment,
            person=person if signed_in else None,
            email="" if confirmed else (person.email if signed_in else email.strip()),
            display_name=person.display_name if signed_in else display_name.strip(),
            municipality=municipality,
            client_group=client_group,
            languages=list(languages),
            contact_consent=True,
            status=ApplicationStatus.RECEIVED if confirmed else ApplicationStatus.UNVERIFIED,
            verified_at=timezone.now() if confirmed else None,
        )
        rows = []
        for question, value in (answers or {}).items():
            values = value if isinstance(value, list | tuple) else [value]
            rows += [
                ScreeningAnswer(application=application, question=question, value=item)
                for item in values
                if str(item).strip()
            ]
        ScreeningAnswer.objects.bulk_create(rows)
        if confirmed:
            _tell_staff(application)
        else:
            _send_confirmation(application, translation.get_language() or settings.LANGUAGE_CODE)
    return application


def confirmation_token(application, language):
    """A signed link payload naming the application, its address and the page's language.
    It stops working when the address is emptied (confirmed) or the row purged."""
    return signing.dumps(
        {"a": application.pk, "e": application.email.lower(), "l": language}, salt=CONFIRM_SALT
    )


def confirmation_url(application, language):
    with translation.override(language):
        path = reverse(
            "panels:recruitment_confirm",
            args=[application.recruitment.slug, confirmation_token(application, language)],
        )
    return absolute(path)


def _send_confirmation(application, language):
    recruitment = application.recruitment
    with translation.override(language):
        subject = _("Confirm your application: %(title)s") % {"title": recruitment.title}
        body = render_to_string(
            "pool/email/confirm_application.txt",
            {
                "application": application,
                "recruitment": recruitment,
                "link": confirmation_url(application, language),
                "valid_until": timezone.localtime(application.created_at + UNVERIFIED_KEPT_FOR),
            },
        )
    address = application.email
    transaction.on_commit(lambda: send_to_address(address, subject, body))


def read_confirmation(token, recruitment):
    """(application, language) for a valid link to ``recruitment``; ``LinkNotValid`` else."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=UNVERIFIED_KEPT_FOR)
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise LinkNotValid from error
    if not isinstance(data, dict) or not {"a", "e", "l"} <= set(data):
        raise LinkNotValid
    application = (
        Application.objects.filter(
            pk=data["a"], recruitment=recruitment, status=ApplicationStatus.UNVERIFIED
        )
        .select_related("recruitment__pool__region", "recruitment__panel__region", "person")
        .first()
    )
    if application is None or application.email.lower() != data["e"]:
        raise LinkNotValid
    language = data["l"] if data["l"] in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return application, language


def _free_display_name(wanted):
    """``wanted``, or with a number after it when someone took it meanwhile."""
    User = get_user_model()
    wanted = wanted or _("Forerunner")
    name, number = wanted, 1
    while User.objects.filter(display_name__iexact=name).exists():
        number += 1
        suffix = f" {number}"
        name = wanted[: DISPLAY_NAME_MAX_LENGTH - len(suffix)] + suffix
    return name


def _account_for(application, language):
    """(person, created): the account of the confirmed address, or a new one.

    Following the link proves the address; it does not prove that whoever made an account
    with it ever owned it. An account whose address nobody has confirmed (anyone may sign up
    with another person's address and wait) loses its password and its e-mailed links before
    it is given the address: its real owner gets in by resetting the password, and the one
    who registered it in advance is locked out. Unconfirmed claims to the address as a
    second address of another account are dropped."""
    User = get_user_model()
    email = application.email
    if application.person is not None:
        return application.person, False
    proven = EmailAddress.objects.filter(email__iexact=email, verified=True).first()
    if proven is not None:
        return proven.user, False
    person = User.objects.filter(email__iexact=email).first()
    EmailAddress.objects.filter(email__iexact=email, verified=False).exclude(user=person).delete()
    if person is not None:
        person.set_unusable_password()
        person.save()
        person.revoke_email_links()
        EmailAddress.objects.update_or_create(
            user=person, email__iexact=email, defaults={"email": email, "verified": True}
        )
        return person, False
    person = User(
        email=email,
        display_name=_free_display_name(application.display_name),
        role=Role.DEVELOPER_CLIENT,
        language=language,
        # Accepted on the recruitment form, which an account cannot be made without.
        terms_accepted_at=application.created_at,
    )
    person.set_unusable_password()
    person.save()
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    return person, True


@transaction.atomic
def confirm_application(application, language=settings.LANGUAGE_CODE):
    """The address is confirmed: link or create the account and put the application in the
    staff's queue, unless the person is already in or has applied already (then this one is
    deleted: one open application per person)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("recruitment__pool", "recruitment__panel")
        .filter(pk=application.pk, status=ApplicationStatus.UNVERIFIED)
        .first()
    )
    if application is None:
        raise LinkNotValid
    recruitment = application.recruitment
    person, created = _account_for(application, language)
    if not person.is_active:
        raise LinkNotValid
    if is_in_target(person, recruitment):
        application.delete()
        return Confirmation(None, person, created, ALREADY_MEMBER)
    earlier = open_application_of(person, recruitment, exclude=application)
    if earlier is not None and earlier.status != ApplicationStatus.UNVERIFIED:
        application.delete()
        return Confirmation(earlier, person, created, ALREADY_APPLIED)
    application.person = person
    application.email = ""
    application.display_name = person.display_name
    application.status = ApplicationStatus.RECEIVED
    application.verified_at = timezone.now()
    application.save()
    # Other unconfirmed copies of this application (the form sent twice) go.
    Application.objects.filter(
        recruitment=recruitment, status=ApplicationStatus.UNVERIFIED, person=person
    ).exclude(pk=application.pk).delete()
    _tell_staff(application)
    return Confirmation(application, person, created, RECEIVED)


def region_staff(region_id):
    """Who is told of a new application: the region's staff (administrators read the queues
    when they wish; they are not told of every region's applicants)."""
    return get_user_model().objects.filter(
        is_active=True, role__in=STAFF_ONLY, regions__pk=region_id
    )


def _tell_staff(application):
    recruitment = application.recruitment
    for member in region_staff(recruitment.region_id).exclude(pk=application.person_id):
        notify(
            member,
            kind=RECEIVED_KIND,
            message=format_lazy(
                gettext_lazy("A new application on the recruitment page {title}."),
                title=recruitment.title,
            ),
            url=link_for(member, "panels:recruitment_queue", recruitment.slug),
        )


def purge_unverified(now=None):
    """Delete applications whose address was not confirmed in ``UNVERIFIED_KEPT_FOR``."""
    now = now or timezone.now()
    deleted, _by_model = Application.objects.filter(
        status=ApplicationStatus.UNVERIFIED, created_at__lt=now - UNVERIFIED_KEPT_FOR
    ).delete()
    return deleted


# --- Deciding -------------------------------------------------------------------------------


def _join(application, decided_by, now):
    recruitment = application.recruitment
    person = application.person
    if recruitment.pool_id:
        member = PoolMember.objects.filter(pool_id=recruitment.pool_id, person=person).first()
        if member is None:
            member = PoolMember(pool_id=recruitment.pool_id, person=person)
        member.status = PoolMemberStatus.ACTIVE
        member.application = application
        member.municipality = application.municipality
        member.languages = list(application.languages)
        member.save()
        return member
    membership = current_membership(person, recruitment.panel)
    if membership is None:
        return create_membership(
            person=person,
            panel=recruitment.panel,
            status=MembershipStatus.ACTIVE,
            decided_by=decided_by,
            decided_at=now,
        )
    if membership.status != MembershipStatus.ACTIVE:
        membership.status = MembershipStatus.ACTIVE
        membership.decided_by = decided_by
        membership.decided_at = now
        membership.save()
    return membership


def _decision_message(application, decision, reason):
    title = application.recruitment.title
    if decision == SELECT:
        text = gettext_lazy("You were selected through the recruitment page {title}. Welcome!")
    elif decision == REJECT:
        text = gettext_lazy("You were not selected through the recruitment page {title}.")
    else:
        text = gettext_lazy("You are on the waiting list of the recruitment page {title}.")
    text = format_lazy(text, title=title)
    if reason:
        text = format_lazy("{} {} {}", text, gettext_lazy("Reason:"), reason)
    return text


@transaction.atomic
def decide(application, *, decided_by, decision, reason=""):
    """Select, reject (a reason is required) or put on the waiting list, and tell the person."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("recruitment__pool", "recruitment__panel", "person")
        .get(pk=application.pk)
    )
    recruitment = application.recruitment
    if not serves_region(decided_by, recruitment, STAFF_ONLY):
        raise PermissionDenied(_("You can decide only on your own region's applications."))
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose a decision.")})
    if application.status not in DECIDABLE_STATUSES or application.person is None:
        raise ValidationError(_("This application has already been decided."), "decided")
    new_status = DECISIONS[decision]
    if application.status == new_status:
        raise ValidationError(_("The application is already on the waiting list."), "same")
    reason = (reason or "").strip()
    if decision == REJECT and not reason:
        raise ValidationError({"reason": _("Tell the person why they were not selected.")})
    now = timezone.now()
    application.status = new_status
    application.decision_reason = reason
    application.decided_by = decided_by
    application.decided_at = now
    application.save()
    if decision == SELECT:
        _join(application, decided_by, now)
    if application.person_id != decided_by.pk:
        notify(
            application.person,
            kind=DECIDED_KIND,
            message=_decision_message(application, decision, reason),
            url=link_for(application.person, "pool:my_pools"),
        )
    return application


# --- A member's own membership ------------------------------------------------------------


def _own(member, person):
    if member.person_id != person.pk:
        raise PermissionDenied
    if member.status == PoolMemberStatus.LEFT:
        raise ValidationError(_("You have left this pool."), "left")


@transaction.atomic
def update_profile(member, person, *, interests, availability):
    _own(member, person)
    member.interests = interests.strip()
    member.availability = availability.strip()
    member.save(update_fields=["interests", "availability", "updated_at"])
    return member


@transaction.atomic
def set_paused(member, person, paused):
    _own(member, person)
    member.status = PoolMemberStatus.PAUSED if paused else PoolMemberStatus.ACTIVE
    member.save(update_fields=["status", "updated_at"])
    return member


@transaction.atomic
def leave_pool(member, person):
    """The row stays (the person's calls refer to it) with the status "left"; being selected
    again through a recruitment page brings it back in use."""
    _own(member, person)
    member.status = PoolMemberStatus.LEFT
    member.save(update_fields=["status", "updated_at"])
    return member


@transaction.atomic
def withdraw(application, person):
    """The applicant withdraws an application that has not been decided."""
    if application.person_id != person.pk:
        raise PermissionDenied
    if application.status not in DECIDABLE_STATUSES:
        raise ValidationError(_("This application has already been decided."), "decided")
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    return application
