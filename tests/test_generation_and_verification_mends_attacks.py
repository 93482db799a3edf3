# ruff: noqa: F811 - pytest fixtures imported from other test modules are parameters of the tests
"""Attacks on today's mends to generation and verification (1c6920e, 48cf3a7), 2026-12-07.

Tried: the new lock on the owner's User row in a verification upload (`_check_attempts_left`) against an account's
deletion, a ban, a parent's change of a teen's controls, a sign-up with the uploader's invite code, and against the
verdicts of the media workers (PostgreSQL, real threads); `protected_person_save`, now under the identity lock,
against a face search being stored and a cameo's deletion; the lock order the biometrics purge now keeps (the
attempt, then its cameo) against the owner's own `cameo_delete`; honest uploads stranded by the new count of attempts
waiting to be judged (a lost task with and without its clip); `_earlier_distrust` fed with a moderator's decision that
rolled back, and its cost in queries with hundreds of attempts and decisions; the prompt screened again before the
render for a job the request let in; a creator suspended in the admin, then reinstated, with a job queued; a shot
length at the other end of the float range from the one capped; every cursor position sent back in another offset.
The media engine is stubbed as in tests/cameos/test_verification_flow_attacks.py; the locks and the registry are real.

Not repeated here (tests/generation/test_quota_and_lifecycle_attacks.py, tests/cameos/test_verification_flow_attacks.py
and the files they name): the rounds that found these mends, a job blocked at render counting against the cap, forged
cursors with offsets PostgreSQL cannot hold, the purge against a verdict, two uploads racing for one challenge.

GOT THROUGH, all 6 MENDED the same day: two uploads of one person wait for each other on an advisory lock of theirs,
not on their user row (`_check_attempts_left`, `transaction_lock`), and only uploads of a cameo still verifying count
there; `cameo_delete` locks the cameo's attempts before the cameo and ends its waiting uploads (`cameo_deleted`), and
the sweep ends every upload given up on, with its clip or without; a standing revocation is a field of the cameo
(`revoked_by_moderator_at`, migration cameos 0012 fills it from the audit), set and cleared with the decision;
`split_shots` rounds a shot's length to the millisecond.

As found (strict xfails until mended; the reason of each named the place):
- test_an_account_deleted_while_its_verification_upload_is_taken_does_not_deadlock: `_check_attempts_left`
  (cameos/services/verification.py) locks the owner's User row FOR UPDATE, then the upload claims its challenge. An
  account's deletion (Django's collector) deletes the challenges first and the User row last: each waits for the other
  and PostgreSQL aborts one ("deadlock detected ... while deleting tuple in accounts_user": the operator's deletion
  fails). Fix: serialize an owner's uploads with an advisory lock keyed by the owner
  (`sora_social.locks.transaction_lock(f"cameos.verification_attempts:{owner.pk}")`, as face_search_create does for
  its searches) instead of the row lock. Checked with that lock in place of the row lock: this test and the next pass.
- test_another_persons_verdict_does_not_wait_for_a_verification_clip_being_stored: the same FOR UPDATE is held to
  the end of the upload's transaction, past the clip's write to storage (S3), and FOR UPDATE blocks the FOR KEY SHARE
  every insert of a row naming the user takes: a follow of her and every notification to her (of a like, a comment, a
  verdict) wait for her clip to reach the store. Her previous attempt's verdict waits so at `_tell_owner` while it holds the
  identity lock, which every verdict takes: Bob's verdict, on another worker, waited past a 3 s lock timeout for
  Alice's clip. Fix: as above (an advisory lock blocks nothing else); at the least `select_for_update(no_key=True)`
  (FOR NO KEY UPDATE does not block FOR KEY SHARE; it does not fix the deletion's deadlock).
- test_a_cameo_deleted_while_its_verdict_commits_does_not_deadlock: the purge was mended to lock the attempts before
  the cameos, "as a verdict (cameo_verify) locks them", but the owner's own deletion (`cameo_delete`,
  cameos/services/consent.py) locks the cameo, then updates its attempts (`discard_upload`). A verdict committing at
  that moment holds the attempt and waits for the cameo: PostgreSQL aborts the verdict, and the attempt stays
  "running" with no clip, which the sweep never ends (next finding). Fix: in cameo_delete lock the cameo's attempts
  (select_for_update, by pk) before the cameo row. Checked: with that order the test passes.
- test_uploads_the_sweep_gave_up_on_do_not_lock_their_owner_out: `verification_uploads_sweep` gives up only on
  attempts that still have a clip (`with_clip`). `cameo_delete` takes the clip of a waiting attempt and leaves it
  "queued". With the media workers down (tasks expire after an hour), a person who deleted each stuck upload and tried
  again is refused `too_many_attempts` for 24 hours, the sweep three hours later changing nothing, though none of
  them was refused and none can ever be judged. Fix: end the attempts of a deleted cameo in cameo_delete (failed,
  "cameo_deleted"), and let the sweep give up on every attempt queued or running past VERIFICATION_GIVEN_UP_AFTER,
  clip or not (or count in `_check_attempts_left` only the attempts of cameos still verifying).
- test_a_moderators_decision_that_was_rolled_back_does_not_decide_the_owners_next_cameo[reinstatement|revocation]:
  `_earlier_distrust` reads whether a revocation stands from the door's audit (ConsentDecision subjects "revoke:" and
  "reinstate:"). That audit outlives the rollback of what it records by design (`consent_audit_flush`, run by
  ConsentAuditMiddleware and after every task): a reinstatement whose request then failed (a later refusal, a lost
  connection, a deadlock) leaves the cameo revoked and a "reinstate:" row as the last word, and Mallory's face is
  verified unseen under a new handle; the other way round, a revocation that rolled back (e.g. the admin's "revoke
  the selected cameos" failing on its second cameo) sends an owner whose cameo was never revoked to review for good.
  Fix: read state, not the audit: a field on the cameo set by cameo_revoke_by_moderator and cleared by
  cameo_reinstate_by_moderator in their transactions (kept when its owner deletes it), e.g. `revoked_by_moderator_at`,
  and query the owner's self cameos with it set.
- test_a_shot_length_too_small_for_a_float_cannot_crash_the_render: `split_shots` now caps a shot's length from above;
  "shot 1 (0.<323 zeros>5 s): ... shot 2 (0 s): ..." parses to 5e-324 s, and `_frame_bounds`
  (generation/backends/reference/scene.py) divides the video's length by that subnormal sum: the scale is infinite and
  round() raises OverflowError. The job ends failed (render_error:OverflowError), which the cap does not count: a
  prompt can still crash the renderer, as often as the in-flight limit allows. Fix: read a length under a frame (say
  under 1/RENDER_FPS s) as 0 in split_shots, or compute the scale only when the sum is at least that (else share the
  video equally).

HELD:
- a ban (locks the person after the case), a parent's change of a teen's controls and a sign-up with the uploader's
  invite code finish beside her upload (the sign-up without even waiting: it names her in no new row);
- a protected person saved under the identity lock while a close cameo's face search is stored (its row locked) or
  while it is deleted: both finish; the searched cameo goes to review, the deleted one stays deleted;
- uploads whose tasks were lost, with their clips: refused 429 too_many_attempts while they may still run, failed by
  the sweep after two hours, and then the owner may record again;
- `_earlier_distrust` costs 3 queries with 300 rejected attempts and 12 cameos revoked and reinstated;
- a protected person's own cameo, cast and named in the prompt, passes the render's screen as it passed the request
  (the render screens with `_video_policy` of the same cast, the own cameo's name excepted);
- a creator suspended in the admin while a job waits: blocked (`creator_cannot_create`), nothing made; once reinstated
  the redelivered task leaves it blocked (not in flight), and a new request is let in;
- every next cursor's position sent back written at +14:00, -15:30 or with no offset: eleven jobs, seven of one
  instant, listed once each in order, two to a page.
Noted, not tested: blocked jobs (content_policy at render, creator_cannot_create) count against the day's cap like
every other block and a moderator's cancel (only `failed` is ours); a render refused after the door was asked (the
creator's standing, the prompt's screen) leaves allowed RENDER rows in the cast owners' audit, as a preferences
refusal did before.
"""

