"""Which pool members a call is for. One function, asked by the publishing notice, the call
page and signing up, so that whom a call tells and who may sign up never drift apart."""

from django.db.models import Q

from panels.pool.models import PoolMember, PoolMemberStatus, ScreeningAnswer


def matching_members(call, *, person=None):
    """The pool members ``call`` is for (a list of ``PoolMember``, with ``person`` and
    ``application`` loaded), ordered by person; with ``person``, at most that person's row.

    A member matches when they are *active* in the call's pool (paused members and those who
    left are never matched, nor deactivated accounts) and every criterion the call sets is
    met; a criterion the call leaves empty asks nothing:

    - municipalities: the member's municipality (on their pool profile; where that is empty,
      the one on their application) is one of the chosen;
    - client groups: the client group the person gave on their application is one of the
      chosen. What a person declared about themselves for results split by group
      (panels.segments.SelfDescription) is never used: a draft call's count of the members it
      reaches, narrowed far enough, would tell staff one person's declaration;
    - languages: the member speaks **at least one** of the chosen languages (their profile's
      languages; where those are empty, their application's) — a call for Swedish or
      Northern Sámi speakers wants either, not both;
    - screening answers: for each question the call names, the member's application has at
      least one of the chosen answers to it (several questions: each of them). A member
      without an application matches no answer criterion.

    Costs a fixed number of queries (the criteria, then the members) however many members the
    pool has. Languages are compared in Python: they are JSON lists, which SQLite cannot look
    inside portably, and the rows are already narrowed by everything else.
    """
    members = PoolMember.objects.filter(
        pool_id=call.pool_id, status=PoolMemberStatus.ACTIVE, person__is_active=True
    )
    if person is not None:
        if not getattr(person, "is_authenticated", False):
            return []
        members = members.filter(person=person)

    municipalities = list(call.municipalities.values_list("pk", flat=True))
    if municipalities:
        members = members.filter(
            Q(municipality__in=municipalities)
            | Q(municipality__isnull=True, application__municipality__in=municipalities)
        )

    groups = list(call.client_groups.values_list("pk", flat=True))
    if groups:
        members = members.filter(application__client_group__in=groups)

    wanted = {}
    for question_id, value in call.answer_criteria.values_list("question_id", "value"):
        wanted.setdefault(question_id, []).append(value)
    for question_id, values in wanted.items():
        members = members.filter(
            application__in=ScreeningAnswer.objects.filter(
                question_id=question_id, value__in=values
            ).values("application")
        )

    members = members.select_related("person", "application").order_by("person_id")
    languages = set(call.languages or [])
    if not languages:
        return list(members)
    return [member for member in members if languages & set(_languages_of(member))]


def _languages_of(member):
    if member.languages:
        return member.languages
    return member.application.languages if member.application else []
