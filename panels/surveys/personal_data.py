"""What surveys hold about a person, for their data export (accounts.privacy.export).

A named survey's answers are the person's, and all of them are exported. An anonymous
survey's answers are linked to nobody (see panels.surveys.models): they cannot be found for
the person, so they are not in the export, and the export says so. Only the fact that the
person answered (their ``AnsweredMarker``) is theirs, and that is exported.

Of the interviews a person did for others only the count per survey is kept, and exported;
nothing of the people interviewed is theirs (nor stored).
"""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import Answer, AnsweredMarker, InterviewCount, Survey

SURVEY = Field("survey", _("survey"), _("The survey."))


def named_answers(person):
    answers = (
        Answer.objects.filter(response__respondent=person)
        .select_related("response__survey", "question", "choice")
        .order_by(
            "response__submitted_at", "response__survey_id", "question__sort_order", "question_id"
        )
    )
    return Section(
        key="survey_answers",
        title=_("Your answers to surveys"),
        description=_(
            "Your answers to surveys that were not anonymous, one row per answer: a multiple "
            "choice is a row per chosen option, a life wheel a row per area of life."
        ),
        fields=[
            SURVEY,
            Field("submitted_at", _("answered"), _("When you answered.")),
            Field("question", _("question"), _("The question.")),
            Field("choice", _("option"), _("The option you chose, or the area of life you rated.")),
            Field("number", _("number given"), _("The number you gave, on a scale.")),
            Field("text", _("written answer"), _("What you wrote.")),
        ],
        rows=[
            {
                "survey": answer.response.survey.title,
                "submitted_at": answer.response.submitted_at,
                "question": answer.question.text,
                "choice": answer.choice.label if answer.choice_id else "",
                "number": answer.number,
                "text": answer.text,
            }
            for answer in answers
        ],
        note=_(
            "Answers to anonymous surveys are not linked to you anywhere in Kohtaamo, so they "
            "cannot be found and are not in this export. The anonymous surveys you answered "
            "are listed, without your answers, under “Anonymous surveys you answered”."
        ),
    )


def anonymous_surveys(person):
    markers = (
        AnsweredMarker.objects.filter(user=person).select_related("survey").order_by("answered_at")
    )
    return Section(
        key="anonymous_surveys_answered",
        title=_("Anonymous surveys you answered"),
        description=_(
            "That you answered, kept apart from the answers so that you cannot be asked to "
            "answer twice. Your answers themselves are linked to nobody."
        ),
        fields=[SURVEY, Field("answered_at", _("answered"), _("When you answered."))],
        rows=[
            {"survey": marker.survey.title, "answered_at": marker.answered_at} for marker in markers
        ],
        note=_("Your answers to these surveys cannot be found, so they are not in this export."),
    )


def surveys_created(person):
    surveys = Survey.objects.filter(created_by=person).select_related("region")
    return Section(
        key="surveys_created",
        title=_("Surveys you made"),
        description=_("Surveys you created as staff."),
        fields=[
            SURVEY,
            Field("region", _("region"), _("The survey's region.")),
            Field("created_at", _("created"), _("When you created it.")),
            Field("is_anonymous", _("anonymous"), _("Whether the survey is anonymous.")),
        ],
        rows=[
            {
                "survey": survey.title,
                "region": survey.region.name,
                "created_at": survey.created_at,
                "is_anonymous": survey.is_anonymous,
            }
            for survey in surveys.order_by("created_at", "pk")
        ],
    )


def interviews_done(person):
    counts = (
        InterviewCount.objects.filter(interviewer=person)
        .select_related("survey")
        .order_by("survey__opens_at", "survey_id")
    )
    return Section(
        key="survey_interviews",
        title=_("Interviews you did"),
        description=_(
            "How many interviews you did for each survey, filling it in for the people you "
            "talked to. Only the number is kept: the answers are not linked to you, and "
            "nothing about the people you interviewed is stored."
        ),
        fields=[SURVEY, Field("count", _("interviews"), _("How many interviews you did."))],
        rows=[{"survey": counted.survey.title, "count": counted.count} for counted in counts],
    )


@receiver(personal_data_requested, dispatch_uid="surveys.personal_data")
def survey_sections(sender, person, **kwargs):
    return [
        named_answers(person),
        anonymous_surveys(person),
        surveys_created(person),
        interviews_done(person),
    ]
