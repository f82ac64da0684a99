"""panels.pool.calls.matching: every criterion alone and together; paused and left members,
deactivated accounts and other pools are never matched."""

import pytest

from panels.pool.calls.matching import matching_members
from panels.pool.calls.models import AnswerCriterion
from panels.pool.models import PoolMemberStatus, ScreeningAnswer, ScreeningQuestion
from panels.segments.models import SelfDescription
from tests.factories import ClientGroupFactory, RegionFactory, UserFactory

from .conftest import add_member, make_call, make_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(db):
    region = RegionFactory(name="Kanta-Häme", slug="kanta-hame")
    pool, _question = make_pool(region)
    return pool


@pytest.fixture
def question(pool):
    return ScreeningQuestion.objects.get(recruitment__pool=pool)


@pytest.fixture
def staff(pool):
    person = UserFactory(staff=True)
    pool.region.officials.add(person)
    return person


def names(call, **kwargs):
    return sorted(member.person.display_name for member in matching_members(call, **kwargs))


def member(pool, name, **kwargs):
    return add_member(pool, UserFactory(display_name=name), **kwargs)


def test_a_call_without_criteria_is_for_every_active_member(pool, staff):
    member(pool, "A")
    member(pool, "B")
    member(pool, "Paused", status=PoolMemberStatus.PAUSED)
    member(pool, "Left", status=PoolMemberStatus.LEFT)
    gone = member(pool, "Deactivated")
    gone.person.is_active = False
    gone.person.save()
    other_pool, _q = make_pool(pool.region, slug="toinen-pooli")
    add_member(other_pool, UserFactory(display_name="Elsewhere"))
    assert names(make_call(pool, staff)) == ["A", "B"]


def test_municipality_from_the_profile_or_else_the_application(pool, staff):
    from panels.models import Municipality

    hml = Municipality.objects.create(region=pool.region, name="Hämeenlinna")
    forssa = Municipality.objects.create(region=pool.region, name="Forssa")
    member(pool, "Profile", municipality=hml)
    member(pool, "Application", application={"municipality": hml})
    # The profile's own municipality wins over what the application said.
    member(pool, "Moved", municipality=forssa, application={"municipality": hml})
    member(pool, "Unknown")
    call = make_call(pool, staff)
    call.municipalities.set([hml])
    assert names(call) == ["Application", "Profile"]
    call.municipalities.set([hml, forssa])
    assert names(call) == ["Application", "Moved", "Profile"]


def test_client_group_only_as_given_on_the_application(pool, staff):
    transport = ClientGroupFactory(region=pool.region, name="Vammaispalvelut")
    elderly = ClientGroupFactory(region=pool.region, name="Ikäihmiset")
    declared = member(pool, "Declared")
    SelfDescription.objects.create(person=declared.person, client_group=transport)
    member(pool, "Applied", application={"client_group": transport})
    member(pool, "Other group", application={"client_group": elderly})
    member(pool, "None")
    call = make_call(pool, staff)
    call.client_groups.set([transport])
    # The self-description is for split results only; staff could otherwise learn it by
    # narrowing a draft call's count.
    assert names(call) == ["Applied"]


def test_languages_at_least_one_of_the_chosen(pool, staff):
    member(pool, "Finnish", languages=["fi"])
    member(pool, "Swedish and Finnish", languages=["sv", "fi"])
    member(pool, "Sámi", languages=["se"])
    member(pool, "From the application", application={"languages": ["sv"]})
    member(pool, "No languages")
    call = make_call(pool, staff, languages=["sv", "se"])
    assert names(call) == ["From the application", "Swedish and Finnish", "Sámi"]


