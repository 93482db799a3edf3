"""Media served through short-lived signed URLs, handed only to viewers who may see the file.

Whoever builds a response decides access (a draft: its owner or a cameo owner in it; a post: the viewers the
feed allows). The URL then carries that decision, bound to the viewer and a few minutes of validity, so
guessing or enumerating file names gets nothing.
"""

import mimetypes

from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.views import View

SALT = "sora_social.media"
DEFAULT_TTL_S = 15 * 60


def signed_media_url(name: str, *, viewer_id: int) -> str | None:
    """A URL for one file, valid for DEFAULT_TTL_S; the viewer id is inside it for the access log."""
    if not name:
        return None
    token = signing.dumps({"n": name, "v": viewer_id}, salt=SALT, compress=True)
    return reverse("media", kwargs={"token": token})


class SignedMediaView(View):
    """Serves one stored file for a valid, unexpired token; everything else is a 404."""

    def get(self, request, token: str):
        try:
            payload = signing.loads(token, salt=SALT, max_age=DEFAULT_TTL_S)
        except signing.BadSignature as exc:
            raise Http404 from exc
        name = payload.get("n", "")
        if not name or ".." in name or not default_storage.exists(name):
            raise Http404
        from generation.selectors import media_visible_to

        if not media_visible_to(name=name, viewer_id=payload.get("v", 0)):
            raise Http404
        try:
            return FileResponse(
                default_storage.open(name, "rb"),
                content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            )
        except NotImplementedError:
            # Object storage: hand out its own short-lived URL instead of proxying the bytes.
            return HttpResponseRedirect(default_storage.url(name))
