"""Attacks on biometric retention: a cameo's face encodings, reference crop, voice profile and verification clip go
with the cameo at once, and with its account within 30 days; nothing keeps a copy that outlives them.

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome. An attack that
gets through is kept, marked ``xfail(strict=True)`` with what got through and the code path responsible. Storage is
checked on the storage itself (files on disk under MEDIA_ROOT), not only through model fields.

Not repeated here (tested elsewhere): a cameo delete or an account delete/deactivation erasing the columns and the
clip (test_biometric_retention, round 6), this process's registry dropping the face (test_likeness_registry, round 6
and 9), a review rejection erasing biometrics (round 9), the hidden-media purge and its retries (feed, rounds 6-9).
"""

from __future__ import annotations

import base64
import contextlib
import io
import time
from pathlib import Path

import numpy as np
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from PIL import Image

from cameos.models import Cameo, VerificationAttempt
from cameos.registry import likeness_registry
from cameos.services import biometrics_purge_for_inactive_accounts, cameo_delete, challenge_create
from cameos.services import verification as verification_service
from cameos.verification import VerificationOutcome, face_encodings_from_image
from sora_social.accounts.models import User
from tests.storage_faults import storage_refusing_deletes

DISTINCT_PITCH = 187.3141  # a voice profile figure no other row would hold by chance


# ---- helpers -----------------------------------------------------------------------------------------------------


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def crop_png(faces_dir: Path, photo: str = "obama.jpg") -> bytes:
    buffer = io.BytesIO()
    Image.open(faces_dir / photo).convert("RGB").resize((128, 128)).save(buffer, format="PNG")
    return buffer.getvalue()


def waiting_verification(owner: User, *, handle: str) -> tuple[Cameo, VerificationAttempt, Path]:
    """A self cameo whose clip was uploaded and waits for the media task (as cameo_submit_verification leaves it)."""
    cameo = Cameo.objects.create(owner=owner, handle=handle, display_name=handle, status=Cameo.Status.VERIFYING)
    attempt = VerificationAttempt(cameo=cameo, challenge=challenge_create(user=owner))
    attempt.upload.save("clip.bin", ContentFile(b"raw biometric clip " + handle.encode()), save=True)
    path = Path(attempt.upload.path)
    assert path.exists()
    return cameo, attempt, path


def verified_outcome(faces_dir: Path) -> VerificationOutcome:
    """What the engine returns for an honest clip of obama.jpg (its real encodings and crop)."""
    return VerificationOutcome(
        status="verified",
        reasons=[],
        encodings=face_encodings_from_image(faces_dir / "obama.jpg") * 3,
        face_crop_png=crop_png(faces_dir),
        voice_profile={"version": 1, "pitch_hz": DISTINCT_PITCH, "envelope": [0.4242, 0.3131]},
        metrics={"frames_analysed": 30},
    )


def engine_that(monkeypatch, faces_dir: Path, *, meanwhile):
    """Stub the verification engine: while it "runs" on the worker, `meanwhile()` happens elsewhere."""

    def run(source, **options):
        assert Path(source).exists()
        meanwhile()
        return verified_outcome(faces_dir)

    monkeypatch.setattr(verification_service, "verify_video", run)


def obama_probe(faces_dir: Path) -> np.ndarray:
    return np.asarray(face_encodings_from_image(faces_dir / "obama.jpg")).mean(axis=0)


def run_scheduled_purges(settings) -> None:
    """Every beat task that runs hourly or daily (the retention purges among them), as beat would run them."""
    from celery import current_app

    import cameos.tasks  # noqa: F401 - registers the tasks
    import feed.tasks  # noqa: F401
    import generation.tasks  # noqa: F401
    import remix.tasks  # noqa: F401

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if entry["schedule"] >= 3600:
            current_app.tasks[entry["task"]].run()


# ==== 1. a verification still running on the worker ==============================================================


