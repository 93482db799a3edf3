"""Attacks on the verification flow as a service: challenges, attempts, the media task, identity binding and state.

Tried as someone who wants a cameo of a face that is not theirs, to keep one after it should be lost, or to clog or
break verification: another person's challenge, challenge ids the database cannot hold or that are not numbers, a
body that is not a multipart upload, two uploads racing for one challenge and two retries racing for one rejected
cameo (PostgreSQL, real threads), uploads sent together before the worker judges any, tasks redelivered for a finished
attempt, a failed one and one whose account is gone, a revoked face verified again by its owner, a moderator's
review refusal followed by a better disguise, an impersonation refusal pushed out of the window the service reads, a
face paused for a protected person verified under a new handle, a protected person saved while a verdict of their
face commits (two processes), the daily biometrics purge and a verdict committing at the same moment (threads), and a
verified cameo's face swapped by verifying again under its handle. The media engine is stubbed (`verify_video` gives
a chosen outcome from the real encodings of the fixture faces): these attacks are on the flow around it, whose own
second look at the likeness registry (under the identity lock) stays real.

Not repeated here: the engine's signal checks (test_verification_attacks, test_verification_red_team), two
verifications of one face at once (test_verification_flow), a single-use or expired challenge and hostile files
(test_cameo_api, tests/test_hostile_upload_attacks.py), a cameo deleted or an account deleted or deactivated while its
verification runs and the sweep of stuck clips (test_biometric_retention_attacks), other people's cameos by id
(test_cameo_api), the door refusing a cameo that is not verified (test_policy), the challenge throttle
(test_verification_flow; fishing among the ten challenges an hour it allows gains nothing the digits do not take
back, since each live challenge holds new random digits).

GOT THROUGH, all 8 MENDED the same day (cameos/services/verification.py unless said): attempts waiting to be judged
count against the day's rejections, under a lock on the owner's row (`_check_attempts_left`); a failed attempt is
finished, and one gone with its account ends quietly ("gone"), in `cameo_verify` and
`cameo_verification_unavailable`; the owner's next self cameo goes to review after an impersonation refusal however
old, a moderator's rejection in review, or a revocation that stands, also of a cameo deleted since (`_earlier_distrust`,
reading the revocation audit); `protected_person_save` registers under `identity_registration`; the biometrics purge
locks the attempts before it updates the cameos (cameos/services/retention.py).

As found (strict xfails until mended; the reason of each named the place):
- test_uploads_waiting_together_cannot_take_more_rejections_than_a_day_allows: `_check_attempts_left`
  (cameos/services/verification.py) counts attempts already REJECTED. With one rejection left, three clips sent under
  three handles before the worker judged any are all taken (202): 7 rejections in a day where 5 is the cap meant to
  stop tuning a disguise against the thresholds (the challenge throttle allows 10 live challenges). Fix: count the
  owner's attempts of the day that are not verified (queued, running and rejected) against the cap, under a lock on the
  owner's row (select_for_update on the User) so two submissions cannot both see room.
- test_a_redelivered_task_of_a_failed_attempt_leaves_the_owners_new_attempt_alone: `cameo_verify` returns early only
  for VERIFIED or REJECTED attempts. A FAILED one (service_unavailable) whose task comes again (acks_late, a lost
  worker) finds its cameo verifying for the owner's retry, runs, fails on its deleted clip, and
  `cameo_verification_unavailable` rejects the cameo; the retry then fails `cameo_not_verifying`. Fix: treat FAILED as
  finished in both, and in `cameo_verify` act only when the attempt is its cameo's latest.
- test_a_task_delivered_after_its_account_was_deleted_ends_quietly: `cameo_verify` (and
  `cameo_verification_unavailable`) `.get(pk=attempt_id)` raise DoesNotExist for an attempt that went with its
  account: an error on the worker for each. Fix: `.filter(...).first()` and return quietly ("gone"), as
  face_search_run does since round 5.
- test_a_face_a_moderator_revoked_does_not_come_back_as_a_new_cameo_of_its_owner (kept, deleted by its owner): a
  revoked face "stays claimed" against everyone but its owner: `cameo_verify` compares with
  `likeness_registry().excluding_owner(owner)`, which leaves out the owner's revoked cameo, and the owner may also
  delete it (its face erased). Mallory verifies the same face under a new handle and it is verified unseen, open to
  anyone again once she widens it. Fix: exclude only the owner's verified and pending cameos (a match with their
  revoked one goes to review), and make an owner with a revoked (or revoked-then-deleted) self cameo go to review
  like `_earlier_impersonation` does (a flag on the account, or a query on the revocation audit).
- test_someone_a_moderator_refused_in_review_gets_no_cameo_unseen_next_time: a review rejection
  (`cameo_review_decide`) writes review_rejected on the cameo; the attempt stays VERIFIED with no reasons, so
  `_earlier_impersonation` never sees it. A moderator's "this is someone else's face" weighs less than the
  threshold's: the next clip past the review band (0.65) is verified unseen, with the cameo's old grants live again.
  Fix: count a review rejection as an impersonation refusal (put review_rejected on the attempt's reasons and in
  IMPERSONATION_REASONS, or query CameoReview rejections of the owner).
- test_an_impersonation_refusal_is_not_washed_out_by_many_later_rejections: `_earlier_impersonation` reads the
  latest 50 rejected attempts only; character uploads are not capped per day, so 50 faces sent as "pets"
  (human_face_in_character) push the refusal out and the next cameo is verified unseen (49 still keep it). Fix: an
  exists() query on the reasons (reasons__contains on PostgreSQL) with no window, or a flag set on the account at the
  refusal.
- test_a_protected_person_added_while_a_verification_of_their_face_commits_does_not_miss_it: registering a
  protected person is not serialized with verifications: `protected_person_save` (cameos/services/likeness.py)
  scans for verified cameos with the face without `identity_registration`, so a verdict committed between its scan
  and its commit neither saw the person (uncommitted) nor was seen by the scan (still verifying): a protected
  person's face verified, no moderator told. Fix: take `identity_registration()` at the start of
  protected_person_save (it is atomic already; a verdict then waits for the person, or the scan sees the verdict).
  Checked: with that lock the test passes.
- test_the_daily_biometrics_purge_and_a_verdict_committing_at_the_same_moment_both_finish: the purge
  (cameos/services/retention.py) updates the cameo rows of inactive accounts, then `discard_upload` updates their
  attempts; `cameo_verify` locks the attempt, then the cameo (the documented order): PostgreSQL detects a deadlock
  and aborts one. When it is the worker, the attempt stays running until the sweep; when it is the purge, nobody's
  biometrics are erased that day. Fix: in the purge, lock the attempts of inactive accounts (select_for_update) or
  discard their uploads before the cameo updates. Checked: locking the attempts first makes it pass.

HELD:
- another person's challenge id: 422 challenge_invalid, their challenge unspent, nothing stored;
- challenge ids 0, negative, text: 400 invalid_input; 2^31, 2^63, 2^64+7: 422 challenge_invalid, no 500;
- JSON, urlencoded and a text "video": 415 or 400, nothing stored, the challenge unspent;
- two uploads racing for one challenge: one 202, one 422 challenge_used, one attempt;
- two retries racing for one rejected cameo: one 202, one 422 handle_taken, one attempt;
- a task redelivered for a verified attempt: the engine does not run again, nothing changes, nobody is told twice;
- a face paused for a protected person verified under a new handle: refused by the second look under the lock;
- a verified cameo's face cannot be swapped by uploading again under its handle (422 handle_taken, challenge unspent).
"""

