"""Refuses request bodies over the upload cap before Django reads them to disk."""

from django.conf import settings
from django.http import JsonResponse

from sora_social.api.errors import error_body


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse(error_body("bad_request", "Content-Length is not a number."), status=400)
        if length > settings.MAX_UPLOAD_BYTES:
            return JsonResponse(
                error_body("too_large", f"The request body is over {settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB."),
                status=413,
            )
        return self.get_response(request)
