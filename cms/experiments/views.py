"""Starting an experiment from an idea; a region's staff adding their region to a practice's
"adopted in", or taking it off.

The idea's and the practice's own pages show the forms; these views take the POST. An
adoption form with errors is shown again on the practice's page with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.coreutils import find_available_slug

from accounts.roles import Role
from ideas.models import Idea
from panels.models import Region

from .forms import AdoptionForm
from .models import (
    ExperimentOrigin,
    ExperimentPage,
    PracticeAdoption,
    PracticePage,
)
from .presenting import adopting_regions, practice_context
from .rules import index_for_language, may_start_from


def _live_practice(page_id):
    return get_object_or_404(PracticePage.objects.live().public(), pk=page_id)


@login_required
@require_POST
def adopt(request, page_id):
    practice = _live_practice(page_id)
    regions = adopting_regions(request.user, practice)
    if not regions.exists():
        raise PermissionDenied
    form = AdoptionForm(request.POST, regions=regions)
    if not form.is_valid():
        context = {
            **practice.get_context(request),
            **practice_context(practice, request, adoption_form=form),
        }
        return TemplateResponse(request, practice.get_template(request), context, status=400)
    try:
        with transaction.atomic():
            PracticeAdoption.objects.create(
                practice=practice, added_by=request.user, **form.cleaned_data
            )
    except IntegrityError:
        pass  # the same form sent twice: the region is on the list already
    messages.success(
        request,
        _("%(region)s is now listed as having adopted this practice.")
        % {"region": form.cleaned_data["region"].name},
    )
    return redirect(f"{practice.get_url(request)}#adoptions")


@login_required
@require_POST
def withdraw_adoption(request, adoption_id):
    adoption = get_object_or_404(
        PracticeAdoption.objects.select_related("practice"), pk=adoption_id
    )
    own = Region.objects.served_by(request.user, roles=(Role.STAFF,)).filter(pk=adoption.region_id)
    if not own.exists():
        raise PermissionDenied
    adoption.delete()
    messages.success(request, _("The adoption was removed."))
    return redirect(f"{adoption.practice.get_url(request)}#adoptions")


@login_required
@require_POST
def start_from_idea(request, idea_id):
    """A draft experiment that grew from a public idea, in the idea's region, opened in the
    editor for staff to complete and publish. Nobody is told until it is published."""
    ideas = Idea.objects.visible_to(AnonymousUser()).select_related("round")
    idea = get_object_or_404(ideas, pk=idea_id)
    index = index_for_language()
    if not may_start_from(request.user, idea, index):
        raise PermissionDenied
    page = ExperimentPage(
        title=idea.title,
        slug=find_available_slug(index, slugify(idea.title)[:60] or "kokeilu"),
        region_id=idea.round.region_id,
        owner=request.user,
        live=False,
    )
    page.origins = [ExperimentOrigin(idea=idea)]
    index.add_child(instance=page)
    page.save_revision(user=request.user)
    return redirect("wagtailadmin_pages:edit", page.pk)
