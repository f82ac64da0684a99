"""Every change to an observation walk: each checks the rules (panels.walks.rules) itself,
runs in one transaction, and tells people through accounts.notifications, never the person
acting, and once: adding someone who already observes, or publishing a published report,
tells nobody again.

Errors: ``NotAllowed`` (the rules say no), ``ValidationError`` with a message for the person
(a place of another route, an aspect that does not exist, a photo that is no photo), and
``PersonalDetails`` when a finding's text looks like someone's personal details (a finding is
read by every observer and, once the report is published, by everyone).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import oversharing
from accounts.notifications import notify
from accounts.oversharing import PersonalDetails
from accounts.permissions import NotAllowed, require_perm
from accounts.roles import Role
from panels.models import STAFF_ONLY, Region
from panels.services import link_for

from .models import (
    FINDING_MAX_LENGTH,
    REJECTION_REASON_MAX_LENGTH,
    Aspect,
    Finding,
    PhotoStatus,
    Walk,
    WalkStatus,
)
from .photos import clean_photo

OBSERVER_ADDED = "walks.observer_added"
REPORT_PUBLISHED = "walks.report_published"
PHOTO_REJECTED = "walks.photo_rejected"


# --- Walks and observers --------------------------------------------------------------------


def may_observe(walk, person):
    """Observers are experts by experience, developer-clients and the region's own staff."""
    if not person.is_active:
        return False
    if person.role in (Role.EXPERT_BY_EXPERIENCE, Role.DEVELOPER_CLIENT):
        return True
    return (
        person.role == Role.STAFF
        and Region.objects.served_by(person, STAFF_ONLY).filter(pk=walk.region_id).exists()
    )


@transaction.atomic
def add_observer(walk, by, person):
    """Invite ``person`` to walk; they are told once, unless they added themselves."""
    require_perm(by, "walks.run_walk", walk)
    if walk.is_published:
        raise ValidationError(_("The report is published: nobody joins the walk any more."))
    if not may_observe(walk, person):
        raise ValidationError(
            _(
                "Observers are experts by experience, developer-clients and the staff of the "
                "walk's region."
            )
        )
    if walk.observers.filter(pk=person.pk).exists():
        return False
    walk.observers.add(person)
    if person.pk != by.pk:
        notify(
            person,
            kind=OBSERVER_ADDED,
            message=format_lazy(
                gettext_lazy("You are invited to observe on the walk {walk} on {date}."),
                walk=walk.title,
                date=walk.date.strftime("%d.%m.%Y"),
            ),
            url=link_for(person, "panels:walk", walk.pk),
        )
    return True


@transaction.atomic
def remove_observer(walk, by, person):
    """Their findings stay in the report, under their name."""
    require_perm(by, "walks.run_walk", walk)
    walk.observers.remove(person)


@transaction.atomic
def start_walk(walk, by):
    require_perm(by, "walks.run_walk", walk)
    walk = Walk.objects.select_for_update().get(pk=walk.pk)
    if walk.status != WalkStatus.PLANNED:
        raise ValidationError(_("The walk has already started."))
    walk.status = WalkStatus.WALKING
    walk.save(update_fields=["status"])
    return walk


@transaction.atomic
def publish_report(walk, by, *, summary=None):
    """Publish the merged report: everyone may read it, and its observers are told, once."""
    require_perm(by, "walks.run_walk", walk)
    walk = Walk.objects.select_for_update().get(pk=walk.pk)
    if summary is not None:
        walk.report_summary = summary.strip()[:5000]
    if walk.status == WalkStatus.PUBLISHED:
        walk.save(update_fields=["report_summary"])
        return walk
    walk.status = WalkStatus.PUBLISHED
    walk.published_at = timezone.now()
    walk.save(update_fields=["status", "published_at", "report_summary"])
    for person in walk.observers.filter(is_active=True).exclude(pk=by.pk).order_by("pk"):
        notify(
            person,
            kind=REPORT_PUBLISHED,
            message=format_lazy(
                gettext_lazy("The report of the walk {walk} is published."), walk=walk.title
            ),
            url=link_for(person, "panels:walk_report", walk.pk),
        )
    return walk


# --- Findings -------------------------------------------------------------------------------


def _check_text(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what you observed.")})
    if len(text) > FINDING_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("The finding is %(length)s characters long; at most %(max)s are allowed.")
                % {"length": len(text), "max": FINDING_MAX_LENGTH}
            }
        )
    return text


