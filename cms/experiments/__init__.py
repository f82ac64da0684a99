"""From idea to experiment to established practice, a small app inside cms (label
``experiments``).

- ``models``: the experiments index and experiment pages (structured fields, themes, the
  ideas an experiment grew from, a dated updates timeline, attachments), the practice
  library and practice pages (SOSKU's practice template), and the regions that adopted a
  practice.
- ``forms``: the experiment page's admin form (what was learned is required before it ends)
  and the adoption form.
- ``links``: writes which ideas an experiment grew from into ideas.feedback.ExperimentLink,
  so that an idea's page and "my impact" show it without importing cms.
- ``notices``: who is told when an experiment starts, posts an update and ends.
- ``signals``: publishing and unpublishing, and the page permissions of the index pages.
- ``listing``: the filters of the experiments index and the practice library.
- ``rules``: who may start an experiment from an idea (``experiments.start_from_idea``,
  which the idea's page asks without importing cms).
- ``views``, ``urls``: starting an experiment from an idea; a region's staff add their region
  to a practice's "adopted in".
- ``demo``: the Kuopio experiment from the field, a running one in Lapland and its practices.
"""
