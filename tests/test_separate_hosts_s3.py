"""Hosts that share nothing but the services: a web process, a default/media worker with beat and two GPU workers,
each a process of its own with its own empty working folder (MEDIA_ROOT, SORA_VAR_DIR), sharing only PostgreSQL,
Redis and the S3 server. A person's journey runs against them over HTTP, as the phone app would.

Each process gets only what a deployment hands every host: the database, Redis, the bucket, the biometric key and
the C2PA signing key. No process can read another's files, so every file a feature needs must come from the bucket.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.cameos.speech import require_espeak
from tests.cameos.talking import talking_clip

# Four cold processes and two journeys took 62 s on a quiet 2-core machine on 2026-12-04 (83 s on 12-03, 3 to 4
# minutes on a busy one). CI runs them: they are the only test of hosts that share no disk. SORA_TEST_SEPARATE_HOSTS=0
# leaves them out of a local run.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("SORA_TEST_SEPARATE_HOSTS", "") == "0" and os.environ.get("CI", "").lower() != "true",
        reason="SORA_TEST_SEPARATE_HOSTS=0 leaves the separate-hosts journey out",
    ),
]

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-enough-pass-123"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, timeout: float, step: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 comes back as an HTTPError, so the test sees it


_opener = urllib.request.build_opener(_NoRedirect)


def http(method: str, url: str, *, body: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one request, redirects not followed."""
    request = urllib.request.Request(url, method=method, data=body, headers=headers or {})  # noqa: S310
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except urllib.error.URLError:
        return 0, {}, b""  # not listening (yet)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class App:
    """The phone app of one person: JSON over HTTP with a session token."""

    def __init__(self, base_url: str, explain=None):
        self.base_url = base_url
        self.token = ""
        # What to say when a wait runs out: the hosts' logs, since the hosts fixture cannot see a test's failure.
        self.explain = explain

    def call(self, method: str, path: str, data: dict | None = None, *, files: dict | None = None):
        headers = {"X-Session-Token": self.token} if self.token else {}
        body = None
        if files is not None:
            body, headers["Content-Type"] = multipart(data or {}, files)
        elif data is not None:
            body, headers["Content-Type"] = json.dumps(data).encode(), "application/json"
        status, _, content = http(method, self.base_url + path, body=body, headers=headers)
        return status, (json.loads(content) if content and content[:1] in b"{[" else {})

    def sign_up(self, handle: str, invite_code: str) -> App:
        status, body = self.call(
            "POST",
            "/_allauth/app/v1/auth/signup",
            {"username": handle, "email": f"{handle}@example.org", "password": PASSWORD,
             "invite_code": invite_code, "birth_date": "1990-05-05"},
        )
        assert status == 200, body
        self.token = body["meta"]["session_token"]
        return self

    def until(self, path: str, done, timeout: float) -> dict:
        last = {}

        def check():
            nonlocal last
            _, last = self.call("GET", path)
            return done(last)

        assert wait_for(check, timeout, step=0.5), f"{last}\n{self.explain() if self.explain else ''}"
        return last


class Hosts:
    """The processes, each with its own folder, started together and stopped at the end."""

    def __init__(self, root: Path, env: dict):
        self.root, self.env, self.processes = root, env, {}

    def start(self, name: str, command: list[str]) -> None:
        folder = self.root / name
        (folder / "media").mkdir(parents=True)
        env = {**self.env, "SORA_VAR_DIR": str(folder / "var"), "MEDIA_ROOT": str(folder / "media")}
        log = (folder / "log.txt").open("wb")
        # A session of its own, so that stop() reaches the workers a server forks, not only the server.
        self.processes[name] = subprocess.Popen(  # noqa: S603 - our own interpreter
            command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def files_of(self, name: str) -> list[str]:
        media = self.root / name / "media"
        return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {name}\n" + (self.root / name / "log.txt").read_text(errors="replace")[-3000:] for name in self.processes
        )

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                _signal_group(process, signal.SIGTERM)
                _signal_group(process, signal.SIGCONT)  # a host the test froze takes its SIGTERM only once it runs
        for process in self.processes.values():
            try:
                process.wait(timeout=5)  # a worker busy loading a model would finish it first; the test is over
            except subprocess.TimeoutExpired:
                pass
            # The whole group: a server killed before its forked workers would leave them running, orphaned.
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def _celery(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "sora_social", "worker", "--without-gossip", "--without-mingle",
            "--loglevel=INFO", *args]


