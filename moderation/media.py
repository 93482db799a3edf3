"""Reported videos served to moderators only, with byte ranges so the admin's <video> player can load and seek.

Taken-down videos stay reviewable here (a moderator may restore them); nobody else can reach this view, and the
responses are never cached.
"""

from __future__ import annotations

import mimetypes
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from sora_social.files import storage_has_paths
from sora_social.media_delivery import media_response

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024
# How long a moderator's browser may keep a local preview (a review session's length). With object storage the
# preview is a redirect to a presigned URL of a minute (media_delivery.PRESIGNED_TTL_S); the page asks again.
PRESIGNED_PREVIEW_TTL_S = 15 * 60


def _chunks(handle, remaining: int):
    try:
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) bytes asked for, or None when the header is absent or asks for nothing we have."""
    match = _RANGE.match(header.strip())
    if not match or size == 0:
        return None
    first, last = match.groups()
    if first == "":
        if last == "":
            return None
        length = min(int(last), size)
        # "bytes=-0" asks for the last zero bytes: nothing to send (416), not a 206 of an inverted range.
        return (size - length, size - 1) if length else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start > end:
        return None
    return start, end


def stored_file_response(request: HttpRequest, name: str) -> HttpResponse:
    """A stored file, whole or the byte range asked for (206), marked private and uncacheable."""
    if not name or ".." in name or not default_storage.exists(name):
        raise Http404
    if not storage_has_paths(default_storage):
        # Object storage: the admin's player fetches the bytes, and its ranges, from the store itself.
        return media_response(request, storage=default_storage, name=name, lifetime_s=PRESIGNED_PREVIEW_TTL_S)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    size = default_storage.size(name)
    header = request.headers.get("Range", "")
    byte_range = _byte_range(header, size) if header else None
    if header and byte_range is None:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = default_storage.open(name, "rb")
    if byte_range is None:
        response = FileResponse(handle, content_type=content_type)
    else:
        start, end = byte_range
        handle.seek(start)
        response = StreamingHttpResponse(_chunks(handle, end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    return response
