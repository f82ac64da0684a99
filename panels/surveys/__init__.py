"""Surveys, a small app inside panels (label ``surveys``): staff build them for a region's
panels, for roles (the region's staff or decision-makers, all experts by experience) or for
everyone; people answer them, or are interviewed by staff and experts by experience who answer
on their behalf, and see the results.

- ``models``: surveys, questions, choices, responses, answers, the anonymous "has answered"
  markers, the anonymous answers waiting to be stored in a group, how many interviews each
  interviewer did, and the invariants that keep anonymous answers and interviews unlinkable.
- ``sealing``: how a waiting anonymous answer is encrypted and padded.
- ``rules``: who may see, answer, interview for, read the results of, export and change a
  survey.
- ``services``: answering, interviewing (stored once per interview id), storing anonymous
  answers in shuffled groups, announcing an opened survey, and what "my impact" asks.
- ``forms``: the answer form built from the questions, and the interview form around it
  (``static/surveys/interview.js`` keeps interviews sent offline on the device until sent).
- ``results``: counts, percentages and averages, computed in the database, also split
  by channel or client group with small groups suppressed; ``charts``: the
  geometry of the server-drawn SVG charts.
- ``views``, ``urls`` (mounted at /surveys/), ``admin`` (the builder in the Wagtail admin,
  Panels → Surveys), ``demo``, and ``manage.py notify_opened_surveys``.
"""
