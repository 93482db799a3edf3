"""Attacks on the render task layer (generation.tasks.generation_render_task and generation.services.generation_render,
_render_and_store, _store_output), 2026-12-07.

Tried: consent changing while the frames render (a block, the cameo deleted, the creator banned, the cameo's owner
deactivated), a cancel while the output is signed; the same task delivered twice at once; a stuck-job sweep sending
the job to a second worker while the first is still alive (lease lapsed on a slow step); messages for jobs in a
terminal state or gone, and a message carrying its own prompt; a backend that returns no frames, frames too small to
carry the badge, float frames, or raises midway; a failed MP4 or poster signature; the database commit of the store
step failing after the files were written; a teen's daily cap after a cancel mid-render and after a worker-lost retry.
The pipeline is real (reference renderer, watermark, encode, output screening, C2PA signing); only the step an
attack needs is patched, at the point the race opens.

Got through: 3 cases, all mended the same day (their tests pass now):
- test_a_worker_that_lost_its_lease_cannot_store_a_video_made_under_a_withdrawn_grant: worker A renders under grant
  G1; the owner revokes G1 and grants G2; A's lease lapses (a slow step) and the sweep's second delivery takes the job
  over on another host, re-reading consent and re-pinning G2. A is never told it lost the job (progress and on_stage
  check only the state, not whose attempt it is) and its store step compares the door's answer with B's pins: the
  video made under the withdrawn G1 is stored and the job succeeds. Without the takeover the same change ends in
  consent_changed (test_render_job). Mended: each delivery that takes the job is one attempt (`attempts`); progress,
  every stage and the store act only while the job is still their attempt (`generation.services._render_attempt`).
- test_an_error_on_a_worker_that_lost_its_lease_does_not_fail_the_job_another_worker_holds: the stale worker A raises;
  generation_render_task's handler calls generation_fail(job_id) unconditionally, which fails the job that worker B
  holds (B stops at its next progress), and a failed job stops counting against the daily cap. Mended: the error
  fails the job in `generation_render`, as the attempt it happened in (`generation_fail(attempt=)`).
- test_a_store_whose_commit_fails_leaves_no_video_in_storage: _store_output writes the signed video and poster to
  storage inside its transaction and deletes them only on an exception inside the try; a commit that fails (the
  connection drops) rolls the row back, the task marks the job failed, and the signed video of the likeness stays in
  storage named by no row, where no purge will ever find it. Mended: `_store_output` deletes the files it stored when
  anything fails before the row naming them is committed, the commit included (unless a row names them).

Held (passing):
- A block, the cameo deleted, the creator banned, the cameo's owner deactivated, each landing after the frames are
  rendered: blocked with the door's reason, no file in storage or scratch, no appearance, no "finished" notification.
- A cancel by the creator while the output is being signed: the store step sees it; nothing stored, no appearance.
- The same queued job delivered twice at once (two threads, PostgreSQL): one render, one pair of files, one attempt.
- Messages for a blocked, cancelled, failed or succeeded job, or for a job id that no longer exists, render nothing
  and change nothing; a message carrying a prompt or cameo ids of its own is refused by the task's signature.
- A backend that returns no frames, 6x6 frames (too small for the badge), float frames, or raises midway; an MP4 or
  poster signature that fails: the job fails (render_error:<type>), nothing stored, scratch folder gone: never an
  unwatermarked or unsigned video.
- A teen's daily cap: a job cancelled mid-render still counts, and a job retried after a lost worker counts once.

Design, not holes (README / docstrings): a failure on our side (failed) does not count against the daily cap
(generation.quotas); whether a remix may still be made is asked before the render and at publish, not at the store
(remix.services.remix_parent_check), so a parent taken down mid-render still leaves a draft that cannot be published;
a suspension's cancel (moderation.user_suspend) is what stops a suspended person's jobs: the door checks bans and
deactivation only. Restrictions added mid-render are in test_restriction_timing_attacks.py, a level change and a
revoke-and-grant-again mid-render in test_render_job.py.
"""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings as django_settings
from django.db import OperationalError, connection
from django.utils import timezone

from cameos.models import Appearance
from cameos.services import cameo_delete, grant_create, grant_delete
from generation import pipeline, services
from generation.backends.base import RenderResult
from generation.models import GenerationJob
from generation.tasks import generation_render_task
from sora_social.accounts.models import User
from sora_social.accounts.services import user_block
from sora_social.notifications.models import Notification

pytestmark = pytest.mark.django_db

PROMPT = "@star_one waves from a boat"


# ---- helpers -------------------------------------------------------------------------------------------------------


def new_job(owner, prompt: str = PROMPT) -> GenerationJob:
    """A queued job, submitted as the API submits it, never sent to a worker (the test is the worker)."""
    return services.generation_submit(owner=owner, prompt=prompt, duration_s=1, resolution="360p", seed=7)


