"""The feedback loop: status transitions, who answers ideas, response history, whether a
response answered, the clarification queue and who is told what."""

from datetime import timedelta

import pytest
import rules
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts.models import Notification
from ideas import services
from ideas.feedback import services as responses
from ideas.feedback.models import OfficialResponse, ResponseFeedback, StatusChange, Verdict
from ideas.feedback.statuses import TRANSITIONS, IdeaStatus
from ideas.models import Phase
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory, SupportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages from the services are matched in English; notices still follow each
    recipient's own language."""
    with translation.override("en"):
        yield


@pytest.fixture
def decision_maker(region):
    person = UserFactory(decision_maker=True, display_name="Palvelujohtaja")
    region.officials.add(person)
    return person


@pytest.fixture
def idea(region):
    round_ = IdeaRoundFactory(region=region, phase=Phase.EVALUATION)
    return IdeaFactory(round=round_, author=UserFactory(display_name="Idean tekijä"))


def notices(person, kind=None):
    found = Notification.objects.filter(recipient=person)
    return list(found.filter(kind=kind) if kind else found)


def respond(responder, idea, decision=IdeaStatus.UNDER_CONSIDERATION, **extra):
    return responses.publish_response(
        responder, idea, decision=decision, reasons="Selvitämme asiaa.", **extra
    )


# --- Transitions --------------------------------------------------------------------------

ALL_PAIRS = [(a, b) for a in IdeaStatus for b in IdeaStatus if b != IdeaStatus.MERGED]


def put_in(idea, status):
    idea.status = status
    idea.save(update_fields=["status"])


@pytest.mark.parametrize(("start", "target"), ALL_PAIRS, ids=lambda s: str(s))
def test_only_defined_transitions_are_allowed(idea, region_staff, start, target):
    put_in(idea, start)
    if target in TRANSITIONS[start]:
        change = responses.change_status(region_staff, idea, target, explanation="Perustelu.")
        idea.refresh_from_db()
        assert idea.status == target
        assert (change.from_status, change.to_status) == (start, target)
        assert change.actor == region_staff and change.actor_role == "staff"
    else:
        with pytest.raises(ValidationError):
            responses.change_status(region_staff, idea, target, explanation="Perustelu.")
        idea.refresh_from_db()
        assert idea.status == start
        assert not StatusChange.objects.exists()


def test_the_whole_road_to_implemented(idea, region_staff):
    for status in (
        IdeaStatus.UNDER_CONSIDERATION,
        IdeaStatus.IN_DEVELOPMENT,
        IdeaStatus.IMPLEMENTED,
    ):
        responses.change_status(region_staff, idea, status, explanation=f"Nyt {status}.")
    history = list(idea.status_changes.values_list("from_status", "to_status"))
    assert history == [
        ("submitted", "under_consideration"),
        ("under_consideration", "in_development"),
        ("in_development", "implemented"),
    ]


@pytest.mark.parametrize("explanation", ["", "   \n"])
def test_every_change_needs_a_public_explanation(idea, region_staff, explanation):
    with pytest.raises(ValidationError, match="Explain"):
        responses.change_status(
            region_staff, idea, IdeaStatus.NOT_TAKEN_FORWARD, explanation=explanation
        )
    assert not StatusChange.objects.exists()


def test_merge_links_both_ways(idea, region_staff):
    target = IdeaFactory(round=idea.round)
    responses.change_status(
        region_staff, idea, IdeaStatus.MERGED, explanation="Sama asia.", merged_into=target
    )
    idea.refresh_from_db()
    assert idea.merged_into == target
    assert list(target.merged_ideas.all()) == [idea]
    assert idea.status_changes.get().merged_into == target


def test_merge_refusals(idea, region_staff, region):
    from tests.factories import PanelFactory

    other_region = IdeaFactory(round=IdeaRoundFactory(region=RegionFactory()))
    panels_own = IdeaFactory(
        round=IdeaRoundFactory(region=region, panel=PanelFactory(region=region))
    )
    hidden = IdeaFactory(round=idea.round, hidden_at=timezone.now())
    for target, reason in [
        (None, "Choose the idea"),
        (idea, "itself"),
        (other_region, "same region"),
        (panels_own, "same region and audience"),
        (hidden, "cannot take others"),
    ]:
        with pytest.raises(ValidationError, match=reason):
            responses.change_status(
                region_staff, idea, IdeaStatus.MERGED, explanation="x", merged_into=target
            )
    with pytest.raises(ValidationError, match="Only a merge"):
        responses.change_status(
            region_staff,
            idea,
            IdeaStatus.UNDER_CONSIDERATION,
            explanation="x",
            merged_into=IdeaFactory(round=idea.round),
        )