from __future__ import annotations

import datetime
import io
import multiprocessing
import threading
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from django.db import connection
from django.utils import timezone
from PIL import Image

from cameos import tasks
from cameos.models import Cameo, ProtectedPerson, VerificationAttempt, VerificationChallenge
from cameos.services import (
    cameo_delete,
    cameo_review_decide,
    cameo_revoke_by_moderator,
    cameo_verify,
    challenge_create,
    protected_person_save,
)
from cameos.services import verification as verification_service
from cameos.services.verification import MAX_REJECTED_ATTEMPTS_PER_DAY
from cameos.verification import VerificationOutcome, face_encodings_from_image
from sora_social.notifications.models import Notification
from tests.cameos.videos import still_video
from tests.moderation.world import make_moderator

# ---- helpers -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clip_bytes(tmp_path_factory) -> bytes:
    """A small real MP4 with sound: it passes the upload's probe. What it shows does not matter here: the engine is
    stubbed, since these attacks are on the flow around it."""
    frame = np.full((240, 320, 3), 120, dtype=np.uint8)
    return still_video(tmp_path_factory.mktemp("flow") / "clip.mp4", frame, seconds=2.0).read_bytes()


@cache
def _encodings(photo: Path) -> tuple:
    return tuple(face_encodings_from_image(photo))


