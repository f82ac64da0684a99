"""Who may do what in a co-design workshop, as django-rules predicates.

The object of every rule is a ``Workshop``, a ``Board``, a ``Note`` or a ``NoteComment``;
each is asked of its workshop, whose panel answers who belongs (panels.rules), so the
workshop, its boards, its socket and its booklet agree:

- see it (the boards, the booklet, the live board): the panel's inner circle — active
  members, facilitators, the region's staff and decision-makers, administrators — and the
  workshop's invited guests;
- run it (timer, "everyone to this board", lock a board, hide a note or a comment, add
  boards, decisions, next steps and guests, publish the booklet): the workshop's own
  facilitators, the panel's facilitators, the region's staff, administrators;
- take part (add, move, edit, link, vote, comment, fill in a card): everyone who sees it,
  while the workshop is not finished and the board is not locked;
- read the published booklet: everyone who sees the workshop.

Registered at start-up (rules.apps.AutodiscoverRulesConfig imports every app's rules).
"""

import rules

from panels.rules import facilitates, is_in_inner_circle, is_panel_manager

from .models import Board, Note, NoteComment, Workshop


def workshop_of(obj):
    if isinstance(obj, Workshop):
        return obj
    if isinstance(obj, Board):
        return obj.workshop
    if isinstance(obj, Note):
        return obj.board.workshop
    if isinstance(obj, NoteComment):
        return obj.note.board.workshop
    raise TypeError(f"No workshop for {obj!r}")


def board_of(obj):
    if isinstance(obj, Board):
        return obj
    if isinstance(obj, Note):
        return obj.board
    if isinstance(obj, NoteComment):
        return obj.note.board
    return None


def _memo(workshop, key, compute):
    """Answers kept on the workshop instance for the request (as panels.rules does)."""
    memo = workshop.__dict__.setdefault("_rules_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@rules.predicate
def is_guest(user, obj):
    if not user.is_authenticated:
        return False
    workshop = workshop_of(obj)
    return _memo(
        workshop,
        ("guest", user.pk),
        lambda: workshop.guests.filter(pk=user.pk).exists(),
    )


@rules.predicate
def is_workshop_facilitator(user, obj):
    if not user.is_authenticated:
        return False
    workshop = workshop_of(obj)
    return _memo(
        workshop,
        ("facilitator", user.pk),
        lambda: workshop.facilitators.filter(pk=user.pk).exists(),
    )


def _on_panel(predicate):
    @rules.predicate(name=f"workshop_{predicate.name}")
    def check(user, obj):
        return predicate.test(user, workshop_of(obj).panel)

    return check


in_inner_circle = _on_panel(is_in_inner_circle)
panel_facilitator = _on_panel(facilitates)
panel_manager = _on_panel(is_panel_manager)


@rules.predicate
def workshop_is_open(user, obj):
    return not workshop_of(obj).is_finished


@rules.predicate
def board_is_open(user, obj):
    board = board_of(obj)
    return board is None or not board.is_locked


@rules.predicate
def booklet_is_published(user, obj):
    return workshop_of(obj).booklet_is_published


@rules.predicate
def is_note_author(user, obj):
    return user.is_authenticated and obj.author_id == user.pk


@rules.predicate
def note_is_visible(user, note):
    return not note.is_hidden


@rules.predicate
def comment_is_public(user, comment):
    return comment.is_public


# A workshop's own facilitator may come from outside the panel (tests.panels.workshops.conftest
# SEE): running it means seeing it. WorkshopQuerySet.seen_by says the same for lists.
sees_workshop = in_inner_circle | is_guest | is_workshop_facilitator
runs_workshop = is_workshop_facilitator | panel_facilitator | panel_manager
may_work = sees_workshop & workshop_is_open & board_is_open

rules.add_perm("workshops.see_workshop", sees_workshop)
rules.add_perm("workshops.run_workshop", sees_workshop & runs_workshop)
# Changing the workshop's setup (boards, guests, booklet) stays possible after it finishes.
# Object: the panel.
rules.add_perm("workshops.create_workshop", facilitates | is_panel_manager)
rules.add_perm("workshops.take_part", may_work)
rules.add_perm("workshops.edit_note", may_work & note_is_visible)
# Taking one's own note back, or a facilitator tidying the board.
rules.add_perm("workshops.remove_note", may_work & (is_note_author | runs_workshop))
rules.add_perm("workshops.hide_note", sees_workshop & runs_workshop)
rules.add_perm("workshops.lock_board", sees_workshop & runs_workshop)
rules.add_perm("workshops.comment_on_note", may_work & note_is_visible)
rules.add_perm("workshops.remove_comment", is_note_author & comment_is_public)
rules.add_perm("workshops.hide_comment", sees_workshop & runs_workshop)
rules.add_perm("workshops.read_hidden", sees_workshop & (runs_workshop | is_note_author))
rules.add_perm("workshops.read_booklet", sees_workshop)
