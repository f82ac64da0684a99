from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import PanelFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Meeting"

    panel = factory.SubFactory(PanelFactory)
    title = factory.Sequence(lambda n: f"Tapaaminen {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    place = "Kirjaston kokoushuone"
    agenda = "1. Kuulumiset\n2. Palaute palveluista"

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=14)),
            minutes="Sovittiin, että palautteet viedään johtoryhmään.",
            minutes_published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=12)),
        )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.Invitation"

    panel = factory.SubFactory(PanelFactory)
    email = factory.Sequence(lambda n: f"kutsuttu{n}@example.org")
    invited_by = factory.SubFactory(UserFactory, staff=True)

    class Params:
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
        )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Attendance"

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
