"""A person's rights over their data (GDPR): what Kohtaamo holds about them and for how long.

- ``export``: everything held about a person as one ZIP (art. 15 and 20), assembled from the
  sections each app contributes through ``personal_data_requested``; ``downloads`` takes an
  export from the request to its deletion, ``tasks`` builds it in the background, ``views``
  and ``admin_views`` are the person's and the staff's pages.
- ``erasure`` and ``deletion``: deleting an account (art. 17).
- ``retention``: how long what is kept.
"""
