"""What people do in panels, each action in one transaction.

Every ``check_*`` raises ``ValidationError`` with a message meant for the person on the form;
every action re-checks inside its transaction, so a stale page cannot do what the rules
refuse. A notice (accounts.notifications) is written in the same transaction as the change
it reports; e-mail leaves only after the commit.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.emails import send_to_address
from accounts.notifications import notify

from .models import (
    Invitation,
    JoiningPolicy,
    Membership,
    MembershipStatus,
    Panel,
)

# The notices to a panel's followers (accounts.follows): its meetings and minutes
# (panels.meetings.services). Registered in apps.py.
FOLLOWED_PANEL = "panels.followed_panel"


def link_for(person, view_name, *args):
    """A link in the language the person reads their notices in (see accounts.notifications)."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        return reverse(view_name, args=args)


# --- Joining ------------------------------------------------------------------------------


def current_membership(person, panel):
    """The person's applied, invited or active row in the panel, if any (at most one)."""
    return Membership.objects.current().filter(person=person, panel=panel).first()


def _was_removed(person, panel):
    return Membership.objects.filter(
        person=person, panel=panel, status=MembershipStatus.REMOVED
    ).exists()


def check_can_become_member(person, panel, policy):
    """Why ``person`` may not join ``panel`` through ``policy``, as a ValidationError."""
    if panel.is_archived:
        raise ValidationError(_("This panel is archived and takes no new members."), "archived")
    current = current_membership(person, panel)
    if current is not None:
        if current.status == MembershipStatus.ACTIVE:
            raise ValidationError(_("You are already a member of this panel."), "member")
        if current.status == MembershipStatus.APPLIED:
            raise ValidationError(
                _("You have already applied to this panel. Staff will tell you their decision."),
                "applied",
            )
        raise ValidationError(
            _("You have been invited to this panel: accept the invitation from your e-mail."),
            "invited",
        )
    if panel.joining_policy == policy:
        if policy == JoiningPolicy.OPEN and _was_removed(person, panel):
            # A removal would mean nothing if one click undid it; staff can invite back.
            raise ValidationError(
                _("You were removed from this panel. Ask the region's staff to join again."),
                "removed",
            )
        return
    if panel.joining_policy == JoiningPolicy.INVITATION:
        raise ValidationError(
            _("This panel takes new members by invitation only. Ask the region's staff."),
            "invitation_only",
        )
    if panel.joining_policy == JoiningPolicy.APPLICATION:
        raise ValidationError(
            _("This panel takes new members by application: please apply instead."),
            "application",
        )
    raise ValidationError(_("This panel is open to all: you can join it directly."), "open")


def create_membership(**fields):
    """The database allows one current membership per person and panel; a double click or
    two tabs that slip past the check above end here with the same message."""
    try:
        with transaction.atomic():
            return Membership.objects.create(**fields)
    except IntegrityError as error:
        raise ValidationError(
            _("You already belong to or have applied to this panel."), "duplicate"
        ) from error


@transaction.atomic
def join_panel(person, panel):
    check_can_become_member(person, panel, JoiningPolicy.OPEN)
    return create_membership(
        person=person, panel=panel, status=MembershipStatus.ACTIVE, decided_at=timezone.now()
    )


@transaction.atomic
def apply_to_panel(person, panel, motivation):
    check_can_become_member(person, panel, JoiningPolicy.APPLICATION)
    motivation = motivation.strip()
    if not motivation:
        raise ValidationError(
            {"motivation": _("Tell the staff briefly why you would like to join.")}
        )
    return create_membership(
        person=person, panel=panel, status=MembershipStatus.APPLIED, motivation=motivation
    )


# --- Deciding -----------------------------------------------------------------------------


@transaction.atomic
def decide_application(membership, *, decided_by, approve, message=""):
    """Approve or decline an application and tell the applicant."""
    # Lock the row: two staff deciding at once must not both succeed.
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("panel", "person")
        .get(pk=membership.pk)
    )
    if not Panel.objects.managed_by(decided_by).filter(pk=membership.panel_id).exists():
        raise PermissionDenied(_("You can decide applications only in your own region."))
    if membership.status != MembershipStatus.APPLIED:
        raise ValidationError(
            _("This application has already been decided or withdrawn."), "decided"
        )
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
    membership.decided_by = decided_by
    membership.decided_at = timezone.now()
    membership.decision_message = message.strip()
    membership.save()
    panel = membership.panel
    if approve:
        text = format_lazy(
            gettext_lazy("Your application to {panel} was approved. Welcome!"), panel=panel.name
        )
    else:
        text = format_lazy(
            gettext_lazy("Your application to {panel} was declined."), panel=panel.name
        )
    if membership.decision_message:
        text = format_lazy("{} {}", text, membership.decision_message)
    notify(
        membership.person,
        kind="panels.application_decided",
        message=text,
        url=link_for(membership.person, "panels:detail", panel.slug),
    )
    return membership


