"""Becoming a cameo: challenges, the verification upload, the verification itself (a `media` task), characters,
and the moderators' review of faces that came close to someone else's.

One face, one cameo: the engine compares a new face with the likeness registry (cameos.registry), which takes
seconds; committing the result happens under the identity registration lock (a PostgreSQL advisory lock), after
a second comparison with the registry brought up to date, which then holds every identity registered meanwhile.
Two simultaneous verifications of one face thus end with one cameo verified and the other refused as
matches_existing_cameo.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import re
import secrets
import threading
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from cameos import biometrics, tasks
from cameos.models import Cameo, CameoReview, VerificationAttempt, VerificationChallenge
from cameos.registry import RegistryNotReady, likeness_registry
from cameos.selectors import handle_is_taken, protected_person_names
from cameos.services.state import CameoError, cameo_transition
from cameos.verification import (
    REASON_MESSAGES,
    IdentityIndex,
    UnreadableMediaError,
    judge_identity,
    reference_image_from_upload,
    verify_video,
)
from cameos.verification.characters import judge_character
from cameos.verification.pose import random_turn_sequence
from sora_social.accounts.models import User
from sora_social.accounts.services import handle_claim_lock
from sora_social.accounts.validators import handle_validators
from sora_social.content_policy.screening import name_run_into, screen_prompt
from sora_social.files import stored_file_on_disk, upload_delete_after_commit
from sora_social.locks import transaction_lock
from sora_social.media_probe import VideoRejected, probe_video
from sora_social.notifications.models import Notification
from sora_social.notifications.realtime import push_event, push_event_now
from sora_social.notifications.services import notification_create

logger = logging.getLogger(__name__)

# A challenge is answered by recording at once: two minutes is enough, and too short to prepare a fake for it.
CHALLENGE_TTL = datetime.timedelta(minutes=2)
# Rejected attempts a person may make in a day: enough to fix a bad recording, too few to tune a disguise against
# the thresholds (each rejection says why).
MAX_REJECTED_ATTEMPTS_PER_DAY = 5
# After a face was refused as someone else's, that person's later cameos are looked at by a moderator first.
IMPERSONATION_REASONS = ("matches_existing_cameo", "matches_protected_person")
VERIFICATION_MAX_BYTES = 50 * 1024 * 1024
VERIFICATION_MAX_SECONDS = 15.0
CHARACTER_MAX_BYTES = 20 * 1024 * 1024


# What a person is told for the reasons that services add to the engine's (REASON_MESSAGES).
SERVICE_REASON_MESSAGES: dict[str, str] = {
    "human_face_in_character": "A human face is in this picture. Characters are pets, objects or drawings.",
    "cameo_deleted": "This cameo was deleted while it was being checked.",
    "cameo_not_verifying": "This cameo was not waiting for a verification.",
    "review_rejected": "A moderator looked at this face and could not verify it.",
    "challenge_expired": "The challenge expired before the video was checked. Get a new one and record again.",
    "service_unavailable": "We could not check your video just now. Record it again in a few minutes.",
}
IDENTITY_LOCK_KEY = 0x534F5241  # "SORA": one advisory lock for registering new identities
_local_identity_lock = threading.Lock()


def rejection_message(code: str) -> str:
    """The human-readable sentence for a rejection code (the code itself if none is written)."""
    return REASON_MESSAGES.get(code) or SERVICE_REASON_MESSAGES.get(code) or code.replace("_", " ").capitalize()


def challenge_create(*, user: User) -> VerificationChallenge:
    """A fresh, single-use challenge: 4 to 6 random digits to read aloud and a sequence of head turns."""
    digits = "".join(secrets.choice("0123456789") for _ in range(secrets.choice((4, 5, 6))))
    return VerificationChallenge.objects.create(
        user=user,
        digits=digits,
        turn_sequence=random_turn_sequence(),
        expires_at=timezone.now() + CHALLENGE_TTL,
    )


def _claim_challenge(*, user: User, challenge_id: int) -> VerificationChallenge:
    challenge = VerificationChallenge.objects.select_for_update().filter(pk=challenge_id, user=user).first()
    if challenge is None:
        raise CameoError("challenge_invalid", "This challenge does not exist.")
    if challenge.used_at is not None:
        raise CameoError("challenge_used", "This challenge was already used; get a new one.")
    if challenge.expires_at <= timezone.now():
        raise CameoError("challenge_expired", "This challenge expired; get a new one.")
    challenge.used_at = timezone.now()
    challenge.save(update_fields=["used_at"])
    return challenge


def _check_handle(handle: str, owner: User) -> str:
    handle = handle.strip().lstrip("@").lower()
    try:
        for validator in handle_validators:
            validator(handle)
    except ValidationError as exc:
        raise CameoError("handle_invalid", exc.messages[0]) from exc
    # Inside the caller's transaction: a claim of a look-alike handle at the same moment waits for this one.
    handle_claim_lock(handle)
    taken = handle_is_taken(handle, owner=owner)
    if taken == "taken":
        raise CameoError("handle_taken", "This handle is taken.", 422)
    if taken:
        raise CameoError(
            "handle_looks_taken", "This handle looks like one that is taken, so people could mistake them.", 422
        )
    # A mention of such a handle would be refused as naming a protected person in every prompt (the screen reads
    # "@taylorswift13" as the name and a number), so the cameo could never be cast: say so now, not at each video.
    # A handle also passes for the person when their name runs into other letters ("therealbarackobama").
    names = protected_person_names()
    if not screen_prompt(f"@{handle}", rules=[], protected_names=names).allowed or name_run_into(handle, names):
        raise CameoError("handle_names_protected_person", "This handle names a protected person; pick another.", 422)
    return handle


# Bidirectional embeddings, overrides and isolates: they change the order a name is drawn in, not its letters.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check_display_name(display_name: str, *, cameo_id: int | None = None) -> str:
    """A cameo's display name is shown beside every video of it: one that names a protected person passes the cameo
    off as theirs. A protected person's own cameo may carry their name."""
    if _DIRECTION_CONTROLS.search(display_name or ""):
        # "\u202etfiwS rolyaT" is shown as "Taylor Swift" but screened as written (attack round 4 on names).
        raise CameoError(
            "display_name_invalid", "A display name may not hold characters that change its writing direction.", 422
        )
    except_own = frozenset({cameo_id}) if cameo_id is not None else frozenset()
    if display_name and not screen_prompt(
        display_name, rules=[], protected_names=protected_person_names(except_own_cameos=except_own)
    ).allowed:
        raise CameoError(
            "display_name_names_protected_person", "This display name names a protected person; pick another.", 422
        )
    return display_name