from __future__ import annotations

import base64
import datetime
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone

from cameos import biometrics
from cameos import tasks as cameo_tasks
from cameos.models import Cameo, ProtectedPerson, VerificationAttempt
from cameos.policy import Purpose, consent_audit_flush
from cameos.services import (
    cameo_delete,
    cameo_reinstate_by_moderator,
    cameo_revoke_by_moderator,
    cameo_verify,
    challenge_create,
    protected_person_save,
)
from cameos.services import verification as verification_service
from cameos.services.verification import MAX_REJECTED_ATTEMPTS_PER_DAY, verification_uploads_sweep
from cameos.verification import face_encodings_from_image
from generation import services as generation_services
from generation.models import GenerationJob
from moderation import services as moderation_services
from moderation.models import ModerationCase
from sora_social.accounts.models import ParentalLink, User
from sora_social.accounts.services import (
    invites_mint,
    parental_controls_update,
    parental_link_code_create,
    parental_link_redeem,
    user_signup_complete,
)
from sora_social.content_policy.models import ContentRule
from tests.cameos.test_verification_flow_attacks import (
    _verify_as,
    clip_bytes,  # noqa: F401 - a shared fixture
    engine_answers,
    issue,
    started,
    submit,
    verified,
)
from tests.generation.test_task_layer_attacks import media_files
from tests.moderation.world import make_moderator

