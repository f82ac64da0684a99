"""The feedback loop, a small app inside ideas (label ``feedback``): what became of an idea.

- ``statuses``: the statuses an idea moves through and where it may go from each.
- ``models``: status changes, official responses and their earlier versions, what the
  people they answer said of them ("did this answer the idea?"), citations in impact reports.
- ``rules``: who moves ideas along, answers them, and asks for clarification.
- ``services``: changing a status, publishing and editing responses, feedback on them,
  clarification requests, and the notices that go with each.
- ``forms``, ``views`` (status, response, feedback, the clarification queue), ``urls``
  (mounted in ideas.urls, names in the ``ideas`` namespace).
- ``timeline``: an idea's responses and status changes as its page shows them.
- ``timeliness`` and ``timeliness_views``: the response-time dashboard and its CSV.
- ``my_impact``: everything a person gave and what became of it (/my-impact/).
- ``choosers``: choosing ideas for the impact reports that cms composes; ``demo``.
"""
