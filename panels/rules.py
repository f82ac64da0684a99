"""The permission matrix of panels, as django-rules predicates (see ARCHITECTURE.md).

Other apps build on the membership predicates here (an idea round for a panel is open to
its active members), so their names and meaning are a contract.
"""

import rules

from .models import (
    OFFICIAL_ROLES,
    STAFF_ONLY,
    JoiningPolicy,
    Membership,
    MembershipStatus,
    Panel,
    Region,
)


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_active_member(user, panel):
    if not user.is_authenticated or panel is None:
        return False
    return Membership.objects.active().filter(person=user, panel=panel).exists()


@rules.predicate
def is_facilitator(user, panel):
    if not user.is_authenticated or panel is None:
        return False
    return panel.facilitators.filter(pk=user.pk).exists()


# --- A region's officials -----------------------------------------------------------------
# Every app asks "is this person an official of this region" through these, and they ask
# Region.objects.served_by: one answer, with the role check, for pages, sockets and the admin.


def region_id_of(obj):
    """The region of a rule's object: a region, or anything with a ``region_id`` (a panel, a
    survey, an idea round, an impact report); other apps pass theirs through it."""
    return obj.pk if isinstance(obj, Region) else obj.region_id


def serves_region(user, obj, roles=OFFICIAL_ROLES):
    """Whether ``user`` acts for the region of ``obj`` in one of ``roles`` (administrators
    act for every region). Remembered on ``obj`` for the request, so a page that asks many
    rules about one object asks the database once."""
    if obj is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True  # every region, also "every region" (a report with no region)
    memo = obj.__dict__.setdefault("_rules_memo", {})
    key = ("serves_region", tuple(roles), user.pk)
    if key not in memo:
        memo[key] = Region.objects.served_by(user, roles).filter(pk=region_id_of(obj)).exists()
    return memo[key]


@rules.predicate
def is_region_official(user, obj):
    """Staff or a decision-maker acting for the object's region, or an administrator."""
    return serves_region(user, obj)


@rules.predicate
def is_region_staff(user, obj):
    """Staff acting for the object's region, or an administrator."""
    return serves_region(user, obj, STAFF_ONLY)


# --- Further predicates -------------------------------------------------------------------
# A rule's object is always the panel, so the whole matrix reads as "who may do what in this
# panel"; views resolve memberships and meetings to their panel first.


def _once_per_panel(predicate):
    """``predicate``, asked at most once per person for a loaded panel.

    A panel page asks a dozen rules that share the same few facts (is this person staff
    here, a facilitator, a member?); the answers are kept on the panel instance, which
    lives for one request, so the page's query count does not grow with the rules.
    """

    @rules.predicate(name=f"once_per_panel({predicate.name})")
    def check(user, panel):
        if panel is None:
            return predicate.test(user, panel)
        memo = panel.__dict__.setdefault("_rules_memo", {})
        key = (predicate.name, getattr(user, "pk", None))
        if key not in memo:
            memo[key] = predicate.test(user, panel)
        return memo[key]

    return check


@rules.predicate
def _is_in_inner_circle(user, panel):
    """May see the members, past meetings and minutes. The same question, asked of many
    panels at once, is ``Panel.objects.inner_circle_of`` — this predicate asks it of one."""
    if not user.is_authenticated or panel is None:
        return False
    return Panel.objects.inner_circle_of(user).filter(pk=panel.pk).exists()


@rules.predicate
def _has_current_membership(user, panel):
    """Applied, invited or active: someone who may not apply or join again."""
    if not user.is_authenticated or panel is None:
        return False
    return Membership.objects.current().filter(person=user, panel=panel).exists()


@rules.predicate
def was_removed(user, panel):
    if not user.is_authenticated or panel is None:
        return False
    return Membership.objects.filter(
        person=user, panel=panel, status=MembershipStatus.REMOVED
    ).exists()


@rules.predicate
def is_panel_archived(user, panel):
    return panel is not None and panel.is_archived


def _joining_policy_is(policy):
    @rules.predicate(name=f"joining_policy_is_{policy}")
    def check(user, panel):
        return panel is not None and panel.joining_policy == policy

    return check


is_in_inner_circle = _once_per_panel(_is_in_inner_circle)
has_current_membership = _once_per_panel(_has_current_membership)
facilitates = _once_per_panel(is_facilitator)
is_member = _once_per_panel(is_active_member)

is_open_panel = _joining_policy_is(JoiningPolicy.OPEN)
takes_applications = _joining_policy_is(JoiningPolicy.APPLICATION)
is_invitation_only = _joining_policy_is(JoiningPolicy.INVITATION)

is_panel_manager = _once_per_panel(is_region_staff | is_administrator)
may_become_member = rules.is_authenticated & ~has_current_membership & ~is_panel_archived


@rules.predicate
def manages_some_panels(user):
    """Administrators, and staff of a region that has panels."""
    return Panel.objects.managed_by(user).exists()


# --- The permission matrix ----------------------------------------------------------------
# Object: the panel in every rule but ``panels.manage_panels``, which asks "does this person
# run any panels at all" (the application queue). The Wagtail admin asks the same questions
# through its permission policies in panels/wagtail_hooks.py.

rules.add_perm("panels.view_panel", rules.always_allow)
rules.add_perm("panels.view_members", is_in_inner_circle)
rules.add_perm("panels.view_minutes", is_in_inner_circle)
# Someone removed from a panel may apply again (staff decide) but not just walk back in.
rules.add_perm("panels.join_panel", may_become_member & is_open_panel & ~was_removed)
rules.add_perm("panels.apply_to_panel", may_become_member & takes_applications)
rules.add_perm("panels.leave_panel", has_current_membership)
rules.add_perm("panels.decide_application", is_panel_manager)
rules.add_perm("panels.invite_to_panel", is_panel_manager)
rules.add_perm("panels.change_panel", is_panel_manager)
rules.add_perm("panels.edit_meeting", is_panel_manager | facilitates)
rules.add_perm("panels.record_attendance", is_panel_manager | facilitates)
rules.add_perm("panels.respond_to_meeting", is_member)
rules.add_perm("panels.remove_member", is_panel_manager | facilitates)
rules.add_perm("panels.manage_panels", manages_some_panels)