def _crop(photo: Path) -> bytes:
    buffer = io.BytesIO()
    Image.open(photo).convert("RGB").resize((96, 96)).save(buffer, format="PNG")
    return buffer.getvalue()


def verified(photo: Path) -> VerificationOutcome:
    """The engine's answer to an honest clip of `photo` (its real encodings), as if nobody known were near."""
    return VerificationOutcome(
        status="verified",
        reasons=[],
        encodings=list(_encodings(photo)) * 3,
        face_crop_png=_crop(photo),
        voice_profile={"version": 1, "pitch_hz": 131.0, "envelope": [0.3]},
        metrics={"frames_analysed": 30},
    )


def rejected(*reasons: str) -> VerificationOutcome:
    return VerificationOutcome(status="rejected", reasons=list(reasons or ["lips_not_moving"]), metrics={})


def engine_answers(monkeypatch, *outcomes: VerificationOutcome) -> list[dict]:
    """Stub the engine: each run answers the next outcome (the last one again when they run out). Returns the calls."""
    calls: list[dict] = []

    def run(source, **options):
        assert Path(source).exists()
        calls.append(options)
        return outcomes[min(len(calls) - 1, len(outcomes) - 1)]

    monkeypatch.setattr(verification_service, "verify_video", run)
    return calls


def issue(client) -> dict:
    response = client.post("/api/v1/cameos/challenge/")
    assert response.status_code == 201, response.content
    return response.json()


def submit(client, clip: bytes, challenge_id, *, handle: str):
    video = io.BytesIO(clip)
    video.name = "selfie.mp4"
    return client.post(
        "/api/v1/cameos/",
        {"kind": "self", "handle": handle, "challenge_id": challenge_id, "video": video},
        format="multipart",
    )


def rejections_today(owner) -> int:
    since = timezone.now() - datetime.timedelta(days=1)
    return VerificationAttempt.objects.filter(
        cameo__owner=owner, status=VerificationAttempt.Status.REJECTED, created_at__gte=since
    ).count()


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []



def started(function, errors: list) -> threading.Thread:
    """Run `function` on a thread of its own (its own connection), as a concurrent request or worker; its error, if
    any, lands in `errors`."""

    def body() -> None:
        try:
            function()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=body)
    thread.start()
    return thread

# ==== 1. the challenge ===============================================================================================


@pytest.mark.django_db
def test_nobody_can_answer_another_persons_challenge(make_user, client_for, clip_bytes, monkeypatch, settings):
    # Given Alice's fresh challenge, whose id Bob learnt (ids are sequential)
    engine_answers(monkeypatch, rejected())
    alice, bob = make_user("alice"), make_user("bob")
    challenge = issue(client_for(alice))

    # When Bob uploads his clip against it
    response = submit(client_for(bob), clip_bytes, challenge["id"], handle="bob_cam")

    # Then it is refused as no challenge of his, Alice's stays hers to use, and nothing was stored for Bob
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "challenge_invalid"
    assert VerificationChallenge.objects.get(pk=challenge["id"]).used_at is None
    assert not Cameo.objects.filter(owner=bob).exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("challenge_id", "status", "code"),
    [
        (0, 400, "invalid_input"),
        (-3, 400, "invalid_input"),
        ("1 OR 1=1", 400, "invalid_input"),
        (2**31, 422, "challenge_invalid"),
        (2**63, 422, "challenge_invalid"),
        (2**64 + 7, 422, "challenge_invalid"),
    ],
)
def test_a_wrong_challenge_id_is_a_clear_refusal_that_spends_nothing(
    make_user, client_for, clip_bytes, challenge_id, status, code, settings
):
    alice = make_user("alice")
    client = client_for(alice)
    mine = issue(client)

    response = submit(client, clip_bytes, challenge_id, handle="alice_cam")

    assert (response.status_code, response.json()["code"]) == (status, code), response.content
    assert not Cameo.objects.filter(owner=alice).exists() and stored_files(settings) == []
    assert VerificationChallenge.objects.get(pk=mine["id"]).used_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["json", "urlencoded", "video as text"])
