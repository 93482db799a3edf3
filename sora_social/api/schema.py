"""OpenAPI schema: every operation documents, in the shared error shape, the errors it can answer with.

Which ones follow from the view, so no view lists them by hand (an explicit `extend_schema(responses=...)` wins):
- 401 where the view needs a signed-in member (and its first authenticator names a WWW-Authenticate challenge);
- 403 and 503 everywhere;
- 404 where the path or the request body names an object (an `id` or `*_id` field);
- 400 where the operation takes input (a body, query parameters, or a change of state);
- 409 and 422 where it changes state (a conflict with the current state; a product rule refusing the content);
- 413 and 415 where it takes a body (size cap; a content type its parsers do not read);
- 406 where the view answers in bytes, not JSON (it has no JSON renderer), so an `Accept` it cannot meet is refused;
- 429 where the view throttles this method.
"""

import re

from drf_spectacular.contrib.django_allauth import XSessionTokenAuthenticationScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance
from rest_framework import serializers
from rest_framework.permissions import AllowAny

ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message", "fields"],
    "properties": {
        "code": {
            "type": "string",
            "description": "Machine-readable reason, e.g. invite_invalid. For a 400 about fields it is always "
            "invalid_input; each field's own codes are in `fields`.",
        },
        "message": {"type": "string", "description": "A sentence the app can show."},
        "fields": {
            "type": "object",
            "description": "Per field (dotted for nested ones), its errors.",
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
        "retry_after_s": {"type": "integer", "description": "With 429 and 503: seconds to wait before retrying."},
    },
    "additionalProperties": True,
}

ERROR_DESCRIPTIONS = {
    "400": "The request does not match its documented shape (code invalid_input, per-field errors in `fields`).",
    "401": "Not signed in, or the session token is expired or not valid (WWW-Authenticate is set).",
    "403": "Signed in, but not allowed to do this.",
    "404": "Not found, or not visible to you.",
    "406": "None of the media types in `Accept` is served here.",
    "409": "Conflicts with the current state (e.g. already published).",
    "413": "The request body is too large.",
    "415": "The request's content type is not accepted here.",
    "422": "Well formed, but a product rule refuses its content; changing the content can fix it.",
    "429": "Rate limited; retry after `retry_after_s` seconds (Retry-After).",
    "503": "A service this request needs is briefly unavailable; retry after `retry_after_s` seconds.",
}

_CHANGES_STATE = {"POST", "PUT", "PATCH", "DELETE"}


class SessionTokenAuthenticationScheme(XSessionTokenAuthenticationScheme):
    """Our subclass of allauth's session token authentication, documented as allauth's."""

    target_class = "sora_social.api.permissions.SessionTokenAuthentication"


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, adding the error responses each operation can give."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        component = ResolvedComponent(name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA)
        registry.register_on_missing(component)
        responses = operation.setdefault("responses", {})
        for status in self.error_statuses(operation):
            responses.setdefault(
                status,
                {"description": ERROR_DESCRIPTIONS[status], "content": {"application/json": {"schema": component.ref}}},
            )
        return operation

    def _map_basic_serializer(self, serializer, direction):
        """In a response object, a field built from a model is required: DRF writes it on every response (null where
        it has no value), though a model default makes it optional on input. Without this a generated client types
        `state` or `status` as `X | Unset`. A field declared with `required=False` on a serializer (the keys of
        `state_times` or of a notification's `data`, which come and go) stays optional."""
        schema = super()._map_basic_serializer(serializer, direction)
        if direction != "response" or not schema.get("properties"):
            return schema
        serializer = force_instance(serializer)
        if not isinstance(serializer, serializers.ModelSerializer):
            return schema
        declared = serializer._declared_fields
        required = set(schema.get("required", []))
        for name in schema["properties"]:
            field = serializer.fields.get(name)
            if field is not None and (field.required or name not in declared or field.read_only):
                required.add(name)
        schema["required"] = [name for name in schema["properties"] if name in required]
        return schema

    def error_statuses(self, operation: dict) -> list[str]:
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        changes_state = self.method in _CHANGES_STATE
        statuses = {"403", "503"}
        if self._needs_member():
            statuses.add("401")
        if any(parameter.get("in") == "path" for parameter in parameters) or self._body_names_an_object(operation):
            statuses.add("404")
        if has_body or changes_state or any(parameter.get("in") == "query" for parameter in parameters):
            statuses.add("400")
        if changes_state:
            statuses |= {"409", "422"}
        if has_body:
            statuses |= {"413", "415"}
        if self.view.get_throttles():
            statuses.add("429")
        if not any(getattr(renderer, "format", None) == "json" for renderer in self.view.get_renderers()):
            statuses.add("406")
        return sorted(statuses)

    def _body_names_an_object(self, operation: dict) -> bool:
        """Whether the request body has an `id` or `*_id` field (a draft to publish, a report's target)."""
        for content in operation.get("requestBody", {}).get("content", {}).values():
            schema = content.get("schema", {})
            if "$ref" in schema:
                name = schema["$ref"].rsplit("/", 1)[-1]
                component = self.registry._components.get((name, ResolvedComponent.SCHEMA))
                schema = component.schema if component is not None else {}
            if any(field == "id" or field.endswith("_id") for field in schema.get("properties", {})):
                return True
        return False

    def _needs_member(self) -> bool:
        if all(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            return False
        authenticators = self.view.get_authenticators()
        return bool(authenticators) and bool(authenticators[0].authenticate_header(self.view.request))


def enum_varnames_hook(result, generator, request, public):
    """Names for enum values that are not identifiers ("360p", "16:9"), as `x-enum-varnames`, so that a generated
    client says `ResolutionEnum.V360P` rather than `ResolutionEnum.VALUE_0` (openapi-python-client and
    openapi-generator read the extension; other tools ignore it)."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        values = schema.get("enum")
        if not values or not all(isinstance(value, str) for value in values):
            continue
        if all(value.isidentifier() for value in values):
            continue
        names = []
        for value in values:
            name = "_".join(re.findall(r"[A-Za-z0-9]+", value)).upper() or "EMPTY"
            names.append(f"V{name}" if name[0].isdigit() else name)
        if len(set(names)) == len(names):
            schema["x-enum-varnames"] = names
    return result