SHORT = {"duration_s": 1, "resolution": "360p", "seed": 7}
GENERATIONS = "/api/v1/generations/"

ROW_LOCK = (
    "GOT THROUGH: cameos/services/verification.py:_check_attempts_left locks the owner's User row FOR UPDATE until the "
    "upload's transaction ends, past the clip's write to storage: every row inserted that names her waits"
)
ROW_LOCK_DEADLOCK = (
    "GOT THROUGH: cameos/services/verification.py:_check_attempts_left locks the owner's User row before the challenge; "
    "an account's deletion deletes the challenge, then the User row: deadlock"
)
LOCK_ORDER = (
    "GOT THROUGH: cameos/services/consent.py:cameo_delete locks the cameo, then updates its attempts (discard_upload); "
    "cameo_verify locks the attempt, then the cameo"
)
SWEEP = (
    "GOT THROUGH: cameos/services/verification.py:verification_uploads_sweep gives up only on attempts that still have "
    "a clip; cameo_delete took it and left the attempt queued, counted by _check_attempts_left"
)
AUDIT_AS_STATE = (
    "GOT THROUGH: cameos/services/verification.py:_earlier_distrust reads the door's audit, whose rows outlive the "
    "rollback of the decision they record (cameos.policy.consent_audit_flush)"
)


def finished_or_waiting(thread: threading.Thread, timeout: float = 15.0) -> bool:
    """Whether `thread` ended, or another connection of this database waits on a lock (it is blocked), within
    `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not thread.is_alive():
            return True
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def deadlocks(errors: list) -> list:
    return [exc for exc in errors if "deadlock" in str(exc).lower()]


def verifying_attempt(owner, handle: str) -> VerificationAttempt:
    """An upload of `owner` waiting for the media worker: its cameo verifying, its clip stored."""
    cameo = Cameo.objects.create(owner=owner, handle=handle, display_name=handle, status=Cameo.Status.VERIFYING)
    attempt = VerificationAttempt(cameo=cameo, challenge=challenge_create(user=owner))
    attempt.upload.save(f"{handle}.bin", ContentFile(b"raw biometric clip"), save=True)
    return attempt


@pytest.fixture
def no_category_rules(db):
    """The category rules (read by a sentence model that takes seconds to load) off: these tests are not about them."""
    ContentRule.objects.filter(kind=ContentRule.Kind.CATEGORY).update(enabled=False)


def upload_of(clip: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("selfie.mp4", clip, content_type="video/mp4")


# ==== 1. the lock on the owner's row in a verification upload (_check_attempts_left) ================================


@pytest.mark.django_db(transaction=True)
def test_an_account_deleted_while_its_verification_upload_is_taken_does_not_deadlock(
    require_postgres, make_user, clip_bytes, monkeypatch
):
    # Given Alice's verification upload, past the count of her attempts (her user row locked), about to claim its
    # challenge
    monkeypatch.setattr(cameo_tasks.cameo_verify_task, "delay", lambda attempt_id: None)
    alice = make_user("alice")
    challenge = challenge_create(user=alice)
    counted, go_on = threading.Event(), threading.Event()
    claim = verification_service._claim_challenge

    def claim_after_the_count(**kwargs):
        counted.set()
        go_on.wait(timeout=20)
        return claim(**kwargs)

    monkeypatch.setattr(verification_service, "_claim_challenge", claim_after_the_count)
    upload_errors: list = []
    deletion_errors: list = []
    upload = started(
        lambda: verification_service.cameo_submit_verification(
            owner=User.objects.get(pk=alice.pk), upload=upload_of(clip_bytes), challenge_id=challenge.pk,
            display_name="", handle="alice_cam",
        ),
        upload_errors,
    )
    assert counted.wait(timeout=20)

    # When an operator deletes her account at that moment (the deletion takes her challenges, then her row)
    deletion = started(lambda: User.objects.get(pk=alice.pk).delete(), deletion_errors)
    assert finished_or_waiting(deletion)
    go_on.set()
    upload.join(timeout=60)
    deletion.join(timeout=60)

    # Then neither is aborted by a deadlock: the account is gone with everything of it, and the upload is refused
    assert deadlocks(upload_errors + deletion_errors) == [], upload_errors + deletion_errors
    assert deletion_errors == []
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Cameo.objects.exists() and not VerificationAttempt.objects.exists()


def pause_biometrics_erase(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Make a cameo's deletion wait at the erase of its face, its rows locked: (erasing, go_on)."""
    erasing, go_on = threading.Event(), threading.Event()
    erase = biometrics.erase

    def erase_after_a_pause(cameo):
        erasing.set()
        go_on.wait(timeout=20)
        erase(cameo)

    monkeypatch.setattr(biometrics, "erase", erase_after_a_pause)
    return erasing, go_on


