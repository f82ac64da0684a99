"""Many responses at once, for the query-count test and the benchmark."""

from panels.surveys.models import Answer, Response, ResultsVisibility
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory


def survey_for_panel():
    panel = PanelFactory()
    survey = SurveyFactory(
        region=panel.region,
        panels=[panel],
        results_visibility=ResultsVisibility.IMMEDIATELY,
        publish_free_text=True,
    )
    choice = QuestionFactory(survey=survey, kind="single_choice", text="Mikä palvelu?")
    for label in ("Neuvola", "Ohjaamo", "Terveysasema"):
        ChoiceFactory(question=choice, label=label)
    QuestionFactory(survey=survey, kind="likert", text="Sain apua")
    QuestionFactory(survey=survey, kind="long_text", text="Mitä toivot?")
    wheel = QuestionFactory(survey=survey, kind="life_wheel", text="Elämänpyörä")
    for label in ("Asuminen", "Terveys", "Ihmissuhteet"):
        ChoiceFactory(question=wheel, label=label)
    member = UserFactory()
    MembershipFactory(panel=panel, person=member)
    return survey, member


def add_responses(survey, count, batch=2000):
    questions = list(survey.questions.order_by("sort_order").prefetch_related("choices"))
    done = survey.responses.count()
    for start in range(0, count, batch):
        size = min(batch, count - start)
        responses = Response.objects.bulk_create(Response(survey=survey) for _ in range(size))
        answers = []
        for n, response in enumerate(responses, start=done + start):
            for question in questions:
                choices = list(question.choices.all())
                if question.kind == "single_choice":
                    answers.append(
                        Answer(response=response, question=question, choice=choices[n % 3])
                    )
                elif question.kind == "likert":
                    answers.append(Answer(response=response, question=question, number=n % 5 + 1))
                elif question.kind == "long_text":
                    answers.append(Answer(response=response, question=question, text=f"Toive {n}"))
                else:
                    answers += [
                        Answer(response=response, question=question, choice=c, number=(n + i) % 11)
                        for i, c in enumerate(choices)
                    ]
        Answer.objects.bulk_create(answers, batch_size=5000)