def media_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def patch_render(monkeypatch, *, after=None, calls: list | None = None):
    """The real backend; `after()` runs once the frames are rendered, before the media steps and the store."""
    real_render = pipeline.render_frames

    def render(spec, progress):
        if calls is not None:
            calls.append(spec)
        result = real_render(spec, progress)
        if after is not None:
            after()
        return result

    monkeypatch.setattr(pipeline, "render_frames", render)


def another_worker_takes_over(job_id: int, tmp_path: Path) -> object:
    """The stuck-job sweep's second delivery lands on another GPU host once the lease has lapsed: it takes the job
    over (consent read again, attempt 2, a new lease) and is rendering there when this returns."""
    GenerationJob.objects.filter(pk=job_id).update(lease_until=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.MonkeyPatch.context() as other_host:
        other_host.setattr(services, "_render_and_store", lambda job, workdir: "rendering on another host")
        other_host.setattr(services, "job_workdir", lambda job: tmp_path / "other-host" / f"job-{job.pk}")
        return services.generation_render(job_id=job_id)


@pytest.fixture
def no_dispatch(monkeypatch):
    monkeypatch.setattr("generation.services._queue_render", lambda job: None)


@pytest.fixture
def owner(make_user):
    return make_user("owner")


@pytest.fixture
def creator(make_user):
    return make_user("creator")


# ==== consent changing while the frames render ======================================================================


def _block(cameo, owner, creator):
    user_block(blocker=owner, blocked=creator)


def _delete_cameo(cameo, owner, creator):
    cameo_delete(cameo=cameo, actor=owner)


def _ban_creator(cameo, owner, creator):
    # The door's own check, without moderation's cancel of the creator's jobs (user_ban does both).
    User.objects.filter(pk=creator.pk).update(banned_at=timezone.now())


def _deactivate_cameo_owner(cameo, owner, creator):
    User.objects.filter(pk=owner.pk).update(is_active=False)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_block, "consent_denied:@star_one:unavailable"),
        (_delete_cameo, "consent_denied:@star_one:unavailable"),
        (_ban_creator, "consent_denied:@star_one:unavailable"),
        (_deactivate_cameo_owner, "consent_denied:@star_one:unavailable"),
    ],
    ids=["block", "cameo_deleted", "creator_banned", "cameo_owner_deactivated"],
)
def test_consent_gone_while_the_frames_render_stores_nothing(
    owner, creator, make_cameo, monkeypatch, no_dispatch, change, reason
):
    cameo = make_cameo(owner, handle="star_one", level="everyone")
    job = new_job(creator)
    patch_render(monkeypatch, after=lambda: change(cameo, owner, creator))

    outcome = services.generation_render(job_id=job.pk)

    job.refresh_from_db()
    assert outcome == job.state == GenerationJob.State.BLOCKED
    assert job.state_reason == reason
    assert not job.video and not job.poster and media_files() == []
    assert not Appearance.objects.filter(job=job).exists()
    assert not Notification.objects.filter(recipient=creator, kind=Notification.Kind.GENERATION_FINISHED).exists()


def test_a_cancel_while_the_output_is_signed_stores_nothing(owner, creator, make_cameo, monkeypatch, no_dispatch):
    make_cameo(owner, handle="star_one", level="everyone")
    job = new_job(creator)
    real_sign = pipeline.sign_mp4

    def creator_cancels_then_sign(**kwargs):
        services.generation_cancel(job=job, actor=creator)
        return real_sign(**kwargs)

    monkeypatch.setattr(pipeline, "sign_mp4", creator_cancels_then_sign)

    outcome = services.generation_render(job_id=job.pk)

    job.refresh_from_db()
    assert outcome == job.state == GenerationJob.State.CANCELLED
    assert job.state_reason == "cancelled_by_owner"
    assert not job.video and media_files() == []
    assert not Appearance.objects.filter(job=job).exists()


# ==== a second worker on the same job ===============================================================================