def test_a_verification_sent_as_anything_but_a_multipart_upload_is_refused_and_spends_nothing(
    make_user, client_for, clip_bytes, content_type, settings
):
    alice = make_user("alice")
    client = client_for(alice)
    challenge = issue(client)
    fields = {"kind": "self", "handle": "alice_cam", "challenge_id": challenge["id"]}

    if content_type == "json":
        response = client.post("/api/v1/cameos/", {**fields, "video": clip_bytes.hex()}, format="json")
    elif content_type == "urlencoded":
        response = client.generic(
            "POST", "/api/v1/cameos/", f"kind=self&handle=alice_cam&challenge_id={challenge['id']}&video=AAAA",
            content_type="application/x-www-form-urlencoded",
        )
    else:
        response = client.post("/api/v1/cameos/", {**fields, "video": "not a file"}, format="multipart")

    assert response.status_code in (400, 415), response.content
    assert response.json()["code"] in ("unsupported_media_type", "invalid_input") and response.json()["message"]
    assert not Cameo.objects.filter(owner=alice).exists() and stored_files(settings) == []
    assert VerificationChallenge.objects.get(pk=challenge["id"]).used_at is None


def _submit_in_thread(user, clip, challenge_id, handle, barrier, answers):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user=user)
    try:
        barrier.wait(timeout=20)
        response = submit(client, clip, challenge_id, handle=handle)
        answers.append((response.status_code, response.json().get("code")))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_uploads_racing_for_one_challenge_make_one_attempt(require_postgres, make_user, clip_bytes, monkeypatch):
    # Given one challenge, answered by two uploads (two handles) sent at the same moment, on two connections
    monkeypatch.setattr(tasks.cameo_verify_task, "delay", lambda attempt_id: None)  # the queue is not the point
    alice = make_user("alice")
    challenge = challenge_create(user=alice)
    barrier, answers = threading.Barrier(2), []
    threads = [
        threading.Thread(target=_submit_in_thread, args=(alice, clip_bytes, challenge.pk, handle, barrier, answers))
        for handle in ("race_one", "race_two")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Then exactly one is taken; the other is told the challenge is used; one cameo, one attempt
    assert sorted(answers) == [(202, None), (422, "challenge_used")], answers
    assert Cameo.objects.filter(owner=alice).count() == 1
    assert VerificationAttempt.objects.filter(challenge=challenge).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_retries_of_one_rejected_cameo_racing_make_one_attempt(require_postgres, make_user, clip_bytes, monkeypatch):
    # Given Alice's rejected cameo, retried under its handle by two uploads at once, each with its own challenge
    monkeypatch.setattr(tasks.cameo_verify_task, "delay", lambda attempt_id: None)
    alice = make_user("alice")
    cameo = Cameo.objects.create(owner=alice, handle="alice_cam", display_name="A", status=Cameo.Status.REJECTED)
    challenges = [challenge_create(user=alice), challenge_create(user=alice)]
    barrier, answers = threading.Barrier(2), []
    threads = [
        threading.Thread(target=_submit_in_thread, args=(alice, clip_bytes, c.pk, "alice_cam", barrier, answers))
        for c in challenges
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Then one retries the cameo; the other is refused (the handle is held by the retry) without a second row
    assert sorted(answers) == [(202, None), (422, "handle_taken")], answers
    assert list(Cameo.objects.filter(owner=alice).values_list("pk", "status")) == [(cameo.pk, "verifying")]
    assert VerificationAttempt.objects.filter(cameo=cameo).count() == 1


# ==== 2. attempts and the media task =================================================================================


def _rejected_today(owner, count: int) -> None:
    """`count` attempts of the owner refused today, as the engine refuses a bad recording."""
    cameo = Cameo.objects.create(owner=owner, handle=f"tried_{owner.pk}", display_name="x", status=Cameo.Status.REJECTED)
    for _ in range(count):
        VerificationAttempt.objects.create(
            cameo=cameo, status=VerificationAttempt.Status.REJECTED, reasons=["lips_not_moving"]
        )


@pytest.mark.django_db
def test_uploads_waiting_together_cannot_take_more_rejections_than_a_day_allows(
    make_user, client_for, clip_bytes, monkeypatch, django_capture_on_commit_callbacks
):
    # Given Mallory, tuning a disguise against the thresholds, with one rejection left today
    engine_answers(monkeypatch, rejected("matches_existing_cameo"))
    mallory = make_user("mallory")
    _rejected_today(mallory, MAX_REJECTED_ATTEMPTS_PER_DAY - 1)
    client = client_for(mallory)

    # When she sends three clips under three handles before the media worker has judged any of them
    answers = []
    with django_capture_on_commit_callbacks() as queued:
        for handle in ("probe_one", "probe_two", "probe_three"):
            answers.append(submit(client, clip_bytes, issue(client)["id"], handle=handle))
    for callback in queued:  # the worker catches up
        callback()

    # Then only one more was taken: clips waiting for their verdict count against the rejections left
    assert [r.status_code for r in answers] == [202, 429, 429], [r.json() for r in answers]
    assert rejections_today(mallory) <= MAX_REJECTED_ATTEMPTS_PER_DAY


@pytest.mark.django_db
def test_a_redelivered_task_of_a_failed_attempt_leaves_the_owners_new_attempt_alone(
    make_user, client_for, clip_bytes, monkeypatch, faces_dir, django_capture_on_commit_callbacks
):
    # Given Alice's first attempt, failed on our side (the engine crashed: service_unavailable, her cameo rejected)
    alice = make_user("alice")
    client = client_for(alice)

    def crashes(source, **options):
        raise RuntimeError("decoder crashed")

    monkeypatch.setattr(verification_service, "verify_video", crashes)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, clip_bytes, issue(client)["id"], handle="alice_cam").status_code == 202
    first = VerificationAttempt.objects.get(cameo__owner=alice)
    assert (first.status, first.reasons) == ("failed", ["service_unavailable"])

    # and her retry, waiting for a worker
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    with django_capture_on_commit_callbacks() as queued:
        assert submit(client, clip_bytes, issue(client)["id"], handle="alice_cam").status_code == 202
    second = VerificationAttempt.objects.filter(cameo__owner=alice).latest("pk")

    # When the broker delivers the first attempt's task again (acks_late: its worker was lost), then the retry's
    tasks.cameo_verify_task.run(first.pk)
    for callback in queued:
        callback()

    # Then the failed attempt stays failed and the retry decides the cameo
    first.refresh_from_db()
    second.refresh_from_db()
    cameo = Cameo.objects.get(pk=second.cameo_id)
    assert (first.status, first.reasons) == ("failed", ["service_unavailable"])
    assert second.status == VerificationAttempt.Status.VERIFIED, (second.status, second.reasons)
    assert cameo.status == Cameo.Status.VERIFIED, cameo.rejection_reasons


@pytest.mark.django_db
def test_a_redelivered_task_of_a_finished_attempt_changes_nothing_and_tells_nobody_again(
    make_user, client_for, clip_bytes, monkeypatch, faces_dir, django_capture_on_commit_callbacks
):
    alice = make_user("alice")
    client = client_for(alice)
    calls = engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"), verified(faces_dir / "biden.jpg"))
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, clip_bytes, issue(client)["id"], handle="alice_cam")
    attempt = VerificationAttempt.objects.get(cameo__owner=alice)
    cameo = Cameo.objects.get(pk=attempt.cameo_id)
    told = Notification.objects.filter(recipient=alice).count()

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.cameo_verify_task.run(attempt.pk) == "verified"

    again = Cameo.objects.get(pk=cameo.pk)
    assert len(calls) == 1  # the engine did not run again
    assert (again.status, bytes(again.encodings_encrypted), again.verified_at) == (
        "verified", bytes(cameo.encodings_encrypted), cameo.verified_at
    )
    assert Notification.objects.filter(recipient=alice).count() == told


