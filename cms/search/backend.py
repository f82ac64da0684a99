"""Wagtail's database search backend, with each page's language stemmed as that language.

Wagtail's PostgreSQL backend indexes every object with one text-search configuration. Here a
page is indexed with the configuration of its own locale (Finnish pages with ``finnish``,
Swedish with ``swedish``, English with ``english``) and a query is stemmed with the reader's
language; objects without a locale (images, documents) use ``simple`` on both sides. The site
search asks for pages of the reader's locale only, so a query always meets pages stemmed the
same way. On SQLite (and any other database) this is Wagtail's own database backend.

After changing the configuration of an existing database, run ``manage.py update_index``.
"""

import threading
from itertools import groupby

from django.db import connection
from django.utils import translation
from modelsearch.backends.database import SearchBackend as database_backend

from .text import config_for

NO_LANGUAGE = "simple"
# The language being indexed in this thread: the backend object is shared by every thread.
_indexing = threading.local()


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    if connection.vendor != "postgresql":
        return database_backend(params)

    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LanguageIndex(PostgresIndex):
        def add_items(self, model, objs):
            # The indexer reads the backend's configuration: index each language's objects
            # while it is that language's.
            from wagtail.models import Locale

            languages = dict(Locale.objects.values_list("pk", "language_code"))

            def language_of(obj):
                return languages.get(getattr(obj, "locale_id", None), "")

            objs = sorted(objs, key=language_of)
            for language, group in groupby(objs, key=language_of):
                _indexing.language = language or NO_LANGUAGE
                try:
                    super().add_items(model, list(group))
                finally:
                    _indexing.language = None

    class LanguageQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            if not hasattr(self.queryset.model, "locale"):
                return NO_LANGUAGE
            return config_for(translation.get_language())

    class LanguageSearchBackend(PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler

        @property
        def config(self):
            language = getattr(_indexing, "language", None)
            if language == NO_LANGUAGE:
                return NO_LANGUAGE
            return config_for(language or translation.get_language())

        @config.setter
        def config(self, value):
            # PostgresSearchBackend sets SEARCH_CONFIG in __init__: the language decides here.
            pass

    return LanguageSearchBackend(params)
