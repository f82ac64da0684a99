"""Panel meetings and their live rooms.

- ``Meeting``: planned ahead, minuted afterwards; who may see a past meeting is the panel's
  inner circle (``Panel.objects.inner_circle_of``).
- ``Attendance``: one person and one meeting, what they said beforehand and whether they came.
- ``MeetingRoom`` and ``RoomMessage``: a meeting's live room ("developer café" style): the
  facilitator opens it, the panel talks in it, and once closed its transcript stays readable
  to the panel's inner circle. Messages are live.models.SpokenWords, like idea comments.
- ``RoomModerationAction``: every hide and restore of a room message, with its reason.
- ``MeetingAttachment``: a Wagtail document (minutes as PDF, slides) attached to a meeting,
  seen, listed and downloaded by whoever sees the meeting (panels.attachments).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from live.models import MESSAGE_MAX_LENGTH, ModerationRecord, SpokenWords
from panels.attachments.models import DocumentAttachment
from panels.models import Municipality, Panel


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def visible_to(self, user, now=None):
        """Anyone may see that a meeting is coming; past meetings belong to the panel's
        inner circle (see PanelQuerySet.inner_circle_of)."""
        return self.filter(
            Q(ends_at__gte=now or timezone.now()) | Q(panel__in=Panel.objects.inner_circle_of(user))
        )


class Meeting(ClusterableModel):
    """A panel's meeting: planned ahead, minuted afterwards.

    Minutes are written after the meeting and reach the members only once published, so a
    facilitator can draft them first. Its attachments (``attachments``) are edited with it in
    the admin, hence a ClusterableModel.
    """

    panel = models.ForeignKey(
        Panel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Street address and room.")
    )
    # A new meeting takes its panel's municipality unless given one (see save).
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Leave empty for the panel's municipality, or the whole region's."),
    )
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown to the panel's members only."),
    )
    agenda = models.TextField(_("agenda"), blank=True, max_length=5000)
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meetings_meeting_ends_after_it_starts",
                violation_error_message=_("A meeting must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("A meeting must end after it starts.")}, code="ends_before_start"
            )
        municipality = self.municipality if self.municipality_id else None
        if municipality and self.panel_id and municipality.region_id != self.panel.region_id:
            raise ValidationError(
                {"municipality": _("Choose a municipality of the panel's region.")},
                code="other_region",
            )

    # Set by a form where a person chose "the whole region" on purpose.
    whole_region_chosen = False

    def save(self, *args, **kwargs):
        if self._state.adding and self.municipality_id is None and not self.whole_region_chosen:
            self.municipality_id = self.panel.municipality_id
        super().save(*args, **kwargs)

    @property
    def has_published_minutes(self):
        return self.minutes_published_at is not None and bool(self.minutes.strip())

    def is_over(self, now=None):
        return self.ends_at < (now or timezone.now())


class MeetingAttachment(DocumentAttachment):
    """A document attached to a meeting: whoever sees the meeting (``Meeting.objects.visible_to``:
    anyone while it is upcoming, the panel's inner circle once it is over) sees and downloads
    it."""

    meeting = ParentalKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )

    parent_field = "meeting"

    class Meta(DocumentAttachment.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class AttendanceResponse(models.TextChoices):
    COMING = "coming", _("coming")
    NOT_COMING = "not_coming", _("not coming")


class Attendance(models.Model):
    """One person and one meeting: what they said beforehand, and whether they came.

    ``attended`` stays empty until a facilitator records the meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
    )
    response = models.CharField(
        _("response"), max_length=16, choices=AttendanceResponse.choices, blank=True
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="meetings_one_attendance_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}"


class MeetingRoom(models.Model):
    """Created when the room is first opened; a meeting without one has no room yet."""

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="live_room",
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set while the room is closed; opening it again clears it.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting live room")
        verbose_name_plural = _("meeting live rooms")

    def __str__(self):
        return str(self.meeting)

    @property
    def state(self):
        if self.opened_at is None:
            return "not_open"
        return "closed" if self.closed_at is not None else "open"

    @property
    def is_open(self):
        return self.state == "open"


class RoomMessage(SpokenWords):
    """One message in a meeting room."""

    room = models.ForeignKey(
        MeetingRoom, verbose_name=_("room"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="room_messages",
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    # Posted although the author was warned that it looks like personal details
    # (accounts.oversharing): those who run the room see these marked.
    shared_despite_warning = models.BooleanField(
        _("shared despite a personal-information warning"), default=False, editable=False
    )
    # Who hid or restored it, when and why: its moderation_actions (RoomModerationAction).

    class Meta:
        verbose_name = _("room message")
        verbose_name_plural = _("room messages")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"],
                name="meetings_roommessage_one_per_submission",
            )
        ]

    def get_absolute_url(self):
        return reverse("panels:meeting_room", args=[self.room.meeting_id]) + f"#comment-{self.pk}"


class RoomModerationAction(ModerationRecord):
    """A hide or restore of a room message, with its reason (live.models.ModerationRecord)."""

    room_message = models.ForeignKey(
        RoomMessage,
        verbose_name=_("room message"),
        on_delete=models.CASCADE,
        related_name="moderation_actions",
    )

    class Meta(ModerationRecord.Meta):
        verbose_name = _("moderation of a room message")
        verbose_name_plural = _("moderation of room messages")
