"""The live foundation: everything Kohtaamo needs to talk live, and nothing about what is said.

- ``frames``: websocket consumers that speak JSON frames, and the error frames for bad ones.
- ``discussion``: the base consumer of a live discussion (join, hello, post, catch-up by id,
  presence, access rechecked while the socket is open); an app plugs its discussion in by
  filling in a few methods (ideas' threads, panel meetings' rooms).
- ``catch_up``: how a change is turned into a frame, and how a reconnecting or polling client
  gets everything after the last id it saw (over the socket and over HTTP).
- ``access``: asking the open sockets of a person to check their access again.
- ``ratelimit``: one per-person limit for posting, counted in the cache.
- ``groups``: sending to a channel-layer group from synchronous code.
- ``person``: the per-person channel ``/ws/me/`` (notification badge).
- ``models``: what spoken words and their moderation records have in common (abstract).
- ``static/live/``: the client scripts, with the polling fallback.

It imports from ``accounts`` only: ideas and panels build on it, never the reverse. The
client script speaks the frames of every discussion; a page turns on what it shows (replies,
a support count, a room's state) with data attributes.
"""
