"""Co-design workshops: a panel's workshop, its boards and cards, the notes on a board with
their links, dot votes and comments, and the documentation booklet (decisions and next steps).

Every change to a board is also written to its change log (``BoardChange``): a socket that
reconnects, or a page that polls, asks for the changes after the last id it saw and gets the
current state of each thing they touched (panels.workshops.live). Notes and links are deleted
outright, so the log keeps their ids as plain numbers.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from live.models import MESSAGE_MAX_LENGTH, ModerationRecord, SpokenWords
from panels.models import Panel

from .kinds import CARD_KINDS, KIND_CHOICES, KINDS

NOTE_MAX_LENGTH = 280
LINK_LABEL_MAX_LENGTH = 80
DEFAULT_VOTE_BUDGET = 5
MAX_VOTE_BUDGET = 50


class WorkshopQuerySet(models.QuerySet):
    def seen_by(self, user):
        """The workshops ``user`` may see: those of the panels whose inner circle they are in
        (panels.models.PanelQuerySet.inner_circle_of), and those they are a guest or a
        facilitator of (rules.sees_workshop)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(panel__in=Panel.objects.inner_circle_of(user))
            | Q(pk__in=Workshop.guests.through.objects.filter(user=user).values("workshop"))
            | Q(pk__in=Workshop.facilitators.through.objects.filter(user=user).values("workshop"))
        )


class Workshop(models.Model):
    panel = models.ForeignKey(
        "panels.Panel", verbose_name=_("panel"), on_delete=models.CASCADE, related_name="workshops"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        help_text=_("The panel meeting where the workshop is held, if any."),
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True, max_length=3000)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_workshops",
    )
    guests = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guests"),
        blank=True,
        related_name="guest_workshops",
        help_text=_("People from outside the panel invited to this workshop."),
    )
    # The facilitator's "everyone to this board" and timer, shown on every board.
    focus_board = models.ForeignKey(
        "Board", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    timer_ends_at = models.DateTimeField(_("timer ends"), null=True, blank=True)
    timer_label = models.CharField(_("timer label"), max_length=120, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    booklet_summary = models.TextField(_("summary"), blank=True, max_length=5000)
    booklet_published_at = models.DateTimeField(_("booklet published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("panels:workshop", args=[self.pk])

    @property
    def region_id(self):
        """The panel's region: region rules (panels.rules.region_id_of) ask it."""
        return self.panel.region_id

    @property
    def is_finished(self):
        return self.finished_at is not None

    @property
    def booklet_is_published(self):
        return self.booklet_published_at is not None

    def clean(self):
        if self.meeting_id and self.panel_id and self.meeting.panel_id != self.panel_id:
            raise ValidationError({"meeting": _("The meeting must be one of the panel's.")})


class Board(models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="boards"
    )
    kind = models.CharField(_("template"), max_length=32, choices=KIND_CHOICES)
    title = models.CharField(_("title"), max_length=160)
    position = models.PositiveIntegerField(_("position"), default=0)
    vote_budget = models.PositiveSmallIntegerField(
        _("dots per person"),
        default=DEFAULT_VOTE_BUDGET,
        help_text=_("How many votes each person may give on this board; 0 turns voting off."),
    )
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A card's fields (kinds.CARD_KINDS), by the template's field keys.
    card_values = models.JSONField(_("card"), default=dict, blank=True)
    card_edited_at = models.DateTimeField(null=True, blank=True)
    card_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    duplicated_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("panels:workshop_board", args=[self.pk])

    @property
    def template(self):
        return KINDS[self.kind]

    @property
    def is_card(self):
        return self.kind in CARD_KINDS

    @property
    def is_locked(self):
        return self.locked_at is not None

    @property
    def card_name(self):
        return (self.card_values or {}).get("name") or self.title

    def clean(self):
        if self.vote_budget > MAX_VOTE_BUDGET:
            raise ValidationError(
                {"vote_budget": _("At most %(max)s dots per person.") % {"max": MAX_VOTE_BUDGET}}
            )


class Note(models.Model):
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="notes"
    )
    region = models.CharField(_("place on the board"), max_length=64)
    colour = models.CharField(_("colour"), max_length=16)
    text = models.CharField(_("text"), max_length=NOTE_MAX_LENGTH)
    # A card placed on the board is a note that points to it.
    card = models.ForeignKey(
        Board,
        verbose_name=_("card"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placements",
    )
    position = models.PositiveIntegerField(_("order in its place"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="workshop_notes",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Last write wins, visibly: every change says who made it, and the version lets an
    # editor know that someone else changed the note since they opened it.
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)
    hidden_at = models.DateTimeField(_("hidden by moderation"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, max_length=500)
    # As for comments (live.models.SpokenWords): the same note sent twice is saved once.
    submission_token = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "author", "submission_token"], name="workshops_note_once"
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class NoteLink(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(
        Note, verbose_name=_("from"), on_delete=models.CASCADE, related_name="links_out"
    )
    target = models.ForeignKey(
        Note, verbose_name=_("to"), on_delete=models.CASCADE, related_name="links_in"
    )
    label = models.CharField(_("label"), max_length=LINK_LABEL_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="workshops_link_once"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="workshops_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"


class Vote(models.Model):
    """One dot. A person may put several of their dots on one note."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_votes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.person_id} → {self.note_id}"


class NoteComment(SpokenWords):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="workshop_comments",
    )
    body = models.TextField(_("comment"), max_length=MESSAGE_MAX_LENGTH)
    shared_despite_warning = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("comment on a note")
        verbose_name_plural = _("comments on notes")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["note", "author", "submission_token"], name="workshops_comment_once"
            )
        ]


class NoteModeration(ModerationRecord):
    """A facilitator hid or restored a note or a comment, and why."""

    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_actions"
    )
    comment = models.ForeignKey(
        NoteComment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )

    class Meta(ModerationRecord.Meta):
        verbose_name = _("moderation of a note")
        verbose_name_plural = _("moderation of notes")


class ChangeKind(models.TextChoices):
    NOTE = "note", _("note added or changed")
    NOTE_REMOVED = "note_removed", _("note removed")
    LINK = "link", _("link added or changed")
    LINK_REMOVED = "link_removed", _("link removed")
    BOARD = "board", _("board changed")
    WORKSHOP = "workshop", _("workshop changed")


class BoardChange(models.Model):
    """One entry of a board's change log: what catching up by id reads."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    note_id = models.BigIntegerField(null=True, blank=True)
    link_id = models.BigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["board", "id"], name="workshops_change_board")]

    def __str__(self):
        return f"{self.board_id}: {self.kind}"


class Decision(models.Model):
    """A decision recorded in the booklet. It can become an idea in a round (the idea links
    back through ``Idea.workshop_decision``, in ideas)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="decisions")
    board = models.ForeignKey(
        Board,
        verbose_name=_("board"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    text = models.TextField(_("decision"), max_length=2000)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]


class NextStep(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="next_steps")
    text = models.CharField(_("next step"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=120, help_text=_("Who takes it forward: a role or a name.")
    )
    due = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["due", "pk"]

    def __str__(self):
        return self.text[:80]
