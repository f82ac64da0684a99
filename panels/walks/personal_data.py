"""What observation walks hold about a person, for their data export
(accounts.privacy.export): the findings they recorded (with whether a photo was attached and
what became of its review; the photo itself is theirs to ask staff for, or to see on the
walk while it is kept), the walks they were invited to observe, and, for staff, the photos
they reviewed. Each kind of row is read in one query."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import Aspect, Finding, PhotoStatus, Walk, WalkStatus

WALK = Field("walk", _("walk"), _("The observation walk."))
REGION = Field("region", _("region"), _("The walk's region."))


def findings(person):
    rows = (
        Finding.objects.filter(observer=person)
        .select_related("walk__template__region", "place")
        .order_by("created_at", "pk")
    )
    return Section(
        key="walk_findings",
        title=_("Findings on observation walks"),
        description=_("What you observed on observation walks, place by place."),
        fields=[
            Field("id", _("number"), _("The finding's number.")),
            WALK,
            REGION,
            Field("date", _("date of the walk"), _("The day of the walk.")),
            Field("place", _("place"), _("Where on the route you observed it.")),
            Field("aspect", _("aspect"), _("What it is about."), Aspect.choices),
            Field("text", _("finding"), _("What you wrote.")),
            Field("photo", _("photo"), _("Whether you attached a photo that is kept.")),
            Field(
                "photo_review",
                _("photo review"),
                _("What staff decided about your photo."),
                PhotoStatus.choices,
            ),
            Field("photo_rejection_reason", _("reason"), _("Why the photo was not approved.")),
            Field("created_at", _("recorded"), _("When you recorded it.")),
            Field("edited_at", _("edited"), _("When you last changed it.")),
        ],
        rows=[
            {
                "id": finding.pk,
                "walk": finding.walk.title,
                "region": finding.walk.template.region.name,
                "date": finding.walk.date,
                "place": finding.place.name if finding.place else "",
                "aspect": finding.aspect,
                "text": finding.text,
                "photo": finding.has_photo,
                "photo_review": finding.photo_status,
                "photo_rejection_reason": finding.photo_rejection_reason,
                "created_at": finding.created_at,
                "edited_at": finding.edited_at,
            }
            for finding in rows
        ],
    )


def observed(person):
    rows = (
        Walk.objects.filter(observers=person)
        .select_related("template__region")
        .order_by("date", "pk")
    )
    return Section(
        key="walks_observed",
        title=_("Observation walks you were invited to"),
        description=_("The walks on which you are an observer."),
        fields=[
            WALK,
            REGION,
            Field("date", _("date of the walk"), _("The day of the walk.")),
            Field("status", _("status"), _("Where the walk is now."), WalkStatus.choices),
        ],
        rows=[
            {
                "walk": walk.title,
                "region": walk.template.region.name,
                "date": walk.date,
                "status": walk.status,
            }
            for walk in rows
        ],
    )


def reviewed(person):
    rows = (
        Finding.objects.filter(photo_reviewed_by=person)
        .select_related("walk")
        .order_by("photo_reviewed_at", "pk")
    )
    return Section(
        key="walk_photo_reviews",
        title=_("Walk photos you reviewed"),
        description=_("The photos on observation walks you approved or did not approve."),
        fields=[
            Field("finding", _("finding number"), _("The number of the finding.")),
            WALK,
            Field("decision", _("decision"), _("What you decided."), PhotoStatus.choices),
            Field("reason", _("reason"), _("The reason you gave.")),
            Field("at", _("time"), _("When.")),
        ],
        rows=[
            {
                "finding": finding.pk,
                "walk": finding.walk.title,
                "decision": finding.photo_status,
                "reason": finding.photo_rejection_reason,
                "at": finding.photo_reviewed_at,
            }
            for finding in rows
        ],
    )


@receiver(personal_data_requested, dispatch_uid="walks.personal_data")
def walk_sections(sender, person, **kwargs):
    return [findings(person), observed(person), reviewed(person)]
