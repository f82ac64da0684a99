"""Innoagent qualifications, a small app inside accounts (label ``qualifications``): the
levels of South Ostrobothnia's innoagent model that a person holds, each with the day it was
granted and the training that granted it (field/004: level I for professionals, level II for
experts by experience).

- ``models``: ``Qualification``, one level granted to one person (kept when revoked, with
  when and by whom), and which roles each level is for (``ROLES_FOR_LEVEL``).
- ``services``: ``grant`` and ``revoke``, the only writers. Each keeps
  ``User.innoagent_level`` equal to the highest level the person holds unrevoked, in the
  same transaction, so that a badge beside a display name is read from the user row
  without another query.
- ``wagtail_hooks``: the qualifications in the Wagtail admin: staff and administrators read
  them; administrators may also grant and revoke directly (normally a training grants them,
  panels.trainings).
- ``personal_data``: a person's qualifications in their data export. Deleting an account
  deletes them (the foreign key cascades).

accounts imports no app above it, so a qualification names its training as text
(``training_name``); panels.trainings keeps the link the other way round.
"""
