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

    # Not signed in: the API answers 403 with its error shape (DRF without an authentication header to offer).
    assert [response["status"] for response in responses] == [403] * 4
    assert b'"code"' in responses[0]["body"]  # the API's error shape, through the real ASGI handler
    assert len(threads) == 4 and len(set(threads)) == 1


def test_the_web_process_sets_up_celery_before_its_first_request():
    """Otherwise the first request to queue a task (~130 ms of setup) pays for it."""
    from sora_social.celery import app

    assert app.finalized
    assert app.amqp._producer_pool is not None
