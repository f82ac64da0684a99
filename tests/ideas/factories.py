from datetime import timedelta

import factory
from django.utils import timezone

from ideas.models import Comment, Flag, Idea, IdeaRound, Phase, Support
from tests.factories import RegionFactory, UserFactory

DAY = timedelta(days=1)

# Offsets from now (in days) of each date, so that the round is in the given phase now.
PHASE_OFFSETS = {
    Phase.UPCOMING: (2, 10, 20, 30),
    Phase.IDEATION: (-1, 10, 20, 30),
    Phase.DEVELOPMENT: (-10, -1, 20, 30),
    Phase.EVALUATION: (-20, -10, -1, 30),
    Phase.CLOSED: (-30, -20, -10, -1),
}


def dates_for(phase, now=None):
    now = now or timezone.now()
    names = ("ideation_starts", "development_starts", "evaluation_starts", "closes_at")
    return {name: now + days * DAY for name, days in zip(names, PHASE_OFFSETS[phase], strict=True)}


class IdeaRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaRound
        skip_postgeneration_save = True

    class Params:
        phase = Phase.IDEATION

    title = factory.Sequence(lambda n: f"Ideakierros {n}")
    slug = factory.Sequence(lambda n: f"kierros-{n}")
    description = "Miten palveluja voisi parantaa?"
    region = factory.SubFactory(RegionFactory)
    panel = None
    ideation_starts = factory.LazyAttribute(lambda o: dates_for(o.phase)["ideation_starts"])
    development_starts = factory.LazyAttribute(lambda o: dates_for(o.phase)["development_starts"])
    evaluation_starts = factory.LazyAttribute(lambda o: dates_for(o.phase)["evaluation_starts"])
    closes_at = factory.LazyAttribute(lambda o: dates_for(o.phase)["closes_at"])

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.add(*extracted)


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea
        skip_postgeneration_save = True

    round = factory.SubFactory(IdeaRoundFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Idea numero {n}")
    body = "Selkokieliset kirjeet auttaisivat monia."

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.add(*extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    body = "Hyvä ajatus, kannatan."


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    person = factory.SubFactory(UserFactory)


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flag

    idea = factory.SubFactory(IdeaFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "Asiaton kielenkäyttö."
