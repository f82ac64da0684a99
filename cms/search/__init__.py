"""One search across the platform: ideas, comments, idea rounds, experiments, practices, pages
and impact reports that the person may see, ranked, highlighted and filtered by type, region
and theme, on one results page (``/search/``).

Pages are found through Wagtail's search (``backend``: each page indexed with its own
language's PostgreSQL text-search configuration); ideas, comments and rounds through the
database's full-text search (``text``: PostgreSQL's ``finnish``, ``swedish`` or ``english``
configuration by the reader's language, every word with ``icontains`` on SQLite). What a
person may see is never decided here: ``finding`` asks the apps' ``visible_to`` QuerySets and
Wagtail's live and public pages.
"""
