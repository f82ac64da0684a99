"""Spontaneous feedback ("spontaani palaute"), a small app inside ideas (label
``service_feedback``): anyone, signed in or not, tells a region what happened in one of its
services and what would be better; the region's staff answer every item publicly.

Not to be confused with ``ideas.feedback``, which is what became of ideas (statuses, official
responses, the response-time dashboard). The two meet in that dashboard, which counts
feedback beside ideas (``timeliness`` here gives it the figures).

- ``models``: ``Feedback`` and its outcomes. Anonymous feedback stores nothing that leads back
  to its sender: no user, no address, and a creation time rounded to the hour.
- ``rules``: who triages (the region's staff and administrators).
- ``services``: giving feedback (the personal-details guard, the rate limit) and triage into
  one of four outcomes, an idea among them, with the notice or the one e-mail that goes with
  it; the e-mail address is erased as the answer is sent.
- ``forms``, ``views``, ``urls`` (mounted at /feedback/): the public form, the staff inbox and
  triage page, the public page of a region's answered feedback.
- ``timeliness``: the dashboard's figures for feedback, and its split by client group.
- ``admin`` (through ``wagtail_hooks``): the inbox in the Wagtail admin, scoped to the staff's
  regions. ``personal_data``, ``erasure``, ``demo``.
"""
