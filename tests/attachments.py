"""Helpers for the attachment tests (panels.attachments): real Wagtail documents with small
real files, and the form data of the admin's attachments InlinePanel.

Every test that makes documents sets MEDIA_ROOT to a directory of its own, as
tests/cms/test_documents.py does, so no file lands in the project's media/."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

PDF = b"%PDF-1.4\n% minutes of a panel meeting\n%%EOF\n"


def make_document(title="Muistio", *, name="muistio.pdf", content=PDF, **fields):
    return get_document_model().objects.create(
        title=title, file=ContentFile(content, name=name), **fields
    )


def downloaded(response):
    return b"".join(response.streaming_content)


def attachment_forms(*rows, existing=(), prefix="attachments"):
    """The InlinePanel's POST data: ``existing`` attachments kept as they are, then ``rows``
    (a document, or a (document, title) pair) added after them."""
    data = {
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    forms = [(attachment.document, attachment.title, attachment.pk) for attachment in existing]
    for row in rows:
        document, title = row if isinstance(row, tuple) else (row, "")
        forms.append((document, title, ""))
    for index, (document, title, pk) in enumerate(forms):
        data.update(
            {
                f"{prefix}-{index}-id": str(pk),
                f"{prefix}-{index}-document": str(document.pk),
                f"{prefix}-{index}-title": title,
                f"{prefix}-{index}-ORDER": str(index + 1),
                f"{prefix}-{index}-DELETE": "",
            }
        )
    data[f"{prefix}-TOTAL_FORMS"] = str(len(forms))
    return data


# An admin form posted without touching the attachments.
NO_ATTACHMENTS = attachment_forms()