@pytest.mark.django_db
def test_a_cameo_deleted_while_its_verification_runs_keeps_no_biometrics_when_the_worker_finishes(
    make_user, faces_dir, monkeypatch, settings, django_capture_on_commit_callbacks
):
    owner = make_user("alice")
    cameo, attempt, clip = waiting_verification(owner, handle="alice_cam")

    def owner_deletes_the_cameo():
        with django_capture_on_commit_callbacks(execute=True):
            cameo_delete(cameo=Cameo.objects.get(pk=cameo.pk), actor=owner)

    engine_that(monkeypatch, faces_dir, meanwhile=owner_deletes_the_cameo)
    with django_capture_on_commit_callbacks(execute=True):
        verification_service.cameo_verify(attempt_id=attempt.pk)

    cameo.refresh_from_db()
    attempt.refresh_from_db()
    assert cameo.status == Cameo.Status.DELETED and not cameo.has_biometrics
    # Ended by the deletion, as never judged (failed, not a rejection of the person: it does not count among the
    # day's 5), and the worker's verdict is kept nowhere
    assert (attempt.status, attempt.reasons) == (VerificationAttempt.Status.FAILED, ["cameo_deleted"])
    assert not clip.exists() and not attempt.upload
    assert likeness_registry().within(obama_probe(faces_dir), radius=0.4) == {}


@pytest.mark.django_db
def test_an_account_deactivated_and_purged_while_its_verification_runs_keeps_no_biometrics(
    make_user, faces_dir, monkeypatch, django_capture_on_commit_callbacks
):
    owner = make_user("alice")
    cameo, attempt, clip = waiting_verification(owner, handle="alice_cam")

    def account_deactivated_and_daily_purge_runs():
        User.objects.filter(pk=owner.pk).update(is_active=False)
        with django_capture_on_commit_callbacks(execute=True):
            biometrics_purge_for_inactive_accounts()

    engine_that(monkeypatch, faces_dir, meanwhile=account_deactivated_and_daily_purge_runs)
    with django_capture_on_commit_callbacks(execute=True):
        verification_service.cameo_verify(attempt_id=attempt.pk)

    cameo.refresh_from_db()
    assert not cameo.has_biometrics and cameo.status != Cameo.Status.VERIFIED
    assert not clip.exists()
    assert likeness_registry().within(obama_probe(faces_dir), radius=0.4) == {}


@pytest.mark.django_db
def test_an_account_row_deleted_while_its_verification_runs_leaves_no_biometrics_or_clip_anywhere(
    make_user, faces_dir, monkeypatch, settings, django_capture_on_commit_callbacks
):
    owner = make_user("alice")
    cameo, attempt, clip = waiting_verification(owner, handle="alice_cam")

    def account_row_deleted():
        with django_capture_on_commit_callbacks(execute=True):
            User.objects.get(pk=owner.pk).delete()

    engine_that(monkeypatch, faces_dir, meanwhile=account_row_deleted)
    # The worker may end in an error (its cameo row is gone); what matters here is what it leaves behind.
    with contextlib.suppress(Cameo.DoesNotExist), django_capture_on_commit_callbacks(execute=True):
        verification_service.cameo_verify(attempt_id=attempt.pk)

    assert not Cameo.objects.filter(pk=cameo.pk).exists()
    assert not Cameo.objects.exclude(encodings_encrypted=None).exists()
    assert not clip.exists() and media_files(settings) == []
    assert likeness_registry().within(obama_probe(faces_dir), radius=0.4) == {}


@pytest.mark.django_db
def test_a_character_deleted_while_its_picture_is_checked_keeps_no_reference_crop_and_no_picture(
    make_user, faces_dir, monkeypatch, settings, django_capture_on_commit_callbacks
):
    from cameos.verification.characters import CharacterOutcome

    owner = make_user("alice")
    picture = crop_png(faces_dir, "obama.jpg")  # stands for a pet photo; the judge is stubbed
    cameo = Cameo.objects.create(owner=owner, kind=Cameo.Kind.PET, handle="rex", display_name="Rex")
    attempt = VerificationAttempt(cameo=cameo)
    attempt.upload.save("pet.png", ContentFile(picture), save=True)
    stored = Path(attempt.upload.path)

    def judge_while_the_owner_deletes(png, **options):
        with django_capture_on_commit_callbacks(execute=True):
            cameo_delete(cameo=Cameo.objects.get(pk=cameo.pk), actor=owner)
        return CharacterOutcome(reasons=[], faces=[], matched=[], metrics={})

    monkeypatch.setattr(verification_service, "judge_character", judge_while_the_owner_deletes)
    with django_capture_on_commit_callbacks(execute=True):
        verification_service.cameo_verify(attempt_id=attempt.pk)

    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.DELETED and not cameo.has_biometrics
    assert not stored.exists() and media_files(settings) == []