@pytest.fixture
def hosts(require_postgres, require_redis, s3_storage, tmp_path, faces_dir):
    from cryptography.fernet import Fernet
    from kombu import Connection

    from generation.pipeline import signing_material

    signing_material()  # the deployment's C2PA key (development keys made once), handed to every host
    database = settings.DATABASES["default"]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MEDIA_", "S3_", "SORA_"))},
        "DJANGO_SETTINGS_MODULE": "sora_social.settings",
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "S3_BUCKET": s3_storage.name,
        "S3_ENDPOINT_URL": s3_storage.endpoint_url,
        "S3_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "BIOMETRIC_KEY": Fernet.generate_key().decode(),
        "C2PA_CHAIN_PATH": str(settings.C2PA_CHAIN_PATH),
        "C2PA_KEY_PATH": str(settings.C2PA_KEY_PATH),
        "C2PA_TRUST_ANCHOR_PATH": str(settings.C2PA_TRUST_ANCHOR_PATH),
        "RENDER_LEASE_S": "10",
        # Beat on the worker host sends a render whose GPU host died back to the queue within 5 s of its lease lapsing.
        "REQUEUE_STUCK_EVERY_S": "5",
    }
    env.pop("CELERY_BROKER_URL", None)  # the broker is Redis, as REDIS_URL says
    with Connection(settings.REDIS_URL) as connection:  # nothing an earlier run left behind
        for queue in ("default", "media", "gpu"):
            connection.default_channel.queue_purge(queue)
    running = Hosts(tmp_path / "hosts", env)
    port = _free_port()
    starting = time.monotonic()
    try:
        running.start("web", [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
                              "sora_social.asgi:application"])
        running.start("worker", _celery("-Q", "default,media", "--pool=solo", "-n", "worker@%h", "--beat",
                                        "--schedule", str(tmp_path / "hosts" / "worker" / "beat-schedule")))
        running.start("gpu1", _celery("-Q", "gpu", "--pool=prefork", "--concurrency=1", "--prefetch-multiplier=1",
                                      "-n", "gpu1@%h"))
        running.start("gpu2", _celery("-Q", "gpu", "--pool=prefork", "--concurrency=1", "--prefetch-multiplier=1",
                                      "-n", "gpu2@%h"))
        running.base_url = f"http://127.0.0.1:{port}"
        up = wait_for(lambda: http("GET", running.base_url + "/api/v1/schema/")[0] == 200, 90, step=0.5)
        assert up, running.log_tail()
        running.startup_s = time.monotonic() - starting
        yield running
    except BaseException:
        print(running.log_tail())  # noqa: T201 - what the hosts said, when the journey fails
        raise
    finally:
        running.stop()


