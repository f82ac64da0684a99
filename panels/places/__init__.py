"""Where things happen and for whom officials speak: a region's municipalities and
organisations, and which organisation a staff member or decision-maker works for.

The models are panels' own (``Municipality``, ``Organisation``, ``Affiliation``,
``Panel.municipality`` and ``Panel.organisations`` in panels.models); this package holds no
models and is no Django app, only what works on them:

- ``filters``: the municipality select (grouped by region, read in one query) and the one
  definition of "in a municipality": its own rows and its region's rows that belong to no
  municipality (the whole region's), which every list and the dashboard share.
- ``admin``: the Wagtail admin of municipalities, organisations and affiliations, scoped to
  the staff's regions (registered in the "Panels" group by panels.wagtail_hooks); and the
  check that a panel's municipality and organisations are of its region.
- ``demo``: Lapland's and North Karelia's municipalities, Lapland's organisations and who
  works for them (called from panels.demo).

The template of the list filter is ``panels/templates/places/municipality_filter.html``.
"""
