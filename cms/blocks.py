from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    image = ImageBlock()
    call_to_action = CallToActionBlock()
