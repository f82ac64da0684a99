"""Idea rounds and the ideas posted in them.

- ``models``: rounds and their phases and attachments (documents, see panels.attachments),
  ideas, comments, supports, flags and moderation records; visibility in the QuerySets
  (``visible_to``).
- ``rules``: the permission matrix of rounds, ideas and comments, and why a "no" is a no.
- ``access``: fetching what a person may see (a 404 otherwise).
- ``services``: posting, editing, withdrawing, supporting, commenting, flagging, moderating.
- ``signals``: what other parts may listen to, sent after the commit.
- ``forms``, ``views``, ``urls`` (mounted at /rounds/), ``wagtail_hooks`` (rounds in the
  Wagtail admin), ``demo``.
- ``thread/``: a comment thread, an idea's or a page's discussion's, as its page draws it
  (``drawn``) and live at /ws/ideas/<id>/ and /ws/discussions/<id>/ (``live``,
  ``consumers``, ``routing``), on the live foundation (the ``live`` app).
- ``discussions/``: comments on Wagtail pages (PageDiscussion, written by cms): what cms
  calls on publishing and to draw the thread, and the form's and catch-up's views.
- ``feedback/``: what became of an idea: statuses, official responses, clarifications, the
  response-time dashboard and "my impact".
"""
