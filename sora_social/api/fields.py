"""Serializer fields shared by the API's apps."""

from datetime import datetime

from django.utils.dateparse import parse_datetime
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
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


class NullableObjectField(serializers.Field):
    """An object of `serializer`'s shape, or null: for output serializers that document a hand-built payload (it
    writes nothing itself).

    drf-spectacular writes `SomeSerializer(allow_null=True)` as `{allOf: [$ref], nullable: true}`, which admits no
    null under OpenAPI 3.0.3 (`nullable` only widens a `type` written beside it). This field is written as
    `oneOf: [$ref, {enum: [null]}]` instead, the null marker drf-spectacular uses for its own nullable enums."""

    def __init__(self, serializer: type[serializers.Serializer], **kwargs):
        self.serializer = serializer
        super().__init__(**kwargs)


class NullableObjectFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NullableObjectField

    def map_serializer_field(self, auto_schema, direction):
        component = auto_schema.resolve_serializer(self.target.serializer, direction)
        return {"oneOf": [component.ref, {"enum": [None]}]}


class TextInputField(serializers.CharField):
    """A CharField for text a person writes (a prompt, a caption, a comment), which takes only a JSON string.

    DRF's CharField turns a number into text: {"prompt": 12} was queued as the prompt "12", where the schema says
    string and the contract says 400 (tests/generation/test_generation_attacks_round2.py)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
