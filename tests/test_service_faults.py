"""A service down for a moment: the broker, Redis, the object store.

Each outage is real: the client talks to the service through a TCP forwarder on a port of its own, and the
forwarder stops listening (and drops its open connections) while the service is "down". The request gets a 503
in the API's error shape, nothing half-written stays behind, and the same request succeeds once the forwarder
listens again, through the same client objects (connection pools that must reconnect by themselves).
"""

from __future__ import annotations

import contextlib
import io
import select
import socket
import socketserver
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from PIL import Image

from generation.models import GenerationJob
from sora_social.accounts.models import Profile


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FlakyService:
    """A TCP forwarder to a real service, on 127.0.0.1:`port`, that can be taken down and brought back."""

    def __init__(self, target_url: str) -> None:
        parts = urlsplit(target_url)
        self.target = (parts.hostname or "127.0.0.1", parts.port)
        self.port = _free_port()
        self._server: socketserver.ThreadingTCPServer | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def url(self, original: str) -> str:
        """`original` with its host and port replaced by the forwarder's."""
        parts = urlsplit(original)
        netloc = f"{parts.username}:{parts.password}@" if parts.username else ""
        return parts._replace(netloc=f"{netloc}127.0.0.1:{self.port}").geturl()

    def up(self) -> None:
        flaky = self

        class Pipe(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                upstream = socket.create_connection(flaky.target, timeout=5)
                sockets = [self.request, upstream]
                with flaky._lock:
                    flaky._open.update(sockets)
                try:
                    while True:
                        readable, _, _ = select.select(sockets, [], [], 1.0)
                        for source in readable:
                            data = source.recv(65536)
                            if not data:
                                return
                            (upstream if source is self.request else self.request).sendall(data)
                except OSError:
                    return
                finally:
                    with flaky._lock:
                        flaky._open.difference_update(sockets)
                    upstream.close()

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Pipe)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._server = server

    def down(self) -> None:
        """Stop listening (new connections are refused) and cut every connection made so far."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()


@pytest.fixture
def flaky_redis(settings, require_redis) -> Iterator[FlakyService]:
    service = FlakyService(settings.REDIS_URL)
    service.up()
    yield service
    service.down()


def assert_unavailable(response) -> None:
    """A 503 in the API's error shape, telling the client when to try again."""
    assert response.status_code == 503, response.content
    body = response.json()
    assert body["code"] == "service_unavailable"
    assert body["message"] and body["fields"] == {}
    assert int(response["Retry-After"]) == body["retry_after_s"] > 0


def submit(client):
    return client.post("/api/v1/generations/", {"prompt": "a dog surfing at sunset", "duration_s": 2}, format="json")


# ---- the broker -------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def celery_broker(url: str):
    """The Celery app publishes to `url` for real (not eagerly), with fresh producer pools, then goes back."""
    from sora_social.celery import app

    keys = ("broker_url", "task_always_eager", "broker_transport_options")
    saved = {key: app.conf[key] for key in keys}
    saved_pools = app._pool, app.amqp._producer_pool

    app.conf.update(broker_url=url, task_always_eager=False, broker_transport_options={})
    app._pool = app.amqp._producer_pool = None
    try:
        yield app
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.update(saved)
        app._pool, app.amqp._producer_pool = saved_pools


def _gpu_queues(client) -> list[bytes]:
    """The render queues of a Redis broker: `gpu`, or `gpu.<backend>` when jobs are routed by backend."""
    return [key for key in client.scan_iter(match="gpu*") if client.type(key) == b"list"]


def gpu_messages(redis_url: str) -> list[str]:
    """The render tasks waiting in the render queues of a Redis broker (their arguments, as Celery writes them)."""
    import json

    import redis

    client = redis.Redis.from_url(redis_url)
    return [json.loads(raw)["headers"]["argsrepr"] for key in _gpu_queues(client) for raw in client.lrange(key, 0, -1)]


@pytest.fixture
def gpu_queue_empty(settings, require_redis):
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in _gpu_queues(client):
        client.delete(key)
    yield
    for key in _gpu_queues(client):
        client.delete(key)


@pytest.mark.django_db(transaction=True)  # the publish runs when the request's transaction commits
def test_broker_down_a_submit_is_a_503_and_withdrawn_and_the_retry_is_queued(
    make_user, client_for, settings, flaky_redis, gpu_queue_empty
):
    # Given a broker (Redis here; RabbitMQ raises the same kombu OperationalError) that is down
    client = client_for(make_user("alice"))
    broker_url = flaky_redis.url(settings.REDIS_URL)
    with celery_broker(broker_url):
        flaky_redis.down()

        # When a person submits a generation
        response = submit(client)

        # Then it is a 503, and the job committed before the publish is withdrawn: nothing would ever run it
        assert_unavailable(response)
        assert not GenerationJob.objects.exists()
        assert gpu_messages(settings.REDIS_URL) == []

        # When the broker is back, the same request through the same producer pool is queued and sent
        flaky_redis.up()
        response = submit(client)
        assert response.status_code == 202, response.content
        job = GenerationJob.objects.get()
        assert job.state == GenerationJob.State.QUEUED and response.json()["id"] == job.pk
        assert gpu_messages(settings.REDIS_URL) == [f"[{job.pk}]"]


