"""Test settings: the real stack when DATABASE_URL / REDIS_URL are set (CI), the embedded default otherwise."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sora_social.settings import *  # noqa: F403
from sora_social.settings import CELERY_BROKER_URL, CHANNEL_LAYER_REDIS, REDIS_URL


def _redis_database_of_worker(url: str, worker: str) -> str:
    """`make test` runs the suite in several processes (pytest-xdist), each with a database of its own on PostgreSQL
    (pytest-django) and so each handing out the same ids: on one Redis database their socket groups, timelines and
    queues, all keyed by those ids, would cross. Worker N takes the N-th database after REDIS_URL's (wrapping past
    13: tests/generation/test_worker_killed.py keeps database 14 for its own worker, and 15 is left free)."""
    index = int(worker.removeprefix("gw"))
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + index) % 14}"))


_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):
    _SHARED_REDIS_URL = REDIS_URL
    REDIS_URL = _redis_database_of_worker(REDIS_URL, _XDIST_WORKER)
    # Processes a test starts (hosts, workers, `make run`) inherit it.
    os.environ["REDIS_URL"] = REDIS_URL
    if CELERY_BROKER_URL == _SHARED_REDIS_URL:
        CELERY_BROKER_URL = REDIS_URL
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, **CHANNEL_LAYER_REDIS}]},
        }
    }

_TEST_VAR = Path(tempfile.mkdtemp(prefix="sora-test-"))
MEDIA_ROOT = _TEST_VAR / "media"
REALTIME_SPOOL_DIR = _TEST_VAR / "realtime" / "events"
C2PA_KEY_DIR = _TEST_VAR / "keys" / "c2pa"
C2PA_CHAIN_PATH = str(C2PA_KEY_DIR / "chain.pem")
C2PA_KEY_PATH = str(C2PA_KEY_DIR / "signer.key")
C2PA_TRUST_ANCHOR_PATH = str(C2PA_KEY_DIR / "root.pem")
BIOMETRIC_KEY_FILE = _TEST_VAR / "keys" / "biometric.key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Rate-limit counters must not leak between tests, so the cache is always local here.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
