"""The open data: a read-only public API (/api/v1/, Django REST framework with an OpenAPI 3
schema from drf-spectacular) and the daily dump of the same data as CSV and JSON files under
CC BY 4.0 (``manage.py export_open_data``, listed at /open-data/).

Only what an anonymous visitor sees on the site: every resource is read through the apps' own
visibility (``visible_to`` an anonymous user, Wagtail's ``live().public()``, the survey rules)
in ``cms.api.public``, which both the API and the dump use; nobody signs in to the API, so an
answer never depends on who asks.
"""