def test_a_worker_that_lost_its_lease_cannot_store_a_video_made_under_a_withdrawn_grant(
    owner, creator, make_cameo, monkeypatch, no_dispatch, tmp_path
):
    # Given: worker A renders the creator's video under grant G1
    cameo = make_cameo(owner, handle="star_one", level="approved")
    first_grant = grant_create(cameo=cameo, actor=owner, grantee=creator)
    job = new_job(creator)
    took_over = []

    def owner_changes_grant_then_a_second_worker_takes_over():
        # The owner withdraws G1 and grants again (G2) while A renders; A's step is slow and its lease lapses, and
        # the sweep's second delivery takes the job over elsewhere, pinning G2.
        grant_delete(cameo=cameo, actor=owner, grantee_id=creator.pk)
        grant_create(cameo=cameo, actor=owner, grantee=creator)
        took_over.append(another_worker_takes_over(job.pk, tmp_path))

    patch_render(monkeypatch, after=owner_changes_grant_then_a_second_worker_takes_over)

    # When worker A goes on to encode, sign and store
    outcome = services.generation_render(job_id=job.pk)

    # Then the takeover happened as the sweep's delivery does it
    assert took_over == ["rendering on another host"]
    job.refresh_from_db()
    assert job.attempts == 2
    assert first_grant.pk not in job.consent_pins[str(cameo.pk)]["grant_ids"]
    # and the video A made under the withdrawn G1 is not stored: A no longer holds the job
    assert outcome != GenerationJob.State.SUCCEEDED
    assert not job.video and media_files() == []
    assert not Appearance.objects.filter(job=job).exists()


def test_an_error_on_a_worker_that_lost_its_lease_does_not_fail_the_job_another_worker_holds(
    creator, monkeypatch, no_dispatch, tmp_path
):
    job = new_job(creator, prompt="a ball bounces on a beach")

    def takeover_then_the_stale_worker_fails():
        assert another_worker_takes_over(job.pk, tmp_path) == "rendering on another host"
        raise RuntimeError("CUDA error: an illegal memory access was encountered")

    patch_render(monkeypatch, after=takeover_then_the_stale_worker_fails)

    with pytest.raises(RuntimeError):
        generation_render_task.apply(args=[job.pk])

    job.refresh_from_db()
    assert job.attempts == 2  # worker B's attempt
    assert (job.state, job.state_reason) == (GenerationJob.State.RENDERING, "")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_queued_job_delivered_twice_at_once_renders_once(require_postgres, make_user, monkeypatch, no_dispatch):
    creator = make_user("creator")
    job = new_job(creator, prompt="a ball bounces on a beach")
    calls: list = []
    patch_render(monkeypatch, calls=calls)
    barrier = threading.Barrier(2)
    outcomes: list = []
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            barrier.wait(timeout=30)
            outcomes.append(services.generation_render(job_id=job.pk))
        except BaseException as exc:  # noqa: BLE001 - re-raised on the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert not errors, errors
    job.refresh_from_db()
    assert len(calls) == 1
    assert job.state == GenerationJob.State.SUCCEEDED and job.attempts == 1
    # One delivery rendered it; the other found it held (and retries later) or already finished.
    assert len(outcomes) == 2 and GenerationJob.State.SUCCEEDED in outcomes
    assert all(isinstance(o, services.RenderBusy) or o == GenerationJob.State.SUCCEEDED for o in outcomes)
    assert sorted(p.parent.name for p in media_files()) == ["posters", "videos"]


# ==== task messages =================================================================================================


@pytest.mark.parametrize(
    "state",
    [GenerationJob.State.BLOCKED, GenerationJob.State.CANCELLED, GenerationJob.State.FAILED, GenerationJob.State.SUCCEEDED],
)
def test_a_replayed_message_for_a_finished_job_renders_nothing(creator, monkeypatch, no_dispatch, state):
    job = new_job(creator, prompt="a ball bounces on a beach")
    GenerationJob.objects.filter(pk=job.pk).update(state=state, state_reason="before")
    calls: list = []
    patch_render(monkeypatch, calls=calls)

    result = generation_render_task.apply(args=[job.pk]).get()

    job.refresh_from_db()
    assert result == state
    assert (job.state, job.state_reason, job.attempts) == (state, "before", 0)
    assert calls == [] and media_files() == []


def test_a_message_for_a_job_that_is_gone_or_carrying_its_own_prompt_renders_nothing(creator, monkeypatch, no_dispatch):
    job = new_job(creator, prompt="a ball bounces on a beach")
    calls: list = []
    patch_render(monkeypatch, calls=calls)

    assert generation_render_task.apply(args=[job.pk + 1000]).get() == "missing"
    with pytest.raises(TypeError):
        generation_render_task.apply(args=[job.pk], kwargs={"prompt": "@star_one undressed", "cameo_ids": [1]})

    job.refresh_from_db()
    assert (job.state, job.attempts, job.prompt) == (GenerationJob.State.QUEUED, 0, "a ball bounces on a beach")
    assert calls == [] and media_files() == []


# ==== output integrity ==============================================================================================


def _no_frames(spec, progress):
    return RenderResult(frames=np.zeros((0, 360, 640, 3), np.uint8), audio=np.zeros(0, np.float32), sample_rate=48000, fps=24)


def _tiny_frames(spec, progress):
    return RenderResult(frames=np.full((24, 6, 6, 3), 90, np.uint8), audio=np.zeros(0, np.float32), sample_rate=48000, fps=24)


