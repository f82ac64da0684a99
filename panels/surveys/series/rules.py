"""Who may do what with a survey series, as django-rules predicates. The object is the series.

| rule                             | who                                                        |
|----------------------------------|------------------------------------------------------------|
| survey_series.add_series         | staff of any region, administrators                        |
| survey_series.manage_series      | staff of the series' region, administrators: start rounds  |
| survey_series.view_series        | the region's officials (staff, decision-makers) and        |
|                                  | administrators: the rounds and their dates                 |
| survey_series.view_group_change  | the same: "the effect of taking part" and its CSV, always  |
|                                  | with the small-number suppression (``change``)             |
| survey_series.view_own_wheels    | a signed-in person, for a series whose rounds they may see |
|                                  | (panels.surveys' visibility) or have wheels in: their own  |
|                                  | wheels only, there is no page of anyone else's             |
| survey_series.delete_own_wheel   | the person whose copy it is (object: the OwnWheel)         |

Nobody, staff and administrators included, sees another person's own wheels: the pages take
the person from the request, never from the address, and a copy of someone else's answers
404.
"""

import rules

from panels.models import STAFF_ONLY, Region
from panels.rules import is_administrator, is_region_official, is_region_staff
from panels.surveys.models import Survey

from .models import OwnWheel


@rules.predicate
def serves_any_region_as_staff(user):
    return user.is_authenticated and Region.objects.served_by(user, STAFF_ONLY).exists()


@rules.predicate
def may_see_a_round(user, series):
    if series is None or not user.is_authenticated:
        return False
    visible = Survey.objects.visible_to(user).filter(series_round__series=series)
    return visible.exists() or OwnWheel.objects.filter(person=user, round__series=series).exists()


@rules.predicate
def owns_wheel(user, wheel):
    return wheel is not None and user.is_authenticated and wheel.person_id == user.pk


rules.add_perm("survey_series.add_series", is_administrator | serves_any_region_as_staff)
rules.add_perm("survey_series.manage_series", is_region_staff)
rules.add_perm("survey_series.view_series", is_region_official)
rules.add_perm("survey_series.view_group_change", is_region_official)
rules.add_perm("survey_series.view_own_wheels", may_see_a_round)
rules.add_perm("survey_series.delete_own_wheel", owns_wheel)
