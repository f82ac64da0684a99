"""``{% load trainings_tags %}``: ``panel|lacks_required_facilitator`` says whether a panel
requires an innoagent level that none of its facilitators holds. It reads the facilitators
the page prefetched (panels' panel page does), so it adds no query there."""

from django import template

from ..forms import level_missing

register = template.Library()


@register.filter
def lacks_required_facilitator(panel):
    return level_missing(panel.facilitator_level_required, panel.facilitators.all())
