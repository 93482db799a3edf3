"""One error shape everywhere under /api/: {"code": ..., "message": ..., "fields": {...}}."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
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

    def __init__(self, code: str, message: str, *, status_code: int | None = None, fields: dict | None = None, extra: dict | None = None):
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
                    fields.setdefault(prefix or "non_field_errors", []).append({"code": item.code, "message": str(item)})
                else:
                    walk(f"{prefix}.{index}", item)
        elif isinstance(value, exceptions.ErrorDetail):
            fields.setdefault(prefix or "non_field_errors", []).append({"code": value.code, "message": str(value)})

    walk("", detail)
    return fields


def _from_django_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            field: [exceptions.ErrorDetail(str(e.message % e.params if e.params else e.message), e.code or "invalid") for e in errors]
            for field, errors in exc.error_dict.items()
        }
        return exceptions.ValidationError(detail)
    errors = [
        exceptions.ErrorDetail(str(e.message % e.params if e.params else e.message), e.code or "invalid")
        for e in exc.error_list
    ]
    return exceptions.ValidationError(errors)


def api_exception_handler(exc, context):
    """DRF's handler, reshaped; Django's own ValidationError and PermissionDenied map to 400 and 403."""
    if isinstance(exc, DjangoValidationError):
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
            code, message = non_field[0]["code"], non_field[0]["message"]
            fields.pop("non_field_errors")
        elif len(fields) == 1 and len(next(iter(fields.values()))) == 1:
            only = next(iter(fields.values()))[0]
            code, message = only["code"], only["message"]
            if code in ("invalid", "required", "null", "blank"):
                code = "invalid_input"
        else:
            code, message = "invalid_input", "Some fields are not valid."
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


def _json_error(status_code: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def handler400(request, exception=None):
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
    if _is_api(request):
        return _json_error(500, "server_error", "Something went wrong on our side.")
    return defaults.server_error(request)


def error_response(code: str, message: str, status_code: int = 400, **extra) -> Response:
    return Response(error_body(code, message, **extra), status=status_code)
