"""One error shape everywhere under /api/: {"code": ..., "message": ..., "fields": {...}}.

Every error under /api/ (signed media URLs included) has it, DEBUG or not: DRF's errors through
`api_exception_handler`, Django's own (an unknown route, a plain view's 405) through `ApiJsonErrorsMiddleware`.
allauth's `/_allauth/` endpoints keep allauth's own shape.

Which status:
- 401 `not_authenticated` / `session_invalid`, with `WWW-Authenticate`: no session token, or one that is expired
  or unknown. 403: a signed-in member who may not do this.
- 400 `invalid_input`: the request does not match its documented shape (a field missing, of the wrong type, too
  long or out of range, a value outside its enum, malformed JSON). The top-level `code` is always
  `invalid_input`; each field's own codes (`max_value`, `required`...) are in `fields`, never on top.
- 422 with the rule's own code: the request is well formed, but a product rule refuses its content, and the client
  could fix it by changing that content (a prompt that conflicts with a cameo's restriction, a teen's cameo
  level above mutuals, an @mention that names no cameo, a caption the content policy refuses).
- 404 for what does not exist or may not be seen; 409 for a conflict with the current state (already published,
  already reported); 413, 415, 429 and 503 for size, content type, rate and a service down for a moment.

A service the API depends on that is down for a moment (the object store, the Celery broker, Redis, the
database) is a 503 `service_unavailable` with `retry_after_s` and a `Retry-After` header, never a 500: raised in
a view (DRF's handler rolls the request's transaction back), after the view's transaction committed (an
on-commit publish; `ServiceUnavailableMiddleware`), or in a middleware (`handler500`).
"""

import errno
import functools
import logging
import sys
from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from sora_social.errors import ServiceError

logger = logging.getLogger(__name__)


class ApiError(exceptions.APIException):
    """An error with a machine-readable code, raised by views and services."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_request"
    default_detail = "The request is not valid."

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status_code: int | None = None,
        fields: dict | None = None,
        extra: dict | None = None,
    ):
        super().__init__(detail=message, code=code)
        self.error_code = code
        self.fields = fields or {}
        self.extra = extra or {}
        if status_code is not None:
            self.status_code = status_code


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    return {"code": code, "message": message, "fields": fields or {}, **extra}


def _field_errors(detail) -> dict:
    """DRF's nested detail as {"field": [{"code", "message"}]}; nested serializers get dotted names."""
    fields: dict = {}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, exceptions.ErrorDetail):
                    fields.setdefault(prefix or "non_field_errors", []).append(
                        {"code": item.code, "message": str(item)}
                    )
                else:
                    walk(f"{prefix}.{index}", item)
        elif isinstance(value, exceptions.ErrorDetail):
            fields.setdefault(prefix or "non_field_errors", []).append({"code": value.code, "message": str(value)})

    walk("", detail)
    return fields


def _from_django_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            field: [
                exceptions.ErrorDetail(str(e.message % e.params if e.params else e.message), e.code or "invalid")
                for e in errors
            ]
            for field, errors in exc.error_dict.items()
        }
        return exceptions.ValidationError(detail)
    errors = [
        exceptions.ErrorDetail(str(e.message % e.params if e.params else e.message), e.code or "invalid")
        for e in exc.error_list
    ]
    return exceptions.ValidationError(errors)


# ---- a service down for a moment: 503 --------------------------------------------------------------

# What a client is told to wait before retrying. Brokers, Redis and object stores come back from a restart or a
# failover within seconds; a longer outage is for the operators' alerts, not for the client's back-off.
RETRY_AFTER_S = 5
UNAVAILABLE_MESSAGE = "A service this request needs is briefly unavailable. Nothing was saved; try again in a moment."
# Errors of a local disk or network file system that mean "not now" rather than "no such file".
_STORAGE_ERRNOS = frozenset(
    {
        errno.EIO,
        errno.ENOSPC,
        errno.EROFS,
        errno.ESTALE,
        errno.ETIMEDOUT,
        errno.ENOTCONN,
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
        errno.ECONNREFUSED,
        errno.ECONNRESET,
    }
)


