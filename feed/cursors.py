"""Opaque feed cursors: signed, bound to the viewer and the feed kind, and short-lived.

A cursor is a compact signed payload, so a client can neither forge one nor reuse someone else's; any
tampering, expiry or mismatch is the same 400 `invalid_cursor`.
"""

from __future__ import annotations

import datetime

from django.core import signing

from feed.conf import feed_setting
from sora_social.errors import ServiceError

SALT = "feed.cursor.v1"


class InvalidCursor(ServiceError):
    """A cursor that was forged, altered, expired, or made for another viewer or feed."""

    def __init__(self) -> None:
        super().__init__("invalid_cursor", "The cursor is not valid.", 400)


def cursor_encode(*, viewer_id: int, kind: str, **position) -> str:
    """A cursor for the next page of one viewer's feed of one kind."""
    return signing.dumps({"v": viewer_id, "k": kind, **position}, salt=SALT, compress=True)


def cursor_decode(token: str, *, viewer_id: int, kind: str) -> dict:
    """The position inside a cursor, or InvalidCursor."""
    if not token or len(token) > 2048:
        raise InvalidCursor()
    try:
        payload = signing.loads(token, salt=SALT, max_age=feed_setting("FEED_CURSOR_MAX_AGE_S"))
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise InvalidCursor() from exc
    if not isinstance(payload, dict) or payload.get("v") != viewer_id or payload.get("k") != kind:
        raise InvalidCursor()
    return payload


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def micros(moment: datetime.datetime) -> int:
    """A time as whole microseconds since the epoch, computed exactly (a float product can be a microsecond off,
    and cursors compare these with PostgreSQL's values): the time in a keyset position, and a post's score in a
    Redis timeline. A double holds it exactly until the year 2255."""
    return (moment - EPOCH) // datetime.timedelta(microseconds=1)


def from_micros(value: int) -> datetime.datetime:
    return EPOCH + datetime.timedelta(microseconds=int(value))
