"""Becoming a cameo: challenges, the verification upload, the verification itself (a `media` task), characters."""

from __future__ import annotations

import datetime
import io
import logging
import secrets
import tempfile

import numpy as np
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from PIL import Image

from cameos import biometrics, tasks
from cameos.models import Cameo, ProtectedPerson, VerificationAttempt, VerificationChallenge
from cameos.selectors import handle_is_taken
from cameos.services.state import CameoError, cameo_transition
from cameos.verification import KnownIdentity, UnreadableMediaError, reference_image_from_upload, verify_video
from cameos.verification.faces import detect_faces
from sora_social.accounts.models import User
from sora_social.accounts.validators import handle_validators
from sora_social.files import local_path
from sora_social.media_probe import VideoRejected, probe_video
from sora_social.notifications.models import Notification
from sora_social.notifications.realtime import push_event, push_event_now
from sora_social.notifications.services import notification_create

logger = logging.getLogger(__name__)

CHALLENGE_TTL = datetime.timedelta(minutes=5)
TURN_SEQUENCES = (
    ("left", "right"),
    ("right", "left"),
    ("left", "right", "left"),
    ("right", "left", "right"),
)
VERIFICATION_MAX_BYTES = 50 * 1024 * 1024
VERIFICATION_MAX_SECONDS = 15.0
CHARACTER_MAX_BYTES = 20 * 1024 * 1024