def _check_place_and_aspect(walk, place, aspect):
    if place is None or place.template_id != walk.template_id:
        raise ValidationError({"place": _("Choose a place on this walk's route.")})
    if aspect not in dict(place.aspect_choices()):
        raise ValidationError({"aspect": _("Choose one of the aspects to observe here.")})


def _set_photo(finding, upload):
    if upload is None:
        return
    try:
        cleaned = clean_photo(upload)
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from None
    if finding.photo:
        finding.photo.delete(save=False)
    finding.photo.save(cleaned.name, cleaned, save=False)
    # A new photo is reviewed again, whatever became of the one before.
    finding.photo_status = PhotoStatus.PENDING
    finding.photo_reviewed_by = None
    finding.photo_reviewed_at = None
    finding.photo_rejection_reason = ""


def record_finding(
    walk, by, *, place, aspect, text, photo=None, token=None, confirm_personal=False
):
    """A finding at ``place``. The same ``token`` records it once."""
    require_perm(by, "walks.record_finding", walk)
    if token:
        existing = Finding.objects.filter(walk=walk, observer=by, submission_token=token).first()
        if existing is not None:
            return existing
    text = _check_text(text)
    _check_place_and_aspect(walk, place, aspect)
    warned = oversharing.check(confirmed=confirm_personal, text=text)
    finding = Finding(
        walk=walk,
        place=place,
        aspect=aspect,
        observer=by,
        text=text,
        shared_despite_warning=warned,
        submission_token=token or None,
    )
    _set_photo(finding, photo)
    try:
        with transaction.atomic():
            finding.save()
    except IntegrityError:
        if finding.photo:
            finding.photo.delete(save=False)
        return Finding.objects.get(walk=walk, observer=by, submission_token=token)
    return finding


def edit_finding(
    finding, by, *, aspect, text, photo=None, remove_photo=False, confirm_personal=False
):
    require_perm(by, "walks.edit_finding", finding)
    text = _check_text(text)
    if finding.place is not None:
        _check_place_and_aspect(finding.walk, finding.place, aspect)
    elif aspect not in Aspect.values:
        raise ValidationError({"aspect": _("Choose one of the aspects to observe here.")})
    warned = oversharing.check(confirmed=confirm_personal, text=text)
    finding.text, finding.aspect = text, aspect
    finding.shared_despite_warning = finding.shared_despite_warning or warned
    finding.edited_at = timezone.now()
    if remove_photo and photo is None and finding.photo:
        _drop_photo(finding)
    _set_photo(finding, photo)
    finding.save()
    return finding


def remove_finding(finding, by):
    require_perm(by, "walks.edit_finding", finding)
    if finding.photo:
        finding.photo.delete(save=False)
    finding.delete()


def _drop_photo(finding):
    finding.photo.delete(save=False)
    finding.photo = ""
    finding.photo_status = PhotoStatus.NONE


# --- Photo review ---------------------------------------------------------------------------


@transaction.atomic
def review_photo(finding, by, *, approve, reason=""):
    """Approve a photo (everyone who reads the report then sees it) or reject it: the file is
    deleted at once (it may show a face) and its uploader is told why, unless they rejected
    it themselves."""
    require_perm(by, "walks.run_walk", finding.walk)
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("observer")
        .get(pk=finding.pk)
    )
    if not finding.photo:
        raise ValidationError(_("This finding has no photo to review."))
    reason = (reason or "").strip()
    if len(reason) > REJECTION_REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("At most %(max)s characters.") % {"max": REJECTION_REASON_MAX_LENGTH}}
        )
    finding.photo_reviewed_by, finding.photo_reviewed_at = by, timezone.now()
    if approve:
        finding.photo_status = PhotoStatus.APPROVED
        finding.photo_rejection_reason = ""
        finding.save()
        return finding
    finding.photo.delete(save=False)
    finding.photo = ""
    finding.photo_status = PhotoStatus.REJECTED
    finding.photo_rejection_reason = reason
    finding.save()
    uploader = finding.observer
    if uploader is not None and uploader.pk != by.pk:
        message = (
            gettext_lazy("Your photo on the walk {walk} was not approved and was removed.")
            if not reason
            else gettext_lazy(
                "Your photo on the walk {walk} was not approved and was removed: {reason}"
            )
        )
        notify(
            uploader,
            kind=PHOTO_REJECTED,
            message=format_lazy(message, walk=finding.walk.title, reason=reason),
            url=link_for(uploader, "panels:walk", finding.walk_id),
        )
    return finding


__all__ = ["NotAllowed", "PersonalDetails"]