def test_a_journey_on_hosts_that_share_only_the_database_redis_and_the_bucket(hosts, s3_storage, faces_dir, tmp_path):
    from sora_social.accounts.services import invites_mint

    require_espeak()
    laps = {"start": time.monotonic()}
    codes = [invite.code for invite in invites_mint(count=2)]
    alice = App(hosts.base_url, hosts.log_tail).sign_up("alice", codes[0])
    bob = App(hosts.base_url, hosts.log_tail).sign_up("bob", codes[1])

    # Alice verifies a cameo: the web host stores the clip in the bucket, the media worker reads it from there
    status, issued = alice.call("POST", "/api/v1/cameos/challenge/")
    assert status == 201, issued
    clip = talking_clip(
        tmp_path / "clip.mp4", faces_dir / "obama.jpg", turn_sequence=issued["turn_sequence"], digits=issued["digits"]
    ).path
    status, cameo = alice.call(
        "POST", "/api/v1/cameos/",
        {"kind": "self", "handle": "alice_cam", "challenge_id": str(issued["id"])},
        files={"video": ("selfie.mp4", clip.read_bytes(), "video/mp4")},
    )
    assert status == 202, cameo
    cameo = alice.until(f"/api/v1/cameos/{cameo['id']}/", lambda c: c.get("status") != "verifying", 60)
    assert cameo["status"] == "verified", cameo
    assert not s3_storage.keys("verification/")  # the raw clip is gone from the bucket
    laps["verified"] = time.monotonic()

    # She lets approved people cast her, and approves Bob
    assert alice.call("PATCH", f"/api/v1/cameos/{cameo['id']}/", {"level": "approved"})[0] == 200
    assert alice.call("POST", f"/api/v1/cameos/{cameo['id']}/grants/", {"handle": "bob"})[0] == 201

    # Bob generates a video with her: a GPU worker renders it and stores it in the bucket
    status, job = bob.call("POST", "/api/v1/generations/",
                           {"prompt": "@alice_cam waves on a beach", "duration_s": 1, "resolution": "360p", "seed": 4})
    assert status == 202, job
    job = bob.until(f"/api/v1/generations/{job['id']}/", lambda j: j.get("state") in ("succeeded", "failed", "blocked"), 90)
    assert job["state"] == "succeeded", job
    laps["rendered"] = time.monotonic()

    # He publishes it, and Alice plays it with a byte range: a redirect to the store, which answers 206
    status, published = bob.call("POST", "/api/v1/posts/", {"generation_id": job["id"]})
    assert status == 201, published
    post = published["post"]
    status, shown = alice.call("GET", f"/api/v1/posts/{post['id']}/")
    assert status == 200, shown
    video_url = shown["post"]["video_url"]
    status, headers, _ = http("GET", hosts.base_url + video_url if video_url.startswith("/") else video_url)
    assert status == 302, status
    presigned = headers["Location"]
    assert urlsplit(presigned).netloc == urlsplit(s3_storage.endpoint_url).netloc
    status, headers, first_bytes = http("GET", presigned, headers={"Range": "bytes=0-1023"})
    assert status == 206 and len(first_bytes) == 1024 and first_bytes[4:8] == b"ftyp"

    # Bob remixes his post: the GPU worker that takes it has only the bucket to read the parent from
    status, remix = bob.call("POST", f"/api/v1/posts/{post['id']}/remix/",
                             {"prompt": "@alice_cam waves on a beach at night", "duration_s": 1, "resolution": "360p"})
    assert status == 202, remix
    remix = bob.until(f"/api/v1/generations/{remix['id']}/", lambda j: j.get("state") in ("succeeded", "failed", "blocked"), 90)
    assert remix["state"] == "succeeded", remix
    remix_key = next(key for key in s3_storage.keys("videos/") if key != _stored_name(job))
    _assert_signed_with_parent(s3_storage.read(remix_key), s3_storage.read(_stored_name(job)))
    status, published = bob.call("POST", "/api/v1/posts/", {"generation_id": remix["id"]})
    assert status == 201, published
    remix_post = published["post"]
    laps["remix"] = time.monotonic()

    # Alice revokes Bob's grant: his video and its remix vanish, for her and everyone, and no longer play
    assert alice.call("DELETE", f"/api/v1/cameos/{cameo['id']}/grants/bob/")[0] == 204
    for viewer in (alice, bob):
        assert viewer.call("GET", f"/api/v1/posts/{post['id']}/")[0] == 404
        assert viewer.call("GET", f"/api/v1/posts/{remix_post['id']}/")[0] == 404
        _, feed = viewer.call("GET", "/api/v1/feed/?kind=for_you")
        assert not {post["id"], remix_post["id"]} & {item["post"]["id"] for item in feed.get("items", [])}
    status, _, _ = http("GET", hosts.base_url + video_url if video_url.startswith("/") else video_url)
    assert status == 404

    # No host kept a stored file on its own disk: everything lived in the bucket
    for name in hosts.processes:
        assert [f for f in hosts.files_of(name) if not f.startswith("work/")] == [], name
    laps["end"] = time.monotonic()
    spans = {b: round(laps[b] - laps[a], 1) for a, b in itertools.pairwise(laps)}
    print(f"hosts up in {hosts.startup_s:.1f} s; journey steps (s): {spans}")  # noqa: T201


RENDER_TASK = "generation.tasks.generation_render_task["


def _render_tasks(hosts: Hosts, name: str) -> tuple[int, int]:
    """(render tasks received, renders that ended in 'succeeded') in one host's log, as Celery logs them at INFO."""
    log = (hosts.root / name / "log.txt").read_text(errors="replace").splitlines()
    received = sum(1 for line in log if RENDER_TASK in line and line.endswith("] received"))
    succeeded = sum(1 for line in log if RENDER_TASK in line and " succeeded in " in line and line.endswith(": 'succeeded'"))
    return received, succeeded