@pytest.mark.django_db
def test_a_task_delivered_after_its_account_was_deleted_ends_quietly(
    make_user, client_for, clip_bytes, monkeypatch, faces_dir, django_capture_on_commit_callbacks
):
    # Given an attempt whose task is delivered (again, or late) after its account's row was deleted
    calls = engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    alice = make_user("alice")
    client = client_for(alice)
    with django_capture_on_commit_callbacks() as queued:
        submit(client, clip_bytes, issue(client)["id"], handle="alice_cam")
    attempt_id = VerificationAttempt.objects.get(cameo__owner=alice).pk
    with django_capture_on_commit_callbacks(execute=True):
        alice.delete()
    assert not VerificationAttempt.objects.filter(pk=attempt_id).exists()

    # When the worker runs it, it finds nothing to do: no error, no engine run, nothing written
    for callback in queued:
        callback()
    assert calls == []
    assert not Cameo.objects.exists() and not VerificationAttempt.objects.exists()


# ==== 3. identity binding ============================================================================================


def _verify_as(client, clip, handle, django_capture_on_commit_callbacks) -> Cameo:
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, clip, issue(client)["id"], handle=handle)
    assert response.status_code == 202, response.content
    return Cameo.objects.get(pk=response.json()["id"])


@pytest.mark.django_db
@pytest.mark.parametrize("revoked_cameo", ["kept", "deleted by its owner"])
def test_a_face_a_moderator_revoked_does_not_come_back_as_a_new_cameo_of_its_owner(
    revoked_cameo, make_user, make_face_cameo, client_for, clip_bytes, monkeypatch, faces_dir,
    django_capture_on_commit_callbacks,
):
    # Given Mallory's cameo, open to everyone, revoked by a moderator (nobody may use it; "a revoked face stays claimed")
    mallory = make_user("mallory")
    old = make_face_cameo(mallory, photo="obama.jpg", handle="mal_cam", level="everyone")
    cameo_revoke_by_moderator(cameo=old, moderator=make_moderator(make_user), reason="impersonation reports")
    if revoked_cameo == "deleted by its owner":
        cameo_delete(cameo=Cameo.objects.get(pk=old.pk), actor=mallory)

    # When she verifies the same face again, under a new handle
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    new = _verify_as(client_for(mallory), clip_bytes, "mal_cam_two", django_capture_on_commit_callbacks)

    # Then it is not simply verified: a moderator looks first (or it is refused)
    assert new.status in (Cameo.Status.PENDING_REVIEW, Cameo.Status.REJECTED), new.status


