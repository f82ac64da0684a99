"""What panels hold about a person, for their data export (accounts.privacy.export): their
memberships and applications, invitations sent to them, and, for staff, the panels they
facilitate, the regions they act for, and the applications they decided and invitations
they sent (without the other people's names or addresses: those are not the person's data).
"""

from django.db.models import Q
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import Invitation, Membership, MembershipStatus, Panel, Region

PANEL = Field("panel", _("panel"), _("The panel."))


def memberships(person):
    rows = Membership.objects.filter(person=person).select_related("panel").order_by("created_at")
    return Section(
        key="panel_memberships",
        title=_("Panel memberships and applications"),
        description=_(
            "Every time you joined, applied to, were invited to or left a panel. A row is "
            "never deleted: leaving or a decision changes its status."
        ),
        fields=[
            PANEL,
            Field(
                "status", _("status"), _("Where the membership stands."), MembershipStatus.choices
            ),
            Field("motivation", _("your motivation"), _("What you wrote when you applied.")),
            Field(
                "created_at",
                _("joined, applied or invited"),
                _("When you joined, applied or were invited."),
            ),
            Field(
                "decided_at",
                _("decided"),
                _("When your application was decided, or you were removed."),
            ),
            Field(
                "decision_message",
                _("message of the decision"),
                _("What the panel's staff wrote to you of the decision."),
            ),
        ],
        rows=[
            {
                "panel": membership.panel.name,
                "status": membership.status,
                "motivation": membership.motivation,
                "created_at": membership.created_at,
                "decided_at": membership.decided_at,
                "decision_message": membership.decision_message,
            }
            for membership in rows
        ],
    )


def invitations_received(person):
    rows = (
        Invitation.objects.filter(Q(accepted_by=person) | Q(email__iexact=person.email))
        .select_related("panel")
        .order_by("created_at")
    )
    return Section(
        key="panel_invitations_received",
        title=_("Invitations to panels"),
        description=_("Invitations sent to your e-mail address, or that you accepted."),
        fields=[
            PANEL,
            Field("email", _("sent to"), _("The address the invitation was sent to.")),
            Field("message", _("message"), _("The message with the invitation.")),
            Field("created_at", _("sent"), _("When it was sent.")),
            Field("expires_at", _("expires"), _("When it stops working.")),
            Field("accepted_at", _("accepted"), _("When you accepted it, if you did.")),
        ],
        rows=[
            {
                "panel": invitation.panel.name,
                "email": invitation.email,
                "message": invitation.message,
                "created_at": invitation.created_at,
                "expires_at": invitation.expires_at,
                "accepted_at": invitation.accepted_at,
            }
            for invitation in rows
        ],
    )


def roles_in_panels(person):
    facilitated = Panel.objects.filter(facilitators=person).select_related("region")
    regions = Region.objects.filter(officials=person)
    rows = [
        {"what": "facilitator", "name": panel.name, "region": panel.region.name}
        for panel in facilitated.order_by("name")
    ] + [
        {"what": "region_official", "name": region.name, "region": region.name}
        for region in regions.order_by("name")
    ]
    return Section(
        key="panel_roles",
        title=_("Panels you facilitate and regions you act for"),
        description=_("Where you have a role of your own, beyond membership."),
        fields=[
            Field(
                "what",
                _("role"),
                _("The role."),
                [
                    ("facilitator", _("facilitator of the panel")),
                    ("region_official", _("staff member or decision-maker of the region")),
                ],
            ),
            Field("name", _("panel or region"), _("The panel or the region.")),
            Field("region", _("region"), _("The region.")),
        ],
        rows=rows,
    )


def staff_actions(person):
    decided = (
        Membership.objects.filter(decided_by=person).select_related("panel").order_by("decided_at")
    )
    invited = Invitation.objects.filter(invited_by=person).select_related("panel")
    rows = [
        {
            "action": "decided_application",
            "panel": membership.panel.name,
            "outcome": membership.status,
            "at": membership.decided_at,
        }
        for membership in decided
    ] + [
        {
            "action": "sent_invitation",
            "panel": invitation.panel.name,
            "outcome": "accepted" if invitation.accepted_at else "not_accepted",
            "at": invitation.created_at,
        }
        for invitation in invited.order_by("created_at")
    ]
    return Section(
        key="panel_staff_actions",
        title=_("What you did for panels as staff"),
        description=_("Applications you decided and invitations you sent."),
        fields=[
            Field(
                "action",
                _("what you did"),
                _("What you did."),
                [
                    ("decided_application", _("decided an application or removed a member")),
                    ("sent_invitation", _("sent an invitation")),
                ],
            ),
            PANEL,
            Field(
                "outcome",
                _("outcome"),
                _("How it ended."),
                [
                    *MembershipStatus.choices,
                    ("accepted", _("accepted")),
                    ("not_accepted", _("not accepted")),
                ],
            ),
            Field("at", _("time"), _("When.")),
        ],
        rows=rows,
        note=_("The other people involved are not named: what is theirs is not in your export."),
    )


@receiver(personal_data_requested, dispatch_uid="panels.personal_data")
def panel_sections(sender, person, **kwargs):
    return [
        memberships(person),
        invitations_received(person),
        roles_in_panels(person),
        staff_actions(person),
    ]