def test_records_are_immutable(idea, region_staff):
    change = responses.change_status(
        region_staff, idea, IdeaStatus.UNDER_CONSIDERATION, explanation="Käsittelyyn."
    )
    change.explanation = "Muutettu jälkikäteen"
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()
    assert StatusChange.objects.get().explanation == "Käsittelyyn."


# --- Who may answer -----------------------------------------------------------------------


def people_for(region):
    staff_here = UserFactory(staff=True)
    dm_here = UserFactory(decision_maker=True)
    region.officials.add(staff_here, dm_here)
    elsewhere = RegionFactory()
    staff_there = UserFactory(staff=True)
    dm_there = UserFactory(decision_maker=True)
    elsewhere.officials.add(staff_there, dm_there)
    return {
        "anonymous": None,
        "developer-client": UserFactory(),
        "expert": UserFactory(expert=True),
        "staff of the region": staff_here,
        "staff of another region": staff_there,
        "decision-maker of the region": dm_here,
        "decision-maker of another region": dm_there,
        "administrator": UserFactory(administrator=True),
    }


ANSWERS = {
    "anonymous": False,
    "developer-client": False,
    "expert": False,
    "staff of the region": True,
    "staff of another region": False,
    "decision-maker of the region": True,
    "decision-maker of another region": False,
    "administrator": True,
}


@pytest.mark.parametrize("who", ANSWERS)
@pytest.mark.parametrize("phase", [Phase.IDEATION, Phase.EVALUATION, Phase.CLOSED])
def test_who_may_respond_and_change_status(region, who, phase):
    from django.contrib.auth.models import AnonymousUser

    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=phase))
    person = people_for(region)[who] or AnonymousUser()
    for perm in ("feedback.respond_to_idea", "feedback.change_status"):
        assert rules.has_perm(perm, person, idea) is ANSWERS[who], (perm, who)


@pytest.mark.parametrize("state", ["hidden_at", "withdrawn_at"])
def test_hidden_and_withdrawn_ideas_are_not_answered(idea, decision_maker, state):
    setattr(idea, state, timezone.now())
    idea.save()
    assert not rules.has_perm("feedback.respond_to_idea", decision_maker, idea)
    with pytest.raises(services.NotAllowed):
        respond(decision_maker, idea)


@pytest.mark.parametrize("who", ANSWERS)
def test_respond_page_matrix(client, region, who):
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=Phase.EVALUATION))
    person = people_for(region)[who]
    if person:
        client.force_login(person)
    page = client.get(f"/en/rounds/ideas/{idea.pk}/respond/")
    if who == "anonymous":
        assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    else:
        assert page.status_code == (200 if ANSWERS[who] else 403)


# --- Responses ----------------------------------------------------------------------------


def test_a_response_with_a_new_decision_moves_the_idea(idea, decision_maker):
    response = responses.publish_response(
        decision_maker,
        idea,
        decision=IdeaStatus.UNDER_CONSIDERATION,
        reasons="Otamme idean käsittelyyn kevään talousarvioon.",
        next_step="Kokeilu kahdessa terveysasemassa.",
        responsible="Perusterveydenhuollon yksikkö",
        due_date=(timezone.now() + timedelta(days=90)).date(),
        link_url="https://example.fi/paatos",
        link_title="Päätös",
    )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_CONSIDERATION
    change = response.status_change
    assert change.to_status == IdeaStatus.UNDER_CONSIDERATION
    assert change.explanation == "Otamme idean käsittelyyn kevään talousarvioon."
    assert response.responder_role == "decision_maker"


def test_a_response_that_keeps_the_status_makes_no_change(idea, decision_maker):
    response = respond(decision_maker, idea, decision=IdeaStatus.SUBMITTED)
    assert response.status_change is None
    assert not StatusChange.objects.exists()


def test_a_response_with_a_refused_decision_saves_nothing(idea, decision_maker):
    with pytest.raises(ValidationError):
        respond(decision_maker, idea, decision=IdeaStatus.IMPLEMENTED)
    assert not OfficialResponse.objects.exists()
    assert not Notification.objects.exists()


