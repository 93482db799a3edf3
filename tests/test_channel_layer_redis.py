"""The Redis channel layer keeps a quiet socket open: waiting longer than redis-py's default 5 s read timeout for
the next event is not an error (before, a phone's /ws/events/ socket died after 5 s without an event)."""

import asyncio

import pytest
from channels.layers import get_channel_layer

pytestmark = pytest.mark.asyncio


async def test_a_receive_that_waits_past_five_seconds_is_still_waiting(require_redis, settings):
    from sora_social.settings.channels import CHANNEL_LAYER_REDIS

    # The production layer's settings on this test process's own Redis database (settings.REDIS_URL: one per
    # pytest-xdist worker). The module's CHANNEL_LAYERS names the shared one, and the flush below emptied another
    # worker's socket groups there: the generated-client journey, running beside it, lost its events.
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": settings.REDIS_URL, **CHANNEL_LAYER_REDIS}]},
        }
    }
    layer = get_channel_layer()
    channel = await layer.new_channel()
    try:
        with pytest.raises(TimeoutError):  # our own deadline, not redis.exceptions.TimeoutError
            await asyncio.wait_for(layer.receive(channel), timeout=7)
        await layer.send(channel, {"type": "event", "n": 1})
        assert (await asyncio.wait_for(layer.receive(channel), timeout=5))["n"] == 1
    finally:
        await layer.flush()

