"""An idea's comment thread: as its page draws it, and live.

- ``drawn``: the thread's comments as HTML for one reader, each remembered by what it shows
  and what the reader may do with it.
- ``live``: what is broadcast to an idea's live thread and what a client catching up is
  sent, plugged into the live foundation (the ``live`` app).
- ``consumers``, ``routing``: the thread's websocket at /ws/ideas/<id>/.
"""
