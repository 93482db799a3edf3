"""One page shape for every list: `{"items": [...], "next_cursor": "..." | null}`, plus the list's `state` and
`message` where a list has one (a teen's daily cap). The cursor is opaque; a bad or forged one is a 400, not a 404.

Only the cursor is sent, not a next URL: a phone app asks for the same path again with `?cursor=`, and no absolute
URL (which depends on the proxy's Host header) sits beside the relative media URLs.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from sora_social.api.errors import ApiError

NEXT_CURSOR_HELP = "Pass as `cursor` to get the next page; null on the last page."

# The query parameters of every paged list, for the OpenAPI schema.
CURSOR = OpenApiParameter("cursor", OpenApiTypes.STR, description="Opaque cursor from the previous page.")
PAGE_SIZE = OpenApiParameter("page_size", OpenApiTypes.INT, description="Items per page (1-50).")


class CreatedCursorPagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 50  # as PAGE_SIZE documents, and as the feed caps it (FEED_MAX_PAGE_SIZE)

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
            # Handed to the query in UTC: PostgreSQL refuses an offset past 15:59 (a forged "-23:59" was a 500).
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=datetime.UTC)
            cursor = cursor._replace(position=moment.astimezone(datetime.UTC).isoformat())
        return cursor

    def next_cursor(self) -> str | None:
        """The opaque cursor of the next page, or None on the last page (DRF only builds it into a URL)."""
        link = self.get_next_link()
        if link is None:
            return None
        return parse_qs(urlsplit(link).query)[self.cursor_query_param][0]

    def get_paginated_response(self, data):
        return Response(page_body(data, self.next_cursor()))

    def get_paginated_response_schema(self, schema):
        return page_schema(schema)

    def get_page_size(self, request):
        """As the feed reads it: a whole number, held to 1..max_page_size; anything else is a 400 (DRF served the
        default size for "abc", so a client's bug went unseen)."""
        return page_size_from(request.query_params.get(self.page_size_query_param), default=self.page_size,
                              largest=self.max_page_size)


def page_size_from(raw: str | None, *, default: int, largest: int | None = None) -> int:
    """The page size a list was asked for: absent is `default`, a whole number is held to 1..largest (at least 1 where
    the caller holds the top itself), anything else is a 400 `page_size_invalid`."""
    if raw is None or raw == "":
        return default
    try:
        asked = int(raw)
    except ValueError as exc:
        raise ApiError("page_size_invalid", "page_size is a whole number.") from exc
    return max(1, asked if largest is None else min(asked, largest))


def page_body(items: list, next_cursor: str | None, **list_state) -> dict:
    """A page as every list sends it; `list_state` is `state` and `message` on lists that have them."""
    return {**list_state, "items": items, "next_cursor": next_cursor}


def page_schema(item_schema: dict) -> dict:
    return {
        "type": "object",
        "required": ["items", "next_cursor"],
        "properties": {
            "items": item_schema,
            "next_cursor": {
                "type": "string",
                "nullable": True,
                "description": NEXT_CURSOR_HELP,
            },
        },
    }


def page_serializer(item_serializer, *, name: str | None = None):
    """A serializer that documents a page of `item_serializer` items, for lists that are not cursor-paged
    querysets (a short fixed catalogue is still sent as one page, so every list reads the same)."""
    from rest_framework import serializers

    item_name = name or item_serializer.__name__.removesuffix("Serializer").removesuffix("Output")
    return type(
        f"{item_name}PageSerializer",
        (serializers.Serializer,),
        {
            "items": item_serializer(many=True),
            "next_cursor": serializers.CharField(allow_null=True, help_text=NEXT_CURSOR_HELP),
        },
    )
