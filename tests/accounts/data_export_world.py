"""A person with one row of every kind an export holds, and a neighbour whose rows sit right
beside theirs (same thread, same idea, same survey) and must stay out of their export."""

import io
import json
import zipfile
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Delivery, Notification, NotificationPreference
from ideas.feedback.models import OfficialResponse, ResponseFeedback, Verdict
from ideas.feedback.statuses import IdeaStatus
from panels.meetings.models import MeetingRoom, RoomMessage
from panels.surveys.models import Answer, AnsweredMarker, Response
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.ideas.factories import CommentFactory, FlagFactory, IdeaFactory, SupportFactory
from tests.panels.factories import AttendanceFactory, InvitationFactory, MeetingFactory
from tests.panels.surveys.factories import QuestionFactory, SurveyFactory

SECRET_ANONYMOUS_ANSWER = "Anonyymi vastaus jota ei saa löytyä"


@dataclass
class World:
    person: object
    neighbour: object
    idea: object


def read_zip(content):
    """(data.json parsed, README.txt, index.html) of an export's bytes."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "data.json", "index.html"]
        return (
            json.loads(archive.read("data.json")),
            archive.read("README.txt").decode(),
            archive.read("index.html").decode(),
        )


def build_world(language="en"):
    person = UserFactory(display_name="Viejä", email="vieja@example.org", language=language)
    neighbour = UserFactory(display_name="Lähimmäinen", email="naapuri@example.org")
    decision_maker = UserFactory(display_name="Päättäjä", decision_maker=True)

    idea = IdeaFactory(author=person, title="Selkokieliset kirjeet", themes=["Selkokieli"])
    theirs = IdeaFactory(round=idea.round, author=neighbour, title="Naapurin idea")
    mine = CommentFactory(idea=theirs, author=person, body="Oma kommenttini")
    CommentFactory(idea=theirs, author=neighbour, parent=mine, body="Naapurin vastaus")
    SupportFactory(idea=theirs, person=person)
    SupportFactory(idea=idea, person=neighbour)
    FlagFactory(idea=theirs, reporter=person, reason="Oma ilmoitukseni")
    FlagFactory(idea=idea, reporter=neighbour, reason="Naapurin ilmoitus")

    response = OfficialResponse.objects.create(
        idea=idea,
        responder=decision_maker,
        responder_role=decision_maker.role,
        decision=IdeaStatus.UNDER_CONSIDERATION,
        reasons="Selvitetään.",
    )
    ResponseFeedback.objects.create(
        response=response, person=person, verdict=Verdict.NO, comment="Oma palautteeni"
    )
    ResponseFeedback.objects.create(
        response=response, person=neighbour, verdict=Verdict.YES, comment="Naapurin palaute"
    )

    named = SurveyFactory(title="Nimellinen kysely")
    question = QuestionFactory(survey=named, text="Mitä toivot?")
    for respondent, text in [(person, "Oma vastaukseni"), (neighbour, "Naapurin vastaus")]:
        answer_to = Response.objects.create(survey=named, respondent=respondent)
        Answer.objects.create(response=answer_to, question=question, text=text)
    anonymous = SurveyFactory(title="Anonyymi kysely", is_anonymous=True)
    secret = QuestionFactory(survey=anonymous, text="Kerro salaisuus")
    # What an anonymous survey stores: a marker that the person answered, and, apart from it
    # and linked to nobody, their answer in a released group.
    AnsweredMarker.objects.create(survey=anonymous, user=person)
    group = Response.objects.create(survey=anonymous, respondent=None)
    Answer.objects.create(response=group, question=secret, text=SECRET_ANONYMOUS_ANSWER)

    panel = PanelFactory(name="Rovaniemen raati")
    MembershipFactory(person=person, panel=panel, status="applied", motivation="Oma hakemukseni")
    MembershipFactory(person=neighbour, panel=panel, motivation="Naapurin hakemus")
    InvitationFactory(panel=panel, email=person.email, message="Tervetuloa")
    meeting = MeetingFactory(panel=panel, title="Kevään tapaaminen")
    AttendanceFactory(meeting=meeting, person=person, response="coming")
    AttendanceFactory(meeting=meeting, person=neighbour, response="not_coming")
    room = MeetingRoom.objects.create(meeting=meeting, opened_at=timezone.now())
    RoomMessage.objects.create(room=room, author=person, body="Oma huoneviestini")
    RoomMessage.objects.create(room=room, author=neighbour, body="Naapurin huoneviesti")

    Notification.objects.create(recipient=person, kind="ideas.reply", message="Oma ilmoitus")
    Notification.objects.create(recipient=neighbour, kind="ideas.reply", message="Naapurin")
    NotificationPreference.objects.create(
        person=person, kind="ideas.reply", delivery=Delivery.EMAIL
    )
    return World(person=person, neighbour=neighbour, idea=idea)


def more_of_everything(person, count):
    """``count`` more ideas, comments, supports, flags and room messages of ``person``'s."""
    meeting = MeetingFactory()
    room = MeetingRoom.objects.create(meeting=meeting, opened_at=timezone.now())
    for n in range(count):
        idea = IdeaFactory(author=person, themes=[f"Teema {n}", "Yhteinen"])
        other = IdeaFactory(round=idea.round)
        CommentFactory(idea=other, author=person)
        SupportFactory(idea=other, person=person)
        FlagFactory(idea=other, reporter=person)
        RoomMessage.objects.create(room=room, author=person, body=f"Viesti {n}")
        AttendanceFactory(person=person)