@pytest.mark.django_db
def test_someone_a_moderator_refused_in_review_gets_no_cameo_unseen_next_time(
    make_user, client_for, clip_bytes, monkeypatch, faces_dir, django_capture_on_commit_callbacks
):
    # Given Mallory's upload, close to a protected person, refused by a moderator as that person's face
    mallory = make_user("mallory")
    client = client_for(mallory)
    close = VerificationOutcome(
        status="pending_review", reasons=[], encodings=list(_encodings(faces_dir / "obama.jpg")) * 3,
        face_crop_png=_crop(faces_dir / "obama.jpg"), voice_profile={"version": 1, "pitch_hz": 131.0, "envelope": []},
        matched=[{"kind": "protected", "ref_id": "1", "distance": 0.6}],
    )
    engine_answers(monkeypatch, close)
    cameo = _verify_as(client, clip_bytes, "mal_cam", django_capture_on_commit_callbacks)
    assert cameo.status == Cameo.Status.PENDING_REVIEW
    cameo_review_decide(
        cameo=cameo, moderator=make_moderator(make_user), decision="rejected", reason="This is the protected person"
    )

    # When she tries again with a face the thresholds no longer place near anyone (a better disguise)
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    again = _verify_as(client, clip_bytes, "mal_cam", django_capture_on_commit_callbacks)

    # Then, as after a refusal by the thresholds, a moderator looks before it is verified
    assert again.pk == cameo.pk
    assert again.status == Cameo.Status.PENDING_REVIEW, again.status


