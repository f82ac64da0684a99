"""A person's own life-wheel copies (``OwnWheel``), opened, in their data export.

Erasure: the copies go with the account (their foreign key to the person cascades when
accounts.privacy.erasure deletes the user); nothing else here is about a person. The stored
anonymous answers the copies mirror stay in the results, linked to nobody.
"""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .domains import series_wheels
from .models import OwnWheel
from .own import Unreadable, open_ratings


@receiver(personal_data_requested, dispatch_uid="survey_series.personal_data")
def own_wheels(sender, person, **kwargs):
    copies = OwnWheel.objects.filter(person=person).select_related("round__series", "round__survey")
    rows = []
    for copy in copies.order_by("round__series__name", "round__number"):
        round_ = copy.round
        try:
            ratings = open_ratings(person.pk, round_, copy.sealed)
        except Unreadable:
            continue
        shape = series_wheels([round_])
        for wheel, values in zip(shape.wheels, ratings, strict=False):
            for label, value in zip(wheel.labels, values, strict=False):
                rows.append(
                    {
                        "series": round_.series.name,
                        "round": round_.number,
                        "survey": round_.survey.title,
                        "wheel": wheel.title,
                        "domain": label,
                        "rating": value,
                    }
                )
    return Section(
        key="own_life_wheels",
        title=_("Your own copies of your life wheels"),
        description=_(
            "The ratings you gave in anonymous rounds of survey series, kept sealed for you "
            "alone so that you can see your life wheel over time. One row per area of life."
        ),
        fields=[
            Field("series", _("series"), _("The survey series.")),
            Field("round", _("round"), _("The round of the series.")),
            Field("survey", _("survey"), _("The round's survey.")),
            Field("wheel", _("question"), _("The life-wheel question.")),
            Field("domain", _("area of life"), _("The area of life you rated.")),
            Field("rating", _("rating"), _("Your rating, 0–10.")),
        ],
        rows=rows,
    )
