from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

ANSWER_WITHIN_DAYS = 14  # the law's two weeks (Act 306/2019, section 11)

ENFORCEMENT_DEFAULT = _(
    "If you are not satisfied with the answer you received, or you get no answer within two "
    "weeks, you can report it to the Regional State Administrative Agency for Southern "
    "Finland, which supervises accessibility. Its website tells how to make the report and "
    "how the matter is handled.\n\n"
    "Regional State Administrative Agency for Southern Finland, Accessibility Supervision "
    "Unit\nwww.saavutettavuusvaatimukset.fi\nsaavutettavuus@avi.fi\n"
    "telephone (switchboard) 0295 016 000"
)


class Compliance(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class Assessment(models.TextChoices):
    SELF = "self", _("a self-assessment by the service provider")
    THIRD_PARTY = "third_party", _("an assessment by a third party")


class NonConformityBlock(blocks.StructBlock):
    what = blocks.TextBlock(label=_("What does not work"))
    criterion = blocks.CharBlock(
        label=_("WCAG 2.1 criterion"), max_length=120, help_text=_("e.g. 4.1.3 Status Messages")
    )
    reason = blocks.TextBlock(label=_("Why"))
    workaround = blocks.TextBlock(
        label=_("What to do meanwhile, and when it is fixed"), required=False
    )

    class Meta:
        icon = "warning"
        label = _("Non-conformity")


class AccessibilityStatementPage(Page):
    """The accessibility statement, in the structure of the Finnish model statement."""

    service = models.CharField(
        _("the service it covers"),
        max_length=200,
        help_text=_("e.g. the Kohtaamo website kohtaamo.fi and its mobile view"),
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    compliance_text = models.TextField(_("about compliance"), blank=True)
    assessed_by = models.CharField(
        _("assessed by"), max_length=16, choices=Assessment.choices, default=Assessment.SELF
    )
    assessed_on = models.DateField(_("assessed"), default=timezone.localdate)
    prepared_on = models.DateField(_("statement prepared"), default=timezone.localdate)
    updated_on = models.DateField(_("statement last updated"), default=timezone.localdate)
    non_conformities = StreamField(
        [("item", NonConformityBlock())], blank=True, verbose_name=_("known non-conformities")
    )
    outside_scope = models.TextField(
        _("content outside the law's scope"),
        blank=True,
        help_text=_("e.g. content that third parties publish and the service does not control"),
    )
    feedback_text = models.TextField(
        _("about feedback"),
        blank=True,
        help_text=_("What people can report, and that they get an answer within 14 days."),
    )
    enforcement = models.TextField(_("enforcement procedure"), default=ENFORCEMENT_DEFAULT)

    content_panels = [
        *Page.content_panels,
        FieldPanel("service"),
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("compliance_text")], heading=_("Compliance")
        ),
        MultiFieldPanel(
            [
                FieldPanel("assessed_by"),
                FieldPanel("assessed_on"),
                FieldPanel("prepared_on"),
                FieldPanel("updated_on"),
            ],
            heading=_("Assessment"),
        ),
        FieldPanel("non_conformities"),
        FieldPanel("outside_scope"),
        FieldPanel("feedback_text"),
        FieldPanel("enforcement"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "statement/statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")


class AccessibilityFeedback(models.Model):
    """What someone reported about accessibility: answered within ``ANSWER_WITHIN_DAYS``."""

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("answer due"))
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(_("what was the problem"), max_length=5000)
    email = models.EmailField(_("e-mail for the answer"), blank=True)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    reply = models.TextField(_("answer"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["answered_at", "due_on", "pk"]

    def __str__(self):
        return self.description[:60]

    def save(self, *args, **kwargs):
        if self.due_on is None:
            self.due_on = timezone.localdate(self.received_at) + timedelta(days=ANSWER_WITHIN_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self):
        return self.answered_at is None and timezone.localdate() > self.due_on
