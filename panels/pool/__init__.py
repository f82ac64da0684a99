"""Forerunner pools, recruiting people into them (or into a panel), and calling them to
development tasks (field/004: Kanta-Häme's forerunners, kept in "an active dialogue on
various development tasks"), a small app inside panels (label ``pool``).

- ``models``: a region's pool and its members (interests, availability, paused or not); a
  public recruitment page for a pool or a panel with its screening questions; applications
  with their answers; calls to the pool with their criteria, places and sign-ups.
"""
