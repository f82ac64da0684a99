"""The results page: thin, the form validates and ``finding`` decides what is found."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from .finding import Criteria, find, load
from .forms import SearchForm

RESULTS_PER_PAGE = 20


def search(request):
    form = SearchForm(request.GET if "q" in request.GET else None, user=request.user)
    context = {"form": form, "page_obj": None, "results": []}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        criteria = Criteria(
            query=data["q"],
            kind=data["type"],
            region=data["region"],
            theme=data["theme"],
            language=get_language(),
        )
        page = Paginator(find(request.user, criteria), RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(
            page_obj=page,
            results=load(page.object_list, criteria, request),
            searched=data["q"],
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "search/results.html", context, status=status)
