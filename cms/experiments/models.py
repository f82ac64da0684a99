"""Experiments (kokeilu) and practices (toimintamalli) as Wagtail pages.

An experiment page follows the structure of an experiment published on the national
Kokeilunpaikka service: what was tried, with whom, when, on what preconditions, what came of
it, what was learned and whether it reached its goals. A practice page follows the template
SOSKU used for its models. Both belong to one region, whose staff compose and publish them
(cms.region_access narrows the admin to the region; cms.experiments.signals grants the
groups).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.plain_language import PlainLanguageTextarea, plain_summary_field
from cms.region_access import RegionPagePermissionTester
from ideas.feedback.choosers import idea_chooser_viewset
from ideas.feedback.statuses import ExperimentStatus
from panels.attachments.admin import attachments_panel
from panels.attachments.models import DocumentAttachment
from panels.models import Panel, Region

from .forms import ExperimentPageForm, PracticePageForm

TEXT_MAX_LENGTH = 5000


def _text(label, help_text="", required=False):
    return models.TextField(
        label, blank=not required, max_length=TEXT_MAX_LENGTH, help_text=help_text
    )


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"), max_length=120)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Link")


class RegionPage(Page):
    """A page that one region's staff compose (or, with no region, administrators)."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a page that covers every region."),
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Who runs it.")
    )
    summary = _text(_("summary"), _("In a few sentences, in plain language."))

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Every per-page admin view asks this: one answer scopes them all to the person's
        # regions (cms.region_access).
        return RegionPagePermissionTester(user, self)

    def is_public(self):
        """Live and without a view restriction (Wagtail's privacy) on it or above it: what
        everyone may read, so its comments, idea links and news are everyone's too."""
        return self.live and not self.get_view_restrictions().exists()


class ExperimentThemedItem(TaggedItemBase):
    """An experiment's themes: the same taggit tags as the themes of ideas."""

    content_object = ParentalKey(
        "experiments.ExperimentPage", on_delete=models.CASCADE, related_name="themed_items"
    )


class ExperimentPage(RegionPage):
    """An experiment that a team runs with real clients, and what it learned."""

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ExperimentStatus.choices,
        default=ExperimentStatus.PLANNED,
    )
    themes = ClusterTaggableManager(
        through=ExperimentThemedItem, verbose_name=_("themes"), blank=True
    )
    involved_panels = ParentalManyToManyField(
        Panel, verbose_name=_("panels involved"), blank=True, related_name="+"
    )
    goal = _text(_("goal"), _("What the experiment set out to achieve."))
    what_was_tried = _text(_("what was tried"))
    participants = _text(
        _("with whom"), _("Who took part, e.g. 33 young adults and 17 professionals.")
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    preconditions = _text(_("preconditions"), _("What made the experiment possible."))
    result = _text(_("result"), _("What came of it: models, tools, decisions."))
    lessons_learned = _text(_("what was learned"), _("Required before the experiment ends."))
    goals_reached = _text(
        _("did the experiment reach its goals?"), _("Required before the experiment ends.")
    )
    method_reflections = _text(_("reflections on the method"))
    links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("links"), use_json_field=True
    )
    contact = _text(
        _("contact"),
        _("A role and an organisation, or a shared address. Not a private person's details."),
    )
    plain_summary = plain_summary_field()

    base_form_class = ExperimentPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("region"),
        FieldPanel("organisation"),
        FieldPanel("status"),
        FieldPanel("summary"),
        FieldPanel("plain_summary", widget=PlainLanguageTextarea),
        FieldPanel("themes"),
        FieldPanel("involved_panels", widget=forms.CheckboxSelectMultiple),
        InlinePanel("origins", label=_("The ideas it grew from"), heading=_("Ideas")),
        MultiFieldPanel(
            [
                FieldPanel("goal"),
                FieldPanel("what_was_tried"),
                FieldPanel("participants"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("preconditions"),
            ],
            heading=_("The experiment"),
        ),
        InlinePanel("updates", label=_("Update"), heading=_("Updates as it runs")),
        MultiFieldPanel(
            [
                FieldPanel("result"),
                FieldPanel("lessons_learned"),
                FieldPanel("goals_reached"),
                FieldPanel("method_reflections"),
            ],
            heading=_("What came of it"),
        ),
        FieldPanel("links"),
        FieldPanel("contact"),
        attachments_panel(),
    ]
    # What the site search (cms.search) finds an experiment by.
    search_fields = [
        *Page.search_fields,
        *(
            index.SearchField(name)
            for name in ("summary", "organisation", "goal", "what_was_tried", "result")
        ),
        index.SearchField("lessons_learned"),
    ]
    parent_page_types = ["experiments.ExperimentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")

    def clean(self):
        super().clean()
        if self.status == ExperimentStatus.ENDED:
            missing = {
                name: _("Tell this before the experiment is marked ended.")
                for name in ("lessons_learned", "goals_reached")
                if not (getattr(self, name) or "").strip()
            }
            if missing:
                raise ValidationError(missing)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An experiment cannot end before it starts.")})

    def origin_idea_ids(self):
        return [origin.idea_id for origin in self.origins.all() if origin.idea_id]

    def get_context(self, request, *args, **kwargs):
        from .presenting import experiment_context

        context = super().get_context(request, *args, **kwargs)
        context.update(experiment_context(self, request))
        return context


