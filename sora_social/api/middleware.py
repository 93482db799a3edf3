"""Refuses what no view should see: request bodies over the upload cap (before Django reads them to disk), and URLs
holding a NUL character."""

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


class NulInUrlMiddleware:
    """A NUL character in the path or the query string is a 400. PostgreSQL refuses NUL in text, so a handle or a
    search parameter that held one ("/users/alice%00/", "?author=%00") reached the database and came back a 500
    (tests/feed/test_steering_and_lineage_attacks.py). No URL of this API has a use for one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, values in request.GET.lists()
                                           for value in values):
            return JsonResponse(error_body("bad_request", "The URL holds a NUL character."), status=400)
        return self.get_response(request)
