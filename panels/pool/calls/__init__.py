"""Calls to the forerunner pool, a small app inside panels.pool (label ``pool_calls``): staff
post a development task to their region's pool ("five people who use disability transport to
test the new booking"), the members it is meant for are told and sign up, staff confirm the
places, everyone who signed up hears the outcome, and the results are posted back to the call
and show on each participant's "my impact" (field/004: Kanta-Häme keeps "an active dialogue
on various development tasks" with its forerunners).

- ``models``: a call (the task, places, dates, payment, draft → open → closed → reported, the
  results), its criteria (municipalities, client groups, languages, screening answers) and
  its sign-ups.
- ``matching``: which pool members a call is for — one function, used for the notices, the
  call page and signing up.
- ``rules``: the permission matrix — region staff run calls, members and officials see them.
- ``services``: every change in one transaction; notices once, never to the person acting.
- ``forms``, ``views``, ``urls`` (mounted in panels.urls, in the ``panels`` namespace),
  ``templatetags`` (the call list on the pool page), and ``admin`` (calls in the Wagtail admin,
  scoped to the staff member's regions).
- ``impact``: the calls a person took part in, for ideas.feedback's "my impact".
- ``personal_data``, ``erasure``: what a person's data export holds of calls, and what
  deleting an account does to their sign-ups.
- ``demo``: the demo's transport-service call in Kanta-Häme (``seed_calls``).
"""
