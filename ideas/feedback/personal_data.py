"""What the feedback loop holds about a person, for their data export
(accounts.privacy.export): what they said of the official responses to ideas, and, for
decision-makers and staff, the responses they published (with the earlier versions they
replaced), the statuses they moved and the requests for clarification they handled. The
people who asked for clarification are not named: what they wrote is theirs."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .models import OfficialResponse, ResponseFeedback, ResponseVersion, StatusChange, Verdict
from .statuses import IdeaStatus

IDEA_ID = Field("idea_id", _("idea number"), _("The number of the idea."))
IDEA_TITLE = Field("idea_title", _("idea"), _("The title of the idea."))


def feedback_given(person):
    rows = (
        ResponseFeedback.objects.filter(person=person)
        .select_related("response__idea")
        .order_by("created_at", "pk")
    )
    return Section(
        key="response_feedback",
        title=_("What you said of official responses"),
        description=_("Whether an official response to an idea answered it, in your words."),
        fields=[
            IDEA_ID,
            IDEA_TITLE,
            Field("response_id", _("response number"), _("The number of the official response.")),
            Field(
                "verdict",
                _("answered the idea?"),
                _("Did the response answer the idea?"),
                Verdict.choices,
            ),
            Field("comment", _("comment"), _("What you wrote with it.")),
            Field("created_at", _("given"), _("When you first said it.")),
            Field("updated_at", _("changed"), _("When you last changed it.")),
            Field(
                "handled_at",
                _("clarification handled"),
                _("When your request for clarification was handled."),
            ),
        ],
        rows=[
            {
                "idea_id": feedback.response.idea_id,
                "idea_title": feedback.response.idea.title,
                "response_id": feedback.response_id,
                "verdict": feedback.verdict,
                "comment": feedback.comment,
                "created_at": feedback.created_at,
                "updated_at": feedback.updated_at,
                "handled_at": feedback.handled_at,
            }
            for feedback in rows
        ],
    )


def responses_published(person):
    rows = (
        OfficialResponse.objects.filter(responder=person)
        .select_related("idea", "on_behalf_of")
        .order_by("published_at", "pk")
    )
    return Section(
        key="official_responses",
        title=_("Official responses you published"),
        description=_("Your public answers to ideas, as they read now."),
        fields=[
            Field("id", _("number"), _("The response's number.")),
            IDEA_ID,
            IDEA_TITLE,
            Field("decision", _("decision"), _("The decision."), IdeaStatus.choices),
            Field("reasons", _("reasons"), _("The reasons you gave.")),
            Field("next_step", _("next step"), _("The next step.")),
            Field("responsible", _("responsible"), _("Who carries the next step.")),
            Field("due_date", _("due"), _("By when.")),
            Field("link_url", _("link"), _("The link you gave.")),
            Field("published_at", _("published"), _("When you published it.")),
            Field("edited_at", _("edited"), _("When it was last edited.")),
            Field("on_behalf_of", _("on behalf of"), _("The organisation you answered for.")),
        ],
        rows=[
            {
                "id": response.pk,
                "idea_id": response.idea_id,
                "idea_title": response.idea.title,
                "decision": response.decision,
                "reasons": response.reasons,
                "next_step": response.next_step,
                "responsible": response.responsible,
                "due_date": response.due_date,
                "link_url": response.link_url,
                "published_at": response.published_at,
                "edited_at": response.edited_at,
                "on_behalf_of": response.on_behalf_of.name if response.on_behalf_of else "",
            }
            for response in rows
        ],
    )


def official_work(person):
    changes = StatusChange.objects.filter(actor=person).order_by("created_at", "pk")
    replaced = ResponseVersion.objects.filter(replaced_by=person).order_by("replaced_at", "pk")
    handled = ResponseFeedback.objects.filter(handled_by=person).order_by("handled_at", "pk")
    rows = [
        {
            "action": "changed_status",
            "idea_id": change.idea_id,
            "response_id": None,
            "detail": f"{change.from_status} → {change.to_status}",
            "explanation": change.explanation,
            "at": change.created_at,
        }
        for change in changes
    ]
    rows += [
        {
            "action": "edited_response",
            "idea_id": None,
            "response_id": version.response_id,
            "detail": "",
            "explanation": "",
            "at": version.replaced_at,
        }
        for version in replaced
    ]
    rows += [
        {
            "action": "handled_clarification",
            "idea_id": None,
            "response_id": feedback.response_id,
            "detail": "",
            "explanation": "",
            "at": feedback.handled_at,
        }
        for feedback in handled
    ]
    return Section(
        key="official_work",
        title=_("Statuses you changed and clarifications you handled"),
        description=_(
            "Every move of an idea's status you made, with its public explanation; every edit "
            "of an official response; every request for clarification you handled."
        ),
        fields=[
            Field(
                "action",
                _("what you did"),
                _("What you did."),
                [
                    ("changed_status", _("changed an idea's status")),
                    ("edited_response", _("edited an official response")),
                    ("handled_clarification", _("handled a request for clarification")),
                ],
            ),
            IDEA_ID,
            Field("response_id", _("response number"), _("The number of the official response.")),
            Field(
                "detail", _("status change"), _("For a status change: from which status to which.")
            ),
            Field("explanation", _("explanation"), _("The public explanation you gave.")),
            Field("at", _("time"), _("When.")),
        ],
        rows=rows,
    )


@receiver(personal_data_requested, dispatch_uid="feedback.personal_data")
def feedback_sections(sender, person, **kwargs):
    return [feedback_given(person), responses_published(person), official_work(person)]
