"""Which ideas an impact report cites, written into ideas.feedback.Citation, and who is told.

cms sits above ideas, so it writes the citation rows into the feedback loop's model (see
ARCHITECTURE.md): ideas then shows "cited in a report" on "my impact" without importing cms.

- The rows follow the live version of the report: publishing adds rows for ideas newly cited
  and removes the rows of ideas the report no longer cites. Unpublishing removes nothing;
  "my impact" shows citations of live pages only (``page__live=True``). Deleting the page
  deletes its rows.
- Only public ideas (in public rounds, not hidden or withdrawn) are cited: the report shows
  any other idea to its readers as "no longer public", so it does not really cite it.
- The authors of newly cited ideas are told once per publish, in one notice each however
  many of their ideas the report cites: ideas.cited is delivered by e-mail by default, and
  five e-mails about one report would be noise. The notice links to the report, which lists
  them all. Publishing again tells nobody again, nor does publishing a translation of the
  report (a page with the same translation key) that cites the same ideas; an idea taken out
  and later put back is newly cited, and its author is told again.
- The person who published is told nothing of their own ideas; inactive and deleted
  accounts are told nothing (notify skips them).
"""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.notifications import notify
from ideas.feedback.models import Citation
from ideas.models import Idea

CITED = "ideas.cited"


@transaction.atomic
def sync_citations(page, actor=None):
    """Bring ``page``'s citation rows in step with what it cites now; tell the authors of the
    newly cited ideas. Returns the ideas whose authors were due a notice."""
    cited_ids = set(
        Idea.objects.visible_to(AnonymousUser())
        .filter(pk__in=page.cited_idea_ids())
        .values_list("pk", flat=True)
    )
    existing = set(Citation.objects.filter(page=page).values_list("idea_id", flat=True))
    Citation.objects.filter(page=page).exclude(idea_id__in=cited_ids).delete()
    new_ids = cited_ids - existing
    Citation.objects.bulk_create(
        [Citation(idea_id=pk, page_id=page.pk) for pk in sorted(new_ids)],
        ignore_conflicts=True,  # a concurrent publish of the same page wrote it first
    )
    # A translation of the report (the same report in another language) is not news.
    told = Citation.objects.filter(
        idea_id__in=new_ids, page__translation_key=page.translation_key
    ).exclude(page_id=page.pk)
    newly_cited = list(
        Idea.objects.filter(pk__in=new_ids)
        .exclude(pk__in=told.values("idea_id"))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    _tell_authors(page, newly_cited, actor)
    return newly_cited


def _tell_authors(page, ideas, actor):
    by_author = {}
    for idea in ideas:
        if idea.author is None or (actor is not None and idea.author_id == actor.pk):
            continue
        by_author.setdefault(idea.author_id, []).append(idea)
    url = page.get_url() or ""
    for ideas_of_author in by_author.values():
        author = ideas_of_author[0].author
        if len(ideas_of_author) == 1:
            message = format_lazy(
                _("The impact report “{report}” tells what became of your idea “{title}”."),
                report=page.title,
                title=ideas_of_author[0].title,
            )
        else:
            count = len(ideas_of_author)
            message = format_lazy(
                ngettext_lazy(
                    "The impact report “{report}” tells what became of {count} of your ideas.",
                    "The impact report “{report}” tells what became of {count} of your ideas.",
                    count,
                ),
                report=page.title,
                count=count,
            )
        notify(author, kind=CITED, message=message, url=url)