def _probe_upload(upload: UploadedFile, *, max_bytes: int, max_seconds: float):
    try:
        return probe_video(upload, max_bytes=max_bytes, max_duration_s=max_seconds)
    except VideoRejected as exc:
        raise CameoError(exc.code, exc.message) from exc


def _retryable_cameo(owner: User, handle: str) -> Cameo | None:
    """The owner's own rejected self cameo under this handle: a new attempt retries it instead of a new cameo."""
    return (
        Cameo.objects.select_for_update()
        .filter(owner=owner, kind=Cameo.Kind.SELF, status=Cameo.Status.REJECTED, handle=handle.strip().lstrip("@").lower())
        .first()
    )


def _check_attempts_left(owner: User) -> None:
    """Attempts waiting to be judged count as rejections to come: three clips sent under three handles before the
    worker judged any were all taken with one rejection left (tests/cameos/test_verification_flow_attacks.py). Only
    those of a cameo still verifying: one deleted while it waited will never be judged. Two submissions at once wait
    for each other on the owner's advisory lock, not on their row, which an account's deletion locks last (a
    deadlock) and every new row naming them waited on (tests/test_generation_and_verification_mends_attacks.py)."""
    transaction_lock(f"cameos.verification_attempts:{owner.pk}")
    since = timezone.now() - datetime.timedelta(days=1)
    waiting = Q(
        status__in=(VerificationAttempt.Status.QUEUED, VerificationAttempt.Status.RUNNING),
        cameo__status=Cameo.Status.VERIFYING,
    )
    rejected = (
        VerificationAttempt.objects.filter(cameo__owner=owner, created_at__gte=since)
        .filter(waiting | Q(status=VerificationAttempt.Status.REJECTED))
        .count()
    )
    if rejected >= MAX_REJECTED_ATTEMPTS_PER_DAY:
        raise CameoError(
            "too_many_attempts",
            "You have tried to verify too many times today. Try again tomorrow, in good light, alone.",
            429,
        )


