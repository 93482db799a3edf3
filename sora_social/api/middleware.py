"""Refuses what no view should see: request bodies over the upload cap, before they are read, and URLs holding a
NUL character.

The upload cap (MAX_UPLOAD_BYTES) is kept where the body is read, which differs by server:
- ASGI (production: gunicorn with uvicorn's worker): Django's ASGIHandler reads the whole body, spooling it to disk,
  before any middleware runs, so `run_with_upload_cap` stands in front of it (sora_social.asgi).
- WSGI and Django's test client: the body is read only when a view asks for it, so `RequestSizeLimitMiddleware`
  refuses it first. (A WSGI request without a Content-Length is read as empty, so it has no body to cap.)
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from sora_social.api.errors import error_body


def declared_body_length(value: str | None) -> int:
    """A Content-Length header's value, 0 when there is none; ValueError unless it is digits (RFC 9110: 1*DIGIT).
    int() alone would take "-1", " 12" and "1_000"."""
    if not value:
        return 0
    if not (value.isascii() and value.isdigit()):
        raise ValueError(f"Content-Length is not a number: {value!r}")
    return int(value)


def content_length_not_a_number() -> dict:
    return error_body("bad_request", "Content-Length is not a number.")


def body_over_the_cap() -> dict:
    return error_body("too_large", f"The request body is over {settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")


async def run_with_upload_cap(app, scope, receive, send) -> None:
    """Run the ASGI `app` on an HTTP request whose body is within MAX_UPLOAD_BYTES; answer 413 to one over it, having
    read none of a body declared over the cap and no more of one sent chunked than the message that passed it.

    Once the body passes the cap the app is told the client disconnected, the one message after which an ASGI app
    reads no more: Django's handler then closes what it spooled and returns without answering, as on any early
    disconnect, so the 413 can go out in its place."""
    try:
        # Django joins repeated headers with a comma, as here: two lengths are as malformed as one that is not digits.
        declared = declared_body_length(
            b",".join(value for name, value in scope["headers"] if name == b"content-length").decode("latin-1")
        )
    except ValueError:
        await send_refusal(send, 400, content_length_not_a_number())
        return
    cap = settings.MAX_UPLOAD_BYTES
    if declared > cap:
        # Refused before the first receive: a client waiting on `Expect: 100-continue` is never asked for the body.
        await send_refusal(send, 413, body_over_the_cap())
        return

    received = 0
    over_the_cap = False
    answered = False

    async def receive_within_the_cap():
        nonlocal received, over_the_cap
        if over_the_cap:
            return {"type": "http.disconnect"}
        message = await receive()
        if message["type"] == "http.request":
            # Every body is counted, declared or not, so the cap holds for a server that does not stop at the length.
            received += len(message.get("body", b""))
            if received > cap:
                over_the_cap = True
                return {"type": "http.disconnect"}
        return message

    async def send_noting_the_answer(message):
        nonlocal answered
        answered = answered or message["type"] == "http.response.start"
        await send(message)

    await app(scope, receive_within_the_cap, send_noting_the_answer)
    # Django reads the whole body before it answers; an app that answered before reading it has had its say.
    if over_the_cap and not answered:
        await send_refusal(send, 413, body_over_the_cap())


async def send_refusal(send, status: int, body: dict) -> None:
    """An error in the API's JSON shape, from outside Django. The connection is closed after it: the rest of the
    body is unread, so the next request on the connection could not be found, and the server drops what the client
    still sends rather than reading it in."""
    content = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(content)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": content})


class RequestSizeLimitMiddleware:
    """The upload cap for WSGI and Django's test client, by the declared length; under ASGI, `run_with_upload_cap`
    has already refused such a request, and counted a chunked body as it came."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = declared_body_length(request.META.get("CONTENT_LENGTH"))
        except ValueError:
            return JsonResponse(content_length_not_a_number(), status=400)
        if length > settings.MAX_UPLOAD_BYTES:
            return JsonResponse(body_over_the_cap(), status=413)
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


class PrivateApiAnswersMiddleware:
    """Every answer under /api/ is kept out of shared caches (`Cache-Control: private, no-store`, unless the view set
    its own) and varies with the session token. The app signs in with `X-Session-Token`, not `Authorization`, so the
    HTTP caching rules let a CDN or proxy store one person's /me/ and serve it to the next asker of the URL
    (tests/test_http_surface_attacks.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["X-Session-Token"])
        return response
