"""A real worker is killed in the middle of a render: one retry, exactly one result, no orphan files.

On each broker a deployment may use: Redis, and RabbitMQ (CELERY_BROKER_URL=amqp://...). Results and events stay
on Redis either way.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from generation import services
from generation.models import GenerationJob
from generation.tasks import generation_render_task
from sora_social.celery import app as celery_app

REPO = Path(__file__).resolve().parents[2]


def wait_for(predicate, timeout: float, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def children_of(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout.split()
    return [int(child) for child in found]


def _purged_rabbitmq(url: str) -> str:
    """The RabbitMQ URL, with the gpu queue emptied of anything an earlier run left in it."""
    from kombu import Connection, Queue

    with Connection(url) as connection:
        # Declaring it first makes the purge safe on a fresh server (an undeclared queue cannot be purged).
        Queue("gpu", routing_key="gpu")(connection.default_channel).declare()
        Queue("gpu", routing_key="gpu")(connection.default_channel).purge()
    return url


@pytest.fixture(params=["redis", "rabbitmq"])
def broker(request, settings) -> str:
    request.getfixturevalue("require_redis")
    if request.param == "redis":
        return settings.REDIS_URL.rsplit("/", 1)[0] + "/14"
    return _purged_rabbitmq(request.getfixturevalue("require_rabbitmq"))


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_render_gives_one_retry_and_one_result(
    require_postgres, broker, make_user, monkeypatch, tmp_path
):
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sora_social.settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "CELERY_BROKER_URL": broker,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SORA_VAR_DIR": str(tmp_path / "var"),
        "RENDER_LEASE_S": "4",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "sora_social", "worker", "-Q", "gpu", "--pool=prefork",
         "--concurrency=1", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    celery_app.conf.update(task_always_eager=False, broker_url=broker)
    try:
        # Given a job being rendered by the worker
        monkeypatch.setattr("generation.services._queue_render", lambda job: None)
        job = services.generation_submit(
            owner=make_user("alice"), prompt="a basketball misses the rim and rebounds in a gym",
            duration_s=10, resolution="720p", seed=5,
        )
        # An explicit connection: the app's producer pool may already point at the session's broker.
        with celery_app.connection_for_write(broker) as connection:
            generation_render_task.apply_async(args=[job.pk], queue="gpu", connection=connection)
        assert wait_for(lambda: GenerationJob.objects.filter(pk=job.pk, state="rendering", progress__gt=0).exists(), 90)

        # When its process is killed mid-render
        child = wait_for(lambda: children_of(worker.pid), 10)
        os.kill(child[0], signal.SIGKILL)

        # Then the task comes back, waits out the dead worker's lease, and renders once more
        finished = wait_for(
            lambda: GenerationJob.objects.filter(pk=job.pk, state__in=["succeeded", "failed", "blocked"]).first(), 180
        )
    finally:
        celery_app.conf.update(task_always_eager=True)
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()

    assert finished is not None and finished.state == "succeeded", finished and finished.state_reason
    assert finished.attempts == 2
    media = Path(settings.MEDIA_ROOT)
    files = sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())
    assert files == [f"posters/{finished.public_ref}.jpg", f"videos/{finished.public_ref}.mp4"]
