"""ASGI entry point: HTTP through Django, /ws/events/ through Channels, /healthz/ for load balancers.

Served by gunicorn with uvicorn's worker (deploy/gunicorn.conf.py, deploy/README.md); any ASGI server works. Two
things here differ from a stock Django ASGI app, each kept because bench/bench_feed.py shows it pays (its figures
are beside each one): `OneAtATimeASGIHandler` and the garbage-collector settings. In front of both, the upload cap
(`run_with_upload_cap`, sora_social/api/middleware.py) refuses a body over MAX_UPLOAD_BYTES before Django reads it.
"""

import gc
import json
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

    Kept because bench/bench_feed.py shows it pays (`--variants`, bench/asgi_variants.py: both handlers in one run,
    in a fresh order each repeat, on one corpus; uvicorn x4 on 2 cores, a quiet host, 2026-12-04, three runs each):
    - 32 clients pausing 250 ms: For You p99 78-96 ms against 134-186 ms with Django's handler and Python's own
      GC settings (74-247 ms with Django's handler and the GC settings below);
    - saturated (32 clients, no pause): For You p99 465-642 ms against 823-910 ms, at the same rate (128-164 against
      140-169 pages/s), and time in Django p50 14-23 ms against 88-138 ms, which is how long a request holds its
      database connection (every request in flight shares the GIL under Django's handler);
    - at the target load (32 clients pausing 1 s) the two could not be told apart: For You p99 51-116 ms against
      34-354 ms, about four hundred pages a run, so the p99 is a handful of slow pages.
    What it costs: a slow request delays those queued behind it in its process, and a request that waits on I/O
    (the object store's HEAD before a presigned redirect, bench/bench_media_delivery.py) holds its process meanwhile.
    gunicorn's worker count is the concurrency knob, as with sync workers.
    """

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        await self.handle(scope, receive, send)
        collect_garbage_between_requests()


# Every request leaves objects in reference cycles (Django's and DRF's request, view and response refer to each
# other), which only the garbage collector frees. Left to itself it collects whenever 700 more objects exist,
# mostly inside a request; the full collections were logged taking 3-65 ms in a web worker. So Python collects on
# its own only past GC_IN_REQUEST_THRESHOLD (a bound on memory for work that never ends a request, such as
# WebSocket consumers), and each response is followed by the collection Python's generation counters call for by
# then. (Python skips a due full collection while few long-lived objects are new; that count is not visible from
# Python, so here every tenth middle collection is a full one. The start-up heap is frozen, so a full collection
# walks only what was made since.)
# Kept because bench/bench_feed.py shows it pays, though less clearly than the handler: `--variants` A/B on a quiet
# host (2026-12-04), six pairs against Python's own settings, the handler above in both: saturated For You p99
# lower in 5 of 6 (310-642 ms against 467-926 ms); at 32 clients pausing 250 ms and at the rate served, no
# difference beyond the spread between runs. Freezing the start-up heap alone (`frozen`) was no better than this.
GC_YOUNG_THRESHOLD = 700
GC_IN_REQUEST_THRESHOLD = 50_000


def collect_garbage_between_requests() -> None:
    """Collect garbage at the pace of Python's generation counters (700 new objects; every 10th collection one
    generation older), after a response was sent rather than inside a request."""
    young, middle, old = gc.get_count()
    if young >= GC_YOUNG_THRESHOLD:
        gc.collect(2 if old >= 10 else 1 if middle >= 10 else 0)


django_asgi_app = OneAtATimeASGIHandler()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path, re_path  # noqa: E402

from sora_social.api.middleware import run_with_upload_cap  # noqa: E402
from sora_social.notifications.consumers import EventsConsumer, NoSuchPathConsumer  # noqa: E402
from sora_social.notifications.relay import relay  # noqa: E402

websocket_urlpatterns = [
    path("ws/events/", EventsConsumer.as_asgi()),
    # Channels' router raises on a path it does not know: a traceback and a 500 for anyone's handshake.
    re_path(r"", NoSuchPathConsumer.as_asgi()),
]


class NativeOrAllowedOriginValidator(OriginValidator):
    """Phone apps send no Origin header and authenticate with a token, not a cookie: let them in.
    A browser always sends Origin, and it must be one of ALLOWED_HOSTS."""

    def valid_origin(self, parsed_origin) -> bool:
        if parsed_origin is None:
            return True
        return self.validate_origin(parsed_origin)


async def healthz(scope, receive, send) -> None:
    """GET /healthz/: this process is up and which heavy models it holds, outside Django (no database, no
    ALLOWED_HOSTS check on the balancer's Host header). A web process loads its models before it serves anything,
    so a probe that gets an answer gets one from a process that is ready."""
    # lazy: only to report; importing it is cheap and loads nothing.
    from sora_social import text_embedding

    body = json.dumps({"status": "ok", "pid": os.getpid(), "models": {"sentence": text_embedding.model_loaded()}})
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"cache-control", b"no-store")],
        }
    )
    await send({"type": "http.response.body", "body": body.encode()})


async def http_application(scope, receive, send) -> None:
    if scope["path"] == "/healthz/":
        await healthz(scope, receive, send)
    else:
        # Django's handler reads the whole body before any middleware runs, so the cap must come first.
        await run_with_upload_cap(django_asgi_app, scope, receive, send)


websocket_router = NativeOrAllowedOriginValidator(
    URLRouter(websocket_urlpatterns), settings.ALLOWED_HOSTS or ["localhost", "127.0.0.1"]
)


async def websocket_application(scope, receive, send) -> None:
    # Without Redis, a worker's events come through this process's spool relay, started with its first socket
    # (sora_social.notifications.relay); with Redis it does not start.
    relay.ensure_running()
    await websocket_router(scope, receive, send)


application = ProtocolTypeRouter({"http": http_application, "websocket": websocket_application})


def _freeze_startup_heap() -> None:
    """Import every view, set up Celery's producers and load the heavy models (PRELOAD_MODELS) now, then move
    everything loaded so far out of the garbage collector's reach.

    - Celery sets up its task registry and producer pool on the first task a process queues: ~130 ms here, paid
      by whichever request queues first (a feed page refreshing a circle list, a like notifying). No connection
      is opened here; the broker may be down while the web starts.
    - The sentence model (MODELS_BY_PROCESS["web"]): loaded inside a request it made the first generation after
      start-up take 8-9 s (bench/bench_first_request.py measures the first request against the hundredth). Loaded
      before the freeze, its objects never lengthen a collection either.
    - A full collection walks every tracked object; with Django, DRF and the apps loaded that is ~150k objects
      and ~100 ms on a small server, a pause in whichever request triggers it. Frozen objects are never walked
      (and never freed, which is what startup objects are anyway). From then on, collections run between
      requests (`collect_garbage_between_requests`)."""
    # lazy: the warm-up runs once the apps are loaded, when a server process starts.
    from django.urls import get_resolver

    from sora_social.celery import app as celery_app
    from sora_social.celery import process_models_load

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    celery_app.finalize(auto=True)
    celery_app.producer_pool  # noqa: B018 - builds the pool (connections are opened when first used)
    if settings.PRELOAD_MODELS:
        process_models_load("web")
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_IN_REQUEST_THRESHOLD, 10, 10)


_freeze_startup_heap()
