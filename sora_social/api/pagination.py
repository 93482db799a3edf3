"""Opaque cursor pagination; a bad or forged cursor is a 400, not a 404."""

import datetime

from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from sora_social.api.errors import ApiError

# The query parameters of every paged list, for the OpenAPI schema.
CURSOR = OpenApiParameter("cursor", OpenApiTypes.STR, description="Opaque cursor from the previous page.")
PAGE_SIZE = OpenApiParameter("page_size", OpenApiTypes.INT, description="Items per page (1-50).")


class CreatedCursorPagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ApiError("invalid_cursor", "The cursor is not valid.") from exc

    def decode_cursor(self, request):
        """DRF's cursors are unsigned, so the position is checked before it reaches a query: it must be a time the
        database can compare (one near the ends of the calendar overflows once converted to UTC)."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            try:
                moment = parse_datetime(cursor.position)
            except ValueError:
                moment = None
            if moment is None or not (datetime.MINYEAR < moment.year < datetime.MAXYEAR):
                raise NotFound("Invalid cursor")
        return cursor

    def get_page_size(self, request):
        try:
            return super().get_page_size(request)
        except (TypeError, ValueError):
            return self.page_size