def _float_frames(spec, progress):
    return RenderResult(frames=np.full((24, 360, 640, 3), 0.5, np.float32), audio=np.zeros(0, np.float32), sample_rate=48000, fps=24)


def _raises_midway(spec, progress):
    progress(0.5)
    raise RuntimeError("out of memory")


@pytest.mark.parametrize(
    ("backend", "error"),
    [(_no_frames, "ValueError"), (_tiny_frames, "ValueError"), (_float_frames, "ValueError"), (_raises_midway, "RuntimeError")],
    ids=["no_frames", "frames_smaller_than_the_badge", "float_frames", "raises_midway"],
)
def test_a_backend_with_bad_output_fails_the_job_and_stores_nothing(creator, monkeypatch, no_dispatch, backend, error):
    job = new_job(creator, prompt="a ball bounces on a beach")
    monkeypatch.setattr(pipeline, "render_frames", backend)

    with pytest.raises(Exception) as raised:  # noqa: PT011 - the type is checked below, per backend
        generation_render_task.apply(args=[job.pk])

    job.refresh_from_db()
    assert type(raised.value).__name__ == error
    assert (job.state, job.state_reason) == (GenerationJob.State.FAILED, f"render_error:{error}")
    assert not job.video and media_files() == []
    assert not services.job_workdir(job).exists()


@pytest.mark.parametrize("signer", ["sign_mp4", "sign_jpeg"])
def test_a_failed_signature_is_a_failed_job_never_an_unsigned_video(creator, monkeypatch, no_dispatch, signer):
    job = new_job(creator, prompt="a ball bounces on a beach")

    def refuse(**kwargs):
        raise RuntimeError("c2pa: signer refused")

    monkeypatch.setattr(pipeline, signer, refuse)

    with pytest.raises(RuntimeError):
        generation_render_task.apply(args=[job.pk])

    job.refresh_from_db()
    assert (job.state, job.state_reason) == (GenerationJob.State.FAILED, "render_error:RuntimeError")
    assert not job.video and not job.poster and media_files() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_store_whose_commit_fails_leaves_no_video_in_storage(require_postgres, make_user, monkeypatch, no_dispatch):
    creator = make_user("creator")
    job = new_job(creator, prompt="a ball bounces on a beach")
    real_commit = connection.commit
    real_store = services._store_output
    armed = []

    def commit():
        if armed:
            armed.clear()
            raise OperationalError("server closed the connection unexpectedly")
        return real_commit()

    def store(job, output, screening):
        armed.append(True)
        return real_store(job, output, screening)

    monkeypatch.setattr(connection, "commit", commit)
    monkeypatch.setattr(services, "_store_output", store)

    with pytest.raises(OperationalError):
        generation_render_task.apply(args=[job.pk])

    job.refresh_from_db()
    assert (job.state, job.state_reason) == (GenerationJob.State.FAILED, "render_error:OperationalError")
    assert not job.video
    assert media_files() == []


# ==== a teen's daily cap ============================================================================================


def test_a_job_cancelled_mid_render_still_counts_against_a_teens_cap(make_user, settings, monkeypatch, no_dispatch):
    settings.TEEN_DAILY_GENERATIONS = 1
    teen = make_user("teen", age=15)
    job = new_job(teen, prompt="a ball bounces on a beach")
    patch_render(monkeypatch, after=lambda: services.generation_cancel(job=job, actor=teen))

    assert services.generation_render(job_id=job.pk) == GenerationJob.State.CANCELLED

    with pytest.raises(services.ServiceError) as refused:
        new_job(teen, prompt="a ball bounces on a beach")
    assert refused.value.code == "daily_cap_reached"
    assert list(GenerationJob.objects.filter(owner=teen).values_list("state", flat=True)) == ["cancelled"]


def test_a_job_retried_after_a_lost_worker_counts_once_against_a_teens_cap(make_user, settings, no_dispatch):
    settings.TEEN_DAILY_GENERATIONS = 2
    teen = make_user("teen", age=15)
    job = new_job(teen, prompt="a ball bounces on a beach")
    # A worker took it and died; the sweep sends it again and it renders.
    services.job_transition(job, GenerationJob.State.RENDERING)
    job.attempts, job.lease_until = 1, timezone.now() - datetime.timedelta(seconds=1)
    job.save()
    assert services.generation_requeue_stuck() == 1
    assert services.generation_render(job_id=job.pk) == GenerationJob.State.SUCCEEDED

    second = new_job(teen, prompt="a ball bounces on a beach")  # the retry spent nothing more
    with pytest.raises(services.ServiceError) as refused:
        new_job(teen, prompt="a ball bounces on a beach")
    assert refused.value.code == "daily_cap_reached"
    assert GenerationJob.objects.filter(owner=teen).count() == 2 and second.state == GenerationJob.State.QUEUED