@pytest.mark.parametrize("status", ["revoked", "pending_review"])
@pytest.mark.django_db
def test_a_cameo_a_moderator_revoked_or_holds_for_review_can_still_be_deleted_by_its_owner_with_its_face(
    status, make_user, make_face_cameo, client_for, faces_dir, django_capture_on_commit_callbacks
):
    """Revoked and reviewed cameos keep their face in the registry (nobody may claim it); the owner's delete must
    still take it, from the row and from memory, at once."""
    owner = make_user("barack")
    cameo = make_face_cameo(owner, photo="obama.jpg", handle="barack_cam", status=status)
    registry = likeness_registry()
    assert ("cameo", str(cameo.pk)) in registry.within(obama_probe(faces_dir), radius=0.4)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/")

    assert response.status_code == 204, response.content
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.DELETED and not cameo.has_biometrics
    assert ("cameo", str(cameo.pk)) not in registry.index


# ==== 2. the clip on the storage when a delete is refused ===========================================================


@pytest.mark.django_db
def test_a_verification_clip_whose_delete_the_store_refused_is_still_deleted_by_the_next_scheduled_run(
    make_user, make_cameo, settings, django_capture_on_commit_callbacks
):
    owner = make_user("alice")
    cameo = make_cameo(owner, handle="alice_cam", status="verifying")
    attempt = VerificationAttempt.objects.create(cameo=cameo)
    attempt.upload.save("clip.bin", ContentFile(b"raw biometric clip"), save=True)
    clip = Path(attempt.upload.path)

    # The owner deletes the cameo at a moment the object store refuses the delete.
    with storage_refusing_deletes("verification/"):
        with contextlib.suppress(OSError), django_capture_on_commit_callbacks(execute=True):
            cameo_delete(cameo=cameo, actor=owner)
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.DELETED and not cameo.has_biometrics

    # The store is back; a day of scheduled tasks runs.
    with django_capture_on_commit_callbacks(execute=True):
        run_scheduled_purges(settings)

    assert not clip.exists(), "the deleted cameo's verification clip is still on the storage"


@pytest.mark.django_db
def test_one_clip_the_store_refuses_does_not_keep_other_deactivated_accounts_clips_on_the_storage(
    make_user, make_cameo, settings, django_capture_on_commit_callbacks
):
    clips = []
    for name in ("first", "second", "third"):
        owner = make_user(name)
        cameo = make_cameo(owner, handle=f"{name}_cam", encodings_encrypted=b"e", reference_image_encrypted=b"c")
        attempt = VerificationAttempt.objects.create(cameo=cameo, status=VerificationAttempt.Status.QUEUED)
        attempt.upload.save(f"{name}.bin", ContentFile(b"raw biometric clip"), save=True)
        clips.append(Path(attempt.upload.path))
        User.objects.filter(pk=owner.pk).update(is_active=False)

    with storage_refusing_deletes("verification/", times=1):
        with contextlib.suppress(OSError), django_capture_on_commit_callbacks(execute=True):
            biometrics_purge_for_inactive_accounts()
        # The same day's run again (as a retry would): whatever was not deleted must still be found.
        with contextlib.suppress(OSError), django_capture_on_commit_callbacks(execute=True):
            biometrics_purge_for_inactive_accounts()

    left = [clip.name for clip in clips if clip.exists()]
    # One refused delete may leave its own clip until the next run; never the other accounts' clips.
    assert len(left) <= 1, f"clips of deactivated accounts still stored: {left}"
    with django_capture_on_commit_callbacks(execute=True):
        biometrics_purge_for_inactive_accounts()
    assert not any(clip.exists() for clip in clips)


