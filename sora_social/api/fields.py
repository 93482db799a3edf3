"""Serializer fields shared by the API's apps."""

from datetime import datetime

from django.utils.dateparse import parse_datetime
from rest_framework import serializers


def api_datetime(value: datetime | str | None) -> str | None:
    """A timestamp exactly as DRF's DateTimeField writes it (UTC, ending in Z), for hand-built payloads and for
    timestamps stored as text (`.isoformat()` gives +00:00); None and unreadable text stay as they are."""
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            return value
        value = parsed
    return serializers.DateTimeField().to_representation(value)
