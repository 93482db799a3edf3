"""The one place that reads the environment.

With no variables set you get the embedded default (SQLite, in-memory channel layer, a file-based Celery
transport). In production (`SORA_ENV=production`) a required variable that is missing raises
ImproperlyConfigured at start-up instead of falling back silently.
"""

import os

from django.core.exceptions import ImproperlyConfigured

SORA_ENV = os.environ.get("SORA_ENV", "development").strip().lower()
IS_PRODUCTION = SORA_ENV == "production"


def env_str(name: str, default: str | None = None, *, required_in_production: bool = False) -> str | None:
    """A string setting; required ones must be set in production."""
    value = os.environ.get(name)
    if value not in (None, ""):
        return value
    if required_in_production and IS_PRODUCTION:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"The environment variable {name} must be an integer.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
