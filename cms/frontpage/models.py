"""A region's landing page: the same "what is happening now" as the home page, for one region,
with the editor's own lead and content blocks around it. One per region in each language's
tree, directly below the home page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock
from panels.models import Region

from .overview import overview_for


class RegionHomePage(Page):
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        # A region with a landing page is not deleted by accident: remove the page first.
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("The opening paragraph, in plain language.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("region"),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("region landing page")
        verbose_name_plural = _("region landing pages")

    def clean(self):
        super().clean()
        if self.region_id and self.locale_id:
            others = RegionHomePage.objects.filter(
                locale_id=self.locale_id, region_id=self.region_id
            )
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"region": _("This region already has a landing page in this language.")}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["overview"] = overview_for(request.user, self.region)
        return context
