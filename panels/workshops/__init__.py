"""Co-design workshops on shared live boards, a small app inside panels (label
``workshops``): the SOSKU process's boards (the regional network, the integrated services
path) and cards (client segment, client), plus a blank board.

- ``kinds``: the board templates — their regions, the colours a note may have and what each
  means, a card's fields.
- ``models``: a workshop (of a panel, maybe of one of its meetings), its boards and cards,
  the notes with their links, dot votes and comments, the change log a client catches up
  from, and the documentation booklet (decisions and next steps).
- ``rules``: who may see, run and take part (the panel's inner circle and invited guests).
- ``services``: every change, from a form or a socket, in one transaction, broadcast after
  the commit.
- ``live``, ``consumers``, ``routing``: the board's live side at /ws/workshops/boards/<id>/,
  on the live foundation (presence, catch-up by id, rate limits, access rechecked).
- ``access``: taking a facilitator or guest off a workshop closes their open boards.
- ``forms``, ``views/``, ``urls`` (mounted in panels.urls, in the ``panels`` namespace): the
  workshop page, each board's visual and structured views, the cards, the facilitator's
  controls and the booklet; ``exports`` renders the booklet as PDF, a board as PNG and its
  notes as CSV.
- ``personal_data``, ``erasure``: what a person's data export holds of workshops, and what
  deleting an account does to their notes, comments and dots.
- ``demo``: the demo's workshops (``seed_demo``).
"""
