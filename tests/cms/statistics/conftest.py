"""Hand-built worlds for the statistics, with every expected number worked out in the
docstrings, over the period January-March 2026 (Helsinki time).

``idea_world`` — Lappi and Karjala, ideas and what became of them:

    Lappi, public round                 posted (local)        first response  verdicts
      i1                                2026-01-10 12:00      +2 days (Jan)   yes yes yes no partly
      i2  (moved to development)        2026-01-31 23:30      +40 days (Mar)  no
      i3                                2026-02-01 00:30      -               (overdue)
      i4  hidden                        2026-02-15            +1 day          } not counted
      i5  (an experiment grew from it)  2026-03-05            +10 days (Mar)  yes no
      i6  merged into i5                2026-03-20            -               an idea only
    Lappi, a panel's round
      p1  implemented                   2026-01-05            +1 day          } not counted
    Karjala, public round
      k1                                2026-01-20            +5 days

    Comments: on i1 (Jan) counted; a hidden one on i1, one on i4 and one on p1 are not.

``people_world`` — Pohjanmaa, people taking part (none of them in the other world):

    meeting Jan 15: 6 attended (A1-A6; one more said she came but did not) ... attendance Jan 6
    meeting Feb 10: 2 attended (B1, B2)                                     ... attendance Feb 2
    meeting Mar 12: nobody recorded; its live room: A1, A2, C1, C2, C3 wrote (A1 twice)
    a meeting next year: not held yet
    survey responses: 3 in January (A1-A3, named)

    participants: Jan 6, Feb 2, Mar 5 (distinct people 11).
    roles: A1-A6 developer-clients, B1, B2, C1-C3 experts by experience (6 / 5).
    client groups: A1-A5 told "Nuoret aikuiset" (5), C1 told "Omaishoitajat" (1), the rest
    did not tell.
"""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page

from accounts.roles import Role
from ideas.feedback.models import (
    ExperimentLink,
    OfficialResponse,
    ResponseFeedback,
    StatusChange,
    Verdict,
)
from ideas.feedback.statuses import IdeaStatus
from panels.meetings.models import MeetingRoom, RoomMessage
from panels.segments.models import SelfDescription
from panels.surveys.models import Response
from tests.factories import ClientGroupFactory, PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory
from tests.panels.factories import AttendanceFactory, MeetingFactory
from tests.panels.surveys.factories import SurveyFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
DAY = timedelta(days=1)
START, END = "2026-01", "2026-03"


def at(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def respond(idea, after_days, verdicts=()):
    response = OfficialResponse.objects.create(
        idea=idea,
        responder_role=Role.DECISION_MAKER,
        decision=IdeaStatus.UNDER_CONSIDERATION,
        reasons="Selvitämme asiaa.",
        published_at=idea.created_at + after_days * DAY,
    )
    for verdict in verdicts:
        ResponseFeedback.objects.create(response=response, person=UserFactory(), verdict=verdict)
    return response


@pytest.fixture
def idea_world(db):
    lappi = RegionFactory(name="Lappi", slug="lappi")
    karjala = RegionFactory(name="Karjala", slug="karjala")
    public = IdeaRoundFactory(region=lappi)
    panel_round = IdeaRoundFactory(region=lappi, panel=PanelFactory(region=lappi))
    other = IdeaRoundFactory(region=karjala)

    i1 = IdeaFactory(round=public, created_at=at(2026, 1, 10))
    respond(i1, 2, [Verdict.YES, Verdict.YES, Verdict.YES, Verdict.NO, Verdict.PARTLY])
    i2 = IdeaFactory(round=public, created_at=at(2026, 1, 31, 23, 30))
    respond(i2, 40, [Verdict.NO])
    StatusChange.objects.create(
        idea=i2,
        actor_role=Role.DECISION_MAKER,
        from_status=IdeaStatus.UNDER_CONSIDERATION,
        to_status=IdeaStatus.IN_DEVELOPMENT,
        explanation="Kokeillaan.",
    )
    IdeaFactory(round=public, created_at=at(2026, 2, 1, 0, 30))
    i4 = IdeaFactory(round=public, created_at=at(2026, 2, 15), hidden_at=at(2026, 2, 16))
    respond(i4, 1, [Verdict.NO])
    i5 = IdeaFactory(round=public, created_at=at(2026, 3, 5))
    respond(i5, 10, [Verdict.YES, Verdict.NO])
    ExperimentLink.objects.create(idea=i5, page=Page.objects.get(depth=1))
    IdeaFactory(round=public, created_at=at(2026, 3, 20), status=IdeaStatus.MERGED, merged_into=i5)
    p1 = IdeaFactory(round=panel_round, created_at=at(2026, 1, 5), status=IdeaStatus.IMPLEMENTED)
    respond(p1, 1, [Verdict.YES] * 5)
    k1 = IdeaFactory(round=other, created_at=at(2026, 1, 20))
    respond(k1, 5)

    CommentFactory(idea=i1, created_at=at(2026, 1, 11))
    CommentFactory(idea=i1, created_at=at(2026, 1, 12), hidden_at=at(2026, 1, 13))
    CommentFactory(idea=i4, created_at=at(2026, 2, 15, 13))
    CommentFactory(idea=p1, created_at=at(2026, 1, 6))
    return SimpleNamespace(lappi=lappi, karjala=karjala, i1=i1, i5=i5)


@pytest.fixture
def people_world(db):
    region = RegionFactory(name="Pohjanmaa", slug="pohjanmaa")
    panel = PanelFactory(region=region)
    young = ClientGroupFactory(region=region, name="Nuoret aikuiset")
    carers = ClientGroupFactory(region=region, name="Omaishoitajat")
    a = [UserFactory() for _ in range(6)]
    b = [UserFactory(expert=True) for _ in range(2)]
    c = [UserFactory(expert=True) for _ in range(3)]
    for person in a[:5]:
        SelfDescription.objects.create(person=person, client_group=young)
    SelfDescription.objects.create(person=c[0], client_group=carers)

    january = MeetingFactory(panel=panel, starts_at=at(2026, 1, 15, 17))
    for person in a:
        AttendanceFactory(meeting=january, person=person, attended=True)
    AttendanceFactory(meeting=january, response="coming", attended=False)
    february = MeetingFactory(panel=panel, starts_at=at(2026, 2, 10, 17))
    for person in b:
        AttendanceFactory(meeting=february, person=person, attended=True)
    march = MeetingFactory(panel=panel, starts_at=at(2026, 3, 12, 17))
    room = MeetingRoom.objects.create(meeting=march, opened_at=at(2026, 3, 12, 17))
    for person in [a[0], a[0], a[1], *c]:
        RoomMessage.objects.create(
            room=room, author=person, body="Hyvä kokous.", created_at=at(2026, 3, 12, 18)
        )
    MeetingFactory(panel=panel, starts_at=datetime(2099, 1, 1, tzinfo=HELSINKI))

    survey = SurveyFactory(region=region)
    for person in a[:3]:
        Response.objects.create(survey=survey, respondent=person, submitted_at=at(2026, 1, 20))
    return SimpleNamespace(region=region, panel=panel)
