from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import RegionFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Survey"
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Kysely {n}")
    introduction = "Kerro, miten palvelut toimivat sinulle."
    is_published = True
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

    @factory.post_generation
    def panels(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.panels.set(extracted)

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=30)),
        )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Question"

    survey = factory.SubFactory(SurveyFactory)
    kind = "short_text"
    text = factory.Sequence(lambda n: f"Kysymys {n}")
    sort_order = factory.Sequence(lambda n: n)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Choice"

    question = factory.SubFactory(QuestionFactory)
    label = factory.Sequence(lambda n: f"Vaihtoehto {n}")
    sort_order = factory.Sequence(lambda n: n)


DOMAINS = ["Asuminen", "Terveys", "Työ tai opiskelu", "Ihmissuhteet", "Raha-asiat", "Vapaa-aika"]


def full_survey(**kwargs):
    """A survey with one question of every kind. Returns (survey, questions by kind)."""
    survey = SurveyFactory(**kwargs)
    q = {}
    q["short_text"] = QuestionFactory(survey=survey, kind="short_text", text="Nimimerkki?")
    q["long_text"] = QuestionFactory(survey=survey, kind="long_text", text="Mitä toivot?")
    q["single_choice"] = QuestionFactory(
        survey=survey, kind="single_choice", text="Mikä palvelu?", required=True
    )
    for label in ["Terveysasema", "Sosiaalitoimisto", "Ohjaamo"]:
        ChoiceFactory(question=q["single_choice"], label=label)
    q["multiple_choice"] = QuestionFactory(
        survey=survey, kind="multiple_choice", text="Miten asioit?", allow_other=True
    )
    for label in ["Puhelin", "Verkko", "Paikan päällä"]:
        ChoiceFactory(question=q["multiple_choice"], label=label)
    q["likert"] = QuestionFactory(
        survey=survey,
        kind="likert",
        text="Sain apua",
        low_label="täysin eri mieltä",
        high_label="täysin samaa mieltä",
    )
    q["scale"] = QuestionFactory(survey=survey, kind="scale", text="Suosittelisitko?")
    q["life_wheel"] = QuestionFactory(survey=survey, kind="life_wheel", text="Elämänpyörä")
    for label in DOMAINS:
        ChoiceFactory(question=q["life_wheel"], label=label)
    return survey, q


def valid_post(q, **overrides):
    """A complete, valid set of answers to ``full_survey``'s questions."""
    single = q["single_choice"].choices.order_by("sort_order")
    multiple = q["multiple_choice"].choices.order_by("sort_order")
    data = {
        f"q{q['short_text'].pk}": "Aamuvirkku",
        f"q{q['long_text'].pk}": "Enemmän iltavastaanottoja.",
        f"q{q['single_choice'].pk}": str(single[0].pk),
        f"q{q['multiple_choice'].pk}": [str(multiple[0].pk), str(multiple[1].pk)],
        f"q{q['likert'].pk}": "4",
        f"q{q['scale'].pk}": "8",
    }
    for n, domain in enumerate(q["life_wheel"].choices.order_by("sort_order")):
        data[f"q{q['life_wheel'].pk}_d{domain.pk}"] = str(n + 3)
    data.update(overrides)
    return data
