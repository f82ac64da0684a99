from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.plain_language import PlainLanguageTextarea, plain_summary_field
from panels.models import Region

from .blocks import BodyBlock, ImpactReportBodyBlock, cited_idea_ids, load_cited_ideas
from .region_access import RegionPageForm, RegionPagePermissionTester


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections below the home page that every visitor should find: experiments, the
        # practice library, impact reports. A query for the pages, one for each type.
        context["sections"] = (
            self.get_children()
            .live()
            .public()
            .type(ImpactReportIndexPage, *_section_types())
            .order_by("path")
            .specific()
        )
        # What is happening now in the visitor's region (cms.frontpage).
        from .frontpage.context import home_context

        context.update(home_context(request))
        return context


class ContentPage(Page):
    """A general page written by staff: guides, terms, stories of what came of ideas."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    # What the site search (cms.search) finds a page by.
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")


class ImpactReportIndexPage(Page):
    """Where a language's impact reports live. Decision-makers may add, edit and publish
    pages below it (cms.signals grants it), and nowhere else in the page tree."""

    lead = models.TextField(_("lead"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ImpactReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("impact report index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            ImpactReportPage.objects.child_of(self)
            .live()
            .public()
            .select_related("region")
            .order_by("-report_date", "-first_published_at")
        )
        return context


class ImpactReportPage(Page):
    """ "You said, we did": decision-makers tell what became of the ideas participants posted.

    Publishing a report records which ideas it cites (ideas.feedback.Citation) and tells their
    authors (cms.citations)."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("The opening paragraph, in plain language.")
    )
    report_date = models.DateField(_("date of the report"), default=timezone.localdate)
    period = models.CharField(
        _("period"),
        max_length=80,
        blank=True,
        help_text=_("The time the report covers, e.g. autumn 2026."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_reports",
        help_text=_("Leave empty for a report that covers every region."),
    )
    body = StreamField(ImpactReportBodyBlock(), blank=True, verbose_name=_("body"))
    plain_summary = plain_summary_field()

    base_form_class = RegionPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("plain_summary", widget=PlainLanguageTextarea),
        FieldPanel("report_date"),
        FieldPanel("period"),
        FieldPanel("region"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("period"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.ImpactReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("impact report")
        verbose_name_plural = _("impact reports")

    def cited_idea_ids(self):
        return cited_idea_ids(self.body)

    def permissions_for_user(self, user):
        # Every per-page admin view asks this: one answer scopes them all to the person's
        # regions (cms.region_access).
        return RegionPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every idea block on the page reads from this one load: the page's queries stay the
        # same however many ideas it cites.
        context["cited_ideas"] = load_cited_ideas(self.cited_idea_ids(), request.user)
        return context


def _section_types():
    from django.apps import apps

    return [
        apps.get_model("experiments", "ExperimentIndexPage"),
        apps.get_model("experiments", "PracticeIndexPage"),
    ]


@register_setting(icon="globe")
class LanguageReview(BaseGenericSetting):
    """Whether a native speaker has reviewed the Northern Sámi interface.

    Until an administrator ticks it, every /se/ page says discreetly in its footer that the
    translation awaits review (cms.settings.languages)."""

    sami_reviewed = models.BooleanField(
        _("the Northern Sámi translation has been reviewed"),
        default=False,
        help_text=_(
            "Tick when a native speaker has reviewed the Northern Sámi interface texts. Until "
            "then the Sámi pages say that the translation awaits review."
        ),
    )
    sami_reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=200,
        blank=True,
        help_text=_("Who reviewed it, e.g. an organisation; shown to no one but administrators."),
    )

    panels = [FieldPanel("sami_reviewed"), FieldPanel("sami_reviewed_by")]

    class Meta:
        verbose_name = _("language review")
