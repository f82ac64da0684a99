"""What an experiment's and a practice's page show, read in a fixed number of queries
however many updates, ideas, attachments and adoptions they have. The pages are reached
through their relations, not their models: the models import this module."""

from django.db.models import Prefetch
from wagtail.models import Page

from accounts.roles import Role
from ideas.discussions import discussion_context
from ideas.models import Idea
from panels.models import Region

from .forms import AdoptionForm


def _live_public(pages_ids):
    return Page.objects.live().public().filter(pk__in=pages_ids).order_by("title")


def experiment_context(page, request):
    updates = (
        page.updates.select_related("document")
        .prefetch_related(Prefetch("image__renditions"))
        .order_by("date", "sort_order", "pk")
    )
    # Only the ideas the reader may see: one hidden or withdrawn since is left out.
    ideas = (
        Idea.objects.visible_to(request.user)
        .filter(pk__in=page.origins.values("idea"))
        .select_related("round")
        .order_by("created_at", "pk")
    )
    practices = _live_public(page.practices.values("page"))
    return {
        "updates": list(updates),
        "origin_ideas": list(ideas),
        "practices": list(practices),
        "attachments": list(page.attachments.select_related("document")),
        "themes": list(page.themes.all()),
        "involved_panels": list(page.involved_panels.select_related("region")),
        **discussion_context(request, page),
    }


def adopting_regions(user, practice):
    """The regions a person may add to a practice's "adopted in": those they act for as
    staff (or all, for administrators) that have not adopted it yet."""
    regions = Region.objects.served_by(user, roles=(Role.STAFF,))
    return regions.exclude(pk__in=practice.adoptions.values("region")).order_by("name")


def practice_context(page, request, adoption_form=None):
    # The experiments with their status: one query for the pages, one for their fields.
    experiments = _live_public(page.sources.values("experiment")).specific()
    adoptions = list(page.adoptions.select_related("region"))
    own = Region.objects.served_by(request.user, roles=(Role.STAFF,))
    own_region_ids = set(own.values_list("pk", flat=True))
    if adoption_form is None and own_region_ids - {a.region_id for a in adoptions}:
        adoption_form = AdoptionForm(regions=adopting_regions(request.user, page))
    return {
        "experiments": list(experiments),
        "adoptions": adoptions,
        "attachments": list(page.attachments.select_related("document")),
        "themes": list(page.themes.all()),
        "adoption_form": adoption_form,
        "own_region_ids": own_region_ids,
        **discussion_context(request, page),
    }
