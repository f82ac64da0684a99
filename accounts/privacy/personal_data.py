"""What accounts holds about a person, for their data export (accounts.privacy.export): the
account itself, its e-mail addresses, notices and notification choices, and the copies of
their data made so far. Connected first (accounts is first in INSTALLED_APPS), so the account
opens the export."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.models import DataExport, Delivery, Notification, NotificationPreference
from accounts.notifications import registered_kinds
from accounts.roles import Role

from .export import Field, Section, personal_data_requested


def _kind_choices():
    return [(kind.name, kind.label) for kind in registered_kinds()]


def account(person):
    return Section(
        key="account",
        one_row=True,
        title=_("Your account"),
        description=_("What you gave when you signed up, and what your account is."),
        fields=[
            Field("display_name", _("display name"), _("The name others see you by.")),
            Field(
                "email", _("e-mail address"), _("Your e-mail address. It is never shown to others.")
            ),
            Field("role", _("role"), _("Your role on Kohtaamo."), Role.choices),
            Field(
                "language",
                _("language"),
                _("The language Kohtaamo writes to you in."),
                [(code, name) for code, name in settings.LANGUAGES],
            ),
            Field("date_joined", _("signed up"), _("When you signed up.")),
            Field(
                "terms_accepted_at",
                _("consent given"),
                _("When you accepted the terms of use and the privacy notice (your consent)."),
            ),
            Field("last_login", _("last logged in"), _("When you last logged in.")),
            Field("is_active", _("active"), _("Whether the account can be used.")),
            Field(
                "is_administrator",
                _("administrator"),
                _("Whether you are an administrator of the platform."),
            ),
        ],
        rows=[
            {
                "display_name": person.display_name,
                "email": person.email,
                "role": person.role,
                "language": person.language,
                "date_joined": person.date_joined,
                "terms_accepted_at": person.terms_accepted_at,
                "last_login": person.last_login,
                "is_active": person.is_active,
                "is_administrator": person.is_superuser,
            }
        ],
        note=_(
            "Your password is stored only as a one-way hash, which is not part of the export. "
            "Kohtaamo does not store your real name or the addresses you connect from."
        ),
    )


def email_addresses(person):
    return Section(
        key="email_addresses",
        title=_("E-mail addresses"),
        description=_("The addresses connected to your account for logging in and e-mail."),
        fields=[
            Field("email", _("address"), _("The address.")),
            Field(
                "verified",
                _("confirmed"),
                _("Whether you have confirmed that the address is yours."),
            ),
            Field("primary", _("primary"), _("Whether e-mail from Kohtaamo goes to this address.")),
        ],
        rows=[
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=person).order_by("email")
        ],
    )


def notifications(person):
    return Section(
        key="notifications",
        title=_("Notices"),
        description=_("What Kohtaamo has told you, in the app and perhaps by e-mail."),
        fields=[
            Field("created_at", _("made"), _("When the notice was made.")),
            Field("kind", _("kind"), _("What the notice is about."), _kind_choices()),
            Field("message", _("notice"), _("The notice's text.")),
            Field("url", _("link"), _("The page the notice links to.")),
            Field("read_at", _("read"), _("When you read it, if you have.")),
            Field("emailed_at", _("e-mailed"), _("When it was sent to you by e-mail, if it was.")),
        ],
        rows=[
            {
                "created_at": notice.created_at,
                "kind": notice.kind,
                "message": notice.message,
                "url": notice.url,
                "read_at": notice.read_at,
                "emailed_at": notice.emailed_at,
            }
            for notice in Notification.objects.filter(recipient=person).order_by("created_at", "pk")
        ],
        note=_("Notices older than the retention time are deleted and cannot be exported."),
    )


def notification_preferences(person):
    chosen = {
        preference.kind: preference.delivery
        for preference in NotificationPreference.objects.filter(person=person)
    }
    # Without a row of the person's, a kind's default applies; unregistered kinds are in-app.
    defaults = {kind.name: kind.default for kind in registered_kinds()}
    kinds = [*defaults, *sorted(set(chosen) - set(defaults))]
    return Section(
        key="notification_preferences",
        title=_("How you want to be told"),
        description=_("For each kind of notice, how it reaches you."),
        fields=[
            Field("kind", _("kind"), _("The kind of notice."), _kind_choices()),
            Field("delivery", _("delivery"), _("How it reaches you."), Delivery.choices),
            Field(
                "chosen_by_you",
                _("your choice"),
                _("Whether you chose this; if not, it is the default."),
            ),
        ],
        rows=[
            {
                "kind": kind,
                "delivery": chosen.get(kind, defaults.get(kind, Delivery.IN_APP)),
                "chosen_by_you": kind in chosen,
            }
            for kind in kinds
        ],
    )


def data_exports(person):
    return Section(
        key="data_exports",
        title=_("Copies of your data"),
        description=_(
            "The copies of your data that are stored now, this one included (it was not "
            "ready yet when this list was made)."
        ),
        fields=[
            Field("requested_at", _("asked for"), _("When the export was asked for.")),
            Field("ready_at", _("ready"), _("When it was ready to download.")),
            Field("expires_at", _("deleted"), _("When it is deleted.")),
            Field(
                "made_by_staff",
                _("made by staff"),
                _("Whether staff made it, for a request you sent them (for example by post)."),
            ),
        ],
        rows=[
            {
                "requested_at": export.created_at,
                "ready_at": export.ready_at,
                "expires_at": export.expires_at,
                "made_by_staff": export.made_by_staff,
            }
            for export in DataExport.objects.defer("content").filter(person=person)
        ],
    )


@receiver(personal_data_requested, dispatch_uid="accounts.personal_data")
def account_sections(sender, person, **kwargs):
    return [
        account(person),
        email_addresses(person),
        notifications(person),
        notification_preferences(person),
        data_exports(person),
    ]
