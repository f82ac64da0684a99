"""A comment thread, an idea's or a page's discussion's (PageDiscussion): as its page draws
it, and live.

- ``drawn``: the thread's comments as HTML for one reader, each remembered by what it shows
  and what the reader may do with it.
- ``live``: what is broadcast to a live thread and what a client catching up is sent,
  plugged into the live foundation (the ``live`` app).
- ``consumers``, ``routing``: the threads' websockets at /ws/ideas/<id>/ and
  /ws/discussions/<id>/.
"""
