"""Channels: Redis in production, the in-memory layer in the embedded default."""

from .base import REDIS_URL, VAR_DIR

CHANNEL_LAYERS = {
    "default": (
        {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}
        if REDIS_URL
        else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    )
}
# Without Redis the layer lives in one process: workers spool their events here and each web process relays them
# into its own layer (sora_social.notifications.relay). Unused when REDIS_URL is set.
REALTIME_SPOOL_DIR = VAR_DIR / "realtime" / "events"
