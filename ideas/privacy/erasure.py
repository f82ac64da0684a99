"""What deleting an account does to ideas and comments (accounts.privacy.erasure). Without
"remove my words" nothing is done here: the author becomes NULL, shown as "former member".
With it, the person's ideas and comments (on ideas and on pages alike) keep their place, so
that the replies around them keep their sense, but their words are gone."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from taggit.models import TaggedItem

from accounts.privacy.erasure import account_erasing
from ideas.models import Comment, Idea


def erased_title():
    """The title an erased idea keeps, in the site's language: titles are read in lists,
    e-mail subjects and exports, which all need one. The idea's own page says it in the
    reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Removed at the author's request")


@receiver(account_erasing, dispatch_uid="ideas.erasure")
def remove_words(sender, person, remove_words, **kwargs):
    if not remove_words:
        return
    now = timezone.now()
    ideas = Idea.objects.filter(author=person)
    # Every idea's themes in one query, however many ideas the person wrote.
    TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Idea), object_id__in=ideas.values("pk")
    ).delete()
    ideas.update(title=erased_title(), body="", erased_at=now)
    Comment.objects.filter(author=person).update(body="", deleted_at=now)