def _earlier_distrust(owner: User) -> dict | None:
    """Why a moderator looks at this owner's next self cameo first, as a `matched` entry, or None: an upload of theirs
    refused as someone else's face (however many rejections came after it: 50 faces sent as pets pushed it out of
    the window once read), a moderator's rejection in review, or a self cameo of theirs a moderator revoked and did not
    reinstate (also when its owner deleted it since, erasing its face; read from the cameo's row, not the audit, whose
    rows a rolled-back decision leaves behind). Each of the last two was verified unseen next time
    (tests/cameos/test_verification_flow_attacks.py, tests/test_generation_and_verification_mends_attacks.py)."""
    rejected = VerificationAttempt.objects.filter(cameo__owner=owner, status=VerificationAttempt.Status.REJECTED)
    for attempt_id, reasons in rejected.order_by("-created_at", "-id").values_list("pk", "reasons").iterator():
        if any(reason in IMPERSONATION_REASONS for reason in reasons or []):
            return {"kind": "earlier_attempt", "ref_id": str(attempt_id), "distance": None}
    review = CameoReview.objects.filter(cameo__owner=owner, decision=CameoReview.Decision.REJECTED).first()
    if review is not None:
        return {"kind": "review_rejected", "ref_id": str(review.cameo_id), "distance": None}
    revoked = (
        Cameo.objects.filter(owner=owner, kind=Cameo.Kind.SELF, revoked_by_moderator_at__isnull=False)
        .order_by("-revoked_by_moderator_at")
        .values_list("pk", flat=True)
        .first()
    )
    if revoked is not None:
        return {"kind": "revoked_cameo", "ref_id": str(revoked), "distance": None}
    return None


@transaction.atomic
def cameo_submit_verification(
    *, owner: User, upload: UploadedFile, challenge_id: int, display_name: str, handle: str, mirrored: bool = False
) -> Cameo:
    """A person submits their verification video; it is checked by content, then verified in the background.

    A rejected cameo holds no handle; submitting again under it (with a new challenge) retries that cameo.
    mirrored says the recording is mirrored, as some front-camera apps store it: "left" is then image left.
    """
    if upload.size == 0:
        raise CameoError("empty_file", "The video is empty.")
    if upload.size > VERIFICATION_MAX_BYTES:
        raise CameoError("too_large", "The video must be at most 50 MB.", 413)
    handle = _check_handle(handle, owner)
    check_display_name(display_name)
    probe = _probe_upload(upload, max_bytes=VERIFICATION_MAX_BYTES, max_seconds=VERIFICATION_MAX_SECONDS)
    if not probe.has_audio:
        raise CameoError("no_audio", "The video has no sound; read the digits aloud while recording.")
    _check_attempts_left(owner)
    challenge = _claim_challenge(user=owner, challenge_id=challenge_id)
    cameo = _retryable_cameo(owner, handle)
    if cameo is not None:
        cameo_transition(cameo, Cameo.Status.VERIFYING)
        cameo.rejection_reasons = []
        cameo.display_name = display_name or cameo.display_name
        cameo.save(update_fields=["status", "rejection_reasons", "display_name", "updated_at"])
    else:
        cameo = Cameo.objects.create(
            owner=owner,
            kind=Cameo.Kind.SELF,
            handle=handle,
            display_name=display_name or owner.handle,
            level=Cameo.Level.ONLY_ME,
        )
    upload.seek(0)
    attempt = VerificationAttempt(
        cameo=cameo, challenge=challenge, mirrored=mirrored, metrics={"duration_s": probe.duration_s}
    )
    attempt.upload.save(f"{secrets.token_hex(16)}.bin", upload, save=False)
    attempt.save()
    _queue_verification(attempt)
    return cameo


