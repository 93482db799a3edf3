"""Sending one stored file the way phones, browsers and CDNs expect, once the signed media view has decided access.

The storage decides how (by whether `storage.path()` works, never by what `open()` raises):
- object storage (S3): a 302 to the store's own short-lived presigned URL; no byte passes through Python;
- local files with MEDIA_ACCEL_REDIRECT_PREFIX set: an empty answer with X-Accel-Redirect, and nginx sends the bytes
  (ranges and validators included);
- local files otherwise: Django streams them, with byte ranges (206, 416), ETag and Last-Modified, and the
  conditional requests that go with them (304, If-Range).

Django's FileResponse has no Range support, and under ASGI it reads a synchronous file iterator into a list before
sending it; the few maintained helpers (django-ranged-response's last release is from 2017) do neither range
validation nor If-Range. So this module reads, a block at a time, only the bytes it was asked for.
"""

import inspect
import mimetypes
import os
import re
from urllib.parse import quote

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.files.storage import Storage
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, HttpResponseBase, HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from sora_social.api.errors import error_body

BLOCK_SIZE = 64 * 1024
# How long a presigned store URL lives, whatever remains of the signed media URL: long enough for a player that follows
# the redirect to fetch a whole video (at most MAX_DURATION_S long) or its next ranges, and short, because the store
# does not ask again who may see it. A video hidden from everyone has its files moved to new names (generation's
# generation_media_rename), which ends the URLs given out before; this lifetime bounds the rest (a hiding for one viewer,
# the seconds before the move). After it, the player goes back to the signed media URL, which decides again.
PRESIGNED_TTL_S = 60
# One range of the form a-b, a- or -n; a list of several (multi-range) is answered with the whole file.
_SINGLE_RANGE = re.compile(r"^bytes=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$", re.IGNORECASE)
_UNSATISFIABLE = "unsatisfiable"


def media_response(request, *, storage: Storage, name: str, lifetime_s: int) -> HttpResponseBase:
    """The answer for one stored file that this request may see; lifetime_s is what remains of its signed URL.

    Raises FileNotFoundError when a local file vanished since the caller checked it.
    """
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        path = storage.path(name)
    except NotImplementedError:
        return _redirect_to_store(storage, name)
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if prefix:
        return _accel_redirect(prefix, name, content_type, lifetime_s)
    return _local_file_response(request, path, content_type, lifetime_s)


def _redirect_to_store(storage: Storage, name: str) -> HttpResponseRedirect:
    expire = PRESIGNED_TTL_S
    if "expire" in inspect.signature(storage.url).parameters:  # S3Storage, Azure
        url = storage.url(name, expire=expire)
    else:  # a store that signs with its own configured lifetime (or not at all)
        url = storage.url(name)
    response = HttpResponseRedirect(url)
    # The presigned URL is a credential of its own: no cache, shared or private, may keep the redirect.
    response["Cache-Control"] = "private, no-store"
    return response


def _accel_redirect(prefix: str, name: str, content_type: str, lifetime_s: int) -> HttpResponse:
    response = HttpResponse(content_type=content_type)
    # Percent-encoded: a header is latin-1, and nginx decodes the URI before it looks the file up.
    response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(name)}"
    # nginx keeps Content-Type and Cache-Control from this answer and adds its own ETag, Last-Modified and ranges.
    response["Cache-Control"] = _cache_control(lifetime_s)
    return response


def _cache_control(lifetime_s: int) -> str:
    # Per viewer (the URL names one), and no longer than the URL itself is valid.
    return f"private, max-age={max(lifetime_s, 0)}"


