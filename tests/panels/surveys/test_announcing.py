"""Members are told once when a survey for their panel opens; the publisher is not."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Notification
from panels.surveys.services import announce_survey, notify_opened_surveys
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    panel = PanelFactory()
    second = PanelFactory(region=panel.region)
    staff = UserFactory(staff=True)
    panel.region.officials.add(staff)
    member = UserFactory()
    in_both = UserFactory()
    MembershipFactory(panel=panel, person=member)
    MembershipFactory(panel=panel, person=in_both)
    MembershipFactory(panel=second, person=in_both)
    MembershipFactory(panel=panel, status="applied")
    MembershipFactory(panel=panel, status="left")
    MembershipFactory(panel=panel, person=staff)  # the publisher is a member too
    MembershipFactory(panel=PanelFactory(region=panel.region))  # another panel
    return {"panels": [panel, second], "staff": staff, "told": {member.pk, in_both.pk}}


def told():
    return list(
        Notification.objects.filter(kind="panels.survey_opened").values_list("recipient", flat=True)
    )


def test_active_members_of_the_audience_are_told_once(cast):
    survey = SurveyFactory(
        region=cast["panels"][0].region, panels=cast["panels"], created_by=cast["staff"]
    )
    assert notify_opened_surveys() == 2
    assert sorted(told()) == sorted(cast["told"])
    assert notify_opened_surveys() == 0
    announce_survey(survey, by=cast["staff"])
    assert len(told()) == 2
    survey.refresh_from_db()
    assert survey.announced_at is not None


def test_nobody_is_told_before_the_opening_time(cast):
    survey = SurveyFactory(
        region=cast["panels"][0].region,
        panels=cast["panels"],
        upcoming=True,
        created_by=cast["staff"],
    )
    assert notify_opened_surveys() == 0
    survey.opens_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    call_command("notify_opened_surveys", stdout=io.StringIO())
    assert sorted(told()) == sorted(cast["told"])


def test_unpublished_and_public_surveys_tell_nobody(cast):
    SurveyFactory(region=cast["panels"][0].region, panels=cast["panels"], is_published=False)
    public = SurveyFactory(region=cast["panels"][0].region)
    notify_opened_surveys()
    assert told() == []
    public.refresh_from_db()
    assert public.announced_at is not None