@transaction.atomic
def cameo_create_character(*, owner: User, upload: UploadedFile, kind: str, display_name: str, handle: str) -> Cameo:
    """A pet, object or drawing: an image or a short clip, checked to hold no human face, in the background."""
    if kind not in (Cameo.Kind.PET, Cameo.Kind.OBJECT, Cameo.Kind.DRAWING):
        raise CameoError("kind_invalid", "A character cameo is a pet, an object or a drawing.")
    if upload.size == 0:
        raise CameoError("empty_file", "The file is empty.")
    if upload.size > CHARACTER_MAX_BYTES:
        raise CameoError("too_large", "The file must be at most 20 MB.", 413)
    handle = _check_handle(handle, owner)
    check_display_name(display_name)
    upload.seek(0)
    try:
        reference_png = reference_image_from_upload(upload.read())
    except (UnreadableMediaError, ValueError) as exc:
        raise CameoError("not_an_image_or_video", str(exc)) from exc
    cameo = Cameo.objects.create(
        owner=owner, kind=kind, handle=handle, display_name=display_name or handle, level=Cameo.Level.ONLY_ME
    )
    attempt = VerificationAttempt(cameo=cameo)
    attempt.upload.save(f"{secrets.token_hex(16)}.png", ContentFile(reference_png), save=False)
    attempt.save()
    _queue_verification(attempt)
    return cameo


def _queue_verification(attempt: VerificationAttempt) -> None:
    transaction.on_commit(lambda: tasks.cameo_verify_task.delay(attempt.pk))


def _push_progress(cameo: Cameo, stage: str, fraction: float) -> None:
    # At once, not on commit: the task runs outside a long transaction.
    push_event_now(
        user_id=cameo.owner_id,
        event="cameo.verification.progress",
        payload={"cameo": cameo.pk, "stage": stage, "progress": round(fraction, 3)},
    )


@contextlib.contextmanager
def identity_registration() -> Iterator[None]:
    """A transaction in which new identities are matched and committed one at a time, across every worker.

    On PostgreSQL an advisory transaction lock, released by the commit; on SQLite (the embedded default, one
    worker process) a process lock held until after the commit.
    """
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IDENTITY_LOCK_KEY])
            yield
    else:
        with _local_identity_lock, transaction.atomic():
            yield


FINISHED_ATTEMPT_STATUSES = (
    VerificationAttempt.Status.VERIFIED, VerificationAttempt.Status.REJECTED, VerificationAttempt.Status.FAILED
)


