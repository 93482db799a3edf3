"""Fixtures shared by every test module."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def _shared_faces_dir() -> Path:
    configured = os.environ.get("SORA_FACE_FIXTURES")
    if configured:
        return Path(configured)
    return REPO_ROOT.parent / "shared" / "fixtures" / "faces"


@pytest.fixture(scope="session")
def faces_dir() -> Path:
    """The real face photos and video of ../shared/fixtures/faces.

    They are not copied into the repo. In CI their absence is a failure, elsewhere a skip.
    """
    path = _shared_faces_dir()
    if not (path / "obama.jpg").exists():
        message = f"face fixtures not found at {path} (set SORA_FACE_FIXTURES)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


# ---- rows that data migrations made -------------------------------------------------------------------------------


def _restore_rows_of_data_migrations(sender, using="default", **kwargs) -> None:
    """Make again what the data migrations made (the Moderators group and its permissions, the default content
    rules) when a transactional test's flush has emptied every table.

    In one process pytest-django runs those tests after all others. In several (`make test`, pytest-xdist), each
    test file runs whole in one process, so a file's transactional tests can come before another file's tests,
    which would then find no Moderators group and no rules. A flush sends post_migrate, as `migrate` does; this
    receiver runs once per flush, after auth has made the permissions again."""
    if sender.label != "moderation":
        return
    from django.apps import apps

    from moderation.permissions import moderators_group_sync
    from sora_social.content_policy.models import ContentRule
    from sora_social.content_policy.screening import DEFAULT_RULES

    if not ContentRule.objects.using(using).exists():
        ContentRule.objects.using(using).bulk_create(
            ContentRule(
                code=rule.code,
                kind=rule.kind,
                value=rule.value,
                threshold=rule.threshold,
                strict_threshold=rule.strict_threshold,
                severity=rule.severity,
                enabled=rule.enabled,
                description=getattr(rule, "description", "")[:300],
            )
            for rule in DEFAULT_RULES
        )
    moderators_group_sync(apps)


# The files that take longest, started first: `make test` gives each file whole to one process (--dist loadfile), in
# collection order, so one of these started last kept one process busy minutes after the others ran dry. The
# restriction figures alone take about 7 minutes of one process on a 2-core machine of 2026-12-07.
FILES_STARTED_FIRST = (
    "tests/cameos/test_restriction_categories.py",
    "tests/cameos/test_restriction_training.py",
    "tests/test_separate_hosts_s3.py",
    "tests/test_generated_client.py",
    "tests/generation/test_worker_killed.py",
)


def pytest_collection_modifyitems(config, items):
    def started_first(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return FILES_STARTED_FIRST.index(path) if path in FILES_STARTED_FIRST else len(FILES_STARTED_FIRST)

    items.sort(key=started_first)  # stable: within a file, and for every other file, the collected order stays


def pytest_configure(config):
    from django.db.models.signals import post_migrate

    post_migrate.connect(_restore_rows_of_data_migrations, dispatch_uid="tests.restore_rows_of_data_migrations")


# ---- figures a test prints --------------------------------------------------------------------------------------

_FIGURES = "sora_social_figures"
_figures_from_workers: list[str] = []


@pytest.fixture(scope="session")
def print_figures(request):
    """Print figures a test measured into the run's output, past pytest's capture. `make test` runs the suite in
    several processes (pytest-xdist), whose own output is not shown: there, the figures go to the main process,
    which prints them at the end of the run under "figures measured"."""
    config = request.config

    def report(text: str) -> None:
        workeroutput = getattr(config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput.setdefault(_FIGURES, []).append(text)
            return
        capture = config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(text)

    return report


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    _figures_from_workers.extend(getattr(node, "workeroutput", {}).get(_FIGURES, []))


def pytest_terminal_summary(terminalreporter):
    if _figures_from_workers:
        terminalreporter.section("figures measured")
        for text in _figures_from_workers:
            terminalreporter.write_line(text)


def _require_service(name: str, available: bool) -> None:
    if available:
        return
    message = f"{name} is not configured for this test run"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; CI must run against it")
    pytest.skip(message)


@pytest.fixture
def require_postgres(settings):
    _require_service("PostgreSQL (DATABASE_URL)", settings.DATABASES["default"]["ENGINE"].endswith("postgresql"))


@pytest.fixture
def require_redis(settings):
    _require_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))


RABBITMQ_URL = os.environ.get("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")


@pytest.fixture
def require_rabbitmq() -> str:
    """RabbitMQ's URL (RABBITMQ_URL, default the local server that .ci/run starts), if it answers."""
    from kombu import Connection

    try:
        with Connection(RABBITMQ_URL, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
        reachable = True
    except Exception:  # noqa: BLE001 - any failure to connect means "not here"
        reachable = False
    _require_service(f"RabbitMQ ({RABBITMQ_URL})", reachable)
    return RABBITMQ_URL


@pytest.fixture(autouse=True)
def _responses_checked_against_the_schema(monkeypatch):
    """Every `/api/` response that any test client receives must be one the OpenAPI schema documents
    (tests/contract.py): a new undocumented status, field or content type fails the test that received it."""
    from django.test.client import Client

    from tests.contract import check_response

    send = Client.request

    def request_and_check(self, **request):
        response = send(self, **request)
        check_response(response)
        return response

    monkeypatch.setattr(Client, "request", request_and_check)


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Each test writes media to its own folder and starts with empty caches (rate limits, throttles; and the
    feed's per-process caches of post features, since post ids come back after a rollback)."""
    from django.core.cache import cache

    from feed.for_you import process_caches_forget

    settings.MEDIA_ROOT = tmp_path / "media"
    # The door's list of audit rows awaiting their commit lives on the connection, which outlives a test.
    from django.db import connection

    connection.consent_audit_pending = []
    cache.clear()
    process_caches_forget()
    # The likeness registry holds faces from the database; a rolled-back test must not leave its faces behind.
    from cameos.registry import reset_likeness_registry

    reset_likeness_registry()
    yield
    cache.clear()
    reset_likeness_registry()
    # Each test's sockets run on an event loop of their own (async_to_sync), and a channel layer is made once per
    # process: a receive that a finished loop left pending leaves the Redis layer's receive lock bound to that loop, and
    # the next test's first socket fails with "bound to a different event loop" (seen once in CI). A server has one
    # loop per process; tests start each with a fresh layer.
    from channels.layers import channel_layers

    channel_layers.backends = {}


@pytest.fixture(autouse=True)
def _celery_result_joins_allowed():
    """Each test starts outside a task, as Celery sees it. An eager `apply_async` marks the process as inside a task
    while it runs and restores the mark it found; the mark is one global, so two threads sending tasks at once (the race
    tests) that finish out of order leave it set, and a later test's `.apply().get()` failed with "Never call
    result.get() within a task!" (seen once in CI, on 2026-12-07)."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture
def teens_codes_were_spendable(monkeypatch):
    """Invite codes made by a teen, or by an account deleted since, could be spent until 2026-12-05; since then
    redemption refuses them. Accounts that joined with one before are still in the database, and the invite-lineage
    walk is what keeps them from becoming the teen's parent: tests of that walk make such accounts with this
    fixture."""
    from sora_social.accounts import services

    monkeypatch.setattr(services, "_invite_spendable", lambda invite: invite is not None and invite.state == "available")


@pytest.fixture
def clock(monkeypatch):
    """Sets the time every `timezone.now()` (and so `timezone.localdate()`) reads: attacks on time windows."""
    from django.utils import timezone

    def set_to(at) -> None:
        monkeypatch.setattr(timezone, "now", lambda: at)

    return set_to


@pytest.fixture
def make_user(db):
    """Create a member the way signup does (profile, invites), with an age in years."""
    import datetime

    from sora_social.accounts.models import User
    from sora_social.accounts.services import invites_mint, user_signup_complete
    from sora_social.accounts.validators import age_day

    counter = {"n": 0}

    def make(handle: str | None = None, *, age: int = 30, password: str = "correct horse battery", **extra) -> User:
        counter["n"] += 1
        handle = handle or f"user{counter['n']}"
        today = age_day()
        birth = datetime.date(today.year - age, 1, 1)  # 1 January: exactly `age` today
        user = User.objects.create_user(handle, f"{handle}@example.org", birth, password, **extra)
        invite = invites_mint(count=1)[0]
        user_signup_complete(user=user, invite_code=invite.code)
        return user

    return make


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def client_for(db):
    """An API client signed in as a user (forced authentication, for tests that are not about sign-in)."""
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def make_cameo(db):
    """A cameo in a given state without running verification (for consent tests)."""
    from cameos.models import Cameo

    counter = {"n": 0}

    def make(owner, *, handle: str | None = None, level: str = "everyone", status: str = "verified", **extra) -> Cameo:
        counter["n"] += 1
        return Cameo.objects.create(
            owner=owner,
            handle=handle or f"cameo{counter['n']}",
            display_name=handle or "A cameo",
            level=level,
            status=status,
            **extra,
        )

    return make


@pytest.fixture
def make_face_cameo(db, make_cameo, faces_dir):
    """A verified cameo whose reference crop is a real face from the fixtures (as verification would store it)."""
    import io

    import face_recognition
    import numpy as np
    from PIL import Image

    from cameos import biometrics

    def make(owner, *, photo: str = "obama.jpg", handle: str | None = None, level: str = "everyone", pitch_hz: float = 130.0, **extra):
        image = face_recognition.load_image_file(faces_dir / photo)
        top, right, bottom, left = face_recognition.face_locations(image)[0]
        pad = (bottom - top) // 2
        crop = image[max(0, top - pad) : bottom + pad, max(0, left - pad) : right + pad]
        buffer = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(crop)).resize((256, 256)).save(buffer, format="PNG")
        encodings = face_recognition.face_encodings(image)
        return make_cameo(
            owner,
            handle=handle,
            level=level,
            reference_image_encrypted=biometrics.encrypt_bytes(buffer.getvalue()),
            encodings_encrypted=biometrics.encrypt_encodings(encodings),
            voice_profile_encrypted=biometrics.encrypt_json({"pitch_hz": pitch_hz, "envelope": []}),
            **extra,
        )

    return make


@pytest.fixture
def in_another_request():
    """Start a function on a thread of its own, with its own database connection, as a concurrent request.

    Returns the started thread; the test joins it (every thread is joined, and its error re-raised, at teardown).
    """
    import threading

    from django.db import connection

    threads: list[threading.Thread] = []
    errors: list[BaseException] = []

    def start(function) -> threading.Thread:
        def run() -> None:
            try:
                function()
            except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
                errors.append(exc)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        threads.append(thread)
        return thread

    yield start
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]


# --- object storage (S3) ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_server():
    """The endpoint URL of an S3-compatible server: the one .ci/run started (S3_ENDPOINT_URL), else moto's
    standalone server started here on a free port. In CI a server that cannot be reached fails the run."""
    import contextlib

    from tests.s3_server import S3ServerUnavailable, s3_server_for_tests

    with contextlib.ExitStack() as stack:
        try:
            endpoint = stack.enter_context(s3_server_for_tests())
        except S3ServerUnavailable as exc:
            _require_service(f"an S3 server ({exc})", False)
        yield endpoint


@pytest.fixture(scope="module")
def s3_bucket(s3_server):
    """A fresh bucket for one test module, removed with everything in it afterwards."""
    from tests.s3_server import bucket_create, bucket_remove

    bucket = bucket_create(s3_server)
    yield bucket
    bucket_remove(bucket)


@pytest.fixture
def s3_storage(settings, s3_bucket):
    """Every stored file of this test goes to the module's bucket through django-storages' S3 backend, configured
    as production configures it with S3_BUCKET set. The test starts and ends with an empty bucket."""
    s3_bucket.empty()
    settings.STORAGES = {**settings.STORAGES, "default": s3_bucket.storage_config()}
    yield s3_bucket
    s3_bucket.empty()


@pytest.fixture
def no_dispatch(monkeypatch):
    """Keep generation jobs queued, never sent to a worker: the test asks only whether the request is let in."""
    monkeypatch.setattr("generation.services._queue_render", lambda job: None)
