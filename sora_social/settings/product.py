"""The product's own knobs: caps, limits and keys."""

from .base import VAR_DIR
from .env import env_bool, env_int, env_str

# Invites
INVITES_PER_NEW_USER = env_int("INVITES_PER_NEW_USER", 4)
INVITE_TTL_DAYS = env_int("INVITE_TTL_DAYS", 30)
# Media hidden by a revocation or a takedown is deleted this many days later (time for appeals and restores).
HIDDEN_MEDIA_RETENTION_DAYS = env_int("HIDDEN_MEDIA_RETENTION_DAYS", 30)

# Teens: the defaults a parent can only make stricter.
TEEN_DAILY_FEED_VIDEOS = env_int("TEEN_DAILY_FEED_VIDEOS", 100)
TEEN_DAILY_GENERATIONS = env_int("TEEN_DAILY_GENERATIONS", 10)
ADULT_DAILY_GENERATIONS = env_int("ADULT_DAILY_GENERATIONS", 50)
MAX_JOBS_IN_FLIGHT = env_int("MAX_JOBS_IN_FLIGHT", 2)
PARENTAL_LINK_CODE_TTL_MINUTES = env_int("PARENTAL_LINK_CODE_TTL_MINUTES", 30)
# How long a former parent may contest a teen's new parental link (sora_social.accounts.conf).
PARENTAL_LINK_COOLING_OFF_DAYS = env_int("PARENTAL_LINK_COOLING_OFF_DAYS", 7)

# Biometric data is encrypted at rest with this Fernet key (urlsafe base64, 32 bytes).
# The embedded default derives a key from a local file created on first use.
BIOMETRIC_KEY = env_str("BIOMETRIC_KEY", required_in_production=True)
BIOMETRIC_KEY_FILE = VAR_DIR / "keys" / "biometric.key"

# C2PA signing
C2PA_KEY_DIR = VAR_DIR / "keys" / "c2pa"
C2PA_CHAIN_PATH = env_str("C2PA_CHAIN_PATH", str(C2PA_KEY_DIR / "chain.pem"), required_in_production=True)
C2PA_KEY_PATH = env_str("C2PA_KEY_PATH", str(C2PA_KEY_DIR / "signer.key"), required_in_production=True)
C2PA_TRUST_ANCHOR_PATH = env_str("C2PA_TRUST_ANCHOR_PATH", str(C2PA_KEY_DIR / "root.pem"))

# Rendering
RENDER_BACKEND = env_str("RENDER_BACKEND", "reference")
DIFFUSERS_MODEL_PATH = env_str("DIFFUSERS_MODEL_PATH")
RENDER_FPS = env_int("RENDER_FPS", 24)
# How long a worker holds a job without a sign of life before another may take it over.
RENDER_LEASE_S = env_int("RENDER_LEASE_S", 300)

# Wellness check-ins
WELLNESS_CHECK_EVERY_VIDEOS = env_int("WELLNESS_CHECK_EVERY_VIDEOS", 40)
WELLNESS_CHECK_EVERY_MINUTES = env_int("WELLNESS_CHECK_EVERY_MINUTES", 30)

# Feed: fan-out on write into per-user Redis timelines (needs REDIS_URL); other FEED_* knobs in feed/conf.py.
FEED_FANOUT = env_bool("FEED_FANOUT", False)