@functools.cache
def _outage_classes() -> tuple[tuple[type[BaseException], ...], str]:
    # lazy: botocore is only imported when an error is being classified (web processes on local disk never load it).
    import botocore.exceptions
    import kombu.exceptions
    import redis.exceptions
    from django.db import InterfaceError, OperationalError

    return (
        (kombu.exceptions.OperationalError, "broker"),
        (redis.exceptions.ConnectionError, "redis"),
        (redis.exceptions.TimeoutError, "redis"),
        (botocore.exceptions.ConnectionError, "object_store"),
        (botocore.exceptions.HTTPClientError, "object_store"),
        (OperationalError, "database"),
        (InterfaceError, "database"),
    )


def service_outage(exc: BaseException | None) -> str | None:
    """Which service an exception says is unreachable ("broker", "redis", "object_store", "database", "network",
    "storage" for a local or network disk), or None for any other error. Follows the exception's causes (a library may wrap another's)."""
    seen = 0
    while exc is not None and seen < 5:
        for classes, service in _outage_classes():
            if isinstance(exc, classes):
                return service
        if isinstance(exc, ConnectionError | TimeoutError):
            return "network"
        if isinstance(exc, OSError) and exc.errno in _STORAGE_ERRNOS:
            return "storage"
        try:
            # The object store's own answer that it cannot serve now (503 SlowDown, 500 InternalError).
            if exc.response["ResponseMetadata"]["HTTPStatusCode"] >= 500:  # type: ignore[attr-defined]
                return "object_store"
        except (AttributeError, KeyError, TypeError):
            pass
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def service_unavailable_response(request, service: str) -> HttpResponse:
    """A 503 in the shape of the path's API: ours under /api/, allauth's under /_allauth/, plain text elsewhere."""
    logger.warning("503 for %s %s: %s unavailable", request.method, request.path, service, exc_info=True)
    if _is_api(request):
        response = JsonResponse(
            error_body("service_unavailable", UNAVAILABLE_MESSAGE, retry_after_s=RETRY_AFTER_S), status=503
        )
    elif request.path.startswith("/_allauth/"):
        response = JsonResponse(
            {"status": 503, "errors": [{"code": "service_unavailable", "message": UNAVAILABLE_MESSAGE}]}, status=503
        )
    else:
        response = HttpResponse(UNAVAILABLE_MESSAGE, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_S)
    response["Cache-Control"] = "no-store"
    return response


