"""What calls to the pool hold about a person, for their data export
(accounts.privacy.export): their sign-ups, with the message they wrote and what became of
each, in one query."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import CallSignup, SignupStatus


@receiver(personal_data_requested, dispatch_uid="pool_calls.personal_data")
def signups(sender, person, **kwargs):
    rows = (
        CallSignup.objects.filter(person=person)
        .select_related("call__pool")
        .order_by("created_at", "pk")
    )
    return Section(
        key="pool_call_signups",
        title=_("Sign-ups to calls to the pool"),
        description=_("The calls to a forerunner pool you signed up to, and what became of it."),
        fields=[
            Field("call", _("call"), _("The call's title.")),
            Field("pool", _("pool"), _("The forerunner pool.")),
            Field("status", _("status"), _("What became of your sign-up."), SignupStatus.choices),
            Field("message", _("message"), _("What you wrote to staff when you signed up.")),
            Field("created_at", _("signed up"), _("When you signed up.")),
            Field("decided_at", _("decided"), _("When staff decided on your place.")),
        ],
        rows=[
            {
                "call": signup.call.title,
                "pool": signup.call.pool.name,
                "status": signup.status,
                "message": signup.message,
                "created_at": signup.created_at,
                "decided_at": signup.decided_at,
            }
            for signup in rows
        ],
    )
