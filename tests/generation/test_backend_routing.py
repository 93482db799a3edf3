"""Choosing a backend: the API's list, the request's choice and its limits, queues per backend, and a render
worker that serves only what it declares and refuses to start without its weights."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from generation import services
from generation.backends import forget_backends
from generation.backends.catalog import offered_backends, render_queue
from generation.backends.worker import celery_worker_setup, render_worker_start, served_backends
from generation.models import GenerationJob

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_backends():
    forget_backends()
    yield
    forget_backends()


@pytest.fixture
def sent(monkeypatch):
    """The queue each render task is published to (the publish itself is recorded, not run)."""
    queues: list[tuple[int, str]] = []

    def record(*, args, queue, **kwargs):
        queues.append((args[0], queue))

    monkeypatch.setattr(services.tasks.generation_render_task, "apply_async", record)
    return queues


def post(client, **fields):
    body = {"prompt": "a ball bounces on a beach", "duration_s": 2, "resolution": "360p", "aspect_ratio": "16:9", **fields}
    return client.post("/api/v1/generations/", body, format="json")


def test_queue_names_and_the_old_name():
    assert render_queue("ltx2") == "gpu.ltx2"
    assert render_queue("diffusers") == render_queue("ltx") == "gpu.ltx"
    with pytest.raises(ImproperlyConfigured, match="Unknown render backend"):
        render_queue("sora")


@pytest.mark.django_db
def test_the_api_lists_the_backends_on_offer(settings, make_user, client_for):
    settings.RENDER_BACKEND = "reference"
    settings.RENDER_BACKENDS = ["ltx2", "consisid", "diffusers"]
    listed = client_for(make_user("viewer")).get("/api/v1/generations/backends/").json()["items"]
    assert [(b["name"], b["default"]) for b in listed] == [
        ("reference", True), ("ltx2", False), ("consisid", False), ("ltx", False)
    ]
    ltx2 = listed[1]
    assert (ltx2["audio"], ltx2["identity"], ltx2["max_duration_s"]) == ("model", "first_frame", 20)
    consisid = listed[2]
    assert (consisid["identity"], consisid["aspect_ratios"], consisid["resolutions"]) == (
        "face_embedding", ["16:9", "1:1"], ["360p", "480p"]
    )
    assert offered_backends() == ["reference", "ltx2", "consisid", "ltx"]


@pytest.mark.django_db
def test_each_job_is_queued_on_its_backends_queue(settings, make_user, make_face_cameo, client_for, sent,
                                                  django_capture_on_commit_callbacks):
    settings.RENDER_BACKEND = "reference"
    settings.RENDER_BACKENDS = ["ltx2", "consisid", "ltx"]
    owner, creator = make_user("owner"), make_user("creator")
    make_face_cameo(owner, handle="star_one", level="everyone")
    client = client_for(creator)
    settings.MAX_JOBS_IN_FLIGHT = 10

    with django_capture_on_commit_callbacks(execute=True):
        default = post(client).json()
        ltx2 = post(client, backend="ltx2").json()
        old_name = post(client, backend="diffusers").json()
        consisid = post(client, prompt="@star_one waves", backend="consisid").json()

    assert [default["backend"], ltx2["backend"], old_name["backend"], consisid["backend"]] == [
        "reference", "ltx2", "ltx", "consisid"
    ]
    assert sent == [
        (default["id"], "gpu.reference"),
        (ltx2["id"], "gpu.ltx2"),
        (old_name["id"], "gpu.ltx"),
        (consisid["id"], "gpu.consisid"),
    ]
    # The stuck-job sweep sends a job back to its own backend's queue
    GenerationJob.objects.filter(pk=ltx2["id"]).update(updated_at="2020-01-01T00:00:00Z")
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.generation_requeue_stuck()
    assert (ltx2["id"], "gpu.ltx2") in sent


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "code", "limit"),
    [
        ({"backend": "sora-2"}, "backend_unavailable", None),
        ({"backend": "ltx"}, "backend_unavailable", None),  # a real backend this deployment does not offer
        ({"backend": "consisid", "aspect_ratio": "9:16"}, "backend_aspect_ratio_limit", ["16:9", "1:1"]),
        ({"backend": "consisid", "duration_s": 10}, "backend_duration_limit", 6),
        ({"backend": "consisid", "resolution": "720p"}, "backend_resolution_limit", ["360p", "480p"]),
        ({"backend": "consisid"}, "backend_needs_person_cameo", None),
    ],
)
def test_a_request_the_backend_cannot_honour_is_refused_at_submit(settings, make_user, client_for, sent, fields,
                                                                   code, limit):
    settings.RENDER_BACKENDS = ["ltx2", "consisid"]
    response = post(client_for(make_user("creator")), **fields)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code
    if limit is not None:
        assert response.json()["limit"] == limit
    assert not GenerationJob.objects.exists() and sent == []


def test_a_worker_serves_what_it_declares(settings):
    settings.RENDER_BACKEND = "reference"
    settings.RENDER_WORKER_BACKENDS = []
    assert served_backends(["default", "media"]) == []
    assert served_backends(["default", "media", "gpu"]) == ["reference"]  # make run's worker
    settings.RENDER_WORKER_BACKENDS = ["ltx2", "diffusers"]
    assert served_backends(["gpu"]) == ["ltx2", "ltx"]
    assert served_backends(["gpu.consisid", "gpu.ltx2"]) == ["consisid", "ltx2"]


def test_a_worker_consumes_only_its_backends_queues(settings):
    from celery.app.amqp import Queues

    # Given a worker started with -Q gpu on a host that serves the reference renderer
    settings.RENDER_BACKEND = "reference"
    settings.RENDER_WORKER_BACKENDS = ["reference"]
    queues = Queues()
    for name in ("default", "media", "gpu"):
        queues.add(name)
    queues.select(["gpu"])
    worker = SimpleNamespace(app=SimpleNamespace(amqp=SimpleNamespace(queues=queues)))

    # When the worker finishes its setup
    celery_worker_setup(worker)

    # Then it consumes gpu.reference beside gpu, and nothing of the other backends
    assert set(queues.consume_from) == {"gpu", "gpu.reference"}


@pytest.mark.parametrize("backend", ["ltx", "ltx2", "consisid"])
def test_a_missing_weights_folder_stops_the_worker_at_start(settings, tmp_path, backend):
    settings.RENDER_WORKER_BACKENDS = [backend]
    settings.DIFFUSERS_MODEL_PATH = ""
    settings.LTX_MODEL_PATH = settings.LTX2_MODEL_PATH = settings.CONSISID_MODEL_PATH = str(tmp_path / "missing")
    settings.CONSISID_FACE_ENCODER = "face_recognition"
    with pytest.raises(ImproperlyConfigured, match="does not exist"):
        render_worker_start(["gpu"])
    queues = SimpleNamespace(consume_from={"gpu": None}, select_add=lambda name: None)
    with pytest.raises(SystemExit, match="render worker cannot start"):
        celery_worker_setup(SimpleNamespace(app=SimpleNamespace(amqp=SimpleNamespace(queues=queues))))


def test_a_real_celery_worker_refuses_to_start_without_its_weights(tmp_path):
    # Given a GPU host declared to serve LTX-2 whose weights folder is not there
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sora_social.settings",
        "CELERY_BROKER_URL": "memory://",
        "RENDER_WORKER_BACKENDS": "ltx2",
        "LTX2_MODEL_PATH": str(tmp_path / "no-such-weights"),
    }
    # When the worker starts
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "sora_social", "worker", "-Q", "gpu", "--pool=solo", "--loglevel=INFO"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    # Then it exits at once, naming the folder, before taking any job
    assert done.returncode != 0
    assert "no-such-weights" in done.stderr + done.stdout
    assert "render worker cannot start" in done.stderr + done.stdout