@pytest.mark.django_db
def test_an_impersonation_refusal_is_not_washed_out_by_many_later_rejections(
    make_user, client_for, clip_bytes, monkeypatch, faces_dir, django_capture_on_commit_callbacks
):
    # Given Mallory, refused three days ago as an existing cameo's face
    mallory = make_user("mallory")
    client = client_for(mallory)
    engine_answers(monkeypatch, rejected("matches_existing_cameo"))
    _verify_as(client, clip_bytes, "mal_cam", django_capture_on_commit_callbacks)
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    VerificationAttempt.objects.filter(cameo__owner=mallory).update(created_at=three_days_ago)

    # and since then 50 pictures of faces sent as "pets" (refused: human_face_in_character; characters have no daily cap)
    monkeypatch.setattr(
        verification_service, "judge_character",
        lambda png, known_identities: type("Judged", (), {"reasons": ["human_face_in_character"], "matched": [], "metrics": {}})(),
    )
    picture = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 10, 10)).save(picture, format="PNG")
    for n in range(50):
        with django_capture_on_commit_callbacks(execute=True):
            verification_service.cameo_create_character(
                owner=mallory, upload=_uploaded(picture.getvalue()), kind="pet", display_name="", handle=f"pet_{n}"
            )
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    VerificationAttempt.objects.filter(cameo__owner=mallory, cameo__kind="pet").update(created_at=two_days_ago)
    assert VerificationAttempt.objects.filter(cameo__owner=mallory, status="rejected").count() == 51

    # When she now verifies a face that passes every check
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    cameo = _verify_as(client, clip_bytes, "mal_cam_two", django_capture_on_commit_callbacks)

    # Then the old refusal still sends it to a moderator
    assert cameo.status == Cameo.Status.PENDING_REVIEW, cameo.status


def _uploaded(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("pet.png", data, content_type="image/png")


@pytest.mark.django_db
def test_a_face_paused_for_a_protected_person_is_not_verified_again_under_a_new_handle(
    make_user, make_face_cameo, client_for, clip_bytes, monkeypatch, faces_dir, django_capture_on_commit_callbacks
):
    # Given Mallory's verified cameo, paused for review when a moderator added the protected person whose face it is
    mallory = make_user("mallory")
    old = make_face_cameo(mallory, photo="obama.jpg", handle="mal_cam")
    paused = protected_person_save(
        person=ProtectedPerson(name="Barack Obama"), moderator=make_moderator(make_user),
        encodings=face_encodings_from_image(faces_dir / "obama2.jpg"),
    )
    assert [c.pk for c in paused] == [old.pk]

    # When she verifies the same face under a new handle (the engine's own look stubbed out: the second look decides)
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    new = _verify_as(client_for(mallory), clip_bytes, "mal_cam_two", django_capture_on_commit_callbacks)

    # Then it is refused as the protected person's face, and keeps no face
    assert new.status == Cameo.Status.REJECTED and new.rejection_reasons == ["matches_protected_person"]
    assert not new.has_biometrics


def _add_protected_person_pausing_after_its_scan(moderator_id: int, encodings, scanned, go) -> None:
    """A moderator's request in another process: save a protected person, and pause between the scan for verified
    cameos with that face and the commit (as a slow admin request does)."""
    from cameos.services import likeness
    from sora_social.accounts.models import User

    connection.close()  # never share the parent's socket
    registry = likeness.likeness_registry

    class PausingAfterScan:
        def __init__(self, inner):
            self._inner = inner

        def within(self, *args, **kwargs):
            found = self._inner.within(*args, **kwargs)
            scanned.set()
            go.wait(timeout=6)
            return found

        def __getattr__(self, name):
            return getattr(self._inner, name)

    likeness.likeness_registry = lambda: PausingAfterScan(registry())
    try:
        protected_person_save(
            person=ProtectedPerson(name="Barack Obama"), moderator=User.objects.get(pk=moderator_id), encodings=encodings
        )
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_protected_person_added_while_a_verification_of_their_face_commits_does_not_miss_it(
    require_postgres, make_user, monkeypatch, faces_dir
):
    from django.core.files.base import ContentFile

    # Given Mallory's clip of Obama's face, judged by the engine while nobody had that face yet
    mallory = make_user("mallory")
    moderator = make_moderator(make_user)
    cameo = Cameo.objects.create(owner=mallory, handle="mal_cam", display_name="M", status=Cameo.Status.VERIFYING)
    attempt = VerificationAttempt(cameo=cameo, challenge=challenge_create(user=mallory))
    attempt.upload.save("clip.bin", ContentFile(b"clip"), save=True)
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))

    # When a moderator adds Obama as a protected person in another process, and Mallory's worker commits its verdict
    # between that request's scan for cameos with his face and its commit
    connection.close()
    context = multiprocessing.get_context("fork")
    scanned, go = context.Event(), context.Event()
    moderator_request = context.Process(
        target=_add_protected_person_pausing_after_its_scan,
        args=(moderator.pk, face_encodings_from_image(faces_dir / "obama2.jpg"), scanned, go),
    )
    moderator_request.start()
    try:
        assert scanned.wait(timeout=60)
        cameo_verify(attempt_id=attempt.pk)
    finally:
        go.set()
        moderator_request.join(timeout=60)
    assert moderator_request.exitcode == 0
    assert ProtectedPerson.objects.filter(name="Barack Obama").exists()

    # Then Mallory's cameo does not end verified with a protected person's face that no moderator looks at
    cameo.refresh_from_db()
    assert cameo.status in (Cameo.Status.PENDING_REVIEW, Cameo.Status.REJECTED), cameo.status


