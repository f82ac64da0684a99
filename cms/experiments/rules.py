"""Who may start an experiment from an idea, as a django-rules permission, so that the
idea's page (in ideas, which cannot import cms) asks ``{% can "experiments.start_from_idea"
user idea %}`` and gets "no" wherever cms does not say otherwise."""

import rules
from django.utils.translation import get_language
from wagtail.models import Locale

from accounts.roles import Role
from panels.models import Region

from .models import ExperimentIndexPage


def index_for_language():
    """The experiments index of the reader's language, else of the default language."""
    indexes = ExperimentIndexPage.objects.select_related("locale")
    chosen = indexes.filter(locale__language_code=get_language()).first()
    return chosen or indexes.filter(locale=Locale.get_default()).first()


def may_start_from(user, idea, index):
    """Staff of the idea's region who may add experiments below ``index``, for a public
    idea (an experiment page is public and names the ideas it grew from)."""
    if index is None or not user.is_active or not (idea.is_public and idea.round.is_public):
        return False
    serves = Region.objects.served_by(user, roles=(Role.STAFF,)).filter(pk=idea.round.region_id)
    return serves.exists() and index.permissions_for_user(user).can_add_subpage()


@rules.predicate
def can_start_experiment_from(user, idea):
    return may_start_from(user, idea, index_for_language())


rules.add_perm("experiments.start_from_idea", can_start_experiment_from)
