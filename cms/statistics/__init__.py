"""Participation and influence statistics, per region and for the whole platform.

``figures`` defines every figure (what it counts, its unit) and computes it month by month
with aggregate queries, with the small-number suppression of ``suppression``; ``periods``
reads and checks the month range; ``charts`` draws the SVG geometry; ``views`` and ``urls``
serve the public pages with a CSV and a JSON per figure; ``blocks`` holds the live statistic
block that impact reports embed. The open-data API and the front page use ``figures``.
"""
