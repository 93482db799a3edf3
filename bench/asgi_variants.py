"""The production ASGI app with its two departures from stock Django switched on or off, for an A/B in one run.

bench/bench_feed.py --variants serves `asgi_variants:application` (bench/ is on PYTHONPATH) and sets, per run:

- BENCH_ASGI_HANDLER: `one_at_a_time` (production's OneAtATimeASGIHandler) or `django` (Django's ASGIHandler,
  a thread per request);
- BENCH_GC: `tuned` (production: the start-up heap frozen, collections between requests), `frozen` (the start-up
  heap frozen, Python's own thresholds, so collections run inside requests) or `default` (Python's thresholds,
  nothing frozen).

Everything else (the warm-up, preloaded models, routing, /healthz/) is production's own module, imported as is.
"""

import gc
import os

from django.core.handlers.asgi import ASGIHandler

from sora_social import asgi as production

HANDLER = os.environ.get("BENCH_ASGI_HANDLER", "one_at_a_time")
GC = os.environ.get("BENCH_GC", "tuned")
if HANDLER not in ("one_at_a_time", "django") or GC not in ("tuned", "frozen", "default"):
    raise SystemExit(f"unknown variant BENCH_ASGI_HANDLER={HANDLER} BENCH_GC={GC}")


class DjangoHandlerCollectingBetweenRequests(ASGIHandler):
    async def __call__(self, scope, receive, send):
        await super().__call__(scope, receive, send)
        production.collect_garbage_between_requests()


class OneAtATimeCollectingInRequests(production.OneAtATimeASGIHandler):
    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        await self.handle(scope, receive, send)


HANDLERS = {
    ("one_at_a_time", "tuned"): production.OneAtATimeASGIHandler,
    ("one_at_a_time", "untuned"): OneAtATimeCollectingInRequests,
    ("django", "tuned"): DjangoHandlerCollectingBetweenRequests,
    ("django", "untuned"): ASGIHandler,
}
# http_application looks the handler up as a module global on every request.
production.django_asgi_app = HANDLERS[(HANDLER, "tuned" if GC == "tuned" else "untuned")]()
if GC != "tuned":
    gc.set_threshold(700, 10, 10)  # Python's defaults
if GC == "default":
    gc.unfreeze()

application = production.application
