"""The deployment of deploy/README.md: gunicorn with uvicorn workers serves HTTP and the WebSocket from one ASGI app,
and every process loads its heavy models when it starts, never inside a person's request."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, *, host: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - our own local server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture
def gunicorn_web(tmp_path):
    """A fresh web process as deployed (deploy/gunicorn.conf.py, one worker), on the embedded default."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sora_social.settings",
        "SORA_VAR_DIR": str(tmp_path / "var"),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "DEBUG": "0",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "S3_BUCKET", "PRELOAD_MODELS"):
        env.pop(name, None)
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        yield port, process, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _first_answer(port: int, process: subprocess.Popen, log) -> dict:
    """Poll /healthz/ until the server answers; the first answer comes from a worker's first request."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read()[-3000:]}")
        try:
            # A balancer's probe carries its own Host header, which is not in ALLOWED_HOSTS.
            status, body = _get(f"http://127.0.0.1:{port}/healthz/", host="10.0.0.7:8000")
        except OSError:
            time.sleep(0.2)
            continue
        assert status == 200, body
        return json.loads(body)
    log.seek(0)
    pytest.fail(f"gunicorn did not answer within {START_TIMEOUT_S} s:\n{log.read()[-3000:]}")


@pytest.mark.slow
def test_a_fresh_web_worker_has_the_sentence_model_loaded_before_it_serves_and_serves_the_websocket_too(gunicorn_web):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    port, process, log = gunicorn_web

    # When the fresh process answers its very first request
    health = _first_answer(port, process, log)

    # Then the worker that answered had already loaded the model (the probe itself loads nothing)
    assert health["status"] == "ok"
    assert health["models"] == {"sentence": True}
    assert health["pid"] != process.pid  # a worker, not gunicorn's arbiter

    # And the same ASGI app serves the API and the WebSocket: an unauthenticated socket is refused by the consumer
    status, body = _get(f"http://127.0.0.1:{port}/api/v1/does-not-exist/", host="127.0.0.1")
    assert status == 404 and json.loads(body)["code"] == "not_found"
    with pytest.raises(InvalidStatus) as refused:
        connect(f"ws://127.0.0.1:{port}/ws/events/", open_timeout=10).close()
    assert refused.value.response.status_code == 403
    # A handshake to a path there is no socket for is refused the same way, not with an error out of the app
    with pytest.raises(InvalidStatus) as unknown:
        connect(f"ws://127.0.0.1:{port}/ws/nothing-here/", open_timeout=10).close()
    assert unknown.value.response.status_code == 403
    log.flush()
    log.seek(0)
    assert "Exception in ASGI application" not in log.read()


def test_the_web_worker_takes_websocket_frames_no_larger_than_the_consumer_does(monkeypatch):
    import runpy

    import uvicorn

    from sora_social.web_worker import WEBSOCKET_MAX_FRAME_BYTES, SoraUvicornWorker

    monkeypatch.setenv("PRELOAD_MODELS", "0")  # the config sets it if unset: this process's environment stays as it is
    conf = runpy.run_path(str(REPO_ROOT / "deploy" / "gunicorn.conf.py"))
    assert conf["worker_class"] == f"{SoraUvicornWorker.__module__}.{SoraUvicornWorker.__name__}"
    # uvicorn's own default is 16 MiB; with the worker's settings, uvicorn closes a larger frame with 1009 itself.
    assert uvicorn.Config(app=None).ws_max_size == 16 * 1024 * 1024
    assert uvicorn.Config(app=None, **SoraUvicornWorker.CONFIG_KWARGS).ws_max_size == WEBSOCKET_MAX_FRAME_BYTES


def test_each_celery_worker_process_loads_the_models_of_the_queues_it_consumes(settings):
    """A `-Q media,gpu.reference` worker process loads the media and gpu models, once each, before its first task."""
    from celery.signals import worker_process_init

    from sora_social.celery import _models_for_consumed_queues, app

    # Celery sends worker_process_init in every worker process (a prefork child, or the solo pool's one).
    assert _models_for_consumed_queues in worker_process_init._live_receivers(sender=None)

    loaded: list[str] = []
    settings.PRELOAD_MODELS = True
    settings.MODELS_BY_PROCESS = {
        "default": ["tests.test_deploy:_load_default"],
        "media": ["tests.test_deploy:_load_faces"],
        "gpu": ["tests.test_deploy:_load_faces", "tests.test_deploy:_load_renderer"],
    }
    _LOADED[:] = []
    queues = app.amqp.queues
    previous = queues._consume_from
    try:
        queues.select(["media", "gpu.reference"])  # a render queue per backend is a `gpu` process
        _models_for_consumed_queues()
        loaded = list(_LOADED)
    finally:
        queues._consume_from = previous

    assert loaded == ["faces", "renderer"]

    # Off (tests, one-off commands): nothing is loaded
    settings.PRELOAD_MODELS = False
    _LOADED[:] = []
    _models_for_consumed_queues()
    assert _LOADED == []


_LOADED: list[str] = []


def _load_default() -> None:
    _LOADED.append("default")


def _load_faces() -> None:
    _LOADED.append("faces")


def _load_renderer() -> None:
    _LOADED.append("renderer")


def test_every_model_a_process_loads_at_start_up_names_something_that_exists():
    # A misspelt entry would only show when a server process starts, and then fail the whole start-up.
    import importlib

    from django.conf import settings

    for role, entries in settings.MODELS_BY_PROCESS.items():
        for entry in entries:
            module_name, _, function_name = entry.partition(":")
            module = importlib.import_module(module_name)
            assert not function_name or callable(getattr(module, function_name)), (role, entry)
