"""The project's Redis cache: Django's, with one connection pool and one client per process (sora_social.cache)."""

import threading

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings


def redis_caches() -> dict:
    options = {"pool_class": "sora_social.cache.SharedConnectionPool"}
    return {"default": {"BACKEND": "sora_social.cache.RedisCache", "LOCATION": settings.REDIS_URL, "OPTIONS": options}}


@pytest.fixture
def redis_cache(require_redis):
    with override_settings(CACHES=redis_caches()):
        cache = caches.create_connection("default")
        cache.clear()
        yield cache
        cache.clear()


def test_it_stores_and_reads_like_djangos_cache(redis_cache):
    assert redis_cache.get("missing", "default") == "default"
    redis_cache.set("session", {"user": 7}, 30)
    assert redis_cache.get("session") == {"user": 7}
    assert redis_cache.add("session", {"user": 8}, 30) is False
    assert redis_cache.add("lock", 1, 30) is True
    assert redis_cache.incr("lock") == 2
    assert redis_cache.get_many(["session", "lock", "missing"]) == {"session": {"user": 7}, "lock": 2}
    assert redis_cache.delete("session") is True
    assert redis_cache.get("session") is None


def test_every_operation_and_every_thread_uses_one_client_and_one_pool(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client("key", write=True) is client
    seen = []

    def in_a_request_thread():
        # Django makes a cache object per thread; under ASGI each request has a thread of its own.
        cache = caches.create_connection("default")
        cache.set("from-thread", 1, 30)
        seen.append(cache._cache.get_client())

    with override_settings(CACHES=redis_caches()):
        threads = [threading.Thread(target=in_a_request_thread) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(seen) == 3 and all(other is client for other in seen)
    assert redis_cache.get("from-thread") == 1
