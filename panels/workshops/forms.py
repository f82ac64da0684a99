"""The forms of a workshop's pages: the workshop itself, the structured view of a board (one
form per action on a note, as the visual board's socket frames do the same through
panels.workshops.consumers), a card's fields, the facilitator's controls and the booklet.

The forms only shape and check what was typed; every rule of the workshop (a region the
template lacks, a vote past the budget, a locked board) is the service's to say, so a page and
a socket refuse the same things with the same words."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.oversharing import PersonalDetailsForm
from live.models import MESSAGE_MAX_LENGTH, REASON_MAX_LENGTH
from panels.meetings.models import Meeting

from .kinds import KIND_CHOICES
from .models import LINK_LABEL_MAX_LENGTH, MAX_VOTE_BUDGET, NOTE_MAX_LENGTH, Workshop
from .services import TIMER_MAX_MINUTES


def _limit_help(limit):
    return gettext("At most %(limit)s characters.") % {"limit": limit}


def _colour_choices(board):
    return [(colour.key, colour.label) for colour in board.template.colours]


def _region_choices(board):
    return [(region.key, region.label) for region in board.template.regions]


# --- The workshop ---------------------------------------------------------------------------


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "purpose", "meeting"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.panel = panel
        self.fields["meeting"].queryset = Meeting.objects.filter(panel=panel).order_by("-starts_at")
        self.fields["meeting"].empty_label = gettext("No meeting: the workshop stands alone")
        self.fields["purpose"].help_text = gettext(
            "What the workshop is for, in a sentence or two. Everyone taking part sees it."
        )


class WorkshopCreateForm(WorkshopForm):
    boards = forms.MultipleChoiceField(
        label=_("Boards to start with"),
        choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("More boards can be added later."),
    )


# --- A board's structured view ------------------------------------------------------------


class NoteForm(PersonalDetailsForm):
    """A new note in one region of the board (the region is the form's place on the page)."""

    text = forms.CharField(
        label=pgettext_lazy("a workshop note", "Note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    colour = forms.ChoiceField(label=_("Colour"))
    region = forms.CharField(widget=forms.HiddenInput, max_length=64)
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = _colour_choices(board)
        self.fields["text"].help_text = _limit_help(NOTE_MAX_LENGTH)


class NoteEditForm(PersonalDetailsForm):
    confirm_label = _("Save it anyway: I want everyone who can see this board to see it.")

    text = forms.CharField(
        label=_("Text"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    colour = forms.ChoiceField(label=_("Colour"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, note, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = _colour_choices(note.board)
        if note.card_id:
            # A placed card shows the card's name: its text is changed on the card.
            del self.fields["text"]
        else:
            self.fields["text"].required = True
            self.fields["text"].help_text = _limit_help(NOTE_MAX_LENGTH)


class NoteMoveForm(forms.Form):
    region = forms.ChoiceField(label=_("Move to"))
    position = forms.IntegerField(
        label=_("Place in order"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("1 is the first. Leave empty to put it last."),
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _region_choices(board)


class LinkForm(forms.Form):
    source = forms.TypedChoiceField(label=_("From note"), coerce=int)
    target = forms.TypedChoiceField(label=_("To note"), coerce=int)
    label = forms.CharField(
        label=_("What the link means (optional)"),
        max_length=LINK_LABEL_MAX_LENGTH,
        required=False,
        help_text=_("For example: refers to, shares information with."),
    )

    def __init__(self, *args, notes, **kwargs):
        super().__init__(*args, **kwargs)
        # Notes of this board only: a note of another board is not a choice, so it is refused
        # here and, should it come through a socket, by the service.
        choices = [("", "—")] + [(note.pk, note_choice_label(note)) for note in notes]
        self.fields["source"].choices = choices
        self.fields["target"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            self.add_error("target", gettext("A note cannot be linked to itself."))
        return cleaned


def note_choice_label(note):
    text = note.text if len(note.text) <= 60 else note.text[:59] + "…"
    return f"{text} ({note.region_label})" if getattr(note, "region_label", "") else text


class CommentForm(PersonalDetailsForm):
    body = forms.CharField(
        label=_("Comment"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _limit_help(MESSAGE_MAX_LENGTH)


class ReasonForm(forms.Form):
    """Hiding a note or a comment, or showing a note again: the author is told the reason."""

    reason = forms.CharField(
        label=_("Reason, shown to the author"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- Cards --------------------------------------------------------------------------------


class CardForm(PersonalDetailsForm):
    """A card's fields, as its template (kinds) names them."""

    confirm_label = _("Save it anyway: I am sure these are not a real person's details.")

    def __init__(self, *args, card, **kwargs):
        initial = kwargs.pop("initial", None) or dict(card.card_values or {})
        super().__init__(*args, initial=initial, **kwargs)
        confirm = self.fields.pop("confirm_personal")
        for field in card.template.fields:
            self.fields[field.key] = forms.CharField(
                label=field.label,
                max_length=field.max_length,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}) if field.multiline else forms.TextInput,
                help_text=_limit_help(field.max_length),
            )
        # The confirmation stays the form's last field, next to the button.
        self.fields["confirm_personal"] = confirm

    def card_values(self):
        return {key: value for key, value in self.cleaned_data.items() if key != "confirm_personal"}


class PlaceCardForm(forms.Form):
    """Where on which board a card goes: one choice of board and region, grouped by board, so
    that it works without a script."""

    place = forms.ChoiceField(label=_("Place on"))

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [
            (
                board.title,
                [(f"{board.pk}:{region.key}", region.label) for region in board.template.regions],
            )
            for board in boards
        ]

    def clean_place(self):
        board_id, _sep, region = self.cleaned_data["place"].partition(":")
        return int(board_id), region


# --- The facilitator's controls -----------------------------------------------------------


class BoardAddForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Template"),
        choices=[("", pgettext_lazy("board template", "— copy a board instead —")), *KIND_CHOICES],
        required=False,
    )
    source = forms.TypedChoiceField(
        label=_("Or copy a board of an earlier workshop"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Its notes, places, colours and links are copied; votes and comments are not."),
    )
    title = forms.CharField(label=_("Title (optional)"), max_length=160, required=False)

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "—")] + [
            (board.pk, f"{board.workshop.title}: {board.title}") for board in sources
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("kind") and not cleaned.get("source"):
            raise forms.ValidationError(gettext("Choose a template, or a board to copy."))
        if cleaned.get("kind") and cleaned.get("source"):
            raise forms.ValidationError(
                gettext("Choose either a template or a board to copy, not both.")
            )
        return cleaned


class BudgetForm(forms.Form):
    budget = forms.IntegerField(
        label=_("Dots per person"),
        min_value=0,
        max_value=MAX_VOTE_BUDGET,
        help_text=_("0 turns voting off."),
    )


class TimerForm(forms.Form):
    minutes = forms.IntegerField(
        label=pgettext_lazy("length of time", "Minutes"),
        min_value=0,
        max_value=TIMER_MAX_MINUTES,
        help_text=_("0 stops the timer."),
    )
    label = forms.CharField(
        label=_("What the time is for (optional)"), max_length=120, required=False
    )


class FocusForm(forms.Form):
    board = forms.TypedChoiceField(
        label=_("Everyone to this board"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].choices = [("", gettext("Nobody is asked: free to roam"))] + [
            (board.pk, board.title) for board in boards
        ]


class GuestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the guest's account"),
        help_text=_("The guest must already have an active Kohtaamo account."),
    )


# --- The booklet --------------------------------------------------------------------------


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_limit_help(5000),
    )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    board = forms.TypedChoiceField(
        label=_("Board it concerns (optional)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].choices = [("", "—")] + [(board.pk, board.title) for board in boards]


class NextStepForm(forms.Form):
    text = forms.CharField(label=_("Next step"), max_length=300)
    owner = forms.CharField(
        label=_("Owner"), max_length=120, help_text=_("Who takes it forward: a role or a name.")
    )
    due = forms.DateField(
        label=_("Due (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
