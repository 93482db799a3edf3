"""The upload cap (MAX_UPLOAD_BYTES) under ASGI: refused in front of Django's handler, which would otherwise read the
whole body to disk before any middleware saw it. Each request goes through the production ASGI app, as uvicorn
hands it over, and counts the body bytes the app pulled from `receive`."""

import asyncio
import datetime
import json
from dataclasses import dataclass

import pytest
from asgiref.sync import sync_to_async
from django.core.signals import request_started
from django.db import connections
from django.test import Client

from sora_social.accounts.services import invites_mint
from sora_social.api.errors import error_body
from sora_social.api.middleware import run_with_upload_cap
from sora_social.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)

MB = 1024 * 1024
CHUNK = 64 * 1024
UPLOAD = "/api/v1/provenance/verify/"
BOUNDARY = "capboundary"


@pytest.fixture(autouse=True)
def _close_the_shared_threads_connection():
    """Django's part of each request ran on asgiref's one shared thread, which outlives the test: close its database
    connection, or it keeps the test database from being dropped at the end of the run."""
    yield
    asyncio.run(sync_to_async(connections.close_all)())


@dataclass
class Answer:
    status: int
    headers: dict[bytes, bytes]
    body: bytes
    pulled: int  # body bytes the app took from `receive`


def post(
    path: str, chunks: list[bytes], *, content_length: bytes | None, headers: list | None = None, app=application
) -> Answer:
    """POST `chunks` to the ASGI app as uvicorn would, a message each; Content-Length as given (None: chunked)."""
    pulled = 0
    sent = 0
    started: dict = {}
    body = bytearray()

    async def receive():
        nonlocal pulled, sent
        if sent < len(chunks):
            sent += 1
            pulled += len(chunks[sent - 1])
            return {"type": "http.request", "body": chunks[sent - 1], "more_body": sent < len(chunks)}
        await asyncio.Event().wait()  # the client keeps the connection open

    async def send(message):
        if message["type"] == "http.response.start":
            started.update(message)
        else:
            body.extend(message.get("body", b""))

    request_headers = [(b"host", b"testserver"), *(headers or [])]
    if content_length is not None:
        request_headers.append((b"content-length", content_length))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": request_headers,
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    asyncio.run(asyncio.wait_for(app(scope, receive, send), timeout=60))
    return Answer(started["status"], dict(started["headers"]), bytes(body), pulled)


def multipart_upload(size: int) -> bytes:
    """A multipart body of `size` bytes in all, holding one file."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode() + b"\x00\x00\x00\x18ftypmp42"
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    return head + b"0" * (size - len(head) - len(tail)) + tail


def in_chunks(body: bytes) -> list[bytes]:
    return [body[start : start + CHUNK] for start in range(0, len(body), CHUNK)]


def signed_in() -> list[tuple[bytes, bytes]]:
    """The headers of a multipart upload by a member signed in with a session token, as the phone app sends it."""
    invite = invites_mint(count=1)[0]
    response = Client().post(
        "/_allauth/app/v1/auth/signup",
        {
            "username": "uploader",
            "email": "uploader@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": invite.code,
            "birth_date": datetime.date(1995, 3, 3).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    token = response.json()["meta"]["session_token"]
    return [
        (b"x-session-token", token.encode()),
        (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
    ]


@pytest.fixture
def django_requests():
    """How many requests reached Django's handler (it sends request_started once it has read the body)."""
    seen = []

    def started(**kwargs):
        if "scope" in kwargs:  # not the test client's own requests (signing up)
            seen.append(kwargs["scope"]["path"])

    request_started.connect(started)
    yield seen
    request_started.disconnect(started)


def assert_refused_as_too_large(answer: Answer, *, cap_mb: int) -> None:
    assert answer.status == 413
    assert answer.headers[b"content-type"] == b"application/json"
    assert json.loads(answer.body) == error_body("too_large", f"The request body is over {cap_mb} MB.")
    assert int(answer.headers[b"content-length"]) == len(answer.body)
    # The rest of the body is never read: the connection cannot carry another request after it.
    assert answer.headers[b"connection"] == b"close"


def test_a_body_declared_over_the_cap_is_refused_before_any_of_it_is_read(settings, django_requests):
    settings.MAX_UPLOAD_BYTES = MB
    answer = post(UPLOAD, [b"\x00" * CHUNK] * 64, content_length=str(4 * MB).encode())

    assert_refused_as_too_large(answer, cap_mb=1)
    assert answer.pulled == 0
    assert django_requests == []


def test_a_chunked_body_is_refused_at_the_message_that_passes_the_cap(settings, django_requests):
    settings.MAX_UPLOAD_BYTES = MB
    answer = post(UPLOAD, [b"\x00" * CHUNK] * 64, content_length=None)

    assert_refused_as_too_large(answer, cap_mb=1)
    # 16 chunks fill the cap; the 17th passes it and is the last one read. Django saw no request.
    assert answer.pulled == MB + CHUNK
    assert django_requests == []


def test_a_body_exactly_at_the_cap_is_served(settings, django_requests):
    headers = signed_in()
    body = multipart_upload(MB)
    settings.MAX_UPLOAD_BYTES = len(body)

    answer = post(UPLOAD, in_chunks(body), content_length=str(len(body)).encode(), headers=headers)

    assert answer.status == 200, answer.body
    assert answer.pulled == len(body)
    assert json.loads(answer.body)["made_here"] is False  # the view read the whole file
    assert django_requests == [UPLOAD]