# ---- Redis (the cache; the channel layer's pushes are best effort and never fail a request) ---------------------


@pytest.mark.django_db
def test_redis_down_is_a_503_that_writes_nothing_and_the_retry_succeeds(
    make_user, client_for, settings, flaky_redis, monkeypatch
):
    sent: list[int] = []
    monkeypatch.setattr("generation.services._queue_render", lambda job: sent.append(job.pk))
    # Given the cache on Redis (rate limits, sessions and the feed's shared lists live there), and Redis down
    local_cache = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "sora_social.cache.RedisCache",
            "LOCATION": flaky_redis.url(settings.REDIS_URL),
            "OPTIONS": {"pool_class": "sora_social.cache.SharedConnectionPool"},
            "KEY_PREFIX": "service-faults",
        }
    }
    client = client_for(make_user("alice"))
    flaky_redis.down()

    # When a person submits a generation (its rate limit is counted in the cache)
    response = submit(client)

    # Then it is a 503 and no job exists
    assert_unavailable(response)
    assert not GenerationJob.objects.exists() and sent == []

    # When Redis is back, the retry goes through the same connection pool
    flaky_redis.up()
    response = submit(client)
    assert response.status_code == 202, response.content
    assert sent == [response.json()["id"]]
    settings.CACHES = local_cache  # the tests' own cache again (it is cleared after each test)


# ---- the object store -------------------------------------------------------------------------------------------


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 80, 40)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "me.png"
    return buffer


@pytest.mark.django_db
def test_object_store_down_is_a_503_that_writes_nothing_and_the_retry_succeeds(
    make_user, client_for, settings, s3_bucket
):
    from tests.s3_server import S3Bucket

    # Given media on S3 (moto's server) reached through a forwarder, and the store down
    store = FlakyService(s3_bucket.endpoint_url)
    store.up()
    through_forwarder = S3Bucket(endpoint_url=f"http://127.0.0.1:{store.port}", name=s3_bucket.name)
    settings.STORAGES = {**settings.STORAGES, "default": through_forwarder.storage_config()}
    s3_bucket.empty()
    user = make_user("alice")
    client = client_for(user)
    store.down()
    try:
        # When a person uploads an avatar
        response = client.put("/api/v1/me/avatar/", {"avatar": _png()}, format="multipart")

        # Then it is a 503; the profile points at no file and the bucket holds none
        assert_unavailable(response)
        assert not Profile.objects.filter(user=user).exclude(avatar="").exists()
        assert s3_bucket.keys() == []

        # When the store is back, the retry stores the file in the bucket
        store.up()
        response = client.put("/api/v1/me/avatar/", {"avatar": _png()}, format="multipart")
        assert response.status_code == 200, response.content
        profile = Profile.objects.get(user=user)
        assert s3_bucket.keys() == [profile.avatar.name]
    finally:
        store.down()
        s3_bucket.empty()


def test_what_counts_as_an_outage():
    """The classifier behind every 503: outages of each service, followed through wrapping; other errors are not."""
    import botocore.exceptions
    import kombu.exceptions
    import redis.exceptions

    from sora_social.api.errors import service_outage

    wrapped = RuntimeError("publish failed")
    wrapped.__cause__ = kombu.exceptions.OperationalError("connection refused")
    assert service_outage(kombu.exceptions.OperationalError("down")) == "broker"
    assert service_outage(wrapped) == "broker"
    assert service_outage(redis.exceptions.ConnectionError("down")) == "redis"
    assert service_outage(botocore.exceptions.EndpointConnectionError(endpoint_url="http://s3")) == "object_store"
    assert service_outage(OSError(5, "Input/output error")) == "storage"
    assert service_outage(FileNotFoundError(2, "No such file")) is None
    assert service_outage(ValueError("bad input")) is None


class SessionStoreDown:
    """A middleware whose service is down (as SessionMiddleware is when the cached_db session store's Redis is)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import redis.exceptions

        raise redis.exceptions.ConnectionError("Error 111 connecting to redis. Connection refused.")


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "shape"), [("/api/v1/me/", "api"), ("/_allauth/app/v1/auth/session", "allauth")])
def test_an_outage_raised_in_a_middleware_is_a_503_in_the_paths_own_shape(client, settings, path, shape):
    # Given a middleware that fails before any view runs (Django turns that into its 500 handler)
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:1], "tests.test_service_faults.SessionStoreDown", *settings.MIDDLEWARE[1:]]
    client.raise_request_exception = False

    response = client.get(path)

    assert response.status_code == 503 and response["Retry-After"]
    if shape == "api":
        assert_unavailable(response)
    else:  # allauth's own error shape, which its client SDKs read
        assert response.json()["errors"][0]["code"] == "service_unavailable"