def challenge_create(*, user: User) -> VerificationChallenge:
    digits = "".join(secrets.choice("0123456789") for _ in range(secrets.choice((4, 5, 6))))
    return VerificationChallenge.objects.create(
        user=user,
        digits=digits,
        turn_sequence=list(secrets.choice(TURN_SEQUENCES)),
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
    if handle_is_taken(handle, owner=owner):
        raise CameoError("handle_taken", "This handle is taken.")
    return handle


def _probe_upload(upload: UploadedFile, *, max_bytes: int, max_seconds: float):
    try:
        return probe_video(upload, max_bytes=max_bytes, max_duration_s=max_seconds)
    except VideoRejected as exc:
        raise CameoError(exc.code, exc.message) from exc


@transaction.atomic
def cameo_submit_verification(
    *, owner: User, upload: UploadedFile, challenge_id: int, display_name: str, handle: str
) -> Cameo:
    """A person submits their verification video; it is checked by content, then verified in the background."""
    if upload.size == 0:
        raise CameoError("empty_file", "The video is empty.")
    if upload.size > VERIFICATION_MAX_BYTES:
        raise CameoError("too_large", "The video must be at most 50 MB.", 413)
    handle = _check_handle(handle, owner)
    probe = _probe_upload(upload, max_bytes=VERIFICATION_MAX_BYTES, max_seconds=VERIFICATION_MAX_SECONDS)
    if not probe.has_audio:
        raise CameoError("no_audio", "The video has no sound; read the digits aloud while recording.")
    challenge = _claim_challenge(user=owner, challenge_id=challenge_id)
    cameo = Cameo.objects.create(
        owner=owner,
        kind=Cameo.Kind.SELF,
        handle=handle,
        display_name=display_name or owner.handle,
        level=Cameo.Level.ONLY_ME,
    )
    upload.seek(0)
    attempt = VerificationAttempt(cameo=cameo, challenge=challenge, metrics={"duration_s": probe.duration_s})
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


def known_identities(*, excluding_owner: User):
    """Faces a new cameo must not match: other owners' verified cameos and the protected persons."""
    identities = []
    for cameo_id, token in (
        Cameo.objects.filter(kind=Cameo.Kind.SELF, status__in=[Cameo.Status.VERIFIED, Cameo.Status.REVOKED])
        .exclude(owner=excluding_owner)
        .exclude(encodings_encrypted=None)
        .values_list("pk", "encodings_encrypted")
    ):
        identities.append(KnownIdentity(ref_id=str(cameo_id), kind="cameo", encodings=biometrics.decrypt_encodings(token)))
    for person_id, token in ProtectedPerson.objects.exclude(encodings_encrypted=None).values_list(
        "pk", "encodings_encrypted"
    ):
        identities.append(
            KnownIdentity(ref_id=str(person_id), kind="protected", encodings=biometrics.decrypt_encodings(token))
        )
    return identities


def cameo_verify(*, attempt_id: int) -> VerificationAttempt:
    """Run verification of one attempt (the media task calls this). Idempotent: a finished attempt is left alone."""
    with transaction.atomic():
        attempt = (
            VerificationAttempt.objects.select_for_update(of=("self",))
            .select_related("cameo", "challenge")
            .get(pk=attempt_id)
        )
        if attempt.status in (VerificationAttempt.Status.VERIFIED, VerificationAttempt.Status.REJECTED):
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
    if cameo.kind == Cameo.Kind.SELF:
        outcome = _verify_person(attempt, cameo)
    else:
        outcome = _verify_character(attempt, cameo)
    elapsed = (timezone.now() - started).total_seconds()

    with transaction.atomic():
        cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
        attempt.metrics = {**attempt.metrics, **outcome.get("metrics", {}), "wall_s": round(elapsed, 3)}
        attempt.finished_at = timezone.now()
        if cameo.status != Cameo.Status.VERIFYING:
            # Deleted while we worked: keep nothing.
            attempt.status = VerificationAttempt.Status.REJECTED
            attempt.reasons = ["cameo_deleted"]
        elif outcome["verified"]:
            attempt.status = VerificationAttempt.Status.VERIFIED
            attempt.reasons = []
            cameo_transition(cameo, Cameo.Status.VERIFIED)
            cameo.encodings_encrypted = (
                biometrics.encrypt_encodings(outcome["encodings"]) if outcome.get("encodings") else None
            )
            cameo.reference_image_encrypted = biometrics.encrypt_bytes(outcome["reference_png"])
            cameo.voice_profile_encrypted = (
                biometrics.encrypt_json(outcome["voice_profile"]) if outcome.get("voice_profile") else None
            )
            cameo.verified_at = timezone.now()
            cameo.rejection_reasons = []
            cameo.save()
        else:
            attempt.status = VerificationAttempt.Status.REJECTED
            attempt.reasons = outcome["reasons"]
            cameo_transition(cameo, Cameo.Status.REJECTED)
            cameo.rejection_reasons = outcome["reasons"]
            cameo.save(update_fields=["status", "rejection_reasons", "updated_at"])
        attempt.save(update_fields=["status", "reasons", "metrics", "finished_at"])
        discard_upload(attempt)
        notification_create(
            recipient=cameo.owner,
            kind=Notification.Kind.CAMEO_VERIFICATION,
            data={"cameo": cameo.pk, "status": cameo.status, "reasons": attempt.reasons},
        )
        push_event(
            user_id=cameo.owner_id,
            event="cameo.verification.finished",
            payload={"cameo": cameo.pk, "status": cameo.status, "reasons": attempt.reasons},
        )
    return attempt


def _verify_person(attempt: VerificationAttempt, cameo: Cameo) -> dict:
    path = local_path(attempt.upload)
    local = _local_copy(attempt.upload) if path is None else None
    try:
        outcome = verify_video(
            path or local.name,
            turn_sequence=list(attempt.challenge.turn_sequence) if attempt.challenge else ["left", "right"],
            known_identities=known_identities(excluding_owner=cameo.owner),
            progress=lambda stage, fraction: _push_progress(cameo, stage, fraction),
        )
    finally:
        if local is not None:
            local.close()
    if outcome.status == "verified":
        return {
            "verified": True,
            "encodings": outcome.encodings,
            "reference_png": outcome.face_crop_png,
            "voice_profile": outcome.voice_profile,
            "metrics": getattr(outcome, "metrics", {}) or {},
        }
    return {"verified": False, "reasons": list(outcome.reasons), "metrics": getattr(outcome, "metrics", {}) or {}}


def _verify_character(attempt: VerificationAttempt, cameo: Cameo) -> dict:
    """Characters get no face check, but a real human face uploaded as a 'pet' is refused."""
    attempt.upload.open("rb")
    try:
        png = attempt.upload.read()
    finally:
        attempt.upload.close()
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    if detect_faces(image, upsample=1):
        return {"verified": False, "reasons": ["human_face_in_character"]}
    return {"verified": True, "reference_png": png}


def _local_copy(field_file):
    handle = tempfile.NamedTemporaryFile(suffix=".bin")  # noqa: SIM115 - closed by the caller
    field_file.open("rb")
    for chunk in field_file.chunks():
        handle.write(chunk)
    field_file.close()
    handle.flush()
    return handle


def discard_upload(attempt: VerificationAttempt) -> None:
    """The raw video is biometric; it never outlives its verification."""
    if attempt.upload:
        name = attempt.upload.name
        storage = attempt.upload.storage
        VerificationAttempt.objects.filter(pk=attempt.pk).update(upload="")
        transaction.on_commit(lambda: storage.delete(name))


def expire_unused_challenges(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    deleted, _ = VerificationChallenge.objects.filter(created_at__lt=timezone.now() - older_than).filter(
        Q(used_at__isnull=False) | Q(expires_at__lt=timezone.now())
    ).delete()
    return deleted

