"""OpenAPI schema hooks: every operation documents the shared error shape."""

ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message", "fields"],
    "properties": {
        "code": {"type": "string", "description": "Machine-readable reason, e.g. invite_invalid."},
        "message": {"type": "string"},
        "fields": {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
    },
    "additionalProperties": True,
}

_DEFAULT_ERRORS = {
    "400": "Bad input.",
    "401": "Not signed in.",
    "403": "Not allowed.",
    "404": "Not found (or not visible to you).",
    "409": "Conflicts with the current state (e.g. already ended).",
    "413": "The upload is too large.",
    "422": "Refused by policy.",
    "429": "Rate limited.",
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status_code, description in _DEFAULT_ERRORS.items():
                responses.setdefault(
                    status_code, {"description": description, "content": {"application/json": {"schema": ref}}}
                )
    return result
