"""Surveys, a small app inside panels (label ``surveys``): staff build them for a region's
panels or for everyone; people answer them and see the results.

- ``models``: surveys, questions, choices, responses, answers, the anonymous "has answered"
  markers, the anonymous answers waiting to be stored in a group, and the invariants that
  keep anonymous answers unlinkable.
- ``sealing``: how a waiting anonymous answer is encrypted and padded.
- ``rules``: who may see, answer, read the results of, export and change a survey.
- ``services``: answering, storing anonymous answers in shuffled groups, announcing an opened
  survey, and what "my impact" asks.
- ``forms``: the answer form built from the questions.
- ``results``: counts, percentages and averages, computed in the database; ``charts``: the
  geometry of the server-drawn SVG charts.
- ``views``, ``urls`` (mounted at /surveys/), ``admin`` (the builder in the Wagtail admin,
  Panels → Surveys), ``demo``, and ``manage.py notify_opened_surveys``.
"""
