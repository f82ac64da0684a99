"""Full-text matching of model fields in the database: PostgreSQL's text search with the
reader's language, or on SQLite every word found somewhere in the fields (``icontains``).

Either way a match is annotated with ``search_rank``: PostgreSQL's ``SearchRank`` (title
words weigh more), on SQLite 1 where the title holds every word, else 0; results are then
ordered newest first within a rank.
"""

import re

from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When

# PostgreSQL's text-search configurations by UI language; "simple" only folds case.
CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
FALLBACK_CONFIG = "simple"
# A query is cut to this many words: each is a condition on every field.
MAX_WORDS = 8
WORD = re.compile(r"\w+")


def config_for(language):
    return CONFIGS.get((language or "").split("-")[0], FALLBACK_CONFIG)


def words_of(query):
    """The words a query looks for, lower-cased: what the highlighter marks and what SQLite
    matches. A word after a minus (websearch's "not") is left out."""
    wanted = []
    for match in re.finditer(r"(-?)(\w+)", query):
        if not match.group(1) and match.group(2).lower() != "or":
            wanted.append(match.group(2).lower())
    return wanted[:MAX_WORDS]


def text_match(queryset, *, title, body, query, language):
    """``queryset`` narrowed to the rows whose ``title`` or ``body`` fields (lists of field
    names; ``title`` may be empty) match ``query``, annotated with ``search_rank``."""
    if connection.vendor == "postgresql":
        return _postgres_match(queryset, title, body, query, config_for(language))
    return _word_match(queryset, title, body, words_of(query))


def _postgres_match(queryset, title, body, query, config):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector(*body, config=config, weight="B")
    if title:
        vector = SearchVector(*title, config=config, weight="A") + vector
    wanted = SearchQuery(query, config=config, search_type="websearch")
    return (
        queryset.alias(search_document=vector)
        .filter(search_document=wanted)
        .annotate(search_rank=SearchRank(F("search_document"), wanted))
    )


def _word_match(queryset, title, body, words):
    if not words:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    in_title = Q()
    for word in words:
        queryset = queryset.filter(_any_field(title + body, word))
        in_title &= _any_field(title, word) if title else Q(pk__in=[])
    return queryset.annotate(
        search_rank=Case(
            When(in_title, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
        )
    )


def _any_field(fields, word):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition
