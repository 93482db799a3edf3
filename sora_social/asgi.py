"""ASGI entry point: HTTP through Django, /ws/events/ through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora_social.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path  # noqa: E402

from sora_social.notifications.consumers import EventsConsumer  # noqa: E402

websocket_urlpatterns = [path("ws/events/", EventsConsumer.as_asgi())]


class NativeOrAllowedOriginValidator(OriginValidator):
    """Phone apps send no Origin header and authenticate with a token, not a cookie: let them in.
    A browser always sends Origin, and it must be one of ALLOWED_HOSTS."""

    def valid_origin(self, parsed_origin) -> bool:
        if parsed_origin is None:
            return True
        return self.validate_origin(parsed_origin)


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": NativeOrAllowedOriginValidator(
            URLRouter(websocket_urlpatterns), settings.ALLOWED_HOSTS or ["localhost", "127.0.0.1"]
        ),
    }
)