def _pause_clip_writes(monkeypatch, prefix: str = "verification/") -> tuple[threading.Event, threading.Event]:
    """Make a request thread's write of an uploaded clip to storage wait (a slow object store): (writing, go_on)."""
    writing, go_on = threading.Event(), threading.Event()
    save = FileSystemStorage.save

    def slow_save(self, name, content, max_length=None):
        if name and name.startswith(prefix) and threading.current_thread() is not threading.main_thread():
            writing.set()
            go_on.wait(timeout=30)
        return save(self, name, content, max_length=max_length)

    monkeypatch.setattr(FileSystemStorage, "save", slow_save)
    return writing, go_on


@pytest.mark.django_db(transaction=True)
def test_another_persons_verdict_does_not_wait_for_a_verification_clip_being_stored(
    require_postgres, make_user, clip_bytes, monkeypatch, faces_dir
):
    # Given Alice's first upload and Bob's, each judged by the engine on a media worker
    monkeypatch.setattr(cameo_tasks.cameo_verify_task, "delay", lambda attempt_id: None)
    alice, bob = make_user("alice"), make_user("bob")
    alices_first = verifying_attempt(alice, "alice_cam")
    bobs = verifying_attempt(bob, "bob_cam")
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"), verified(faces_dir / "biden.jpg"))
    writing, go_on = _pause_clip_writes(monkeypatch)
    errors: list = []
    first = None

    # and Alice's second upload (another handle), its clip being written to a slow store
    second = started(
        lambda: verification_service.cameo_submit_verification(
            owner=User.objects.get(pk=alice.pk), upload=upload_of(clip_bytes),
            challenge_id=challenge_create(user=alice).pk, display_name="", handle="alice_two",
        ),
        errors,
    )
    try:
        assert writing.wait(timeout=20)
        # while her first verdict commits (under the identity lock, which every verdict takes)
        first = started(lambda: cameo_verify(attempt_id=alices_first.pk), errors)
        assert finished_or_waiting(first)

        # When Bob's verdict commits (allowed to wait 3 s for a lock: a worker waits as long as it takes)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")
        try:
            cameo_verify(attempt_id=bobs.pk)
            bobs_verdict = "committed"
        except OperationalError as exc:
            bobs_verdict = f"waited: {exc}"
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = 0")
    finally:
        go_on.set()
        second.join(timeout=60)
        if first is not None:
            first.join(timeout=60)

    # Then Bob's verdict did not wait for Alice's clip to reach the store
    assert errors == [], errors
    assert bobs_verdict == "committed", bobs_verdict
    assert Cameo.objects.get(pk=bobs.cameo_id).status == Cameo.Status.VERIFIED


def _banned_by(moderator):
    def ban(alice):
        case = ModerationCase.objects.create(target_kind="profile", target_id=alice.pk, target_owner=alice)
        moderation_services.user_ban(case=case, moderator=moderator, reason="spam")

    return ban


def _signup_with_her_invite(code):
    newcomer = User.objects.create_user("newcomer", "newcomer@example.org", datetime.date(1990, 1, 1), "pw pw pw pw!")
    user_signup_complete(user=newcomer, invite_code=code)


