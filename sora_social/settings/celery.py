"""Celery: one app, three queues; the embedded default uses a file-based transport that needs no server."""

from .base import REDIS_URL, VAR_DIR
from .env import env_bool, env_int, env_str

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_URL == "filesystem://":
    _queue_dir = VAR_DIR / "celery" / "queue"
    # The file transport needs its folder before the first message, in the web process and the worker alike.
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        # Where it keeps its exchange tables; kombu's default is ./control, in whatever folder the process started.
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A task not acknowledged within this time is redelivered; longer than the longest render.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

# State lives in the database (jobs, attempts); no result backend is needed.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "cameos.tasks.cameo_verify_task": {"queue": "media"},
    "generation.tasks.generation_render_task": {"queue": "gpu"},
    "generation.tasks.generation_media_rename_task": {"queue": "media"},
}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # A render whose worker died is sent again once its lease (RENDER_LEASE_S) lapses, within this interval after.
    "requeue-stuck-generation-jobs": {
        "task": "generation.tasks.generation_requeue_stuck_task",
        "schedule": float(env_int("REQUEUE_STUCK_EVERY_S", 300)),
    },
    "clean-up-cameo-challenges": {"task": "cameos.tasks.cameo_challenges_cleanup_task", "schedule": 3600.0},
    # Verification clips that outlived their verification: a delete the store refused, an attempt that never ended.
    "sweep-verification-uploads": {"task": "cameos.tasks.verification_uploads_sweep_task", "schedule": 3600.0},
    # Find-my-face uploads likewise: a delete the store refused, a search that never finished.
    "sweep-face-search-uploads": {"task": "generation.tasks.face_search_uploads_sweep_task", "schedule": 3600.0},
    # Half of FEED_GLOBAL_CACHE_S, so For You requests find the shared lists fresh and never sort them.
    "refresh-feed-global-candidates": {"task": "feed.tasks.feed_global_candidates_task", "schedule": 30.0},
    # Posts whose embed task was lost (a caption edit's included) are embedded within the hour.
    "embed-posts-missing-embeddings": {"task": "feed.tasks.posts_embed_missing_task", "schedule": 3600.0},
    # Retention (README, Operations): hidden media after HIDDEN_MEDIA_RETENTION_DAYS; inactive accounts' biometrics.
    "purge-hidden-media": {"task": "feed.tasks.hidden_media_purge_task", "schedule": 86400.0},
    # A suspension that ended by itself: the remixes of the person count on their parents again.
    "recount-remixes-after-suspensions": {
        "task": "remix.tasks.remix_counts_recount_after_suspensions_task",
        "schedule": 3600.0,
    },
    "purge-inactive-account-biometrics": {
        "task": "cameos.tasks.biometrics_purge_for_inactive_accounts_task",
        "schedule": 86400.0,
    },
    # The likeness registry's change log (cameos.registry): a day is kept; a process idle longer builds again.
    "prune-likeness-changes": {"task": "cameos.tasks.likeness_changes_prune_task", "schedule": 3600.0},
}