class ServiceUnavailableMiddleware:
    """A service outage raised by a view that DRF did not answer (a plain Django view), or after the view's
    transaction committed (ATOMIC_REQUESTS runs on-commit callbacks, such as a task's publish, on the way out of
    the view): 503 instead of 500. Last in MIDDLEWARE, so its process_exception is asked first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        service = service_outage(exception)
        return service_unavailable_response(request, service) if service else None


INVALID_INPUT = "invalid_input"
# DRF's and Django's codes that say only "this value is not valid": never a top-level code of their own.
_GENERIC_FIELD_CODES = frozenset({"invalid", "required", "null", "blank"})


def api_exception_handler(exc, context):
    """DRF's handler, reshaped; Django's own ValidationError and PermissionDenied map to 400 and 403; a service
    outage maps to 503."""
    service = service_outage(exc) if not isinstance(exc, exceptions.APIException) else None
    if service:
        logger.warning("503 in %s: %s unavailable", type(context.get("view")).__name__, service, exc_info=exc)
        exc = ApiError(
            "service_unavailable", UNAVAILABLE_MESSAGE, status_code=503, extra={"retry_after_s": RETRY_AFTER_S}
        )
        exc.wait = RETRY_AFTER_S  # DRF's handler sends it as Retry-After
    elif isinstance(exc, DjangoValidationError):
        exc = _from_django_validation_error(exc)
    elif isinstance(exc, DjangoPermissionDenied | PermissionError):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, ServiceError):
        exc = ApiError(exc.code, exc.message, status_code=exc.status, extra=exc.extra)

    response = exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, ApiError):
        body = error_body(exc.error_code, str(exc.detail), exc.fields, **exc.extra)
    elif isinstance(exc, exceptions.ValidationError):
        fields = _field_errors(exc.detail)
        non_field = fields.get("non_field_errors", [])
        if isinstance(exc.detail, list) and non_field:
            # A refusal of the whole request with its own code (a service's `ValidationError(..., code=...)`): that
            # code is the error's, not a field's, so it stays on top.
            code, message = non_field[0]["code"], non_field[0]["message"]
            fields.pop("non_field_errors")
            if code in _GENERIC_FIELD_CODES:
                code = INVALID_INPUT
            else:
                # A service's rule refusing a well-formed request (follow_self, link_code_invalid): 422, as the
                # README's rule says; 400 is kept for requests that do not match their documented shape.
                response.status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
        else:
            # Field errors: the top-level code is always the generic one; each field's codes stay in `fields`.
            code = INVALID_INPUT
            only = next(iter(fields.values())) if len(fields) == 1 else []
            message = only[0]["message"] if len(only) == 1 else "Some fields are not valid."
        body = error_body(code, message, fields)
    else:
        codes = exc.get_codes() if hasattr(exc, "get_codes") else None
        code = codes if isinstance(codes, str) else getattr(exc, "default_code", "error")
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        body = error_body(code, str(detail))
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            body["retry_after_s"] = int(exc.wait)
    response.data = body
    return response


# The code and message of an error that Django, not our handler, answered: its HTML 404 and 405, the DEBUG pages.
_STATUS_CODES = {
    400: ("bad_request", "The request could not be understood."),
    401: ("not_authenticated", "Sign in to continue."),
    403: ("permission_denied", "You do not have permission to do this."),
    404: ("not_found", "Not found."),
    405: ("method_not_allowed", "This method is not allowed here."),
    406: ("not_acceptable", "No acceptable representation of this resource."),
    409: ("conflict", "This conflicts with the current state."),
    412: ("precondition_failed", "The file changed since the condition was written."),
    413: ("too_large", "The request body is too large."),
    415: ("unsupported_media_type", "This content type is not accepted here."),
    429: ("throttled", "Too many requests. Try again later."),
    500: ("server_error", "Something went wrong on our side."),
    503: ("service_unavailable", UNAVAILABLE_MESSAGE),
}
# Headers of the original answer that the client still needs.
_KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After", "Content-Range", "Cache-Control", "Vary")


class ApiJsonErrorsMiddleware:
    """Every error under /api/ (the signed media URLs included) in the API's shape, DEBUG or not.

    DRF's handler shapes what reaches a DRF view; this catches the rest: Django's own answers, which are HTML, for
    an unknown route (with DEBUG on, Django shows its technical 404 page instead of calling handler404), a plain
    view's 405 or 412, and DEBUG's error pages. An answer that is already JSON passes untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or not _is_api(request):
            return response
        content_type = response.get("Content-Type", "")
        if content_type.startswith("application/json") or content_type.endswith("+json"):
            return response
        code, message = _STATUS_CODES.get(response.status_code) or _status_code_and_message(response.status_code)
        reshaped = _json_error(response.status_code, code, message)
        for header in _KEPT_HEADERS:
            if header in response:
                reshaped[header] = response[header]
        response.close()
        return reshaped


def _status_code_and_message(status_code: int) -> tuple[str, str]:
    try:
        phrase = HTTPStatus(status_code).phrase
    except ValueError:
        phrase = "Error"
    return phrase.lower().replace(" ", "_").replace("-", "_"), f"{phrase}."


def _json_error(status_code: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def handler400(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE and calls it a 400; it is a size.
        return _json_error(413, "too_large", "The request body is too large.")
    if _is_api(request):
        return _json_error(400, "bad_request", "The request could not be understood.")
    return defaults.bad_request(request, exception)


def handler403(request, exception=None):
    if _is_api(request):
        return _json_error(403, "permission_denied", "You do not have permission to do this.")
    return defaults.permission_denied(request, exception)


def handler404(request, exception=None):
    if _is_api(request):
        return _json_error(404, "not_found", "Not found.")
    return defaults.page_not_found(request, exception)


def handler500(request):
    # Django calls this while it handles the exception, so it is still at hand: an outage raised in a middleware
    # (a session read from a Redis that is down) is a 503 too.
    service = service_outage(sys.exc_info()[1])
    if service:
        return service_unavailable_response(request, service)
    if _is_api(request):
        return _json_error(500, "server_error", "Something went wrong on our side.")
    return defaults.server_error(request)


def error_response(code: str, message: str, status_code: int = 400, **extra) -> Response:
    return Response(error_body(code, message, **extra), status=status_code)