# --- Leaving and removal ------------------------------------------------------------------


@transaction.atomic
def leave_panel(person, panel):
    """A member leaves, or an applicant withdraws. The row stays as history."""
    membership = (
        Membership.objects.current().select_for_update().filter(person=person, panel=panel).first()
    )
    if membership is None:
        raise ValidationError(_("You are not a member of this panel."), "not_member")
    membership.status = (
        MembershipStatus.LEFT
        if membership.status == MembershipStatus.ACTIVE
        else MembershipStatus.DECLINED
    )
    membership.decided_by = person
    membership.decided_at = timezone.now()
    membership.save()
    return membership


@transaction.atomic
def remove_member(membership, *, removed_by, reason):
    """A facilitator or staff member removes a member, telling them why."""
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("panel")
        .get(pk=membership.pk)
    )
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError(_("This person is no longer a member."), "not_member")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the person a reason.")})
    membership.status = MembershipStatus.REMOVED
    membership.decided_by = removed_by
    membership.decided_at = timezone.now()
    membership.decision_message = reason
    membership.save()
    notify(
        membership.person,
        kind="panels.member_removed",
        message=format_lazy(
            gettext_lazy("You were removed from {panel}. Reason: {reason}"),
            panel=membership.panel.name,
            reason=reason,
        ),
        url=link_for(membership.person, "panels:detail", membership.panel.slug),
    )
    return membership


# --- Invitations --------------------------------------------------------------------------


@transaction.atomic
def invite(panel, *, email, invited_by, message="", base_url):
    """Invite someone by e-mail; the e-mail leaves after the commit.

    Whoever the address belongs to, the staff see the same outcome: a pending invitation.
    Staff may invite any address, so an answer that differed for a member would tell them
    who belongs to the panel. A member gets no e-mail and no notice, though: they are in.
    """
    email = email.strip()
    if Invitation.objects.pending().filter(panel=panel, email__iexact=email).exists():
        raise ValidationError(
            {"email": _("An invitation to this address is already waiting for an answer.")}
        )
    invitation = Invitation.objects.create(
        panel=panel, email=email, invited_by=invited_by, message=message.strip()
    )
    if Membership.objects.active().filter(panel=panel, person__email__iexact=email).exists():
        return invitation
    # Someone who already has an account reads the e-mail in their own language and also
    # finds the invitation among their notices.
    invitee = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    with translation.override(invitee.language if invitee else translation.get_language()):
        link = base_url + reverse("panels:invitation", args=[invitation.token])
        context = {"invitation": invitation, "panel": panel, "link": link}
        subject = _("Invitation to %(panel)s") % {"panel": panel.name}
        body = render_to_string("panels/email/invitation.txt", context)
    transaction.on_commit(lambda: send_to_address(email, subject, body))
    if invitee is not None:
        notify(
            invitee,
            kind="panels.invited",
            message=format_lazy(
                gettext_lazy("You have been invited to join {panel}."), panel=panel.name
            ),
            url=link_for(invitee, "panels:invitation", invitation.token),
        )
    return invitation


def check_can_accept(invitation, person):
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), "used")
    if invitation.is_expired():
        raise ValidationError(
            _("This invitation has expired. Ask the staff who invited you for a new one."),
            "expired",
        )
    if person.email.lower() != invitation.email.lower():
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Log in with that "
                "address to accept it."
            ),
            "someone_else",
        )
    if invitation.panel.is_archived:
        raise ValidationError(_("This panel is archived and takes no new members."), "archived")


@transaction.atomic
def accept_invitation(invitation, person):
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("panel")
        .get(pk=invitation.pk)
    )
    check_can_accept(invitation, person)
    panel = invitation.panel
    now = timezone.now()
    membership = current_membership(person, panel)
    if membership is None:
        membership = create_membership(
            person=person,
            panel=panel,
            status=MembershipStatus.ACTIVE,
            decided_by=invitation.invited_by,
            decided_at=now,
        )
    elif membership.status != MembershipStatus.ACTIVE:
        # An open application or an earlier invitation: this invitation settles it.
        membership.status = MembershipStatus.ACTIVE
        membership.decided_by = invitation.invited_by
        membership.decided_at = now
        membership.save()
    invitation.accepted_by = person
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    return membership
