"""The experiments index and the practice library: what they list and how they filter.

Each listing reads a page of results in a fixed number of queries however many pages there
are: the region by a join, the themes and adoptions by one prefetch each.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from ideas.feedback.statuses import ExperimentStatus
from panels.models import Region

PER_PAGE = 20


class ListingFilter(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, to_field_name="slug"
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Tag.objects.none(), required=False, to_field_name="slug"
    )

    def __init__(self, data, *, pages, **kwargs):
        super().__init__(data, **kwargs)
        themed = pages.model.themes.through.objects.filter(content_object__in=pages)
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["theme"].queryset = Tag.objects.filter(pk__in=themed.values("tag")).order_by(
            "name"
        )
        self.fields["region"].empty_label = _("All regions")
        self.fields["theme"].empty_label = _("All themes")

    def filter(self, pages):
        if not self.is_valid():
            return pages
        if region := self.cleaned_data.get("region"):
            pages = pages.filter(region=region)
        if theme := self.cleaned_data.get("theme"):
            themed = pages.model.themes.through.objects.filter(tag=theme)
            pages = pages.filter(pk__in=themed.values("content_object"))
        return pages


class ExperimentFilter(ListingFilter):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *ExperimentStatus.choices],
        required=False,
    )

    def filter(self, pages):
        pages = super().filter(pages)
        if self.is_valid() and (status := self.cleaned_data.get("status")):
            pages = pages.filter(status=status)
        return pages


def _listing(index, request, model, filter_class, order):
    pages = model.objects.child_of(index).live().public()
    form = filter_class(request.GET or None, pages=pages)
    chosen = form.filter(pages).select_related("region").prefetch_related("themes").order_by(*order)
    page_obj = Paginator(chosen, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"filter_form": form, "page_obj": page_obj, "query": query.urlencode()}


def experiments_listing(index, request, model):
    """``model`` is ExperimentPage, handed in by the index page: the models import this
    module, not the other way round."""
    return _listing(index, request, model, ExperimentFilter, ("-starts_on", "-first_published_at"))


def practices_listing(index, request, model):
    context = _listing(index, request, model, ListingFilter, ("title",))
    practices = list(context["page_obj"].object_list)
    # One query for the adoption counts of the practices on this page of results.
    counts = dict(
        model.objects.filter(pk__in=[practice.pk for practice in practices])
        .annotate(n=Count("adoptions"))
        .values_list("pk", "n")
    )
    for practice in practices:
        practice.adoption_count = counts.get(practice.pk, 0)
    context["practices"] = practices
    return context
