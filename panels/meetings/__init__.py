"""Panel meetings and their live rooms, a small app inside panels (label ``meetings``).

- ``models``: meetings, attendance, a meeting's live room and its messages and moderation,
  the documents attached to a meeting (panels.attachments).
- ``rules``: who may see, run and speak in a live room (the meeting rules themselves are the
  panel's, in panels.rules).
- ``services``: saving a meeting and publishing its minutes, signing up, recording who came;
  opening and closing a room, posting, editing, removing, hiding and restoring messages.
- ``forms``, ``views``, ``urls`` (mounted in panels.urls, names in the ``panels`` namespace).
- ``live``, ``consumers``, ``routing``: the room's live discussion at
  /ws/meetings/<id>/room/, on the live foundation; ``access`` closes the room sockets of
  someone whose place in the panel ends mid-session.
- ``admin``: meetings and their attachments in the Wagtail admin (Panels → Meetings);
  ``demo``: the demo meetings.
"""
