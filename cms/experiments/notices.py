"""Who is told of an experiment's news, and what.

News is an experiment that starts, posts an update or ends, and an idea newly named as one it
grew from. It goes to the people of the ideas it grew from (authors, supporters, commenters:
those the feedback loop already tells of their ideas), to the people who follow those ideas
and to those who follow the experiment. Each person gets one notice per publish, however much
news it carries (the most important: it ended, it grew from an idea, it started, an update),
and nobody is told the same news twice: ``ExperimentNotice`` remembers what
was told. A translation of the experiment (a page with the same translation key) is not news
again: the language version that was announced first goes on announcing.

The person who published is told nothing; inactive and deleted accounts are told nothing
(accounts.notifications.notify skips them).
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.follows.services import followers_who_may_see
from accounts.notifications import notify
from ideas.feedback.models import ExperimentLink
from ideas.feedback.statuses import ExperimentStatus
from ideas.models import Comment, Idea, Support

from .links import touch_links
from .models import ExperimentNotice

EXPERIMENT_NEWS = "experiments.news"


def _first_time(page, key):
    """Record that ``key`` was told of ``page``; False if it had been already."""
    try:
        with transaction.atomic():
            ExperimentNotice.objects.create(page=page, key=key)
    except IntegrityError:
        return False
    return True


def _announced_elsewhere(page):
    return (
        ExperimentNotice.objects.filter(page__translation_key=page.translation_key)
        .exclude(page=page)
        .exists()
    )


def news_of(page, newly_linked):
    """What is new since the last publish, most important first, each recorded as told."""
    news = []
    title = page.title
    if page.status == ExperimentStatus.ENDED and _first_time(page, "ended"):
        news.append(
            format_lazy(
                _("The experiment “{title}” has ended. Read what was learned."), title=title
            )
        )
    for idea in newly_linked:
        if _first_time(page, f"idea:{idea.pk}"):
            news.append(
                format_lazy(
                    _("The idea “{idea}” grew into the experiment “{title}” ({status})."),
                    idea=idea.title,
                    title=title,
                    status=ExperimentStatus(page.status).label,  # lazy: the reader's language
                )
            )
    if page.status in (ExperimentStatus.RUNNING, ExperimentStatus.ENDED) and _first_time(
        page, "started"
    ):
        news.append(format_lazy(_("The experiment “{title}” has started."), title=title))
    updates = [update for update in page.updates.all() if _first_time(page, f"update:{update.pk}")]
    if len(updates) == 1:
        news.append(
            format_lazy(
                _("The experiment “{title}” posted an update: {update}."),
                title=title,
                update=updates[0].title,
            )
        )
    elif updates:
        news.append(
            format_lazy(
                ngettext_lazy(
                    "The experiment “{title}” posted {count} update.",
                    "The experiment “{title}” posted {count} updates.",
                    len(updates),
                ),
                title=title,
                count=len(updates),
            )
        )
    return news


def people_to_tell(page):
    """The active people of the ideas the experiment grew from, those who follow those ideas,
    and those who follow the experiment."""
    # The linked ideas (cms.experiments.links): public ones only, so telling their people
    # reveals nothing.
    idea_ids = list(
        ExperimentLink.objects.filter(page_id=page.pk).values_list("idea_id", flat=True)
    )
    User = get_user_model()
    authors = User.objects.filter(ideas__pk__in=idea_ids)
    supporters = Support.objects.filter(idea_id__in=idea_ids).values("person")
    commenters = Comment.objects.filter(idea_id__in=idea_ids, deleted_at__isnull=True).values(
        "author"
    )
    ids = set(authors.values_list("pk", flat=True))
    ids |= set(User.objects.filter(pk__in=supporters).values_list("pk", flat=True))
    ids |= set(User.objects.filter(pk__in=commenters).values_list("pk", flat=True))
    # Followers who may still see what they follow (access can end).
    for idea in Idea.objects.filter(pk__in=idea_ids):
        ids |= {person.pk for person in followers_who_may_see(idea)}
    ids |= {person.pk for person in followers_who_may_see(page)}
    return User.objects.filter(pk__in=ids, is_active=True).order_by("pk")


def announce(page, *, newly_linked=(), actor=None):
    """Tell the experiment's people what is new. Returns the people told. A private page
    (Wagtail's privacy) is nobody's news: its title is not for everyone."""
    if not page.is_public() or _announced_elsewhere(page):
        return []
    news = news_of(page, newly_linked)
    if not news:
        return []
    touch_links(page)
    # One notice per person per publish: the most important news. The page tells the rest.
    message = news[0]
    url = page.get_url() or ""
    told = []
    for person in people_to_tell(page):
        if actor is not None and person.pk == actor.pk:
            continue
        notify(person, kind=EXPERIMENT_NEWS, message=message, url=url)
        told.append(person)
    return told