def _her_parent_changes_her_controls(parent):
    link = {}

    def setup(teen):
        link["link"] = parental_link_redeem(user=parent, code=parental_link_code_create(user=teen).code)

    def change(teen):
        parental_controls_update(link=link["link"], actor=parent, mutuals_may_use_cameo=False, daily_generation_cap=1)

    return setup, change


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("writer", ["ban", "signup_with_her_invite", "parent_changes_her_controls"])
def test_other_writers_of_the_uploaders_row_finish_beside_her_upload(
    require_postgres, make_user, clip_bytes, monkeypatch, writer
):
    # Given Alice's verification upload, its clip being written (her row locked by the count of her attempts)
    monkeypatch.setattr(cameo_tasks.cameo_verify_task, "delay", lambda attempt_id: None)
    alice = make_user("alice", age=15 if writer == "parent_changes_her_controls" else 30)
    if writer == "ban":
        write = _banned_by(make_moderator(make_user))
    elif writer == "signup_with_her_invite":
        code = invites_mint(count=1, created_by=alice)[0].code
        write = lambda alice: _signup_with_her_invite(code)  # noqa: E731
    else:
        setup, write = _her_parent_changes_her_controls(make_user("parent"))
        setup(alice)
    writing, go_on = _pause_clip_writes(monkeypatch)
    errors: list = []
    upload = started(
        lambda: verification_service.cameo_submit_verification(
            owner=User.objects.get(pk=alice.pk), upload=upload_of(clip_bytes),
            challenge_id=challenge_create(user=alice).pk, display_name="", handle="alice_cam",
        ),
        errors,
    )
    other = None
    try:
        assert writing.wait(timeout=20)
        # When the other write comes at that moment
        other = started(lambda: write(User.objects.get(pk=alice.pk)), errors)
        assert finished_or_waiting(other)
        if writer == "signup_with_her_invite":
            other.join(timeout=3)
        finished_while_held = not other.is_alive()
    finally:
        go_on.set()
        upload.join(timeout=60)
        if other is not None:
            other.join(timeout=60)

    # Then both finish (a sign-up with her code does not even wait for her upload), and each did what it does
    assert errors == [], errors
    assert VerificationAttempt.objects.filter(cameo__owner=alice).count() == 1
    if writer == "ban":
        assert User.objects.get(pk=alice.pk).banned_at is not None
    elif writer == "signup_with_her_invite":
        assert finished_while_held and User.objects.filter(handle="newcomer").exists()
    else:
        assert ParentalLink.objects.get(teen=alice).daily_generation_cap == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("meanwhile", ["face_search_upload", "cameo_deletion"])
def test_a_protected_person_saved_while_a_close_cameo_is_searched_for_or_deleted_does_not_deadlock(
    require_postgres, make_user, make_face_cameo, clip_bytes, monkeypatch, faces_dir, meanwhile
):
    from generation import face_search as face_search_module

    # Given Alice's verified cameo, whose row another request holds: a face search being stored, or its deletion
    alice = make_user("alice")
    moderator = make_moderator(make_user)
    cameo = make_face_cameo(alice, photo="obama.jpg", handle="alice_cam")
    errors: list = []
    if meanwhile == "face_search_upload":
        monkeypatch.setattr(face_search_module, "_queue_analysis", lambda search: None)
        held, go_on = _pause_clip_writes(monkeypatch, prefix="face_searches/")
        request = started(
            lambda: face_search_module.face_search_create(
                owner=User.objects.get(pk=alice.pk), cameo=Cameo.objects.get(pk=cameo.pk), upload=upload_of(clip_bytes)
            ),
            errors,
        )
    else:
        held, go_on = pause_biometrics_erase(monkeypatch)
        request = started(lambda: cameo_delete(cameo=Cameo.objects.get(pk=cameo.pk), actor=alice), errors)
    assert held.wait(timeout=20)

    # When a moderator adds the person whose face it is (under the identity lock) at that moment
    encodings = face_encodings_from_image(faces_dir / "obama2.jpg")
    save = started(
        lambda: protected_person_save(
            person=ProtectedPerson(name="Barack Obama"), moderator=User.objects.get(pk=moderator.pk), encodings=encodings
        ),
        errors,
    )
    assert finished_or_waiting(save)
    go_on.set()
    request.join(timeout=60)
    save.join(timeout=60)

    # Then both finish: the searched cameo waits for a review, the deleted one stays deleted
    assert errors == [], errors
    assert ProtectedPerson.objects.filter(name="Barack Obama").exists()
    expected = Cameo.Status.PENDING_REVIEW if meanwhile == "face_search_upload" else Cameo.Status.DELETED
    assert Cameo.objects.get(pk=cameo.pk).status == expected


# ==== 2. the documented lock order: the attempt, then its cameo ====================================================


