"""Channels: Redis in production, the in-memory layer in the embedded default."""

from .base import REDIS_URL, VAR_DIR

# A socket waits for its next event with channels_redis's blocking pop of 5 s (brpop_timeout). redis-py 8 gives
# every connection a 5 s read timeout by default, so a quiet socket raced its own pop and died after 5 s without an
# event (redis.exceptions.TimeoutError in the consumer; the generated-client journey found it). A longer read
# timeout is no better: redis-py's timed read swallowed the cancellation of a closing socket's pop, which then
# never ended (tests/test_realtime.py hung). So the layer's reads have no timeout; a Redis that went away is
# noticed by TCP keepalive and by the health check of a connection that sat idle.
CHANNEL_LAYER_REDIS = {"socket_timeout": None, "socket_keepalive": True, "health_check_interval": 30}

CHANNEL_LAYERS = {
    "default": (
        {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, **CHANNEL_LAYER_REDIS}]},
        }
        if REDIS_URL
        else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    )
}
# Without Redis the layer lives in one process: workers spool their events here and each web process relays them
# into its own layer (sora_social.notifications.relay). Unused when REDIS_URL is set.
REALTIME_SPOOL_DIR = VAR_DIR / "realtime" / "events"
