"""Content-Security-Policy on every answer, with the object store's origin allowed for images and media.

The policy is in settings (CONTENT_SECURITY_POLICY, sora_social/settings/security.py) and django-csp writes it. The
admin shows what members wrote (captions, prompts, comments, bios) to moderators, so a script that slipped past
escaping must still not run: only the site's own scripts do, and no page may be framed.

With object storage, a moderator's preview of a reported video is a redirect to the store's presigned URL, on the
store's origin. That origin is read from a URL the storage makes (no request is sent), once per process, and
added to img-src and media-src. Without it the moderator's player would be refused by the browser.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import default_storage


def store_origin() -> str | None:
    """The origin stored files are served from when it is not the site's own (object storage), else None."""
    return _origin_of_storage(repr(settings.STORAGES.get("default")))


@cache
def _origin_of_storage(_configuration: str) -> str | None:
    # Keyed by the storage's configuration: read once per process, and again only if the configuration changes.
    parts = urlsplit(default_storage.url("csp-origin-probe"))
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


# What one page needs beyond the policy. allauth's sign-in API reference (Redoc, from this site's static files) runs
# its search in a worker made from a blob: URL and shows Redocly's logo from their CDN; no other page may do either.
PAGE_ADDITIONS = {
    "/_allauth/openapi.html": {"worker-src": ["'self'", "blob:"], "img-src": ["https://cdn.redoc.ly"]},
}


class StoreAwareCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        additions: dict[str, list[str]] = {}
        origin = store_origin()
        if origin:
            additions = {"img-src": [origin], "media-src": [origin]}
        for directive, sources in PAGE_ADDITIONS.get(request.path_info, {}).items():
            additions[directive] = [*additions.get(directive, []), *sources]
        if additions:
            parts.update = {**(parts.update or {}), **additions}
        return parts
