"""The OpenAPI schema as a contract: every response a test gets from `/api/` is checked against it (issue 19).

tests/conftest.py routes every Django test client (Client, APIClient, the `client`, `api_client` and `client_for`
fixtures) through `check_response`. A response passes only if the schema documents its operation, its status and
its content type, and its body matches the documented shape. The schema is made stricter for the check than it is
served: an object that lists its properties admits no others, so a field the schema does not name fails the test
that received it, as a new status does. A route the schema does not have may only answer 404 or 405 in the error
shape, and 405 (a method the path does not have, so no operation to document it on) is checked for its shape only.

Left out: the schema and its docs page, the signed media URLs (bytes with byte ranges; tests/test_media_delivery.py checks
their errors), and allauth's headless API, which keeps allauth's own documented shape (/_allauth/openapi.json).
"""

import functools
import json
import threading

from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

UNCHECKED_PREFIXES = ("/api/v1/schema", "/api/v1/docs", "/api/v1/media/")


class ResponseOnlyRequest(DjangoOpenAPIRequest):
    """The request as openapi-core needs it to find the operation of a response: never its body, which Django
    will not give twice once a multipart upload has been parsed (requests are checked by the views themselves)."""

    @property
    def body(self) -> bytes:
        return b""


class ResponseOutsideTheContract(AssertionError):
    """A response the schema does not document: the server or the schema must change, not the test."""


def strict(node):
    """A copy of a schema in which each object that lists its properties admits no other properties."""
    if isinstance(node, list):
        return [strict(value) for value in node]
    if not isinstance(node, dict):
        return node
    copied = {key: strict(value) for key, value in node.items()}
    if "properties" in copied and "additionalProperties" not in copied:
        copied["additionalProperties"] = False
    return copied


@functools.cache
def served_schema() -> dict:
    """The schema exactly as `/api/v1/schema/?format=json` serves it (plain JSON types, no lazy strings)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


_building = threading.Lock()


def strict_openapi() -> OpenAPI:
    # Built once under a lock: requests raced on threads (tests of concurrency) checked their answers at once, and
    # drf-spectacular's generator, run on several threads together, failed on half-built state.
    with _building:
        return _strict_openapi()


@functools.cache
def _strict_openapi() -> OpenAPI:
    # from_dict also validates the document itself against OpenAPI 3.0.
    return OpenAPI.from_dict(strict(served_schema()))


def is_checked(path: str) -> bool:
    return path.startswith("/api/") and not path.startswith(UNCHECKED_PREFIXES)


def check_response(response) -> None:
    """Raise ResponseOutsideTheContract unless the schema documents this response of an `/api/` route."""
    request = getattr(response, "wsgi_request", None)
    if request is None or not is_checked(request.path) or getattr(response, "streaming", False):
        return
    if response.status_code == 405:
        # A method the path does not have: there is no operation to document it on (openapi-core may even match a
        # templated sibling, /cameos/{cameo_id}/ for GET /cameos/challenge/), so only its shape is checked.
        _check_unrouted(request, response, "a method this path does not have")
        return
    try:
        strict_openapi().validate_response(ResponseOnlyRequest(request), DjangoOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound) as exc:
        _check_unrouted(request, response, exc)
    except Exception as exc:
        raise ResponseOutsideTheContract(
            f"{request.method} {request.path} answered {response.status_code} "
            f"{response.get('Content-Type')}, which the schema does not document: {_explain(exc)}\n"
            f"body: {response.content[:600]!r}"
        ) from exc


def _check_unrouted(request, response, exc) -> None:
    """A route or method the schema does not have may only be refused, in the error shape."""
    if response.status_code not in (404, 405):
        raise ResponseOutsideTheContract(
            f"{request.method} {request.path} is not in the schema ({exc}) but answered {response.status_code}"
        )
    try:
        body = json.loads(response.content)
    except ValueError:
        body = None
    if not (isinstance(body, dict) and {"code", "message", "fields"} <= body.keys()):
        raise ResponseOutsideTheContract(
            f"{request.method} {request.path} answered {response.status_code} outside the error shape: "
            f"{response.content[:300]!r}"
        )


def _explain(exc: Exception) -> str:
    """openapi-core's error with the schema errors it wraps (the useful part is in __cause__ and schema_errors)."""
    parts = [f"{type(exc).__name__}: {exc}"]
    cause = exc.__cause__
    while cause is not None:
        parts.append(f"{type(cause).__name__}: {cause}")
        for error in getattr(cause, "schema_errors", ()) or ():
            parts.append(f"  - {'.'.join(str(p) for p in error.absolute_path)}: {error.message[:300]}")
        cause = cause.__cause__
    return "\n".join(parts)
