"""Cursor pagination in a fixed order (by id, oldest first), so that a reader walking the
pages while rows are added sees no row twice and misses none."""

from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
