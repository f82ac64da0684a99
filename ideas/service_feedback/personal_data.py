"""A person's spontaneous feedback in their data export (accounts.privacy.export): what they
sent signed in and not anonymously, and what became of it. Anonymous feedback is linked to no
one, so it is in no one's export."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import Feedback, Status


@receiver(personal_data_requested, dispatch_uid="service_feedback.personal_data")
def feedback_sent(sender, person, **kwargs):
    rows = (
        Feedback.objects.filter(author=person)
        .select_related("region", "service_area", "client_group")
        .order_by("created_at", "pk")
    )
    return Section(
        key="service_feedback",
        title=_("Feedback you gave on services"),
        description=_("The feedback you did not send anonymously, and its answer."),
        fields=[
            Field("id", _("number"), _("The feedback's number.")),
            Field("region", _("region"), _("The region you gave it to.")),
            Field("service_area", _("service area"), _("The service it was about.")),
            Field("client_group", _("client group"), _("The client group you chose, if any.")),
            Field("what_happened", _("what happened"), _("What you wrote happened.")),
            Field("what_would_be_better", _("what would be better"), _("What you suggested.")),
            Field("created_at", _("given"), _("When you gave it (to the hour).")),
            Field("status", _("outcome"), _("What became of it."), Status.choices),
            Field("answer", _("answer"), _("The region's public answer.")),
            Field("answered_at", _("answered"), _("When it was answered.")),
        ],
        rows=[
            {
                "id": item.pk,
                "region": item.region.name,
                "service_area": item.service_area.name,
                "client_group": item.client_group.name if item.client_group else "",
                "what_happened": item.what_happened,
                "what_would_be_better": item.what_would_be_better,
                "created_at": item.created_at,
                "status": item.status,
                "answer": item.answer,
                "answered_at": item.answered_at,
            }
            for item in rows
        ],
    )
