"""Forerunner pools, recruiting people into them (or into a panel), and calling them to
development tasks (field/004: Kanta-Häme's forerunners, kept in "an active dialogue on
various development tasks"), a small app inside panels (label ``pool``).

- ``models``: a region's pool and its members (interests, availability, paused or not); a
  public recruitment page for a pool or a panel with its screening questions; applications
  with their answers. Calls to the pool live in ``calls``.
- ``rules``: the permission matrix — public pages, the region staff's queue, a member's own
  membership.
- ``services``: applying (signed in, or signed out with an e-mailed confirmation link that
  links or creates the account), staff decisions and their notices, a member pausing,
  resuming and leaving, and the purge of unconfirmed applications.
- ``forms``, ``views``, ``urls`` (mounted in panels.urls, in the ``panels`` namespace:
  panels:recruitment, panels:recruitment_queue, panels:pool), ``profile_urls`` (a person's
  own pools beside their profile: pool:my_pools), and ``admin`` (pools and recruitment pages
  with their questions in the Wagtail admin, scoped to the staff member's regions; registered
  by ``wagtail_hooks``).
- ``personal_data``, ``erasure``: what a person's data export holds of pools and
  applications, and what deleting an account does to them.
- ``demo``: Kanta-Häme's forerunner pool, its recruitment page and twelve applicants
  (``seed_demo``, through panels.demo).
- ``calls``: calls to the pool (its own package).
"""
