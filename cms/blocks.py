from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from ideas.feedback.choosers import IdeaChooserBlock
from ideas.feedback.models import OfficialResponse
from ideas.models import Idea

from .content_checks import HeadingOrderMixin, check_alt_text
from .statistics.blocks import LiveStatisticBlock


class HeadingBlock(blocks.StructBlock):
    """Editors choose h2 or h3 only: the page title is the one h1."""

    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
        max_length=250,
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        try:
            check_alt_text(value.get("alt_text"))
        except ValidationError as error:
            raise StructBlockValidationError(block_errors={"alt_text": error}) from error
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "cms/blocks/call_to_action.html"


class BodyBlock(HeadingOrderMixin, blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    image = ImageBlock()
    call_to_action = CallToActionBlock()


# --- Impact reports ("you said, we did") ---------------------------------------------------


class ParticipantQuoteBlock(blocks.StructBlock):
    """What participants said, in their words. Attributed to a role or a panel, never a name:
    many participants are vulnerable."""

    text = blocks.TextBlock(label=_("What was said"))
    attribution = blocks.CharBlock(
        label=_("Said by"),
        required=False,
        max_length=120,
        help_text=_("A role or a panel, e.g. “a developer-client in Lapland”. No names."),
    )

    class Meta:
        icon = "openquote"
        label = _("Participants' words")
        template = "cms/blocks/participant_quote.html"


class FigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Number"), max_length=20)
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)


class FiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Figures")
        template = "cms/blocks/figures.html"


class CitedIdeasBlock(blocks.StructBlock):
    """ "We heard, we did": chosen ideas with their current status and official responses.

    The ideas are read when the page is shown, not when it is written, so a report always
    tells where an idea stands now. ImpactReportPage.get_context loads every cited idea on
    the page in one go (``cited_ideas``); an idea the reader may not see is not in it, and the
    block shows a placeholder instead of its content."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    ideas = blocks.ListBlock(IdeaChooserBlock(label=_("Idea")), label=_("Ideas"), min_num=1)
    note = blocks.RichTextBlock(
        label=_("Note"), required=False, features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "comment"
        label = _("Ideas and what came of them")
        template = "cms/blocks/cited_ideas.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        cited = (parent_context or {}).get("cited_ideas")
        if cited is None:
            # Rendered outside an impact report's page (a preview of the block alone).
            request = (parent_context or {}).get("request")
            user = getattr(request, "user", None) or AnonymousUser()
            ids = [idea.pk for idea in value["ideas"] if idea is not None]
            cited = load_cited_ideas(ids, user)
        context["entries"] = [
            _entry(cited.get(idea.pk)) for idea in value["ideas"] if idea is not None
        ]
        return context


def _entry(idea):
    """What the block shows of one idea: nothing of an idea the reader may not see."""
    if idea is None:
        return {"idea": None}
    responses = list(idea.responses.all())  # prefetched, oldest first
    return {
        "idea": idea,
        "response": responses[-1] if responses else None,
        "earlier_responses": len(responses) - 1 if responses else 0,
    }


class CitedExperimentBlock(blocks.StructBlock):
    """An experiment and its timeline, as it stands when the report is read: its status, its
    dated updates and what it learned. A report cites experiments as it cites ideas."""

    experiment = blocks.PageChooserBlock(
        label=_("Experiment"), page_type="experiments.ExperimentPage"
    )
    note = blocks.RichTextBlock(
        label=_("Note"), required=False, features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "calendar"
        label = _("An experiment and its timeline")
        template = "cms/blocks/cited_experiment.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("experiment")
        experiment = page.specific if page is not None else None
        # Only a live, public experiment is shown: a draft or a private page is no citation.
        if experiment is not None and experiment.is_public():
            context["experiment"] = experiment
            context["updates"] = list(experiment.updates.order_by("date", "sort_order", "pk"))
        return context


IDEAS_BLOCK_NAME = "ideas"


class ImpactReportBodyBlock(HeadingOrderMixin, blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    participant_quote = ParticipantQuoteBlock()
    ideas = CitedIdeasBlock()
    experiment = CitedExperimentBlock()
    figures = FiguresBlock()
    live_statistic = LiveStatisticBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()


def cited_idea_ids(stream_value):
    """The ids of the ideas the report cites, in order of appearance, each once. Read from
    the stored data, so that nothing is loaded to find them."""
    ids = []
    for block in stream_value.raw_data:
        if block["type"] != IDEAS_BLOCK_NAME:
            continue
        for item in (block.get("value") or {}).get("ideas") or []:
            # A ListBlock stores {"type": "item", "value": pk, "id": ...}; older data a pk.
            pk = item.get("value") if isinstance(item, dict) else item
            if pk is not None and pk not in ids:
                ids.append(pk)
    return ids


def load_cited_ideas(ids, user):
    """The cited ideas that ``user`` may see, by id, with what the block shows of them."""
    if not ids:
        return {}
    ideas = (
        Idea.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("round")
        .prefetch_related(
            Prefetch("responses", queryset=OfficialResponse.objects.order_by("published_at", "pk"))
        )
    )
    return {idea.pk: idea for idea in ideas}