@pytest.mark.django_db(transaction=True)
def test_a_cameo_deleted_while_its_verdict_commits_does_not_deadlock(require_postgres, make_user, monkeypatch, faces_dir):
    # Given Alice's upload on the worker, and Alice deleting the cameo (its row locked, its face about to be erased)
    alice = make_user("alice")
    attempt = verifying_attempt(alice, "alice_cam")
    clip = attempt.upload.path
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    locked, go_on = pause_biometrics_erase(monkeypatch)
    errors: list = []
    deletion = started(lambda: cameo_delete(cameo=Cameo.objects.get(pk=attempt.cameo_id), actor=alice), errors)
    assert locked.wait(timeout=20)

    # When the worker commits its verdict (the attempt's row locked first, then the cameo's: waiting for the deletion)
    worker = started(lambda: cameo_verify(attempt_id=attempt.pk), errors)
    assert finished_or_waiting(worker)
    go_on.set()
    deletion.join(timeout=60)
    worker.join(timeout=60)

    # Then both finish; the cameo is deleted and keeps no face, the clip is gone, and the attempt is over
    assert errors == [], errors
    cameo = Cameo.objects.get(pk=attempt.cameo_id)
    assert cameo.status == Cameo.Status.DELETED and not cameo.has_biometrics
    attempt.refresh_from_db()
    assert attempt.status not in (VerificationAttempt.Status.QUEUED, VerificationAttempt.Status.RUNNING)
    assert not Path(clip).exists()


# ==== 3. the attempts counted against the day ======================================================================


@pytest.mark.django_db
def test_uploads_lost_with_their_worker_stop_counting_once_the_sweep_gives_up(make_user, client_for, clip_bytes, monkeypatch):
    # Given five uploads of Alice's that no worker will judge (their tasks lost): a sixth is refused while they may
    # still run
    monkeypatch.setattr(cameo_tasks.cameo_verify_task, "delay", lambda attempt_id: None)
    alice = make_user("alice")
    client = client_for(alice)
    for n in range(MAX_REJECTED_ATTEMPTS_PER_DAY):
        assert submit(client, clip_bytes, issue(client)["id"], handle=f"alice_try{n}").status_code == 202
    refused = submit(client, clip_bytes, issue(client)["id"], handle="alice_more")
    assert (refused.status_code, refused.json()["code"]) == (429, "too_many_attempts")
    assert not Cameo.objects.filter(owner=alice, handle="alice_more").exists()

    # When the hourly sweep gives up on them, three hours later
    VerificationAttempt.objects.filter(cameo__owner=alice).update(created_at=timezone.now() - datetime.timedelta(hours=3))
    verification_uploads_sweep()

    # Then they are failed (ours, not her rejections), and she may record again
    assert set(VerificationAttempt.objects.filter(cameo__owner=alice).values_list("status", flat=True)) == {"failed"}
    assert submit(client, clip_bytes, issue(client)["id"], handle="alice_more").status_code == 202


@pytest.mark.django_db
def test_uploads_the_sweep_gave_up_on_do_not_lock_their_owner_out(make_user, client_for, clip_bytes, monkeypatch):
    # Given Alice's uploads while the media workers are down (their tasks expire after an hour): she gave up waiting
    # on each and deleted it, then tried again under another handle
    monkeypatch.setattr(cameo_tasks.cameo_verify_task, "delay", lambda attempt_id: None)
    alice = make_user("alice")
    client = client_for(alice)
    for n in range(MAX_REJECTED_ATTEMPTS_PER_DAY):
        response = submit(client, clip_bytes, issue(client)["id"], handle=f"alice_try{n}")
        assert response.status_code == 202, response.content
        cameo_delete(cameo=Cameo.objects.get(pk=response.json()["id"]), actor=alice)

    # Then none of them still waits (a deleted cameo's upload will never be judged), and she may record again at
    # once, none of them having been refused; the sweep, hours later, has nothing of hers left to end
    assert not VerificationAttempt.objects.filter(cameo__owner=alice, status__in=("queued", "running")).exists()
    again = submit(client, clip_bytes, issue(client)["id"], handle="alice_cam")
    assert again.status_code == 202, again.content
    VerificationAttempt.objects.filter(cameo__owner=alice).update(created_at=timezone.now() - datetime.timedelta(hours=3))
    verification_uploads_sweep()
    assert VerificationAttempt.objects.get(cameo__handle="alice_cam").status == "failed"  # her last, lost with its worker


# ==== 4. _earlier_distrust ===========================================================================================


