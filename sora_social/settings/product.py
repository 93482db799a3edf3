"""The product's own knobs: caps, limits and keys."""

from .base import VAR_DIR
from .env import env_bool, env_int, env_list, env_str

# Invites
INVITES_PER_NEW_USER = env_int("INVITES_PER_NEW_USER", 4)
INVITE_TTL_DAYS = env_int("INVITE_TTL_DAYS", 30)
# Media hidden by a revocation or a takedown is deleted this many days later (time for appeals and restores).
HIDDEN_MEDIA_RETENTION_DAYS = env_int("HIDDEN_MEDIA_RETENTION_DAYS", 30)
# A taken-down video whose appeal waits is kept past that until the appeal is answered, but no longer than this many
# days after the appeal was made: an appeal nobody answers does not keep a video for ever.
APPEAL_PURGE_HOLD_MAX_DAYS = env_int("APPEAL_PURGE_HOLD_MAX_DAYS", 90)

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
# An RFC 3161 time-stamp authority for the C2PA signatures: with one, an export's manifest stays valid after the
# signing certificate expires. Empty (the embedded default): no time-stamp, valid only while the certificate is.
C2PA_TIMESTAMP_URL = env_str("C2PA_TIMESTAMP_URL", "")

# Rendering (README, Rendering backends; generation/backends/catalog.py): reference, ltx (alias diffusers),
# ltx2, consisid. RENDER_BACKEND is the default; RENDER_BACKENDS the others a generation may ask for.
RENDER_BACKEND = env_str("RENDER_BACKEND", "reference")
RENDER_BACKENDS = env_list("RENDER_BACKENDS", [])
# What a render worker consuming the `gpu` queue serves (it then consumes gpu.<backend> for each).
RENDER_WORKER_BACKENDS = env_list("RENDER_WORKER_BACKENDS", [])
# Local diffusers folders, never downloaded; DIFFUSERS_MODEL_PATH serves a backend without its own.
DIFFUSERS_MODEL_PATH = env_str("DIFFUSERS_MODEL_PATH")
LTX_MODEL_PATH = env_str("LTX_MODEL_PATH")
LTX2_MODEL_PATH = env_str("LTX2_MODEL_PATH")
CONSISID_MODEL_PATH = env_str("CONSISID_MODEL_PATH")
# Memory levers for one GPU (generation/backends/memory.py): none|model|sequential, VAE tiling, an 8-bit
# transformer (float8_e4m3fn) and the compute dtype (empty: bfloat16 on a GPU, float32 on the CPU).
RENDER_CPU_OFFLOAD = env_str("RENDER_CPU_OFFLOAD", "model")
RENDER_VAE_TILING = env_bool("RENDER_VAE_TILING", True)
RENDER_TRANSFORMER_STORAGE_DTYPE = env_str("RENDER_TRANSFORMER_STORAGE_DTYPE", "")
RENDER_TORCH_DTYPE = env_str("RENDER_TORCH_DTYPE", "")
# The longest side LTX-Video and LTX-2 render (multiples of 32); a larger spec is rendered at this and scaled up.
RENDER_MAX_SIDE = env_int("RENDER_MAX_SIDE", 1280)
LTX2_STEPS = env_int("LTX2_STEPS", 30)
LTX2_MAX_SEQUENCE_LENGTH = env_int("LTX2_MAX_SEQUENCE_LENGTH", 1024)
CONSISID_STEPS = env_int("CONSISID_STEPS", 50)
# consisid: the model's own face models (insightface, facexlib, EVA-CLIP); face_recognition: our dlib encodings.
CONSISID_FACE_ENCODER = env_str("CONSISID_FACE_ENCODER", "consisid")
RENDER_FPS = env_int("RENDER_FPS", 24)
# How long a worker holds a job without a sign of life before another may take it over.
RENDER_LEASE_S = env_int("RENDER_LEASE_S", 300)

# The likeness registry (cameos.registry): how long a lookup waits for a registry still being built before it
# refuses (RegistryNotReady). A worker builds it when it starts: 1,000,000 identities took 131 s on 2 cores
# (bench/bench_registry.py), so the wait covers a cold start at that size.
LIKENESS_REGISTRY_WAIT_S = env_int("LIKENESS_REGISTRY_WAIT_S", 180)
# How often a worker process brings its likeness registry up to date while idle (cameos.registry): the longest a
# deleted cameo's face stays in the memory of a process other than the one that deleted it.
LIKENESS_REGISTRY_SYNC_S = float(env_int("LIKENESS_REGISTRY_SYNC_S", 5))
# Output screening: faces in a render are looked for in this many frames per second at least, and at every cut.
SCREENING_FRAMES_PER_S = env_int("SCREENING_FRAMES_PER_S", 2)

# Wellness check-ins
WELLNESS_CHECK_EVERY_VIDEOS = env_int("WELLNESS_CHECK_EVERY_VIDEOS", 40)
WELLNESS_CHECK_EVERY_MINUTES = env_int("WELLNESS_CHECK_EVERY_MINUTES", 30)

# Feed: fan-out on write into per-user Redis timelines (needs REDIS_URL); other FEED_* knobs in feed/conf.py.
FEED_FANOUT = env_bool("FEED_FANOUT", False)
