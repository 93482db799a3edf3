"""One Redis connection pool per process for Django's cache.

Django keeps a cache object per thread, and its Redis client makes a connection pool per cache object. Under
ASGI every request runs in a thread of its own, so each request opened a new pool and a new TCP connection to
Redis (and left the old ones to the garbage collector). Named as the `pool_class` of the cache, this pool
class hands every cache object the same pool for the same server and options.
"""

import threading

import redis


class SharedConnectionPool(redis.ConnectionPool):
    _shared: dict[tuple, redis.ConnectionPool] = {}
    _lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **kwargs) -> redis.ConnectionPool:
        key = (url, tuple(sorted((name, repr(value)) for name, value in kwargs.items())))
        with cls._lock:
            pool = cls._shared.get(key)
            if pool is None:
                # redis-py notices a fork (Celery's prefork workers) and gives the child fresh connections.
                pool = cls._shared[key] = super().from_url(url, **kwargs)
        return pool
