"""Regions, their panels, and who belongs to them; "who acts for a region".

- ``models``: regions (with ``Region.objects.served_by``, the one answer to who acts for a
  region), panels, memberships, invitations.
- ``rules``: the panel's permission matrix, and ``is_region_official`` / ``serves_region``,
  which every app asks about a region's officials.
- ``services``: joining, applying, deciding, leaving, removal, invitations.
- ``forms``, ``views``, ``urls`` (mounted at /panels/), ``wagtail_hooks`` and
  ``scoped_admin`` (the "Panels" group of the Wagtail admin, scoped to a person's regions),
  ``demo``.
- ``meetings/``: meetings, attendance, minutes and the meetings' live rooms.
- ``attachments/``: documents attached to meetings and idea rounds, and who may download them
  (the ``before_serve_document`` hook in ``wagtail_hooks``).
- ``surveys/``: surveys, their answers and results.
- ``workshops/``: co-design workshops on shared live boards (the SOSKU boards and cards),
  and their documentation booklets.
"""