def test_killing_the_gpu_host_mid_render_leaves_one_result_made_by_the_other(hosts, s3_storage):
    from generation import services
    from generation.models import GenerationJob
    from sora_social.accounts.services import invites_mint

    carol = App(hosts.base_url, hosts.log_tail).sign_up("carol", invites_mint(count=1)[0].code)

    # Carol asks for a 10 s video (no cameo: nothing but the render to wait for). The lease (10 s) outlasts any one
    # stage of it, so the survivor keeps the job once it has it.
    status, job = carol.call("POST", "/api/v1/generations/", {
        "prompt": "a basketball misses the rim and rebounds in a gym", "duration_s": 10, "resolution": "720p", "seed": 5,
    })
    assert status == 202, job
    path = f"/api/v1/generations/{job['id']}/"

    # Both GPU hosts are frozen the moment the database shows the render under way. The render itself can take under
    # two seconds on a fast machine, too short to catch reliably by polling the API, so the database is read directly
    # and often, and the freeze keeps the render from finishing while the test finds out which host took it.
    def rendering() -> bool:
        return GenerationJob.objects.filter(pk=job["id"], state="rendering", progress__gt=0).exists()

    caught = wait_for(rendering, 120, step=0.02)
    for name in ("gpu1", "gpu2"):
        _signal_group(hosts.processes[name], signal.SIGSTOP)
    assert caught, f"{GenerationJob.objects.filter(pk=job['id']).values('state', 'progress').first()}\n{hosts.log_tail()}"

    # Whichever GPU host took it (its log received the task, its scratch folder holds the job) dies: the worker and
    # its pool child at once, with no chance to hand the message back. The other one goes on.
    took = [name for name in ("gpu1", "gpu2") if _render_tasks(hosts, name)[0]]
    assert len(took) == 1, hosts.log_tail()
    dead, survivor = took[0], ({"gpu1", "gpu2"} - set(took)).pop()
    assert (hosts.root / dead / "media" / "work" / f"job-{job['id']}").is_dir()
    _signal_group(hosts.processes[dead], signal.SIGKILL)
    _signal_group(hosts.processes[survivor], signal.SIGCONT)
    hosts.processes[dead].wait(timeout=10)
    killed_at = time.monotonic()
    assert GenerationJob.objects.get(pk=job["id"]).state != "succeeded"  # it was killed mid-render

    # Then its lease lapses, beat on the worker host sends the job back, and the other GPU host renders it
    job = carol.until(path, lambda j: j.get("state") in ("succeeded", "failed", "blocked"), 240)
    recovered_s = time.monotonic() - killed_at
    assert job["state"] == "succeeded", job
    stored = GenerationJob.objects.get(pk=job["id"])
    assert stored.attempts == 2
    assert _render_tasks(hosts, dead) == (1, 0)
    received, rendered = _render_tasks(hosts, survivor)
    # One render there: the job's attempts (2, above) count renders begun. A second requeue is a no-op, logged as the
    # job's state, 'succeeded' too when it lands after the render (a loaded CI machine, once), so the log may show two.
    assert received >= 1 and rendered >= 1, hosts.log_tail()
    sweeps = [line for line in (hosts.root / "worker" / "log.txt").read_text(errors="replace").splitlines()
              if "generation.tasks.generation_requeue_stuck_task[" in line and " succeeded in " in line]
    assert any(line.endswith(": 1") for line in sweeps), sweeps  # beat's sweep sent the job back

    # Exactly one result: one video and one poster in the bucket, and no scratch file on either GPU host
    assert s3_storage.keys() == sorted([f"videos/{stored.public_ref}.mp4", f"posters/{stored.public_ref}.jpg"])
    assert [stored.video.name, stored.poster.name] == [f"videos/{stored.public_ref}.mp4", f"posters/{stored.public_ref}.jpg"]
    assert hosts.files_of("gpu1") == hosts.files_of("gpu2") == []
    assert not (hosts.root / survivor / "media" / "work" / f"job-{stored.pk}").exists()

    # The dead host's message, were Redis to redeliver it after its visibility timeout, finds the job done
    assert services.generation_render(job_id=stored.pk) == "succeeded"
    assert GenerationJob.objects.get(pk=stored.pk).attempts == 2
    assert s3_storage.keys() == sorted([f"videos/{stored.public_ref}.mp4", f"posters/{stored.public_ref}.jpg"])
    dead_scratch = sorted(p.name for p in (hosts.root / dead / "media" / "work").iterdir())
    print(f"hosts up in {hosts.startup_s:.1f} s; {dead} killed, {survivor} rendered; success {recovered_s:.1f} s after "  # noqa: T201
          f"the kill; attempts {stored.attempts}; survivor received {received} render task(s); "
          f"dead host's scratch folder: {dead_scratch}")


def _stored_name(job: dict) -> str:
    from generation.models import GenerationJob

    return GenerationJob.objects.get(pk=job["id"]).video.name


def _assert_signed_with_parent(remix_bytes: bytes, parent_bytes: bytes) -> None:
    from generation.provenance.signing import read_manifest

    anchor = Path(settings.C2PA_TRUST_ANCHOR_PATH).read_bytes()
    parent = read_manifest(io.BytesIO(parent_bytes), trust_anchor_pem=anchor)
    remix = read_manifest(io.BytesIO(remix_bytes), trust_anchor_pem=anchor)
    assert remix.validation_state == "Trusted"
    assert [(i.relationship, i.active_manifest) for i in remix.parents] == [("parentOf", parent.active_label)]
