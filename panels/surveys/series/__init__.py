"""Survey series, a small app inside panels/surveys (label ``survey_series``): the same
questions asked again, round after round (on joining a panel, then every six months), and the
life wheel over time.

- ``models``: a series, its rounds (each one survey), and a person's own sealed copy of the
  life-wheel ratings they gave in an anonymous round (``OwnWheel``; what a database reader
  learns of it is in ``own``).
- ``domains``: which domain of one round is which of another (matched by position).
- ``own``: sealing and opening a person's own copy, kept when they answer a round, and their
  wheels over time.
- ``change``: the group's change per domain from round to round, with the small-number
  suppression, and its CSV.
- ``services``: starting a series' first and next round (a copy of the previous survey).
- ``rules``, ``forms``, ``views``, ``urls`` (mounted at /surveys/series/), ``admin``
  (Panels → Survey series in the Wagtail admin), ``personal_data``, ``demo``.
"""
