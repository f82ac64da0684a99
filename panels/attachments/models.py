"""The abstract attachment row. A concrete one (e.g. panels.meetings.MeetingAttachment) adds a
ParentalKey to what it is attached to and names it in ``parent_field``; the parent's model
must be a ClusterableModel (for the admin's InlinePanel) whose manager has
``visible_to(user)``, which says who sees its attachments too."""

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

from accounts.models import validate_single_line

# As long as a Wagtail document's own title.
TITLE_MAX_LENGTH = 255


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Attachments of the things ``user`` sees (the parent's ``visible_to``)."""
        field = self.model.parent_field
        parents = self.model._meta.get_field(field).related_model.objects.visible_to(user)
        return self.filter(**{f"{field}__in": parents})


class DocumentAttachment(Orderable):
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"),
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        validators=[validate_single_line],
        help_text=_("The link's text. Leave empty to use the document's own title."),
    )

    # The name of the ParentalKey in a concrete subclass.
    parent_field = None

    objects = AttachmentQuerySet.as_manager()

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.title or self.document.title

    @property
    def file_type(self):
        """The file's kind as people know it: PDF, DOCX, PPTX."""
        return self.document.file_extension.upper()

    @property
    def file_size(self):
        """In bytes, without a query: the size Wagtail stored on upload, else the file's own."""
        document = self.document
        if document.file_size is not None:
            return document.file_size
        try:
            return document.file.size
        except (OSError, ValueError):
            return None

    @property
    def description(self):
        """What the link says of the file: "PDF, 230 kB"."""
        size = self.file_size
        parts = [part for part in (self.file_type, human_size(size) if size else "") if part]
        return ", ".join(parts)


def human_size(size):
    """230 kB, 1.2 MB: whole kilobytes, megabytes with one decimal, in the reader's number
    format."""
    if size < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    if size < 1024 * 1024:
        # Translators: kilobytes; in Finnish "kt".
        return _("%(size)s kB") % {"size": formats.number_format(round(size / 1024))}
    # Translators: megabytes; in Finnish "Mt".
    return _("%(size)s MB") % {"size": formats.number_format(size / 1024 / 1024, 1)}
