"""Demo meeting live rooms. The Rovaniemi panel (panels.demo) met in a developer café style
live room: the transcript of the last meeting, closed, and an open room for the next one.
Run by ``manage.py seed_demo`` after the panels and ideas seeds, whose people speak here;
skipped without the panels seed.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.demo import demo_email
from accounts.models import User

from .models import Meeting, MeetingRoom, RoomMessage

ROOM_PANEL = "rovaniemen-kehittajaasiakasryhma"
CLOSED_ROOM_MEETING = "Mitä ehdotuksillemme tapahtui?"
OPEN_ROOM_MEETING = "Takaisinsoittokokeilun arviointi"
ROOM_CONVERSATION = [
    # minutes after the meeting began, author's e-mail, message
    (
        2,
        "tyontekija@",
        "Tervetuloa kehittäjäkahvilaan! Kirjoittakaa tänne kysymyksiä ja "
        "ajatuksia, niin käydään ne läpi yhdessä.",
    ),
    (
        6,
        "asiakas@",
        "Kiva kun takaisinsoitto otettiin kokeiluun. Kuka sen soiton nyt tekee, "
        "sama työntekijä vai kuka vain vuorossa oleva?",
    ),
    (
        9,
        "tyontekija@",
        "Kokeilussa soittaa oma työntekijä, tai jos hän on poissa, tiimin nimetty "
        "varahenkilö. Soitto tulee saman arkipäivän aikana.",
    ),
    (14, "kaamos@", "Minulle tärkeintä on, ettei tarvitse kertoa koko tarinaa joka kerta alusta."),
    (
        17,
        "kokemus@",
        "Sama kokemus monella. Voisiko palvelusuunnitelmaan kirjata lyhyesti, mitä "
        "asiakas toivoo työntekijän tietävän jo ennen soittoa?",
    ),
    (23, "tunturikoivu@", "Ja selkokielellä, kiitos. Kirjeet ovat usein liian vaikeita."),
    (
        31,
        "tyontekija@",
        "Kirjaan molemmat ehdotukset muistioon ja vien ne sote-"
        "yhteistyöryhmään. Kerron seuraavassa tapaamisessa, mitä niille tapahtui.",
    ),
]
OPEN_ROOM_WELCOME = (
    "tyontekija@",
    "Huone on auki jo ennen tapaamista: kirjoita tänne kokemuksiasi takaisinsoitoista, niin "
    "otetaan ne mukaan arviointiin.",
)


def seed_meeting_rooms():
    meetings = {
        meeting.title: meeting
        for meeting in Meeting.objects.filter(
            panel__slug=ROOM_PANEL, title__in=[CLOSED_ROOM_MEETING, OPEN_ROOM_MEETING]
        )
    }
    people = {user.email: user for user in User.objects.filter(email__endswith="kohtaamo.example")}
    if len(meetings) < 2 or "tyontekija@kohtaamo.example" not in people:
        return

    def room(meeting, closed):
        # Found by meeting and left as it is: a room someone has since closed stays closed.
        room, _created = MeetingRoom.objects.get_or_create(
            meeting=meeting,
            defaults={
                "opened_at": meeting.starts_at if closed else timezone.now(),
                "opened_by": people["tyontekija@kohtaamo.example"],
                "closed_at": meeting.ends_at if closed else None,
            },
        )
        return room

    def say(room, minutes, short, body, start):
        author = people.get(demo_email(short))
        if author is not None:
            RoomMessage.objects.get_or_create(
                room=room,
                author=author,
                body=body,
                defaults={"created_at": start + timedelta(minutes=minutes)},
            )

    past = meetings[CLOSED_ROOM_MEETING]
    closed_room = room(past, closed=True)
    for minutes, short, body in ROOM_CONVERSATION:
        say(closed_room, minutes, short, body, past.starts_at)
    open_room = room(meetings[OPEN_ROOM_MEETING], closed=False)
    say(open_room, 0, *OPEN_ROOM_WELCOME, open_room.opened_at)
