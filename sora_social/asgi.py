"""ASGI entry point: HTTP through Django, /ws/events/ through Channels."""

import gc
import os

import django
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora_social.settings")
django.setup(set_prefix=False)


class OneAtATimeASGIHandler(ASGIHandler):
    """Django's ASGI handler, running the synchronous part of every request on one thread per process.

    Django gives each request a thread of its own (ThreadSensitiveContext), so a process serves many
    requests at once, all CPU-bound Python sharing one GIL: each one then takes as long as all of them
    together, and each holds a database connection meanwhile (the pool ran dry under 32 clients). Without
    that context, asgiref runs them one after another on one thread, in arrival order, while the event
    loop keeps reading and writing sockets. Concurrency comes from worker processes, as with WSGI sync
    workers. WebSocket consumers are not affected (they run their database work in their own threads).
    """

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        await self.handle(scope, receive, send)
        collect_garbage_between_requests()


# Every request leaves objects in reference cycles (Django's and DRF's request, view and response refer to each
# other), which only the garbage collector frees. Left to itself it collects whenever 700 more objects exist,
# mostly inside a request; the full collections that come every hundredth time were logged taking 3-65 ms in
# a web worker. So Python collects on its own only past GC_IN_REQUEST_THRESHOLD (a bound on memory for work
# that never ends a request, such as WebSocket consumers), and each response is followed by the collection
# Python would have made by then, at its usual pace. 6 A/B pairs of bench_feed.py: For You p99 25.8-41.5 ms
# against 31.5-131.9 ms, lower in 5 of them.
GC_YOUNG_THRESHOLD = 700
GC_IN_REQUEST_THRESHOLD = 50_000


def collect_garbage_between_requests() -> None:
    """Collect garbage at Python's default pace (700 new objects; every 10th collection one generation
    older), after a response was sent rather than inside a request."""
    young, middle, old = gc.get_count()
    if young >= GC_YOUNG_THRESHOLD:
        gc.collect(2 if old >= 10 else 1 if middle >= 10 else 0)


django_asgi_app = OneAtATimeASGIHandler()

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


def _freeze_startup_heap() -> None:
    """Import every view and set up Celery's producers now, then move everything loaded so far out of the
    garbage collector's reach.

    - Celery sets up its task registry and producer pool on the first task a process queues: ~130 ms here, paid
      by whichever request queues first (a feed page refreshing a circle list, a like notifying). No connection
      is opened here; the broker may be down while the web starts.
    - A full collection walks every tracked object; with Django, DRF and the apps loaded that is ~150k objects
      and ~100 ms on a small server, a pause in whichever request triggers it. Frozen objects are never walked
      (and never freed, which is what startup objects are anyway). From then on, collections run between
      requests (`collect_garbage_between_requests`)."""
    # lazy: the warm-up runs once the apps are loaded, when a server process starts.
    from django.urls import get_resolver

    from sora_social.celery import app as celery_app

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    celery_app.finalize(auto=True)
    celery_app.producer_pool  # noqa: B018 - builds the pool (connections are opened when first used)
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_IN_REQUEST_THRESHOLD, 10, 10)


_freeze_startup_heap()
