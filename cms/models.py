from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import BodyBlock


class HomePage(Page):
    """The front page of one language's site tree."""

    lead = models.TextField(
        _("lead"), blank=True, help_text=_("The opening paragraph, in plain language.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class ContentPage(Page):
    """A general page written by staff: guides, terms, stories of what came of ideas."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields]

    class Meta:
        verbose_name = _("content page")
