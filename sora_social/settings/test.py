"""Test settings: the real stack when DATABASE_URL / REDIS_URL are set (CI), the embedded default otherwise."""

import tempfile
from pathlib import Path

from sora_social.settings import *  # noqa: F403

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