class ExperimentOrigin(Orderable):
    """An idea the experiment grew from (public ideas only: the chooser offers no other)."""

    page = ParentalKey(ExperimentPage, on_delete=models.CASCADE, related_name="origins")
    idea = models.ForeignKey(
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("idea", widget=idea_chooser_viewset.widget_class)]

    class Meta(Orderable.Meta):
        verbose_name = _("idea it grew from")
        constraints = [
            models.UniqueConstraint(fields=["page", "idea"], name="experiments_origin_once")
        ]


class ExperimentUpdate(Orderable):
    """A dated entry on the experiment's timeline: what happened, what was measured."""

    page = ParentalKey(ExperimentPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=160)
    what_happened = _text(_("what happened"), required=True)
    what_was_measured = _text(_("what was measured"))
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("title"),
        FieldPanel("what_happened"),
        FieldPanel("what_was_measured"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Say what the photo shows.")})


class PageAttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who may download a page's attachments (panels.attachments.access asks, in one
        query): everyone, once the page is public (live and without a view restriction, as
        its discussion row records: cms.experiments.signals); before that, the officials of
        its region, who compose it, and administrators."""
        shown = Q(page__discussion__is_public=True)
        if user.is_authenticated:
            shown |= Q(page__region__in=Region.objects.served_by(user))
        return self.filter(shown)


class ExperimentAttachment(DocumentAttachment):
    """A document on an experiment page: public with the page. The admin form refuses a
    document the editor may not download (panels.attachments.admin), so nobody makes another
    region's minutes public by attaching them here."""

    page = ParentalKey(ExperimentPage, on_delete=models.CASCADE, related_name="attachments")
    parent_field = "page"
    objects = PageAttachmentQuerySet.as_manager()


class ExperimentNotice(models.Model):
    """What the idea's people and the followers have been told of an experiment, so that
    publishing again tells nobody twice: "started", "ended" or "update:<id>"."""

    page = models.ForeignKey(ExperimentPage, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "key"], name="experiments_notice_once")
        ]

    def __str__(self):
        return f"{self.page_id}: {self.key}"


class IndexPage(Page):
    """The index of one language's experiments or practices, below its home page: a lead,
    and the pages below it, listed and filtered (cms.experiments.listing)."""

    lead = models.TextField(_("lead"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead")]
    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request))
        return context


class ExperimentIndexPage(IndexPage):
    """Where a language's experiments live; filtered by region, theme and status."""

    subpage_types = ["experiments.ExperimentPage"]

    class Meta:
        verbose_name = _("experiments index")

    def listing(self, request):
        from .listing import experiments_listing

        return experiments_listing(self, request, ExperimentPage)


# --- Practices --------------------------------------------------------------------------


class PracticeThemedItem(TaggedItemBase):
    content_object = ParentalKey(
        "experiments.PracticePage", on_delete=models.CASCADE, related_name="themed_items"
    )


class PracticePage(RegionPage):
    """An established way of working (toimintamalli), in SOSKU's practice template, that
    other regions can adopt."""

    themes = ClusterTaggableManager(
        through=PracticeThemedItem, verbose_name=_("themes"), blank=True
    )
    operating_environment = _text(_("operating environment"))
    needs = _text(_("the needs it answers"))
    developer_group = _text(_("how the developer group was assembled"))
    target_group = _text(_("target group"))
    basic_idea = _text(_("basic idea"))
    adoption_conditions = _text(_("conditions for adoption"))
    adoption_tips = _text(_("tips for adopters"))
    evaluation = _text(_("evaluation"))

    base_form_class = PracticePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("region"),
        FieldPanel("organisation"),
        FieldPanel("summary"),
        FieldPanel("themes"),
        InlinePanel("sources", label=_("Experiment"), heading=_("The experiments it grew from")),
        MultiFieldPanel(
            [
                FieldPanel("operating_environment"),
                FieldPanel("needs"),
                FieldPanel("developer_group"),
                FieldPanel("target_group"),
                FieldPanel("basic_idea"),
            ],
            heading=_("The practice"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("adoption_conditions"),
                FieldPanel("adoption_tips"),
                FieldPanel("evaluation"),
            ],
            heading=_("Adopting it"),
        ),
        attachments_panel(),
    ]
    search_fields = [
        *Page.search_fields,
        *(
            index.SearchField(name)
            for name in ("summary", "organisation", "basic_idea", "needs", "target_group")
        ),
    ]
    parent_page_types = ["experiments.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def get_context(self, request, *args, **kwargs):
        from .presenting import practice_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_context(self, request))
        return context


class PracticeSource(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="sources")
    experiment = models.ForeignKey(
        ExperimentPage,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="practices",
    )

    panels = [FieldPanel("experiment")]

    class Meta(Orderable.Meta):
        verbose_name = _("experiment it grew from")


class PracticeAttachment(DocumentAttachment):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    parent_field = "page"
    objects = PageAttachmentQuerySet.as_manager()


class PracticeAdoption(models.Model):
    """A region that took the practice into use, and how it adapted it. Added by that region's
    own staff on the practice's page, not by the practice's authors: not part of the page's
    revisions."""

    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.TextField(
        _("how it was adapted"), max_length=2000, help_text=_("What you changed, and why.")
    )
    adopted_on = models.DateField(_("taken into use"), default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("adoption of a practice")
        verbose_name_plural = _("adoptions of practices")
        ordering = ["adopted_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "region"], name="experiments_adopted_once")
        ]

    def __str__(self):
        return f"{self.region} · {self.practice}"


class PracticeIndexPage(IndexPage):
    """The practice library of one language: filtered by region and theme."""

    subpage_types = ["experiments.PracticePage"]

    class Meta:
        verbose_name = _("practice library")

    def listing(self, request):
        from .listing import practices_listing

        return practices_listing(self, request, PracticePage)
