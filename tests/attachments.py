"""Helpers for the attachment tests (panels.attachments): real Wagtail documents with small
real files, and the form data of the admin's attachments InlinePanel.

Every test that makes documents sets MEDIA_ROOT to a directory of its own, as
tests/cms/test_documents.py does, so no file lands in the project's media/."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.panels.conftest import ROLES as PANEL_ROLES

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


# --- The download matrix, the same for every attachment model -----------------------------

# The roles of tests.panels.conftest, and a member who has left the panel.
ROLES = [*PANEL_ROLES, "former_member"]
# Who sees a panel's past meeting or its round, and so their attachments.
INNER_CIRCLE = {"member", "facilitator", "staff_same_region", "decision_maker", "administrator"}


def add_former_member(world):
    """A member who has left ``world``'s panel, as ``world.person("former_member")``."""
    from panels.models import MembershipStatus
    from tests.factories import MembershipFactory, UserFactory

    person = UserFactory(display_name="Entinen jäsen")
    MembershipFactory(panel=world.panel, person=person, status=MembershipStatus.LEFT)
    world.people["former_member"] = person
    return person


def assert_served(response):
    assert response.status_code == 200
    assert downloaded(response) == PDF


def assert_refused(response, role):
    if role == "anonymous":
        # As Wagtail's own collection privacy: to the log-in, and back to the document.
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/documents/")
    else:
        # As the meeting's or round's own page answers: nothing here.
        assert response.status_code == 404
    assert PDF not in response.content
