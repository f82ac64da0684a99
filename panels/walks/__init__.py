"""Observation walks ("a day in the life", havainnointikävely), a small app inside panels
(label ``walks``): experts by experience, developer-clients and staff walk a service's route
— a hospital ward, a health centre — and note what they see at each place: signage, waiting,
encounters, accessibility (field/004: Central Finland's "Päivä elämässä" -kävely).

- ``models``: a region's walk template (its ordered places and the aspects to observe at
  each), a walk on a template (its date, its observers, planned → walking → report
  published), and the findings observers record, with an optional photo that staff review.
- ``rules``: the permission matrix — region staff run walks, observers record while the walk
  is on, who reads a draft or a published report, who sees which photo.
- ``services``: every change in one transaction; notices to observers and uploaders.
- ``photos``: what an uploaded photo must be (a real image, at most 5 MB) and how it is
  stored (re-encoded without its metadata, e.g. a phone's location).
- ``forms``, ``views``, ``urls`` (mounted in panels.urls, in the ``panels`` namespace), and
  ``admin`` (templates and walks in the Wagtail admin, scoped to the staff member's regions).
- ``personal_data``, ``erasure``: what a person's data export holds of walks, and what
  deleting an account does to their findings and photos.
- ``demo``: the demo's hospital ward walk in Central Finland (``seed_demo``).

A finding becomes an idea in ideas (ideas.origins.walk_findings): ideas knows walks, never the other
way round.
"""
