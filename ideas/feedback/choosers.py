"""A Wagtail chooser for ideas, for the impact reports that cms composes.

Only ideas anyone may read are offered: a report is a public page, and an idea in a panel's
round, or one hidden or withdrawn, would show its readers nothing but a placeholder.
"""

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ideas.models import Idea


def choosable_ideas():
    return Idea.objects.visible_to(AnonymousUser()).select_related("round")


class IdeaSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search by title"),
        widget=forms.TextInput(attrs={"placeholder": _("Search by title")}),
        required=False,
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(title__icontains=query)
        return objects


class IdeaListingMixin:
    filter_form_class = IdeaSearchForm

    def get_object_list(self):
        return choosable_ideas()

    @property
    def columns(self):
        return [
            self.title_column,
            Column("round", label=_("Idea round"), accessor="round"),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class IdeaChooseView(IdeaListingMixin, ChooseView):
    pass


class IdeaChooseResultsView(IdeaListingMixin, ChooseResultsView):
    pass


class IdeaChosenView(ChosenView):
    def get_object(self, pk):
        return choosable_ideas().get(pk=pk)


class IdeaChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return choosable_ideas().filter(pk__in=pks)


class IdeaChooserViewSet(ChooserViewSet):
    model = Idea
    icon = "comment"
    choose_one_text = _("Choose an idea")
    choose_another_text = _("Choose another idea")
    choose_view_class = IdeaChooseView
    choose_results_view_class = IdeaChooseResultsView
    chosen_view_class = IdeaChosenView
    chosen_multiple_view_class = IdeaChosenMultipleView
    # Other admin forms with a foreign key to an idea (merging, say) keep their own widget:
    # this chooser offers public ideas only.
    register_widget = False


idea_chooser_viewset = IdeaChooserViewSet("idea_chooser")

IdeaChooserBlock = idea_chooser_viewset.get_block_class(
    name="IdeaChooserBlock", module_path="ideas.feedback.choosers"
)
