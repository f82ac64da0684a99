"""What pools and recruitment pages hold about a person, for their data export
(accounts.privacy.export): their applications with every answer and the decision, and their
places in forerunner pools with what they wrote about their interests and availability. Each
kind of row is read in a query or two, whatever the number of rows."""

from django.db.models import Prefetch
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import (
    Application,
    ApplicationStatus,
    PoolMember,
    PoolMemberStatus,
    ScreeningAnswer,
)


def _answers(application):
    by_question = {}
    for answer in application.answers.all():
        by_question.setdefault(answer.question.text, []).append(answer.value)
    return [f"{question}: {'; '.join(values)}" for question, values in by_question.items()]


def applications(person):
    rows = (
        Application.objects.filter(person=person)
        .select_related("recruitment__pool", "recruitment__panel", "municipality", "client_group")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=ScreeningAnswer.objects.select_related("question").order_by(
                    "question__position", "question_id", "pk"
                ),
            )
        )
        .order_by("created_at", "pk")
    )
    return Section(
        key="pool_applications",
        title=_("Applications on recruitment pages"),
        description=_("What you answered when you applied to a forerunner pool or a panel."),
        fields=[
            Field("recruitment", _("recruitment page"), _("Where you applied.")),
            Field("to", _("pool or panel"), _("What you applied to.")),
            Field("status", _("status"), _("Where the application is."), ApplicationStatus.choices),
            Field("municipality", _("municipality"), _("The municipality you gave.")),
            Field("languages", _("languages"), _("The languages you can take part in.")),
            Field("client_group", _("client group"), _("The client group you gave, if any.")),
            Field("answers", _("answers"), _("Your answers to the screening questions.")),
            Field("contact_consent", _("consent to be contacted"), _("Whether you agreed.")),
            Field("decision_reason", _("message from staff"), _("What staff told you.")),
            Field("created_at", _("applied"), _("When you applied.")),
            Field("verified_at", _("confirmed"), _("When you confirmed your e-mail address.")),
            Field("decided_at", _("decided"), _("When staff decided.")),
        ],
        rows=[
            {
                "recruitment": application.recruitment.title,
                "to": str(application.recruitment.target),
                "status": application.status,
                "municipality": application.municipality.name if application.municipality else "",
                "languages": list(application.languages),
                "client_group": application.client_group.name if application.client_group else "",
                "answers": _answers(application),
                "contact_consent": application.contact_consent,
                "decision_reason": application.decision_reason,
                "created_at": application.created_at,
                "verified_at": application.verified_at,
                "decided_at": application.decided_at,
            }
            for application in rows
        ],
    )


def memberships(person):
    rows = (
        PoolMember.objects.filter(person=person)
        .select_related("pool__region", "municipality")
        .order_by("joined_at", "pk")
    )
    return Section(
        key="pool_memberships",
        title=_("Forerunner pools"),
        description=_("The forerunner pools you are or were in."),
        fields=[
            Field("pool", _("pool"), _("The forerunner pool.")),
            Field("region", _("region"), _("The pool's region.")),
            Field("status", _("status"), _("Active, paused or left."), PoolMemberStatus.choices),
            Field("municipality", _("municipality"), _("Your municipality in the pool.")),
            Field("languages", _("languages"), _("Your languages in the pool.")),
            Field("interests", _("interests"), _("What you wrote about your interests.")),
            Field("availability", _("availability"), _("What you wrote about when you can.")),
            Field("joined_at", _("joined"), _("When you joined.")),
        ],
        rows=[
            {
                "pool": member.pool.name,
                "region": member.pool.region.name,
                "status": member.status,
                "municipality": member.municipality.name if member.municipality else "",
                "languages": list(member.languages),
                "interests": member.interests,
                "availability": member.availability,
                "joined_at": member.joined_at,
            }
            for member in rows
        ],
    )


@receiver(personal_data_requested, dispatch_uid="pool.personal_data")
def pool_sections(sender, person, **kwargs):
    return [applications(person), memberships(person)]
