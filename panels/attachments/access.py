"""Who may download a document, as far as attachments go.

A document attached to nothing here is not ours to guard: Wagtail's collection privacy
decides, so a document that only public pages use (an experiment's slides, say) stays public.
A document attached to something is served to those who see at least one of the things it is
attached to — a meeting's, a round's or any other ``DocumentAttachment`` model's parent,
through the parent's ``visible_to``. So the minutes of a panel's past meeting reach the panel's
active members, its facilitators, the region's staff and decision-makers and administrators,
and stop reaching a member the moment their membership ends.

Every attachment model is asked in the same single query, however many there are and however
many times the document is attached.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from wagtail.documents import get_document_model

from .models import DocumentAttachment


def attachment_models():
    """Every concrete attachment model, whichever app it is in."""
    return [model for model in apps.get_models() if issubclass(model, DocumentAttachment)]


def downloadable_by(user, documents):
    """The ``documents`` (a queryset) that ``user`` may download: those attached to nothing,
    and those attached to at least one thing ``user`` sees."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return documents
    attached = Q()
    seen = Q()
    for model in attachment_models():
        rows = model._default_manager.filter(document=OuterRef("pk"))
        attached |= Q(Exists(rows))
        seen |= Q(Exists(model._default_manager.visible_to(user).filter(document=OuterRef("pk"))))
    if not attached:
        return documents
    return documents.filter(~attached | seen)


def may_download(user, document):
    """One query, whatever the document is attached to."""
    documents = get_document_model().objects.filter(pk=document.pk)
    return downloadable_by(user, documents).exists()


def refuse_download(document, request):
    """The answer to someone who may not download ``document``, or None for someone who may.

    As Wagtail's own collection privacy does, an anonymous visitor is sent to log in (and comes
    back to the document); a signed-in person who may not see the meeting or round gets 404,
    as its page answers them, rather than a log-in page they have already passed."""
    if may_download(request.user, document):
        return None
    if not request.user.is_authenticated:
        # What wagtail.wagtail_hooks.require_wagtail_login answers for a private collection.
        return redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    raise Http404