@pytest.mark.django_db
@pytest.mark.parametrize("rolled_back", ["reinstatement", "revocation"])
def test_a_moderators_decision_that_was_rolled_back_does_not_decide_the_owners_next_cameo(
    rolled_back, make_user, make_face_cameo, client_for, clip_bytes, monkeypatch, faces_dir,
    django_capture_on_commit_callbacks,
):
    mallory = make_user("mallory")
    moderator = make_moderator(make_user)
    old = make_face_cameo(mallory, photo="obama.jpg", handle="mal_cam", level="everyone")
    if rolled_back == "reinstatement":
        # Given Mallory's cameo revoked by a moderator, and an appeal's reinstatement whose request failed after the
        # door's audit (anything later in its transaction: a refusal, a lost connection)
        cameo_revoke_by_moderator(cameo=old, moderator=moderator, reason="impersonation reports")

        def decide():
            cameo_reinstate_by_moderator(cameo=Cameo.objects.get(pk=old.pk), moderator=moderator, reason="appeal")
    else:
        # Given Mallory's cameo, and a moderator's revocation whose request failed after the door's audit

        def decide():
            cameo_revoke_by_moderator(cameo=Cameo.objects.get(pk=old.pk), moderator=moderator, reason="reports")

    before = Cameo.objects.get(pk=old.pk).status
    with pytest.raises(DatabaseError):
        with transaction.atomic():
            decide()
            raise DatabaseError("the request failed after the decision")
    consent_audit_flush()  # as ConsentAuditMiddleware does after every request: the door's audit outlives rollbacks
    assert Cameo.objects.get(pk=old.pk).status == before  # nothing was decided

    # When she verifies the same face under a new handle
    engine_answers(monkeypatch, verified(faces_dir / "obama.jpg"))
    new = _verify_as(client_for(mallory), clip_bytes, "mal_cam_two", django_capture_on_commit_callbacks)

    # Then her next cameo goes by what stands: a revoked cameo sends it to review; a cameo never revoked does not
    if rolled_back == "reinstatement":
        assert new.status == Cameo.Status.PENDING_REVIEW, new.status
    else:
        assert new.status == Cameo.Status.VERIFIED, (new.status, new.attempts.get().matched)


@pytest.mark.django_db
def test_the_distrust_check_costs_the_same_with_many_attempts_and_decisions(
    make_user, make_cameo, django_assert_max_num_queries
):
    # Given Mallory with 300 rejected attempts (none as someone else's face) and 12 cameos revoked then reinstated
    mallory = make_user("mallory")
    moderator = make_moderator(make_user)
    tried = make_cameo(mallory, handle="mal_tried", status=Cameo.Status.REJECTED)
    VerificationAttempt.objects.bulk_create(
        [VerificationAttempt(cameo=tried, status="rejected", reasons=["lips_not_moving"]) for _ in range(300)]
    )
    for n in range(12):
        cameo = make_cameo(mallory, handle=f"mal_{n}")
        cameo_revoke_by_moderator(cameo=cameo, moderator=moderator, reason="reports")
        cameo_reinstate_by_moderator(cameo=cameo, moderator=moderator, reason="appeal upheld")

    # When her next verdict asks whether she is distrusted: three queries, whatever the history
    with django_assert_max_num_queries(3):
        assert verification_service._earlier_distrust(mallory) is None


# ==== 5. the render's own checks (generation/services.py:_check_consent) ============================================


@pytest.mark.django_db
def test_a_protected_persons_own_cameo_naming_them_passes_the_renders_screen_as_it_passed_the_request(
    make_user, make_cameo, no_dispatch, no_category_rules
):
    # Given a job of Zendaya's, casting her own cameo and naming her (her consent covers it), let in by the request
    zendaya = make_user("zendaya")
    own = make_cameo(zendaya, handle="zendaya_cam", level="only_me")
    ProtectedPerson.objects.create(name="Zendaya Coleman", own_cameo=own)
    job = generation_services.generation_submit(
        owner=zendaya, prompt="@zendaya_cam as Zendaya Coleman sings on a beach", **SHORT
    )

    # When the render screens the prompt again, nothing having changed
    allowed, reason, _ = generation_services._check_consent(job, Purpose.RENDER)

    # Then it is let through as at the request
    assert (allowed, reason) == (True, "")


