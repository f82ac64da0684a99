"""The front page that shows the forum alive: what is happening now in the visitor's region.

- ``overview``: the "what is happening now" summary (open rounds with their phase and idea
  counts, "you said, we did", upcoming meetings and open live rooms, open surveys, running
  experiments, three headline figures), built with a fixed number of queries and cached for
  anonymous visitors only.
- ``caching``: the generation key that the receivers in ``signals`` bump whenever something the
  overview shows changes.
- ``regions``: the visitor's chosen region, remembered in a cookie; ``views`` sets it.
- ``models``: ``RegionHomePage``, a region's landing page of the same kind as the home page.
"""
