"""Settings of the feed benchmark's server: the project's settings on PostgreSQL and Redis, with fan-out on.

Used as DJANGO_SETTINGS_MODULE=feed_settings with bench/ on PYTHONPATH (bench/bench_feed.py does this).
"""

import os

from sora_social.settings import *  # noqa: F403

DEBUG = False
FEED_FANOUT = os.environ.get("FEED_FANOUT", "1") == "1"
FEED_REDIS_PREFIX = "bench:feed:"
# Persistent connections, as a production deployment runs.
DATABASES["default"]["CONN_MAX_AGE"] = 300  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
