"""Renderers for the few responses that are bytes, not JSON (a cameo's thumbnail)."""

from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response


class JpegRenderer(BaseRenderer):
    media_type = "image/jpeg"
    format = "jpg"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class OctetStreamRenderer(JpegRenderer):
    media_type = "application/octet-stream"
    format = "bin"


class BinaryApiViewMixin:
    """Lets a client ask for the bytes as `image/jpeg`, `application/octet-stream` or `*/*`; errors stay JSON in the
    API's error shape whatever was asked for, since a 404 is never a JPEG."""

    renderer_classes = [JpegRenderer, OctetStreamRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and not isinstance(response.data, bytes | None):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