def cameo_verify(*, attempt_id: int) -> VerificationAttempt | None:
    """Run verification of one attempt (the media task calls this). Idempotent: a finished attempt is left alone (a
    failed one too: its redelivered task ran against the owner's retry and rejected it), and one gone with its account
    is None.

    Raises RegistryNotReady, before touching the attempt, while the likeness registry cannot answer: the task
    tries again later; nothing is verified without the identity check.
    """
    likeness_registry().ensure_current()
    with transaction.atomic():
        attempt = (
            VerificationAttempt.objects.select_for_update(of=("self",))
            .select_related("cameo", "challenge")
            .filter(pk=attempt_id)
            .first()
        )
        if attempt is None or attempt.status in FINISHED_ATTEMPT_STATUSES:
            return attempt
        cameo = attempt.cameo
        if cameo.status != Cameo.Status.VERIFYING:
            attempt.status = VerificationAttempt.Status.FAILED
            attempt.reasons = ["cameo_not_verifying"]
            attempt.finished_at = timezone.now()
            attempt.save(update_fields=["status", "reasons", "finished_at"])
            discard_upload(attempt)
            return attempt
        attempt.status = VerificationAttempt.Status.RUNNING
        attempt.started_at = timezone.now()
        attempt.save(update_fields=["status", "started_at"])

    started = timezone.now()
    known = likeness_registry().excluding_owner(cameo.owner_id)
    try:
        if cameo.kind == Cameo.Kind.SELF:
            outcome = _verify_person(attempt, cameo, known)
        else:
            outcome = _verify_character(attempt, known)
    except RegistryNotReady:
        raise  # the task tries again
    except Exception:
        # Our fault, not the person's: the attempt fails, its clip goes now (it never outlives its verification),
        # and the owner may try again. Without this the attempt stayed "running" and kept the clip.
        logger.exception("verification of attempt %s failed", attempt.pk)
        return cameo_verification_unavailable(attempt_id=attempt.pk)
    elapsed = (timezone.now() - started).total_seconds()

    with identity_registration():
        # The attempt first, then the cameo, as cameo_verification_unavailable locks them. An attempt no longer
        # running was ended meanwhile (the sweep gave up on it, and the owner may have tried again since): its
        # outcome is kept nowhere.
        still = VerificationAttempt.objects.select_for_update().filter(pk=attempt.pk).values_list("status", flat=True)
        if still.first() != VerificationAttempt.Status.RUNNING:
            # (or gone with its account's row, cascaded)
            return VerificationAttempt.objects.filter(pk=attempt.pk).first() or attempt
        cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
        if outcome["status"] != "rejected" and outcome.get("encodings"):
            # Identities registered while the engine ran (by another worker) are compared now, under the lock.
            second = judge_identity(outcome["encodings"], likeness_registry().excluding_owner(cameo.owner_id))
            if second.reasons:
                outcome = {"status": "rejected", "reasons": second.reasons, "matched": second.matched,
                           "metrics": outcome.get("metrics", {})}
            elif second.near and outcome["status"] == "verified":
                outcome = {**outcome, "status": "pending_review", "matched": second.near}
        if outcome["status"] == "verified" and cameo.kind == Cameo.Kind.SELF:
            earlier = _earlier_distrust(cameo.owner)
            if earlier is not None:
                # Someone refused as another person's face, by the check or by a moderator, does not get a cameo
                # unseen.
                outcome = {**outcome, "status": "pending_review", "matched": [earlier]}
        attempt.metrics = {**attempt.metrics, **outcome.get("metrics", {}), "wall_s": round(elapsed, 3)}
        attempt.matched = outcome.get("matched", [])
        attempt.finished_at = timezone.now()
        if cameo.status != Cameo.Status.VERIFYING:
            # Deleted while we worked: keep nothing.
            attempt.status = VerificationAttempt.Status.REJECTED
            attempt.reasons = ["cameo_deleted"]
        elif outcome["status"] in ("verified", "pending_review"):
            review = outcome["status"] == "pending_review"
            attempt.status = VerificationAttempt.Status.VERIFIED
            attempt.reasons = []
            cameo_transition(cameo, Cameo.Status.PENDING_REVIEW if review else Cameo.Status.VERIFIED)
            _store_biometrics(cameo, outcome)
            cameo.verified_at = None if review else timezone.now()
            cameo.rejection_reasons = []
            cameo.save()
        else:
            attempt.status = VerificationAttempt.Status.REJECTED
            attempt.reasons = outcome["reasons"]
            cameo_transition(cameo, Cameo.Status.REJECTED)
            cameo.rejection_reasons = outcome["reasons"]
            cameo.save(update_fields=["status", "rejection_reasons", "updated_at"])
        attempt.save(update_fields=["status", "reasons", "metrics", "matched", "finished_at"])
        discard_upload(attempt)
        _tell_owner(cameo, reasons=attempt.reasons)
    return attempt


def _store_biometrics(cameo: Cameo, outcome: dict) -> None:
    cameo.encodings_encrypted = biometrics.encrypt_encodings(outcome["encodings"]) if outcome.get("encodings") else None
    cameo.reference_image_encrypted = biometrics.encrypt_bytes(outcome["reference_png"])
    cameo.voice_profile_encrypted = (
        biometrics.encrypt_json(outcome["voice_profile"]) if outcome.get("voice_profile") else None
    )


