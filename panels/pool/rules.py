"""Who may do what with pools and recruitment pages, as django-rules predicates.

The object of a rule is a ``Recruitment``, a ``Pool`` or a ``PoolMember`` as named:

Who: *everyone* (anonymous, developer-clients, experts by experience, decision-makers, other
regions' staff) and *runs* (the region's staff, administrators).

| | everyone | runs |
|---|---|---|
| read a recruitment page, a pool's page (Recruitment, Pool) | yes | yes |
| apply on a recruitment page (Recruitment) | while it is open | while it is open |
| see its applications and decide them (Recruitment) | no (404; visitors log in) | yes |
| see a pool's member count and queues (Pool) | no | yes |

A pool member (PoolMember) edits their own interests and availability, pauses, resumes and
leaves: ``pool.manage_membership`` is theirs alone, not even staff's. Decision-makers read
the public pages like everyone: recruiting is staff's work.

Registered at start-up (rules.apps.AutodiscoverRulesConfig imports every app's rules).
"""

import rules

from panels.rules import is_region_staff


@rules.predicate
def is_accepting(user, recruitment):
    return recruitment.is_accepting


@rules.predicate
def is_own_membership(user, member):
    return user.is_authenticated and member.person_id == user.pk


rules.add_perm("pool.see_recruitment", rules.always_allow)
rules.add_perm("pool.apply", is_accepting)
rules.add_perm("pool.see_applications", is_region_staff)
rules.add_perm("pool.decide", is_region_staff)
rules.add_perm("pool.see_pool", rules.always_allow)
rules.add_perm("pool.run_pool", is_region_staff)
rules.add_perm("pool.manage_membership", is_own_membership)
