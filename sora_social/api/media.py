"""Media served through short-lived signed URLs, handed only to viewers who may see the file.

Whoever builds a response decides access (a draft: its owner or a cameo owner in it; a post: the viewers the
feed allows). The URL then carries that decision, bound to the viewer and a few minutes of validity, so
guessing or enumerating file names gets nothing.
"""

import base64
import functools
import hashlib
import hmac
import time
from collections.abc import Callable

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.urls import reverse
from django.views import View

from sora_social.api.errors import error_body
from sora_social.media_delivery import media_response

SALT = "sora_social.media.v2"
DEFAULT_TTL_S = 15 * 60
# Tokens carry an HMAC-SHA256 truncated to 128 bits: plenty against forgery within a token's lifetime.
MAC_BYTES = 16


@functools.cache
def _keys(secrets: tuple[str, ...]) -> tuple[bytes, ...]:
    # Derived once per secret, not per URL: a feed page signs 40 URLs.
    return tuple(hashlib.sha256(f"{SALT}:{secret}".encode()).digest() for secret in secrets)


def _signing_keys() -> tuple[bytes, ...]:
    """The current key first, then those of SECRET_KEY_FALLBACKS (accepted, never used to sign)."""
    return _keys((settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()[:MAC_BYTES]


@functools.cache
def _url_prefix() -> str:
    return reverse("media", kwargs={"token": "-"})[:-2]


def media_token(name: str, *, viewer_id: int, ttl_s: int = DEFAULT_TTL_S) -> str:
    """An opaque token naming one file for one viewer until it expires."""
    payload = f"{int(time.time()) + ttl_s}:{viewer_id}:{name}".encode()
    return f"{_b64(payload)}.{_b64(_mac(_signing_keys()[0], payload))}"


def media_token_read(token: str) -> tuple[str, int] | None:
    """(file name, viewer id) of a valid, unexpired token; None for anything else."""
    try:
        encoded, mac = token.split(".")
        payload, mac = _unb64(encoded), _unb64(mac)
        if not any(hmac.compare_digest(mac, _mac(key, payload)) for key in _signing_keys()):
            return None
        expires, viewer_id, name = payload.decode().split(":", 2)
        if int(expires) < time.time():
            return None
        return name, int(viewer_id)
    except (ValueError, UnicodeDecodeError):
        return None


# Apps that own stored files say, when one is served, whether this viewer may still see it: True, False, or
# None for "not one of mine". They register when they load (AppConfig.ready), since the platform imports no app.
# The re-check makes a revoked or taken-down video stop playing at once instead of when its URL expires.
MediaGuard = Callable[[str, int], bool | None]
_media_guards: list[MediaGuard] = []


def media_guard_register(guard: MediaGuard) -> MediaGuard:
    if guard not in _media_guards:
        _media_guards.append(guard)
    return guard


def media_still_visible(name: str, viewer_id: int) -> bool:
    """Whether a file may be served to this viewer now: every guard that knows the file must agree. Files no
    guard claims (avatars) are served to whoever holds a valid URL."""
    return all(verdict is not False for verdict in (guard(name, viewer_id) for guard in _media_guards))


def signed_media_url(name: str, *, viewer_id: int) -> str | None:
    """A URL for one file, valid for DEFAULT_TTL_S; the viewer id is inside it for the access log."""
    if not name:
        return None
    return f"{_url_prefix()}{media_token(name, viewer_id=viewer_id)}/"


def _token_expires_at(token: str) -> int:
    """The expiry (epoch seconds) inside a token that media_token_read has already accepted."""
    return int(_unb64(token.split(".")[0]).decode().split(":", 1)[0])


def _media_not_found() -> JsonResponse:
    # The API's error shape, never Django's HTML page; and no cache may keep it (the file may come back into view).
    response = JsonResponse(error_body("not_found", "Not found."), status=404)
    response["Cache-Control"] = "private, no-store"
    return response


class SignedMediaView(View):
    """Serves one stored file for a valid, unexpired token (HEAD too); everything else is the same 404.

    How the bytes go out (ranges from local disk, a presigned redirect to object storage, or nginx through
    X-Accel-Redirect) is sora_social.media_delivery's business.
    """

    def get(self, request, token: str):
        found = media_token_read(token)
        if found is None:
            return _media_not_found()
        name, viewer_id = found
        if not name or ".." in name or not default_storage.exists(name):
            return _media_not_found()
        if not media_still_visible(name, viewer_id):
            return _media_not_found()
        lifetime_s = _token_expires_at(token) - int(time.time())
        try:
            return media_response(request, storage=default_storage, name=name, lifetime_s=lifetime_s)
        except FileNotFoundError:  # deleted since exists() said yes
            return _media_not_found()