def _tell_owner(cameo: Cameo, *, reasons: list[str], note: str = "") -> None:
    """The verification's result, with a sentence for each reason, as a notification and a socket event."""
    details = [{"code": code, "message": rejection_message(code)} for code in reasons]
    data = {"cameo": cameo.pk, "status": cameo.status, "reasons": reasons, "messages": details}
    if note:
        data["note"] = note
    notification_create(recipient=cameo.owner, kind=Notification.Kind.CAMEO_VERIFICATION, data=data)
    push_event(user_id=cameo.owner_id, event="cameo.verification.finished", payload=data)


def cameo_verification_unavailable(*, attempt_id: int) -> VerificationAttempt | None:
    """The identity check could not run for too long (the task gave up): refuse the attempt, free the retry. None
    for an attempt gone with its account."""
    with transaction.atomic():
        attempt = VerificationAttempt.objects.select_for_update().select_related("cameo").filter(pk=attempt_id).first()
        if attempt is None or attempt.status in FINISHED_ATTEMPT_STATUSES:
            return attempt
        cameo = Cameo.objects.select_for_update().get(pk=attempt.cameo_id)
        attempt.status = VerificationAttempt.Status.FAILED
        attempt.reasons = ["service_unavailable"]
        attempt.finished_at = timezone.now()
        attempt.save(update_fields=["status", "reasons", "finished_at"])
        verifying = cameo.status == Cameo.Status.VERIFYING
        if verifying:
            cameo_transition(cameo, Cameo.Status.REJECTED)
            cameo.rejection_reasons = ["service_unavailable"]
            cameo.save(update_fields=["status", "rejection_reasons", "updated_at"])
        discard_upload(attempt)
        if verifying:  # a cameo deleted meanwhile has no one waiting for the answer
            _tell_owner(cameo, reasons=attempt.reasons)
    return attempt


def _verify_person(attempt: VerificationAttempt, cameo: Cameo, known: IdentityIndex) -> dict:
    challenge = attempt.challenge
    if challenge is None:
        # The challenge row was cleaned up before the task ran: nothing to check the clip against.
        return {"status": "rejected", "reasons": ["challenge_expired"], "metrics": {}}
    # PyAV reads a path: object storage lends none, so the clip is copied to a temporary file for the check.
    with stored_file_on_disk(attempt.upload, suffix=".bin") as path:
        outcome = verify_video(
            str(path),
            turn_sequence=list(challenge.turn_sequence),
            digits=challenge.digits,
            known_identities=known,
            mirrored=attempt.mirrored,
            progress=lambda stage, fraction: _push_progress(cameo, stage, fraction),
        )
    if outcome.status == "rejected":
        return {"status": "rejected", "reasons": list(outcome.reasons), "matched": outcome.matched,
                "metrics": outcome.metrics}
    return {
        "status": outcome.status,
        "encodings": outcome.encodings,
        "reference_png": outcome.face_crop_png,
        "voice_profile": outcome.voice_profile,
        "matched": outcome.matched,
        "metrics": outcome.metrics,
    }


def _verify_character(attempt: VerificationAttempt, known: IdentityIndex) -> dict:
    """A character must show no human face, at any rotation; a face found is also compared with known people."""
    attempt.upload.open("rb")
    try:
        png = attempt.upload.read()
    finally:
        attempt.upload.close()
    judged = judge_character(png, known_identities=known)
    if judged.reasons:
        return {"status": "rejected", "reasons": list(judged.reasons), "matched": judged.matched,
                "metrics": judged.metrics}
    return {"status": "verified", "reference_png": png, "metrics": judged.metrics}