def test_answers_any_chosen_value_per_question_every_question(pool, staff, question):
    how = ScreeningQuestion.objects.create(
        recruitment=question.recruitment,
        position=2,
        text="Miten haluat osallistua?",
        kind="multiple",
        choices="puhelimitse\npaikan päällä",
    )
    member(pool, "Transport by phone", answers=["kuljetuspalvelu"])
    both = member(pool, "Home care by phone", answers=["kotihoito"])
    transport = member(pool, "Transport on site", answers=["kuljetuspalvelu"])
    member(pool, "Health centre", answers=["terveysasema"])
    add = ScreeningAnswer
    add.objects.create(application=both.application, question=how, value="puhelimitse")
    add.objects.create(application=transport.application, question=how, value="paikan päällä")
    first = member(pool, "Transport by phone, again", answers=["kuljetuspalvelu"])
    add.objects.create(application=first.application, question=how, value="puhelimitse")

    call = make_call(pool, staff)
    for value in ("kuljetuspalvelu", "kotihoito"):
        AnswerCriterion.objects.create(call=call, question=question, value=value)
    # Any of the two values of the first question.
    assert names(call) == [
        "Home care by phone",
        "Transport by phone",
        "Transport by phone, again",
        "Transport on site",
    ]
    # And the second question too.
    AnswerCriterion.objects.create(call=call, question=how, value="puhelimitse")
    assert names(call) == ["Home care by phone", "Transport by phone, again"]


def test_a_member_without_an_application_matches_no_answer_criterion(pool, staff, question):
    from panels.pool.models import PoolMember

    PoolMember.objects.create(pool=pool, person=UserFactory(display_name="Added by staff"))
    member(pool, "Applied", answers=["kuljetuspalvelu"])
    call = make_call(pool, staff)
    assert names(call) == ["Added by staff", "Applied"]
    AnswerCriterion.objects.create(call=call, question=question, value="kuljetuspalvelu")
    assert names(call) == ["Applied"]


def test_every_criterion_together(pool, staff, question):
    from panels.models import Municipality

    hml = Municipality.objects.create(region=pool.region, name="Hämeenlinna")
    group = ClientGroupFactory(region=pool.region, name="Vammaispalvelut")
    fits = {"municipality": hml, "languages": ["fi"], "answers": ["kuljetuspalvelu"]}
    member(pool, "Fits", application={"client_group": group}, **fits)
    member(
        pool, "Wrong place", application={"client_group": group}, **{**fits, "municipality": None}
    )
    member(pool, "Wrong group", **fits)
    member(
        pool, "Wrong language", application={"client_group": group}, **{**fits, "languages": ["sv"]}
    )
    member(
        pool,
        "Wrong answer",
        application={"client_group": group},
        **{**fits, "answers": ["kotihoito"]},
    )
    member(
        pool,
        "Paused",
        application={"client_group": group},
        status=PoolMemberStatus.PAUSED,
        **fits,
    )
    call = make_call(pool, staff, languages=["fi"])
    call.municipalities.set([hml])
    call.client_groups.set([group])
    AnswerCriterion.objects.create(call=call, question=question, value="kuljetuspalvelu")
    assert names(call) == ["Fits"]


def test_asking_about_one_person(call_world):
    call = call_world.call
    for role in ("member", "expert_member"):
        assert names(call, person=call_world.person(role)) == [call_world.person(role).display_name]
    for role in ("other_member", "paused_member", "left_member", "outsider", "anonymous"):
        assert matching_members(call, person=call_world.person(role)) == []


def test_queries_do_not_grow_with_the_pool(pool, staff, question, django_assert_num_queries):
    call = make_call(pool, staff, languages=["fi"])
    AnswerCriterion.objects.create(call=call, question=question, value="kuljetuspalvelu")
    for count in (3, 30):
        for index in range(count):
            member(pool, f"M{count}-{index}", languages=["fi"], answers=["kuljetuspalvelu"])
        # The municipalities, client groups and answers asked for, then the members.
        with django_assert_num_queries(MATCHING_QUERIES):
            matching_members(call)


MATCHING_QUERIES = 4
