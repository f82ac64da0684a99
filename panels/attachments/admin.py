"""Attachments in the Wagtail admin: an InlinePanel of document choosers on the edit form of
what they are attached to, and the check that an editor attaches only documents they may
download themselves (otherwise a member of staff could make another region's minutes public
by attaching them to a public round). The document chooser lists only those documents too
(the ``construct_document_chooser_queryset`` hook in panels.wagtail_hooks).

Staff may upload documents and choose them (``let_staff_attach_documents``, after every
migrate): without that the chooser would have nothing to offer them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel
from wagtail.documents import get_document_model

from accounts.roles import ROLE_GROUPS, Role

from .access import downloadable_by

# Wagtail's document permissions the Staff group has on the root collection (and so on every
# collection): upload (and edit what they uploaded), and choose in a chooser.
STAFF_DOCUMENT_PERMISSIONS = ("add_document", "choose_document")


def attachments_panel(relation="attachments"):
    # No label: Wagtail then uses the model's lower-case verbose name, so the button reads
    # "Add attachment".
    return InlinePanel(
        relation,
        heading=_("Attachments"),
        help_text=_(
            "Documents such as minutes as PDF or slides. They are shown on the page to "
            "everyone who sees it, and only to them."
        ),
    )


class AttachmentsFormMixin:
    """For a WagtailAdminModelForm (a ClusterForm) with an ``attachments`` formset."""

    attachment_relation = "attachments"

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get(self.attachment_relation)
        if formset is not None and self.for_user is not None:
            refuse_documents_out_of_reach(formset, self.for_user)
        return cleaned


def refuse_documents_out_of_reach(formset, user):
    """Add an error to each row of ``formset`` whose chosen document ``user`` may not
    download. One query for the whole formset."""
    field = "document"
    chosen = [
        child
        for child in formset.forms
        if child.is_valid()
        and not child.cleaned_data.get("DELETE")
        and child.cleaned_data.get(field) is not None
    ]
    if not chosen:
        return
    documents = get_document_model().objects.filter(
        pk__in=[child.cleaned_data[field].pk for child in chosen]
    )
    allowed = set(downloadable_by(user, documents).values_list("pk", flat=True))
    for child in chosen:
        if child.cleaned_data[field].pk not in allowed:
            child.add_error(
                field, _("This document is attached to something you cannot see. Choose another.")
            )


def let_staff_attach_documents(**kwargs):
    """Give the Staff group STAFF_DOCUMENT_PERMISSIONS. Safe to run any number of times; a
    post_migrate receiver (panels.apps), because the permissions exist only once wagtaildocs
    has migrated."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    permissions = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(get_document_model()),
        codename__in=STAFF_DOCUMENT_PERMISSIONS,
    )
    if not permissions:
        return
    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[Role.STAFF])
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
