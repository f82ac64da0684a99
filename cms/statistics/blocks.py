"""The live statistic block: an impact report shows a figure as it stands when the report
is read (over the last 12 months), instead of a number typed when it was written."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from panels.models import Region

from . import charts
from .figures import FIGURES, PERCENT, compute, display
from .periods import default_period
from .presenting import scope_name

PLATFORM = ""


def figure_choices():
    return [(slug, figure.title) for slug, figure in FIGURES.items()]


def region_choices():
    return [(PLATFORM, _("Whole platform")), *Region.objects.values_list("slug", "name")]


class LiveStatisticBlock(blocks.StructBlock):
    figure = blocks.ChoiceBlock(label=_("Statistic"), choices=figure_choices)
    region = blocks.ChoiceBlock(
        label=_("Region"), choices=region_choices, required=False, default=PLATFORM
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=200,
        help_text=_("What the number tells in this report, e.g. “of the ideas got an answer”."),
    )

    class Meta:
        icon = "order"
        label = _("Live statistic")
        template = "statistics/blocks/live_statistic.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        slug = value.get("figure")
        if slug not in FIGURES:
            return context  # a figure that no longer exists shows nothing
        region = None
        if value.get("region"):
            region = Region.objects.filter(slug=value["region"]).first()
            if region is None:
                return context  # the region was removed: no figure rather than the wrong one
        period = default_period()
        result = compute(slug, region=region, start=period)
        figure = FIGURES[slug]
        trend = None
        if result["kind"] != "breakdown":
            trend = charts.column_chart(
                [row["month"] for row in result["rows"]],
                [[row["value"] for row in result["rows"]]],
                maximum=100 if figure.unit == PERCENT else None,
            )
        if region is None:
            url = reverse("statistics:platform")
        else:
            url = reverse("statistics:region", args=[region.slug])
        context.update(
            statistic=result,
            statistic_figure=figure,
            statistic_display=display(result["total"], figure.unit, result["total_suppressed"]),
            statistic_scope=scope_name(region),
            statistic_period=period,
            statistic_trend=trend,
            statistic_url=f"{url}#figure-{slug}",
        )
        return context