def _local_file_response(request, path: str, content_type: str, lifetime_s: int) -> HttpResponseBase:
    file = open(path, "rb")  # closed by the response (the span), or below
    try:
        stat = os.fstat(file.fileno())  # of the file we opened, should it be replaced meanwhile
        size = stat.st_size
        last_modified = int(stat.st_mtime)
        headers = {
            "Accept-Ranges": "bytes",
            # Strong: size and modification time in nanoseconds change whenever the bytes do (nginx uses the same two).
            "ETag": f'"{size:x}-{stat.st_mtime_ns:x}"',
            "Last-Modified": http_date(last_modified),
            "Cache-Control": _cache_control(lifetime_s),
        }
        validators = HttpResponse(headers=headers)
        conditional = get_conditional_response(
            request, etag=headers["ETag"], last_modified=last_modified, response=validators
        )
        if conditional is not validators:  # 304 Not Modified, or 412 for a failed If-Match/If-Unmodified-Since
            file.close()
            return conditional

        byte_range = None
        if _if_range_passes(request.headers.get("If-Range"), etag=headers["ETag"], last_modified=last_modified):
            byte_range = _requested_range(request.headers.get("Range"), size)
        if byte_range == _UNSATISFIABLE:
            file.close()
            response = JsonResponse(
                error_body("range_not_satisfiable", f"The file has {size} bytes."), status=416, headers=headers
            )
            response["Content-Range"] = f"bytes */{size}"
            return response

        status, start, length = 200, 0, size
        if byte_range is not None:
            start, end = byte_range
            status, length = 206, end - start + 1
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        headers["Content-Length"] = str(length)

        if request.method == "HEAD":
            file.close()
            return HttpResponse(status=status, content_type=content_type, headers=headers)
        span = FileSpanAsync(file, start, length) if isinstance(request, ASGIRequest) else FileSpan(file, start, length)
        return StreamingHttpResponse(span, status=status, content_type=content_type, headers=headers)
    except BaseException:
        file.close()
        raise


def _if_range_passes(if_range: str | None, *, etag: str, last_modified: int) -> bool:
    """Whether a Range may be honoured: no If-Range, or one naming the current file (RFC 9110 13.1.5). An entity
    tag must match strongly (a weak one never does); a date must equal Last-Modified exactly."""
    if not if_range:
        return True
    if_range = if_range.strip()
    if if_range.startswith(('"', "W/")):
        return if_range == etag
    return parse_http_date_safe(if_range) == last_modified


def _requested_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """(first, last) byte, both included, of a single satisfiable range; _UNSATISFIABLE; or None for "send the
    whole file": no Range, one that is not valid (ignored, as RFC 9110 allows), several ranges, or an empty file."""
    if not header or size == 0:
        return None
    match = _SINGLE_RANGE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    try:
        if not first:
            if not last:
                return None
            suffix = int(last)  # the last n bytes
            if suffix == 0:
                return _UNSATISFIABLE
            return max(size - suffix, 0), size - 1
        start = int(first)
        end = int(last) if last else None
    except ValueError:  # more digits than int() accepts
        return None
    if end is not None and end < start:
        return None
    if start >= size:
        return _UNSATISFIABLE
    return start, size - 1 if end is None else min(end, size - 1)


class _FileSpanBase:
    """`length` bytes of an open file from `start`, read a block at a time; the response closes the file."""

    def __init__(self, file, start: int, length: int):
        self._file = file
        self._remaining = length
        file.seek(start)

    def _next_block(self) -> bytes:
        if self._remaining <= 0:
            return b""
        block = self._file.read(min(BLOCK_SIZE, self._remaining))
        # A file cut short while it is sent ends the body early rather than looping.
        self._remaining = self._remaining - len(block) if block else 0
        return block

    def close(self) -> None:
        self._file.close()


class FileSpan(_FileSpanBase):
    """A span for a WSGI server or the test client."""

    def __iter__(self):
        return iter(self._next_block, b"")


class FileSpanAsync(_FileSpanBase):
    """A span for an ASGI server: Django would read a synchronous iterator whole into memory before sending it.
    Each block is read on a worker thread, off the event loop and off the request thread."""

    async def __aiter__(self):
        read = sync_to_async(self._next_block, thread_sensitive=False)
        while block := await read():
            yield block
