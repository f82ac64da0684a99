"""The search form: the words, and the type, region and theme filters."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem
from wagtail.models import Page

from cms.experiments.models import ExperimentThemedItem, PracticeThemedItem
from ideas.models import Idea, IdeaRound
from panels.models import Region

from .kinds import Kind

QUERY_MAX_LENGTH = 200


def themes_seen_by(user):
    """The themes of what ``user`` may see: a theme only on hidden things is not offered, so
    the list tells nothing of them. One query."""
    idea_type, round_type = (
        ContentType.objects.get_for_model(model) for model in (Idea, IdeaRound)
    )
    tagged = TaggedItem.objects.filter(
        Q(content_type=idea_type, object_id__in=Idea.objects.visible_to(user).public().values("pk"))
        | Q(content_type=round_type, object_id__in=IdeaRound.objects.visible_to(user).values("pk"))
    )
    public_pages = Page.objects.live().public().values("pk")
    on_pages = [
        Q(pk__in=themed.objects.filter(content_object__in=public_pages).values("tag"))
        for themed in (ExperimentThemedItem, PracticeThemedItem)
    ]
    return Tag.objects.filter(Q(pk__in=tagged.values("tag")) | on_pages[0] | on_pages[1]).order_by(
        "name"
    )


class SearchForm(forms.Form):
    # The server explains an empty or too long query in words; the browser's own bubble would
    # stop the form without a reason that a screen reader reliably reads.
    use_required_attribute = False

    q = forms.CharField(
        label=_("Search words"),
        max_length=QUERY_MAX_LENGTH,
        error_messages={
            "required": _("Type a word or two to search for."),
            "max_length": _(
                "A search can be at most %(limit_value)d characters long (this one has "
                "%(show_value)d). Use a few words: a shorter search finds more."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Everything")), *Kind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Tag.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_seen_by(user)
        # The browser lets a longer query through to the server, which says why it refuses.
        self.fields["q"].widget.attrs.pop("maxlength", None)