@pytest.mark.parametrize("content_length", [True, False], ids=["declared", "chunked"])
def test_a_body_one_byte_over_the_cap_is_refused(settings, content_length, django_requests):
    headers = signed_in()
    body = multipart_upload(MB)
    settings.MAX_UPLOAD_BYTES = len(body) - 1

    answer = post(
        UPLOAD, in_chunks(body), content_length=str(len(body)).encode() if content_length else None, headers=headers
    )

    assert answer.status == 413
    assert json.loads(answer.body)["code"] == "too_large"
    # Declared: nothing read. Chunked: the last chunk is the one that passes the cap.
    assert answer.pulled == (0 if content_length else len(body))
    assert django_requests == []


@pytest.mark.parametrize("content_length", [True, False], ids=["declared", "chunked"])
@pytest.mark.parametrize("cap_over_body", [0, -1], ids=["at the cap", "a byte over"])
def test_the_app_behind_the_cap_gets_a_body_at_the_cap_whole_and_never_more_than_the_cap(
    settings, content_length, cap_over_body
):
    # Django parses no multipart body sent without a Content-Length, so what reaches the app behind the cap is
    # looked at directly here.
    body = bytes(range(256)) * (2 * CHUNK // 256) + b"end"
    settings.MAX_UPLOAD_BYTES = len(body) + cap_over_body
    got = bytearray()
    messages = []

    async def app_reading_the_body(scope, receive, send):
        while True:
            message = await receive()
            messages.append(message)
            got.extend(message.get("body", b""))
            if message["type"] == "http.disconnect" or not message.get("more_body"):
                break
        if message["type"] == "http.request":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": str(len(got)).encode()})

    async def capped(scope, receive, send):
        await run_with_upload_cap(app_reading_the_body, scope, receive, send)

    answer = post(
        UPLOAD, in_chunks(body), content_length=str(len(body)).encode() if content_length else None, app=capped
    )

    if cap_over_body == 0:
        assert (answer.status, answer.body, bytes(got)) == (200, str(len(body)).encode(), body)
        assert messages[-1] == {"type": "http.request", "body": in_chunks(body)[-1], "more_body": False}
    elif content_length:
        assert answer.status == 413
        assert messages == []  # never called
    else:
        assert answer.status == 413
        # Told the client left once the body passed the cap: it holds no more than the cap.
        assert messages[-1] == {"type": "http.disconnect"}
        assert len(got) <= settings.MAX_UPLOAD_BYTES


def test_a_small_upload_is_served_as_before(django_requests):
    headers = signed_in()
    body = multipart_upload(3 * CHUNK + 100)

    answer = post(UPLOAD, in_chunks(body), content_length=str(len(body)).encode(), headers=headers)

    assert answer.status == 200, answer.body
    assert answer.pulled == len(body)
    assert json.loads(answer.body)["method"] == "none"
    assert django_requests == [UPLOAD]


@pytest.mark.parametrize(
    "content_length",
    [b"12abc", b"-1", b" 12", b"1_000", b"12,12"],
    ids=["letters", "negative", "space", "underscore", "a list"],
)
def test_a_malformed_content_length_is_a_400_before_the_body_is_read(content_length, django_requests):
    answer = post(UPLOAD, [b"\x00" * 12], content_length=content_length)

    assert answer.status == 400
    assert answer.headers[b"content-type"] == b"application/json"
    assert json.loads(answer.body) == error_body("bad_request", "Content-Length is not a number.")
    assert answer.pulled == 0
    assert django_requests == []


def test_two_content_length_headers_are_a_400(django_requests):
    answer = post(UPLOAD, [b"\x00" * 12], content_length=b"12", headers=[(b"content-length", b"12")])

    assert answer.status == 400
    assert json.loads(answer.body)["code"] == "bad_request"
    assert answer.pulled == 0


def test_without_asgi_the_django_middleware_still_refuses_a_malformed_length(client):
    # Django's test client (and WSGI) never pass through the ASGI app: RequestSizeLimitMiddleware keeps the cap there.
    response = client.generic("POST", UPLOAD, b"x" * 12, content_type="application/octet-stream", CONTENT_LENGTH="-1")

    assert response.status_code == 400
    assert response.json() == error_body("bad_request", "Content-Length is not a number.")


def test_every_endpoint_s_own_upload_limit_fits_under_the_servers_cap_on_a_body():
    """An endpoint that says it takes a file of N MB must get it: the server's cap on a body is checked first, so a
    limit over it (face search said 150 MB, the provenance check 200 MB, under a cap of 60) was a promise the server
    broke with a 413 naming another number. A megabyte is left for the multipart envelope."""
    from django.conf import settings as django_settings

    from cameos.services.verification import CHARACTER_MAX_BYTES, VERIFICATION_MAX_BYTES
    from generation.api.views import PROVENANCE_MAX_BYTES
    from generation.face_search import FACE_SEARCH_MAX_BYTES
    from sora_social.accounts.services import AVATAR_MAX_BYTES

    envelope = 1024 * 1024
    limits = {
        "face search": FACE_SEARCH_MAX_BYTES,
        "provenance check": PROVENANCE_MAX_BYTES,
        "verification video": VERIFICATION_MAX_BYTES,
        "character": CHARACTER_MAX_BYTES,
        "avatar": AVATAR_MAX_BYTES,
    }
    over = {name: limit for name, limit in limits.items() if limit + envelope > django_settings.MAX_UPLOAD_BYTES}
    assert over == {}