@pytest.mark.django_db
def test_a_creator_suspended_then_reinstated_is_not_left_with_a_stuck_job(
    make_user, no_dispatch, no_category_rules, django_capture_on_commit_callbacks
):
    # Given a job queued, its creator suspended in the admin while it waited (nothing cancelled)
    creator = make_user("creator")
    job = generation_services.generation_submit(owner=creator, prompt="a ball bounces on a beach", **SHORT)
    User.objects.filter(pk=creator.pk).update(suspended_until=timezone.now() + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        generation_services.generation_render(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.state_reason) == (GenerationJob.State.BLOCKED, "creator_cannot_create")

    # When the suspension is lifted and the task is delivered again
    User.objects.filter(pk=creator.pk).update(suspended_until=None)
    with django_capture_on_commit_callbacks(execute=True):
        generation_services.generation_render(job_id=job.pk)

    # Then the job stays blocked with nothing made, holds no place in flight, and a new request is let in
    job.refresh_from_db()
    assert job.state == GenerationJob.State.BLOCKED and not job.video and media_files() == []
    again = generation_services.generation_submit(owner=User.objects.get(pk=creator.pk), prompt="a dog runs", **SHORT)
    assert again.state == GenerationJob.State.QUEUED


def test_a_shot_length_too_small_for_a_float_cannot_crash_the_render(
    make_user, client_for, settings, no_dispatch, no_category_rules
):
    # Given a teen with one video a day, and a prompt whose first shot lasts 5e-324 s (the smallest float) and the
    # second none
    settings.TEEN_DAILY_GENERATIONS = 1
    teen = make_user("teen", age=15)
    client = client_for(teen)
    prompt = "shot 1 (0." + "0" * 323 + "5 s): a ball bounces on a beach. shot 2 (0 s): a dog runs after it"

    response = client.post(GENERATIONS, {"prompt": prompt, "duration_s": 1, "resolution": "360p"}, format="json")

    if response.status_code == 422:  # refused as written is fine too: nothing queued, nothing spent
        assert not GenerationJob.objects.filter(owner=teen).exists()
        return
    assert response.status_code == 202, response.content
    job = GenerationJob.objects.get(pk=response.json()["id"])
    try:
        generation_services.generation_render(job_id=job.pk)
    except OverflowError:
        pass  # the crash itself; what should have happened is asserted below
    job.refresh_from_db()
    # Then it renders like any other prompt, and it is the teen's video of the day
    assert job.state == GenerationJob.State.SUCCEEDED, (job.state, job.state_reason)
    again = client.post(GENERATIONS, {"prompt": "a dog runs", "duration_s": 1, "resolution": "360p"}, format="json")
    assert (again.status_code, again.json()["code"]) == (429, "daily_cap_reached")


# ==== 6. the cursor's position in UTC (sora_social/api/pagination.py) ================================================


def _position_of(cursor: str) -> dict:
    return {key: values[0] for key, values in parse_qs(base64.b64decode(cursor).decode()).items()}


def _cursor(**tokens) -> str:
    return base64.b64encode(urlencode(tokens).encode()).decode()


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["+14:00", "-15:30", "naive"])
def test_paging_with_positions_written_in_any_offset_skips_and_repeats_nothing(make_user, client_for, no_dispatch, spelling):
    # Given eleven jobs, seven of them made at the same instant (one page of two cannot hold them)
    member = make_user("member")
    base = timezone.now().replace(microsecond=123456) - datetime.timedelta(hours=1)
    times = [base + datetime.timedelta(minutes=m) for m in (9, 8, 7, 7, 7, 7, 7, 7, 7, 2, 1)]
    ids = []
    for at in times:
        job = GenerationJob.objects.create(
            owner=member, prompt="x", duration_s=1, resolution="360p", aspect_ratio="16:9", style="realistic", seed=1,
            public_ref=f"ref{len(ids)}",
        )
        GenerationJob.objects.filter(pk=job.pk).update(created_at=at)
        ids.append(job.pk)
    expected = [pk for _, pk in sorted(zip(times, ids, strict=True), key=lambda pair: (pair[0], pair[1]), reverse=True)]
    client = client_for(member)

    # When every next cursor's position is sent back written in another offset (or with none: UTC)
    seen, cursor = [], None
    for _ in range(20):
        response = client.get(GENERATIONS, {"page_size": 2, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.content
        seen += [item["id"] for item in response.json()["items"]]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break
        tokens = _position_of(cursor)
        if "p" in tokens:
            moment = datetime.datetime.fromisoformat(tokens["p"])
            if spelling == "naive":
                tokens["p"] = moment.astimezone(datetime.UTC).replace(tzinfo=None).isoformat()
            else:
                hours, minutes = int(spelling[1:3]), int(spelling[4:6])
                offset = datetime.timedelta(hours=hours, minutes=minutes) * (1 if spelling[0] == "+" else -1)
                tokens["p"] = moment.astimezone(datetime.timezone(offset)).isoformat()
        cursor = _cursor(**tokens)

    # Then every job is listed once, newest first
    assert seen == expected
