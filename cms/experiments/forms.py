"""The admin forms of experiment and practice pages, and the adoption form of the site."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.region_access import RegionPageForm, regions_of
from ideas.feedback.choosers import choosable_ideas
from panels.attachments.admin import AttachmentsFormMixin, refuse_documents_out_of_reach
from panels.models import Region


class ExperimentPageForm(AttachmentsFormMixin, RegionPageForm):
    """An official's own regions only (RegionPageForm); the panels offered are those of the
    regions the person acts for. What was learned is required before the experiment is marked
    ended: the page model's clean() says so, and this form shows it beside the fields. An
    attachment must be a document the editor may download (AttachmentsFormMixin)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = regions_of(self.for_user) if self.for_user else None
        if regions is not None and "involved_panels" in self.fields:
            field = self.fields["involved_panels"]
            field.queryset = field.queryset.filter(region__in=regions)
        # The chooser offers public ideas only; the field takes no other id either, so that
        # the form never names a panel's or a hidden idea back to its editor.
        origins = self.formsets.get("origins")
        if origins is not None:
            for form in [*origins.forms, origins.empty_form]:
                form.fields["idea"].queryset = choosable_ideas()
                if form.is_bound:
                    _forget_unchoosable_idea(form)

    def clean(self):
        cleaned = super().clean()
        updates = self.formsets.get("updates")
        if updates is not None and self.for_user is not None:
            # An update's document is shown on a public page, like an attachment.
            refuse_documents_out_of_reach(updates, self.for_user)
        return cleaned


class PracticePageForm(AttachmentsFormMixin, RegionPageForm):
    """An official's own regions; attachments the editor may download themselves; the
    experiments it grew from among those published or of the editor's own regions, so that
    another region's draft is never named back to the editor."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = self.formsets.get("sources")
        if sources is None:
            return
        for form in [*sources.forms, sources.empty_form]:
            field = form.fields["experiment"]
            regions = regions_of(self.for_user) if self.for_user else None
            if regions is not None:
                field.queryset = field.queryset.filter(Q(live=True) | Q(region__in=regions))


class AdoptionForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("How you adapted it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you changed, and why: it helps the next region."),
    )
    adopted_on = forms.DateField(
        label=_("Taken into use"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date your region took the practice into use."),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


def _forget_unchoosable_idea(form):
    """The chooser widget draws the chosen idea's title from its id whatever the field allows:
    an id that is not a public idea is dropped before anything is drawn (the form then says
    the idea is missing)."""
    key = form.add_prefix("idea")
    value = form.data.get(key)
    if value and not choosable_ideas().filter(pk=value if str(value).isdigit() else None).exists():
        form.data = form.data.copy()
        form.data[key] = ""