@transaction.atomic
def cameo_review_decide(*, cameo: Cameo, moderator: User, decision: str, reason: str) -> CameoReview:
    """A moderator verifies or rejects a face that came close to someone else's; both are audited, the person told.

    A rejection erases the biometric data kept for the review. The reason is shown to the person, so it must not
    name whom the face resembled.
    """
    reason = (reason or "").strip()
    if not reason:
        raise CameoError("reason_required", "Say why: the decision and its reason are audited.")
    if decision not in CameoReview.Decision.values:
        raise CameoError("decision_invalid", "A review decides verified or rejected.")
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    if cameo.owner_id == moderator.pk:
        # The review is there because the face came close to someone else's: its owner cannot be the judge.
        raise CameoError("own_cameo", "Another moderator must review your own cameo.", 403)
    if cameo.status != Cameo.Status.PENDING_REVIEW:
        raise CameoError("not_pending_review", "This cameo is not waiting for a review.", 409)
    attempt = cameo.attempts.order_by("-created_at", "-id").first()
    if decision == CameoReview.Decision.VERIFIED:
        cameo_transition(cameo, Cameo.Status.VERIFIED)
        cameo.verified_at = timezone.now()
        cameo.review_matches = []
        cameo.save(update_fields=["status", "verified_at", "review_matches", "updated_at"])
        reasons: list[str] = []
    else:
        cameo_transition(cameo, Cameo.Status.REJECTED)
        cameo.rejection_reasons = ["review_rejected"]
        cameo.review_matches = []
        biometrics.erase(cameo)
        cameo.save()
        reasons = ["review_rejected"]
    review = CameoReview.objects.create(
        cameo=cameo, attempt=attempt, moderator=moderator, decision=decision, reason=reason[:300], outcome=cameo.status
    )
    logger.info(
        "cameo review: cameo=%s moderator=%s decision=%s outcome=%s", cameo.pk, moderator.pk, decision, cameo.status
    )
    _tell_owner(cameo, reasons=reasons, note=reason[:300])
    return review


def discard_upload(attempt: VerificationAttempt) -> None:
    """The raw video is biometric; it never outlives its verification. Deleted once the transaction commits; a
    delete the store refuses names the clip on its attempt again, for the hourly sweep to retry
    (`verification_uploads_sweep`)."""
    if attempt.upload:
        name, storage = attempt.upload.name, attempt.upload.storage
        VerificationAttempt.objects.filter(pk=attempt.pk).update(upload="")
        upload_delete_after_commit(model=VerificationAttempt, pk=attempt.pk, field="upload", storage=storage, name=name)


# An attempt still queued or running this long after it was made will not finish: its task expired (an hour) or
# its worker died. Its clip is deleted and the owner may try again.
VERIFICATION_GIVEN_UP_AFTER = datetime.timedelta(hours=2)


def verification_uploads_sweep(*, now: datetime.datetime | None = None) -> int:
    """Delete the clips that outlived their verification (an hourly task): those of finished attempts, or of cameos
    no longer verifying, whose delete the store refused before, and those of attempts that will never finish
    (refused as `service_unavailable`).
    Returns how many attempts it let go of (their clip, or the wait)."""
    now = now or timezone.now()
    finished = (VerificationAttempt.Status.VERIFIED, VerificationAttempt.Status.REJECTED, VerificationAttempt.Status.FAILED)
    with_clip = VerificationAttempt.objects.exclude(upload="")
    count = 0
    # Finished, or of a cameo no longer verifying (deleted, say, while its clip waited): the clip has no use left.
    for attempt in with_clip.filter(Q(status__in=finished) | ~Q(cameo__status=Cameo.Status.VERIFYING)):
        with transaction.atomic():
            discard_upload(attempt)
        count += 1
    # Given up on, with their clip or without it (its cameo deleted while the workers were down).
    for attempt_id in VerificationAttempt.objects.exclude(status__in=finished).filter(
        created_at__lt=now - VERIFICATION_GIVEN_UP_AFTER
    ).values_list("pk", flat=True):
        cameo_verification_unavailable(attempt_id=attempt_id)
        count += 1
    return count


def expire_unused_challenges(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    deleted, _ = VerificationChallenge.objects.filter(created_at__lt=timezone.now() - older_than).filter(
        Q(used_at__isnull=False) | Q(expires_at__lt=timezone.now())
    ).delete()
    return deleted

