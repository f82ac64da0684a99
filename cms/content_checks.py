"""Wagtail's accessibility checker for editors, and the checks that stop a publication.

Wagtail runs axe-core on the page being edited (the "Checks" panel of the editor's preview)
and on live pages from the user bar. ``ContentChecker`` is that checker with Kohtaamo's
rules: it looks at the page's ``main`` (what editors write; the header and footer are the
templates' business, checked by the test suite) and adds the rules about content an editor
controls: images without text alternatives and broken lists, besides Wagtail's own (empty
and skipped headings, paragraphs posing as headings, link and button names, alternative
text that is a file name).

Those checks advise; they run in the editor's browser and Wagtail offers no way to make them
block. What Wagtail does let a page refuse is invalid content, through block validation, so
the problems that can be decided for certain on the server stop a save or a publication
there (``HeadingOrderMixin``, ``check_alt_text``): a subsection before any section, and
alternative text that is a file name.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.blocks import StreamBlockValidationError

# Wagtail's own test for alternative text that is a file name (ContentCheckerItem).
FILE_NAME_ALT_TEXT = re.compile(r"\.(avif|gif|jpg|jpeg|png|svg|webp)$|_", re.IGNORECASE)


class ContentChecker(ContentCheckerItem):
    axe_include = ["main"]
    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt", "list", "listitem"]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _("Say what the image shows, for people who cannot see it."),
        },
        "list": {
            "error_name": _("Broken list"),
            "help_text": _("A list may contain only list items."),
        },
        "listitem": {
            "error_name": _("List item outside a list"),
            "help_text": _("Use the list buttons of the editor to make lists."),
        },
    }


def use_kohtaamo_checker(request, items, page):
    """``construct_wagtail_userbar`` hook: our checker in place of Wagtail's default one."""
    items[:] = [
        ContentChecker(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]


def check_alt_text(text):
    if text and FILE_NAME_ALT_TEXT.search(text.strip()):
        raise ValidationError(
            _(
                "This looks like a file name. Say in words what the image shows, for people "
                "who cannot see it."
            )
        )


class HeadingOrderMixin:
    """A stream's headings may not skip a level: no subsection (h3) before the first section
    (h2). The page title is the one h1, so the first heading must be a section."""

    def clean(self, value):
        value = super().clean(value)
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            if child.value.get("level") == "h3":
                raise StreamBlockValidationError(
                    block_errors={
                        index: ValidationError(
                            _(
                                "A subsection cannot come before the first section: make this "
                                "heading a section, or add a section heading above it."
                            )
                        )
                    }
                )
            break
        return value
