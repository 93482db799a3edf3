"""A real task through a real Celery worker on Redis, with the queues and delivery settings production uses."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from cameos.models import VerificationChallenge
from cameos.tasks import cameo_challenges_cleanup_task
from sora_social import serve
from sora_social.celery import Queue
from sora_social.celery import app as celery_app

REPO_ROOT = Path(__file__).resolve().parent.parent


def embedded_default_env(var_dir: Path) -> dict[str, str]:
    """The environment of a process on the embedded default (no server configured), keeping its files in var_dir."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL")}
    env.update(SORA_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="sora_social.settings", PYTHONPATH=str(REPO_ROOT))
    return env


def test_the_app_declares_three_queues_and_safe_delivery(settings):
    assert [queue.value for queue in Queue] == ["default", "media", "gpu"]
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_ROUTES["generation.tasks.generation_render_task"] == {"queue": "gpu"}
    assert settings.CELERY_TASK_ROUTES["cameos.tasks.cameo_verify_task"] == {"queue": "media"}


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_on_a_real_worker_over_redis(require_redis, make_user, settings):
    # Given an expired challenge
    user = make_user("alice")
    VerificationChallenge.objects.create(
        user=user, digits="1234", turn_sequence=["left", "right"], expires_at=timezone.now() - datetime.timedelta(days=3)
    )
    VerificationChallenge.objects.filter(user=user).update(created_at=timezone.now() - datetime.timedelta(days=3))
    celery_app.conf.update(task_always_eager=False, broker_url=settings.REDIS_URL)
    try:
        # When the periodic clean-up is sent through the broker to a worker consuming the default queue
        with start_worker(celery_app, pool="solo", queues=["default"], perform_ping_check=False, shutdown_timeout=30):
            cameo_challenges_cleanup_task.apply_async(queue=Queue.DEFAULT)
            deadline = time.monotonic() + 30
            while VerificationChallenge.objects.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        celery_app.conf.update(task_always_eager=True)
    # Then the worker did the work in the database
    assert not VerificationChallenge.objects.exists()


def test_the_embedded_broker_keeps_all_its_files_under_the_var_folder(tmp_path):
    # Given a process on the embedded default (no Redis, no broker URL), started in an empty folder
    var_dir, start_dir = tmp_path / "var", tmp_path / "started-here"
    start_dir.mkdir()
    send_a_task = (
        "import django; django.setup()\n"
        "from cameos.tasks import cameo_challenges_cleanup_task\n"
        "cameo_challenges_cleanup_task.apply_async()\n"
    )
    # When it sends a task
    subprocess.run(
        [sys.executable, "-c", send_a_task], cwd=start_dir, env=embedded_default_env(var_dir), check=True, timeout=120
    )
    # Then the message waits in var/celery/queue, and nothing was written where the process started
    assert list((var_dir / "celery" / "queue").iterdir())
    assert (var_dir / "celery" / "control").is_dir()
    assert list(start_dir.iterdir()) == []


@pytest.mark.slow
def test_make_run_starts_beat_beside_the_worker_and_keeps_its_schedule_under_var(tmp_path):
    # Given the worker `make run` starts, on the embedded default, from an empty folder
    var_dir, start_dir = tmp_path / "var", tmp_path / "started-here"
    start_dir.mkdir()
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter
        serve.worker_command(var_dir), cwd=start_dir, env=embedded_default_env(var_dir),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        # When it has started, then beat has opened its schedule under var/celery
        deadline = time.monotonic() + 90
        while not list((var_dir / "celery").glob("beat-schedule*")) and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker exited"
            time.sleep(0.2)
        assert list((var_dir / "celery").glob("beat-schedule*"))
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    # and nothing was written where it started
    assert list(start_dir.iterdir()) == []