# ==== 4. state: the verdict against the other writers of the cameo ==================================================


def _wait_until_a_backend_waits_for_a_lock(timeout: float = 15.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_daily_biometrics_purge_and_a_verdict_committing_at_the_same_moment_both_finish(
    require_postgres, make_user, monkeypatch, faces_dir
):
    from django.core.files.base import ContentFile

    from cameos.services import biometrics_purge_for_inactive_accounts, retention

    # Given Mallory's clip on the worker, and her account deactivated meanwhile
    mallory = make_user("mallory")
    cameo = Cameo.objects.create(owner=mallory, handle="mal_cam", display_name="M", status=Cameo.Status.VERIFYING)
    attempt = VerificationAttempt(cameo=cameo, challenge=challenge_create(user=mallory))
    attempt.upload.save("clip.bin", ContentFile(b"raw biometric clip"), save=True)
    clip = Path(attempt.upload.path)
    type(mallory).objects.filter(pk=mallory.pk).update(is_active=False)
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))

    # When the daily purge has moved her cameo to rejected (its row locked) and is about to let go of her clip, while
    # the worker commits its verdict (the attempt's row locked, then the cameo's)
    purge_moved_the_cameo, go_on = threading.Event(), threading.Event()
    record = retention.record_likeness_changes

    def pausing_record(**kwargs):
        record(**kwargs)
        purge_moved_the_cameo.set()
        go_on.wait(timeout=20)

    monkeypatch.setattr(retention, "record_likeness_changes", pausing_record)
    errors: list[BaseException] = []
    purge = started(biometrics_purge_for_inactive_accounts, errors)
    assert purge_moved_the_cameo.wait(timeout=20)
    worker = started(lambda: cameo_verify(attempt_id=attempt.pk), errors)
    assert _wait_until_a_backend_waits_for_a_lock()  # the worker waits for the purge's row
    go_on.set()
    purge.join(timeout=30)
    worker.join(timeout=30)

    # Then both finish (no deadlock aborts either), and she keeps no face and no clip
    assert errors == [], errors
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.REJECTED and not cameo.has_biometrics
    assert not clip.exists()


@pytest.mark.django_db
def test_a_verified_cameos_face_is_not_swapped_by_verifying_again_under_its_handle(
    make_user, make_face_cameo, client_for, clip_bytes, monkeypatch, faces_dir, django_capture_on_commit_callbacks
):
    # Given Alice's verified cameo, with her face, cast by others
    alice = make_user("alice")
    cameo = make_face_cameo(alice, photo="obama.jpg", handle="alice_cam")
    before = (cameo.status, bytes(cameo.encodings_encrypted), cameo.consent_version)
    calls = engine_answers(monkeypatch, verified(faces_dir / "biden.jpg"))

    # When she (or someone holding her phone) uploads another person's clip under the same handle
    client = client_for(alice)
    challenge = issue(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, clip_bytes, challenge["id"], handle="alice_cam")

    # Then it is refused: the handle is held by the live cameo; its face and state are unchanged, the challenge unspent
    assert (response.status_code, response.json()["code"]) == (422, "handle_taken")
    cameo.refresh_from_db()
    assert (cameo.status, bytes(cameo.encodings_encrypted), cameo.consent_version) == before
    assert calls == [] and VerificationAttempt.objects.filter(cameo__owner=alice).count() == 0
    assert VerificationChallenge.objects.get(pk=challenge["id"]).used_at is None
