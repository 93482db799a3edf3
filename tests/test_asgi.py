"""The ASGI entry point serves HTTP through Django, running the Django part of requests on one thread."""

import asyncio
import threading

import pytest
from channels.testing import HttpCommunicator
from django.core.signals import request_started

from sora_social.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.asyncio
async def test_concurrent_http_requests_run_their_django_part_on_one_thread():
    # Django's own handler would give each of these requests a thread of its own.
    threads = []

    def started(**kwargs):
        threads.append(threading.get_ident())

    request_started.connect(started)
    try:
        responses = await asyncio.gather(
            *(HttpCommunicator(application, "GET", "/api/v1/me/", headers=[(b"host", b"testserver")]).get_response(timeout=30) for _ in range(4))
        )
    finally:
        request_started.disconnect(started)

    # Not signed in: the API answers 401 with its error shape and a WWW-Authenticate challenge.
    assert [response["status"] for response in responses] == [401] * 4
    assert b'"code"' in responses[0]["body"]  # the API's error shape, through the real ASGI handler
    assert len(threads) == 4 and len(set(threads)) == 1


def test_the_web_process_sets_up_celery_before_its_first_request():
    """Otherwise the first request to queue a task (~130 ms of setup) pays for it."""
    from sora_social.celery import app

    assert app.finalized
    assert app.amqp._producer_pool is not None


def test_garbage_in_reference_cycles_is_collected_between_requests_not_during_them():
    import gc
    import weakref

    from sora_social.asgi import GC_IN_REQUEST_THRESHOLD, GC_YOUNG_THRESHOLD, collect_garbage_between_requests

    class Node:
        pass

    # The web process only collects on its own past a high threshold, so a request is rarely paused by it.
    assert gc.get_threshold()[0] == GC_IN_REQUEST_THRESHOLD
    gc.collect()
    cycle = Node()
    cycle.itself = cycle
    freed = weakref.ref(cycle)
    del cycle

    collect_garbage_between_requests()
    assert freed() is not None  # fewer new objects than Python's own pace: nothing collected yet

    # Past Python's pace, the call between requests collects. Other threads of the test process (pytest-xdist's)
    # allocate and free objects meanwhile, which moves the counters: so pile up objects until it collects, within
    # bounds (each round is the young threshold; ten rounds also reach the middle generation, should the cycle have
    # been promoted by an automatic collection).
    alive: list[list] = []
    for _ in range(20):
        alive.extend([] for _ in range(GC_YOUNG_THRESHOLD))
        collect_garbage_between_requests()
        if freed() is None:
            break
    assert freed() is None
    assert len(alive) <= 20 * GC_YOUNG_THRESHOLD


@pytest.mark.asyncio
async def test_a_response_is_followed_by_a_collection_once_enough_objects_piled_up():
    import gc
    import weakref

    from sora_social.asgi import GC_YOUNG_THRESHOLD

    class Node:
        pass

    gc.collect()
    cycle = Node()
    cycle.itself = cycle
    freed = weakref.ref(cycle)
    del cycle
    alive = [[] for _ in range(GC_YOUNG_THRESHOLD)]

    request = HttpCommunicator(application, "GET", "/api/v1/me/", headers=[(b"host", b"testserver")])
    response = await request.get_response(timeout=30)
    await request.wait(timeout=30)  # the collection comes after the response is sent

    assert response["status"] == 401
    assert freed() is None
    assert len(alive) == GC_YOUNG_THRESHOLD


def test_the_benchmark_variants_switch_exactly_the_handler_and_the_collector(tmp_path):
    """bench/asgi_variants.py is how the A/B figures in sora_social/asgi.py were measured: each variant must
    change what it names and nothing else, or the figures compare the wrong things."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    script = """
import gc, importlib, json, os, sys
import django
from django.core.handlers.asgi import ASGIHandler
from sora_social import asgi as production
seen = {}
for handler, collector in [("one_at_a_time", "tuned"), ("django", "tuned"), ("django", "frozen"), ("one_at_a_time", "default")]:
    os.environ["BENCH_ASGI_HANDLER"], os.environ["BENCH_GC"] = handler, collector
    module = importlib.reload(sys.modules["asgi_variants"]) if "asgi_variants" in sys.modules else importlib.import_module("asgi_variants")
    app = production.django_asgi_app
    seen[handler + "/" + collector] = {
        "one_at_a_time": isinstance(app, production.OneAtATimeASGIHandler),
        "collects_between": "collect_garbage_between_requests" in type(app).__call__.__code__.co_names,
        "threshold": gc.get_threshold()[0],
        "frozen": gc.get_freeze_count() > 0,
        "application": module.application is production.application,
    }
print(json.dumps(seen))
"""
    env = {**os.environ, "PYTHONPATH": f"{root / 'bench'}{os.pathsep}{root}", "DJANGO_SETTINGS_MODULE": "sora_social.settings.test"}
    env.pop("BENCH_ASGI_HANDLER", None)
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])

    assert seen["one_at_a_time/tuned"] == {
        "one_at_a_time": True, "collects_between": True, "threshold": 50_000, "frozen": True, "application": True
    }
    assert seen["django/tuned"] == {
        "one_at_a_time": False, "collects_between": True, "threshold": 50_000, "frozen": True, "application": True
    }
    assert seen["django/frozen"] == {
        "one_at_a_time": False, "collects_between": False, "threshold": 700, "frozen": True, "application": True
    }
    assert seen["one_at_a_time/default"] == {
        "one_at_a_time": True, "collects_between": False, "threshold": 700, "frozen": False, "application": True
    }