def test_not_taken_forward_needs_reasons(idea, decision_maker):
    with pytest.raises(ValidationError):
        responses.publish_response(
            decision_maker, idea, decision=IdeaStatus.NOT_TAKEN_FORWARD, reasons=""
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SUBMITTED


def test_edits_keep_earlier_versions(idea, decision_maker):
    response = respond(decision_maker, idea)
    responses.edit_response(decision_maker, response, reasons="Tarkennettu perustelu.")
    responses.edit_response(decision_maker, response, responsible="Sosiaalipalvelut")
    response.refresh_from_db()
    assert response.reasons == "Tarkennettu perustelu."
    assert response.edited_at is not None
    versions = list(response.versions.order_by("pk"))
    assert [v.reasons for v in versions] == ["Selvitämme asiaa.", "Tarkennettu perustelu."]
    assert versions[1].responsible == ""
    assert all(v.replaced_by == decision_maker for v in versions)


def test_an_edit_that_changes_nothing_keeps_no_version(idea, decision_maker):
    response = respond(decision_maker, idea)
    responses.edit_response(decision_maker, response, reasons="Selvitämme asiaa.")
    assert not response.versions.exists()


def test_the_decision_is_not_editable(idea, decision_maker):
    response = respond(decision_maker, idea)
    with pytest.raises(TypeError):
        responses.edit_response(decision_maker, response, decision=IdeaStatus.IMPLEMENTED)


def test_who_may_edit_a_response(idea, decision_maker, region):
    response = respond(decision_maker, idea)
    colleague = UserFactory(decision_maker=True)
    region.officials.add(colleague)
    assert rules.has_perm("feedback.edit_response", decision_maker, response)
    assert rules.has_perm("feedback.edit_response", UserFactory(administrator=True), response)
    assert not rules.has_perm("feedback.edit_response", colleague, response)
    assert not rules.has_perm("feedback.edit_response", idea.author, response)
    # A responder who no longer acts for the region no longer edits in its name.
    region.officials.remove(decision_maker)
    response = OfficialResponse.objects.get(pk=response.pk)
    assert not rules.has_perm("feedback.edit_response", decision_maker, response)


# --- Did it answer? -----------------------------------------------------------------------


def test_who_may_say_whether_it_answered(idea, decision_maker):
    supporter = UserFactory()
    SupportFactory(idea=idea, person=supporter)
    commenter = UserFactory()
    CommentFactory(idea=idea, author=commenter)
    response = respond(decision_maker, idea)
    can = lambda person: rules.has_perm("feedback.give_feedback_on_response", person, response)  # noqa: E731
    assert can(idea.author)
    assert can(supporter)
    assert not can(commenter)
    assert not can(decision_maker)
    assert not can(UserFactory())


def test_a_no_with_a_comment_asks_the_responder_to_clarify(idea, decision_maker):
    response = respond(decision_maker, idea)
    feedback = responses.give_feedback(
        idea.author, response, verdict=Verdict.NO, comment="Entä iltaisin?"
    )
    assert feedback.asks_for_clarification
    assert list(ResponseFeedback.objects.clarification_requests()) == [feedback]
    assert len(notices(decision_maker, responses.CLARIFICATION)) == 1
    responses.handle_clarification(decision_maker, feedback)
    assert not ResponseFeedback.objects.clarification_requests().exists()
    # Saying it again reopens the question.
    responses.give_feedback(idea.author, response, verdict=Verdict.NO, comment="Vieläkin auki.")
    assert ResponseFeedback.objects.clarification_requests().count() == 1
    assert ResponseFeedback.objects.count() == 1


@pytest.mark.parametrize(
    ("verdict", "comment"), [(Verdict.YES, "Kiitos"), (Verdict.PARTLY, "Osin"), (Verdict.NO, "")]
)
def test_other_answers_ask_nothing(idea, decision_maker, verdict, comment):
    response = respond(decision_maker, idea)
    responses.give_feedback(idea.author, response, verdict=verdict, comment=comment)
    assert not ResponseFeedback.objects.clarification_requests().exists()
    assert not notices(decision_maker)


def test_feedback_form_and_queue_over_http(client, idea, decision_maker, region):
    response = respond(decision_maker, idea)
    client.force_login(idea.author)
    url = f"/en/rounds/responses/{response.pk}/feedback/"
    too_long = "x" * 2001
    page = client.post(url, {"verdict": "no", "comment": too_long})
    assert page.status_code == 200
    assert "at most 2000 characters" in page.content.decode()
    assert too_long in page.content.decode()  # what was typed is kept
    assert not ResponseFeedback.objects.exists()
    page = client.post(url, {"verdict": "maybe"})
    assert page.status_code == 200 and not ResponseFeedback.objects.exists()
    page = client.post(url, {"verdict": "no", "comment": "Aukioloajat eivät muuttuneet."})
    assert page.status_code == 302
    client.force_login(decision_maker)
    queue = client.get("/en/rounds/clarifications/")
    assert "Aukioloajat eivät muuttuneet." in queue.content.decode()
    feedback = ResponseFeedback.objects.get()
    client.post(f"/en/rounds/clarifications/{feedback.pk}/handled/")
    assert "Aukioloajat" not in client.get("/en/rounds/clarifications/").content.decode()
    # Officials of another region see none of it; participants have no queue.
    other = UserFactory(staff=True)
    RegionFactory().officials.add(other)
    client.force_login(other)
    assert client.post(f"/en/rounds/clarifications/{feedback.pk}/handled/").status_code == 404
    client.force_login(UserFactory())
    assert client.get("/en/rounds/clarifications/").status_code == 404


# --- Who is told what ---------------------------------------------------------------------


def test_response_fan_out(idea, decision_maker):
    supporter = UserFactory()
    SupportFactory(idea=idea, person=supporter)
    supporter_and_commenter = UserFactory()
    SupportFactory(idea=idea, person=supporter_and_commenter)
    CommentFactory(idea=idea, author=supporter_and_commenter)
    CommentFactory(idea=idea, author=supporter_and_commenter)
    CommentFactory(idea=idea, author=idea.author)  # the author commented on their own idea
    CommentFactory(idea=idea, author=decision_maker)  # the responder took part too
    gone = UserFactory(is_active=False)
    SupportFactory(idea=idea, person=gone)
    bystander = UserFactory()

    respond(decision_maker, idea)

    assert [n.kind for n in notices(idea.author)] == [responses.MY_IDEA]
    assert [n.kind for n in notices(supporter)] == [responses.FOLLOWED_IDEA]
    assert [n.kind for n in notices(supporter_and_commenter)] == [responses.FOLLOWED_IDEA]
    assert notices(decision_maker) == []
    assert notices(gone) == []
    assert notices(bystander) == []
    assert "#response-" in notices(idea.author)[0].url


def test_status_change_tells_author_supporters_and_commenters(idea, region_staff):
    supporter = UserFactory()
    SupportFactory(idea=idea, person=supporter)
    commenter = UserFactory()
    CommentFactory(idea=idea, author=commenter)
    CommentFactory(idea=idea, author=region_staff)
    responses.change_status(
        region_staff, idea, IdeaStatus.NOT_TAKEN_FORWARD, explanation="Ei rahoitusta tänä vuonna."
    )
    [notice] = notices(idea.author)
    assert notice.kind == responses.MY_IDEA
    assert "Ei rahoitusta tänä vuonna." in notice.message
    for person in (supporter, commenter):
        [notice] = notices(person)
        assert notice.kind == responses.FOLLOWED_IDEA
        assert "Ei rahoitusta tänä vuonna." in notice.message
    assert notices(region_staff) == []


def test_people_who_left_a_panel_hear_no_more_of_its_ideas(region, decision_maker, client):
    from panels.models import MembershipStatus
    from tests.factories import MembershipFactory, PanelFactory

    panel = PanelFactory(region=region)
    round_ = IdeaRoundFactory(region=region, panel=panel, phase=Phase.EVALUATION)
    stays, leaves = UserFactory(), UserFactory()
    for person in (stays, leaves):
        MembershipFactory(panel=panel, person=person)
    idea = IdeaFactory(round=round_, author=stays, title="Raadin oma idea")
    SupportFactory(idea=idea, person=leaves)
    CommentFactory(idea=idea, author=leaves)
    panel.memberships.filter(person=leaves).update(status=MembershipStatus.LEFT)
    respond(decision_maker, idea)
    assert len(notices(stays)) == 1
    assert notices(leaves) == []
    client.force_login(leaves)
    assert "Raadin oma idea" not in client.get("/en/my-impact/").content.decode()


def test_an_official_answering_their_own_idea_is_not_told(region, decision_maker):
    idea = IdeaFactory(round=IdeaRoundFactory(region=region), author=decision_maker)
    respond(decision_maker, idea)
    assert notices(decision_maker) == []


def test_notice_is_in_the_recipients_language(idea, decision_maker):
    idea.author.language = "fi"
    idea.author.save()
    respond(decision_maker, idea)
    assert "virallisen vastauksen" in notices(idea.author)[0].message


def test_replies_tell_the_person_replied_to(region):
    round_ = IdeaRoundFactory(region=region, phase=Phase.IDEATION)
    idea = IdeaFactory(round=round_)
    first = UserFactory(display_name="Ensimmäinen")
    second = UserFactory(display_name="Toinen")
    top = services.post_comment(first, idea, body="Hyvä idea")
    reply = services.post_comment(second, idea, body="Samaa mieltä", parent=top)
    services.post_comment(second, idea, body="Lisään vielä", parent=reply)  # to own reply
    services.post_comment(first, idea, body="Kiitos", parent=top)  # to own comment
    [notice] = notices(first)
    assert notice.kind == "ideas.reply" and "Toinen" in notice.message
    assert notices(second) == []


# --- Coverage -----------------------------------------------------------------------------


def test_round_coverage(client, region, decision_maker):
    round_ = IdeaRoundFactory(region=region, phase=Phase.EVALUATION)
    now = timezone.now()
    answered = IdeaFactory(round=round_)
    IdeaFactory(round=round_, created_at=now - timedelta(days=40))
    IdeaFactory(round=round_, created_at=now - timedelta(days=3))
    IdeaFactory(round=round_, hidden_at=now)  # not owed an answer
    merged = IdeaFactory(round=round_)
    respond(decision_maker, answered)
    responses.change_status(
        decision_maker, merged, IdeaStatus.MERGED, explanation="Sama.", merged_into=answered
    )
    coverage = type(answered).objects.filter(round=round_).response_coverage()
    assert (coverage["total"], coverage["answered"], coverage["waiting"]) == (3, 1, 2)
    assert coverage["waiting_since"] == now - timedelta(days=40)
    page = client.get(round_.get_absolute_url()).content.decode()  # /en/…, in English
    assert "1 of 3 ideas have an official response." in page
    assert "2 are waiting, the longest for 1\xa0month" in page


def test_a_merge_never_shows_what_the_reader_may_not_see(client, idea, region_staff):
    target = IdeaFactory(round=idea.round, title="Kohdeidea")
    responses.change_status(
        region_staff, idea, IdeaStatus.MERGED, explanation="Sama asia.", merged_into=target
    )
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Kohdeidea" in page
    target.hidden_at = timezone.now()
    target.save()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Kohdeidea" not in page
    assert "Merged into another idea." in page


def test_a_merged_idea_is_answered_through_the_idea_that_took_it(client, idea, decision_maker):
    target = IdeaFactory(round=idea.round)
    responses.change_status(
        decision_maker, idea, IdeaStatus.MERGED, explanation="Sama asia.", merged_into=target
    )
    idea.refresh_from_db()
    assert not rules.has_perm("feedback.respond_to_idea", decision_maker, idea)
    client.force_login(decision_maker)
    url = f"/en/rounds/ideas/{idea.pk}/respond/"
    assert client.post(url, {"decision": "merged", "reasons": "x"}).status_code == 403


def test_saying_the_same_again_tells_nobody_again(idea, decision_maker):
    response = respond(decision_maker, idea)
    for _ in range(3):
        responses.give_feedback(idea.author, response, verdict=Verdict.NO, comment="Entä illat?")
    assert len(notices(decision_maker, responses.CLARIFICATION)) == 1


def test_an_overlong_link_is_a_form_error(client, idea, decision_maker):
    response = respond(decision_maker, idea)
    client.force_login(decision_maker)
    link = "https://example.fi/" + "a" * 250
    page = client.post(
        f"/en/rounds/responses/{response.pk}/edit/",
        {"reasons": "Uudet perustelut", "link_url": link},
    )
    assert page.status_code == 200
    assert "at most 200 characters" in page.content.decode()
    response.refresh_from_db()
    assert response.reasons == "Selvitämme asiaa." and not response.versions.exists()


def test_the_clarification_queue_forgets_hidden_ideas(client, idea, decision_maker):
    response = respond(decision_maker, idea)
    responses.give_feedback(idea.author, response, verdict=Verdict.NO, comment="Entä illat?")
    client.force_login(decision_maker)
    assert "Entä illat?" in client.get("/en/rounds/clarifications/").content.decode()
    idea.hidden_at = timezone.now()
    idea.save()
    assert "Entä illat?" not in client.get("/en/rounds/clarifications/").content.decode()
