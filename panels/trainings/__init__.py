"""Innoagent trainings, a small app inside panels (label ``trainings``): South Ostrobothnia's
model trains innoagents, level I professionals and level II experts by experience
(field/004). Staff of a region record a training — its name, the level it grants, the day it
was held, its trainers — and its attendees, and mark each attendee's completion, which grants
the level (accounts.qualifications).

- ``models``: ``Training`` and ``TrainingAttendance`` (one attendee, whether and when they
  completed it, and the qualification that completion granted).
- ``rules``: who runs a training (staff of its region, administrators) — the whole matrix.
- ``services``: adding and removing attendees, marking completion (grants the level through
  accounts.qualifications.services.grant and tells the person once, never the actor) and
  undoing it (revokes that qualification), each in one transaction.
- ``forms``: the attendee form, and ``FacilitatorLevelMixin``, which panels' admin form uses
  to refuse a panel whose required innoagent level no facilitator holds.
- ``views``, ``urls`` (mounted in panels.urls, namespace ``panels``): a training's
  attendance page, where completion is marked.
- ``admin``: trainings in the Wagtail admin under "Panels", scoped to the staff member's
  regions.
- ``personal_data``: the trainings a person attended or gave, in their data export. Deleting
  an account deletes their attendance rows (the foreign key cascades) and their places as
  trainers; a training they recorded stays, without its recorder.
- ``demo``: South Ostrobothnia's level I and level II trainings (``seed_trainings``).
"""
