"""Settings of the feed benchmark's server: the project's settings on PostgreSQL and Redis, with fan-out on.

Used as DJANGO_SETTINGS_MODULE=feed_settings with bench/ on PYTHONPATH (bench/bench_feed.py does this).
"""

import os

from sora_social.settings import *  # noqa: F403

DEBUG = False
FEED_FANOUT = os.environ.get("FEED_FANOUT", "1") == "1"
FEED_REDIS_PREFIX = "bench:feed:"
# Under ASGI each request runs in a thread of its own, so Django's persistent connections would pile up (one per
# thread, past max_connections); psycopg's pool is the supported way (Django 5.1+, needs psycopg-pool).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 4, "max_size": 12, "timeout": 10}  # noqa: F405
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}
MIDDLEWARE = ["server_timing.server_timing", *MIDDLEWARE]  # noqa: F405
FEED_RANK_AHEAD = os.environ.get("FEED_RANK_AHEAD", "0") == "1"