@pytest.mark.django_db
def test_a_verification_that_crashes_on_the_worker_does_not_keep_the_raw_clip(
    make_user, monkeypatch, settings, django_capture_on_commit_callbacks
):
    from cameos import tasks

    owner = make_user("alice")
    cameo, attempt, clip = waiting_verification(owner, handle="alice_cam")

    def crashes(source, **options):
        raise RuntimeError("the decoder crashed on this file")

    monkeypatch.setattr(verification_service, "verify_video", crashes)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.cameo_verify_task.run(attempt.pk)

    # The attempt fails at once (our fault: the owner may try again), and its clip goes with it.
    attempt.refresh_from_db()
    assert attempt.status == VerificationAttempt.Status.FAILED and attempt.reasons == ["service_unavailable"]
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.REJECTED
    assert not clip.exists(), f"raw clip still stored; attempt is {attempt.status}"


@pytest.mark.django_db
def test_a_verification_whose_task_never_ran_loses_its_clip_to_the_hourly_sweep(
    make_user, settings, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    # The task expired in a queue no worker read for hours (or its worker died): the attempt stays queued.
    owner = make_user("alice")
    cameo, attempt, clip = waiting_verification(owner, handle="alice_cam")
    fresh_cameo, fresh_attempt, fresh_clip = waiting_verification(make_user("bob"), handle="bob_cam")
    VerificationAttempt.objects.filter(pk=attempt.pk).update(
        created_at=timezone.now() - verification_service.VERIFICATION_GIVEN_UP_AFTER - datetime.timedelta(minutes=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        run_scheduled_purges(settings)

    attempt.refresh_from_db()
    assert attempt.status == VerificationAttempt.Status.FAILED and not clip.exists()
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.REJECTED
    # an attempt still within its time keeps its clip for the worker
    fresh_attempt.refresh_from_db()
    assert fresh_attempt.status == VerificationAttempt.Status.QUEUED and fresh_clip.exists()


# ==== 3. copies that outlive the cameo ==============================================================================


def _text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (bytes, memoryview)):
        return ""
    return str(value)


def rows_holding(binary_markers: list[bytes], text_markers: list[str]) -> list[str]:
    """Every text, JSON and binary column of every table that holds one of the markers."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.TextField, models.CharField, models.JSONField, models.BinaryField))
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list("pk", *fields):
            for name, value in zip(fields, row[1:], strict=True):
                if isinstance(value, (bytes, memoryview)):
                    hit = any(marker in bytes(value) for marker in binary_markers)
                else:
                    text = _text_of(value)
                    hit = bool(text) and any(marker in text for marker in text_markers)
                if hit:
                    found.append(f"{model.__name__}.{name} pk={row[0]}")
    return found


@pytest.mark.django_db
def test_no_row_anywhere_keeps_a_deleted_cameos_crop_encodings_or_voice_profile(
    make_user, client_for, faces_dir, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """After a full verification (stubbed engine), a thumbnail view and the delete, every text, JSON and binary
    column of every table, and every stored file, is searched for the cameo's biometric data."""
    owner = make_user("alice")
    cameo, attempt, _ = waiting_verification(owner, handle="alice_cam")
    outcome = verified_outcome(faces_dir)
    monkeypatch.setattr(verification_service, "verify_video", lambda source, **options: outcome)
    with django_capture_on_commit_callbacks(execute=True):
        verification_service.cameo_verify(attempt_id=attempt.pk)
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.VERIFIED and cameo.has_biometrics
    tokens = [bytes(cameo.encodings_encrypted), bytes(cameo.reference_image_encrypted), bytes(cameo.voice_profile_encrypted)]
    client = client_for(owner)
    assert client.get(f"/api/v1/cameos/{cameo.pk}/thumbnail/").status_code == 200

    crop = outcome.face_crop_png
    binary_markers = [crop, crop[16:80], *tokens]
    text_markers = [
        base64.b64encode(crop[:60]).decode()[8:60],
        crop[16:48].hex(),
        *[token.decode()[:40] for token in tokens],
        str(DISTINCT_PITCH),
        "0.4242",
        *[repr(float(v)) for v in outcome.encodings[0][:4]],
        *[f"{float(v):.6f}" for v in outcome.encodings[0][:4]],
    ]
    # The search finds the data where it is meant to be while the cameo lives: it is not blind.
    assert {"Cameo.encodings_encrypted", "Cameo.reference_image_encrypted", "Cameo.voice_profile_encrypted"} <= {
        hit.split(" ")[0] for hit in rows_holding(binary_markers, text_markers)
    }

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/v1/cameos/{cameo.pk}/").status_code == 204

    found = rows_holding(binary_markers, text_markers)
    assert found == []
    for path in media_files(settings):
        data = path.read_bytes()
        assert not any(marker in data for marker in binary_markers), path


# ==== 4. the likeness registry of other worker processes ==========================================================


@pytest.mark.django_db(transaction=True)
def test_a_deleted_cameos_face_leaves_the_registry_of_an_idle_worker_process(
    make_user, make_face_cameo, faces_dir, monkeypatch, settings
):
    from cameos import registry, tasks

    owner = make_user("barack")
    cameo = make_face_cameo(owner, photo="obama.jpg", handle="barack_cam")
    # This process is a media worker that has just started: it builds its registry, then has nothing to do.
    settings.LIKENESS_REGISTRY_SYNC_S = 0.2
    tasks.REGISTRY_SYNC_STOP.clear()
    warmer = tasks._warm_in_background()
    warmer.join(timeout=120)
    syncer = tasks._keep_registry_current()
    try:
        assert ("cameo", str(cameo.pk)) in likeness_registry().index

        # Another process (the web process serving the owner's DELETE) deletes the cameo and commits: its own
        # registry is the one it tells at once, never this process's.
        with monkeypatch.context() as elsewhere:
            elsewhere.setattr(registry, "_after_change", lambda: None)
            with transaction.atomic():
                cameo_delete(cameo=Cameo.objects.get(pk=cameo.pk), actor=User.objects.get(pk=owner.pk))
        assert not Cameo.objects.get(pk=cameo.pk).has_biometrics
        assert ("cameo", str(cameo.pk)) in likeness_registry().index  # nothing told this process

        # The worker makes no lookup; within a few of its sync intervals its memory no longer holds the face.
        deadline = time.monotonic() + 10
        while ("cameo", str(cameo.pk)) in likeness_registry().index and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ("cameo", str(cameo.pk)) not in likeness_registry().index
    finally:
        tasks.REGISTRY_SYNC_STOP.set()
        syncer.join(timeout=10)
        assert not syncer.is_alive()


@pytest.mark.django_db
def test_a_verification_the_sweep_gave_up_on_keeps_nothing_when_its_worker_finishes_after_all(
    make_user, faces_dir, monkeypatch, django_capture_on_commit_callbacks
):
    owner = make_user("alice")
    cameo, attempt, clip = waiting_verification(owner, handle="alice_cam")

    def the_sweep_gives_up_meanwhile():
        with django_capture_on_commit_callbacks(execute=True):
            verification_service.cameo_verification_unavailable(attempt_id=attempt.pk)

    engine_that(monkeypatch, faces_dir, meanwhile=the_sweep_gives_up_meanwhile)
    with django_capture_on_commit_callbacks(execute=True):
        verification_service.cameo_verify(attempt_id=attempt.pk)

    # The late outcome is kept nowhere: the attempt stays failed, the cameo holds no face, and is not verified.
    attempt.refresh_from_db()
    cameo.refresh_from_db()
    assert attempt.status == VerificationAttempt.Status.FAILED
    assert cameo.status == Cameo.Status.REJECTED and not cameo.has_biometrics
    assert not clip.exists()
