"""/ws/events/ on the embedded default (no Redis): a worker process's events reach the web process's sockets through
the spool relay (sora_social.notifications.relay); with Redis the relay does not run."""

import asyncio
import json
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import connections

from sora_social.asgi import application
from sora_social.notifications import relay as relay_module
from sora_social.notifications.realtime import push_event_now, user_group_name
from sora_social.notifications.relay import relay
from tests.test_celery_worker import embedded_default_env
from tests.test_realtime import signed_up_token

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

REPO_ROOT = Path(__file__).resolve().parent.parent

# What a Celery worker does when a render advances: push_event_now, in a process of its own, on the embedded default.
# The events are spaced unevenly, so their latencies sample the relay's poll at different moments.
WORKER_PUBLISHES = """
import sys, time
import django
django.setup()
from sora_social.notifications.realtime import push_event_now
from sora_social.notifications.relay import process_origin
for step in (1, 2, 3):
    push_event_now(user_id=int(sys.argv[1]), event="generation.progress", payload={"step": step, "sent_at": time.time()})
    time.sleep(0.037 * step)
print(process_origin())
"""


@pytest.fixture
def embedded(settings, tmp_path):
    """The web side of the embedded default: the in-memory layer, and the spool under this test's var folder."""
    var_dir = tmp_path / "var"
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.REALTIME_SPOOL_DIR = var_dir / "realtime" / "events"
    return var_dir


@pytest_asyncio.fixture(autouse=True)
async def _stop_the_relay_and_close_connections():
    yield
    await relay.stop()
    await sync_to_async(connections.close_all)()


async def user_socket(handle: str):
    from sora_social.accounts.models import User

    token = await sync_to_async(signed_up_token)(handle)
    communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"x-session-token", token.encode())])
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["event"] == "hello"
    return communicator, await sync_to_async(lambda: User.objects.get(handle=handle).pk)()


async def test_a_worker_processs_events_reach_the_socket_without_redis(embedded):
    # Given an event spooled before the web process served any socket (it must not be replayed as new)
    await sync_to_async(push_event_now)(user_id=1, event="generation.progress", payload={"stale": True})
    stale_files = list((embedded / "realtime" / "events").iterdir())
    assert len(stale_files) == 1
    # and a person connected to the real ASGI application, which starts the relay
    communicator, user_id = await user_socket("embedded_user")
    assert relay.running_here()

    # When a worker-like process of its own (no Redis, the in-memory layer) publishes three progress events
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WORKER_PUBLISHES, str(user_id), env=embedded_default_env(embedded), cwd=str(REPO_ROOT),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    received, latencies = [], []
    for _ in range(3):
        # Generous: it includes the worker process starting Django (seconds on a loaded machine); the latency of each
        # event is asserted below.
        message = await communicator.receive_json_from(timeout=30)
        latencies.append(time.time() - message["payload"]["sent_at"])
        received.append(message)
    stdout, stderr = await worker.communicate()
    assert worker.returncode == 0, stderr.decode()

    # Then the socket got them in order, each once, within a fraction of a second, and never the stale one
    assert [m["event"] for m in received] == ["generation.progress"] * 3
    assert [m["payload"]["step"] for m in received] == [1, 2, 3]
    assert stdout.decode().strip() != relay_module.process_origin()
    assert await communicator.receive_nothing(timeout=0.4)
    print(f"worker to socket latency: {', '.join(f'{s * 1000:.0f} ms' for s in latencies)}")
    assert max(latencies) < 2.0
    await communicator.disconnect()


async def test_an_event_published_in_the_web_process_arrives_once(embedded):
    # Given a socket served by this process, whose relay runs
    communicator, user_id = await user_socket("web_publisher")
    # When this process publishes (a like, a follow): at once to its own layer, and spooled for other web processes
    await sync_to_async(push_event_now)(user_id=user_id, event="notification", payload={"id": 9})
    # Then its socket gets it once: its own relay skips the file it wrote
    assert await communicator.receive_json_from(timeout=2) == {"event": "notification", "payload": {"id": 9}}
    assert len(list((embedded / "realtime" / "events").iterdir())) == 1
    assert await communicator.receive_nothing(timeout=0.4)
    await communicator.disconnect()


async def test_two_web_processes_each_relay_every_event(embedded):
    # Given two relays reading one spool (two web processes), each started before the event
    folder = embedded / "realtime" / "events"
    folder.mkdir(parents=True)
    first, second = relay_module.SpoolRelay(), relay_module.SpoolRelay()
    seen_first = seen_second = set()
    # When a worker spools an event (another origin than this process's)
    (folder / f"{time.time_ns():020d}-999xworker-{0:010d}.json").write_text(
        json.dumps({"group": user_group_name(5), "message": {"type": "user.event", "event": "x", "payload": {}}})
    )
    # Then each relay finds it once, and not again on its next look
    seen_first, found_first = first._scan(folder, seen_first, "me", prune=False)
    seen_second, found_second = second._scan(folder, seen_second, "me", prune=False)
    assert len(found_first) == len(found_second) == 1
    assert first._scan(folder, seen_first, "me", prune=False)[1] == []


async def test_old_events_are_pruned(embedded):
    folder = embedded / "realtime" / "events"
    folder.mkdir(parents=True)
    old = folder / f"{time.time_ns() - int(relay_module.RETENTION_S * 2e9):020d}-1xa-{0:010d}.json"
    fresh = folder / f"{time.time_ns():020d}-1xa-{1:010d}.json"
    old.write_text("{}")
    fresh.write_text("{}")
    relay_module.spool_prune(folder)
    assert list(folder.iterdir()) == [fresh]


async def test_with_redis_the_relay_does_not_start_and_nothing_is_spooled(settings, tmp_path):
    # Given Redis as the channel layer (as when REDIS_URL is set)
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]}}
    }
    settings.REALTIME_SPOOL_DIR = tmp_path / "spool"
    # When a web process would start its relay
    relay.ensure_running()
    # Then it does not run
    assert not relay.running_here()
    assert not relay_module.layer_is_process_local(get_channel_layer())


@pytest.mark.redis
async def test_with_redis_a_push_goes_through_redis_and_not_the_spool(settings, tmp_path, require_redis):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [settings.REDIS_URL]}}
    }
    settings.REALTIME_SPOOL_DIR = tmp_path / "spool"
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(user_group_name(42), channel)
    await sync_to_async(push_event_now)(user_id=42, event="generation.progress", payload={"id": 1})
    message = await asyncio.wait_for(layer.receive(channel), timeout=5)
    assert message["event"] == "generation.progress"
    assert not settings.REALTIME_SPOOL_DIR.exists()
    await layer.group_discard(user_group_name(42), channel)
