"""Core Django settings: apps, middleware, database, templates, static and media files."""

from pathlib import Path

import dj_database_url

from .env import IS_PRODUCTION, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Local state of the embedded default (SQLite, media, Celery's file transport, signing keys).
VAR_DIR = Path(env_str("SORA_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str(
    "SECRET_KEY",
    "django-insecure-embedded-default-only-never-use-in-production",
    required_in_production=True,
)
DEBUG = env_bool("DEBUG", not IS_PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "daphne",
    "sora_social.admin_site.SoraAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.headless",
    # In layer order (README, Architecture): each app imports only from those above it in this list.
    "sora_social.notifications",
    "sora_social.accounts",
    "sora_social.content_policy",
    "cameos",
    "generation",
    "feed",
    "remix",
    "moderation",
    # Last, as it asks: the models marked @cleanup.select lose their stored files when their rows are deleted
    # (an account's deletion cascades to its jobs, verification clips, face searches and avatar).
    "django_cleanup.apps.CleanupSelectedConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sora_social.security_headers.StoreAwareCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Outermost of ours: any error answered under /api/ (Django's HTML 404, 405, 400, DEBUG pages) becomes JSON.
    "sora_social.api.errors.ApiJsonErrorsMiddleware",
    "sora_social.api.middleware.RequestSizeLimitMiddleware",
    "sora_social.api.middleware.NulInUrlMiddleware",
    "sora_social.api.middleware.PrivateApiAnswersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sora_social.accounts.middleware.InviteRedemptionErrorMiddleware",
    # Outside the view's transaction (ATOMIC_REQUESTS), so a refusal's audit row survives its rollback.
    "cameos.middleware.ConsentAuditMiddleware",
    # Last, so it is asked first: a broker, Redis or object store down for a moment is a 503, not a 500.
    "sora_social.api.errors.ServiceUnavailableMiddleware",
]

ROOT_URLCONF = "sora_social.urls"
WSGI_APPLICATION = None
ASGI_APPLICATION = "sora_social.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sora_social" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default is a SQLite file; DATABASE_URL switches to PostgreSQL (or anything dj-database-url knows).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}", required_in_production=True),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
# Every request is one transaction: a failure anywhere leaves nothing half-written.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool("DATABASE_POOL", False):
    # Under ASGI each request runs on its own thread; a pool keeps the connection count bounded.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN", 2),
        "max_size": env_int("DATABASE_POOL_MAX", 20),
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # Hot reads (sora_social.compiled_query) run as prepared statements with generic plans: PostgreSQL plans
    # them once per connection instead of on every request. Only those queries are prepared (the ORM's own
    # cursors bind on the client), so the plan mode below touches nothing else. Turn off behind a pooler in
    # transaction mode that cannot keep prepared statements (pgbouncer before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        prepare_threshold=5, options="-c plan_cache_mode=force_generic_plan"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (web + worker) wait for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# AccountBackend signs everyone in; the two after it only keep valid the sessions they signed in before it came.
AUTHENTICATION_BACKENDS = [
    "sora_social.accounts.backends.AccountBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

REDIS_URL = env_str("REDIS_URL")

# Heavy models load when a process starts, never inside a person's request (deploy/README.md): a web process
# before it serves (sora_social.asgi), a Celery worker process for each queue it consumes (sora_social.celery).
# "module" is imported (face_recognition loads dlib's models on import), "module:function" is called. Off by
# default outside production, so tests and one-off commands start fast; `make run` and deploy/ turn it on.
PRELOAD_MODELS = env_bool("PRELOAD_MODELS", IS_PRODUCTION)
MODELS_BY_PROCESS = {
    # Prompt screening, cameo restrictions and steering embed text with the sentence model.
    # Restriction categories also load their classifier (cameos/restriction_classifier.npz).
    # ...and the enabled content rules are compiled and their descriptions embedded before the first prompt.
    # The categories' words are compiled too: the first restriction read or checked would otherwise pay 0.5 s; and so
    # is the table of typos of their head words (cameos/restriction_spelling.py).
    "web": [
        "sora_social.text_embedding:warm_up",
        "cameos.restriction_classifier:category_classifier",
        "cameos.restriction_classifier:compile_category_words",
        "cameos.restriction_spelling:typo_table",
        "cameos.restriction_spelling:load_english",
        "sora_social.content_policy.screening:warm_up_enabled_rules",
    ],
    "default": [
        "sora_social.text_embedding:warm_up",
        "cameos.restriction_classifier:category_classifier",
        "cameos.restriction_classifier:compile_category_words",
        "cameos.restriction_spelling:typo_table",
        "cameos.restriction_spelling:load_english",
    ],
    "media": ["face_recognition"],
    # The render checks consent (restrictions: the sentence model), renders, and screens the output's faces.
    "gpu": [
        "sora_social.text_embedding:warm_up",
        "cameos.restriction_classifier:category_classifier",
        "cameos.restriction_classifier:compile_category_words",
        "cameos.restriction_spelling:typo_table",
        "cameos.restriction_spelling:load_english",
        "face_recognition",
        "generation.backends:get_backend",
    ],
}

CACHES = {
    "default": (
        {
            "BACKEND": "sora_social.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"pool_class": "sora_social.cache.SharedConnectionPool"},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sora-social"}
    )
}

# Request bodies: JSON stays small; uploads stream to disk past 2.5 MB and are capped per endpoint.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 60 * 1024 * 1024)

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "x-session-token", "x-csrftoken"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # faiss reports at INFO each CPU-specific build it tries before the one that loads: noise, not news.
    "loggers": {"faiss.loader": {"level": "WARNING"}},
}
# Sessions (also allauth's app session tokens) stay in the database, read through the shared cache when there
# is one: every API request authenticates, and a cache hit saves it a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
