"""Actions on cameos: challenges, verification, levels, grants, deletion and the propagation of revocation."""

from __future__ import annotations

import datetime
import io
import logging
import secrets
import tempfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from cameos import biometrics
from cameos.models import Appearance, Cameo, Grant, ProtectedPerson, VerificationAttempt, VerificationChallenge
from cameos.policy import Purpose, check_use, evaluate, read_relationship
from cameos.selectors import handle_is_taken
from sora_social.accounts.models import User
from sora_social.accounts.selectors import active_parent_link
from sora_social.errors import ServiceError
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


class CameoError(ServiceError):
    """A refused cameo action."""


# ---- state machine ------------------------------------------------------------------------------------


def cameo_transition(cameo: Cameo, to: str) -> None:
    if to not in Cameo.TRANSITIONS[Cameo.Status(cameo.status)]:
        raise CameoError("invalid_transition", f"A cameo cannot go from {cameo.status} to {to}.", 409)
    cameo.status = to


def _bump(cameo: Cameo) -> None:
    Cameo.objects.filter(pk=cameo.pk).update(consent_version=F("consent_version") + 1, updated_at=timezone.now())
    cameo.refresh_from_db(fields=["consent_version"])


# ---- challenges and verification ----------------------------------------------------------------------


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
    from sora_social.accounts.validators import handle_validators

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
    from cameos.verification import UnreadableMediaError, reference_image_from_upload

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
    from cameos.tasks import cameo_verify_task

    transaction.on_commit(lambda: cameo_verify_task.delay(attempt.pk))


def _push_progress(cameo: Cameo, stage: str, fraction: float) -> None:
    # At once, not on commit: the task runs outside a long transaction.
    push_event_now(
        user_id=cameo.owner_id,
        event="cameo.verification.progress",
        payload={"cameo": cameo.pk, "stage": stage, "progress": round(fraction, 3)},
    )


def known_identities(*, excluding_owner: User):
    """Faces a new cameo must not match: other owners' verified cameos and the protected persons."""
    from cameos.verification import KnownIdentity

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
            _discard_upload(attempt)
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
        _discard_upload(attempt)
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
    from cameos.verification import verify_video

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
    import face_recognition
    import numpy as np
    from PIL import Image

    attempt.upload.open("rb")
    try:
        png = attempt.upload.read()
    finally:
        attempt.upload.close()
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    if face_recognition.face_locations(image, number_of_times_to_upsample=1):
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


def _discard_upload(attempt: VerificationAttempt) -> None:
    """The raw video is biometric; it never outlives its verification."""
    if attempt.upload:
        name = attempt.upload.name
        storage = attempt.upload.storage
        VerificationAttempt.objects.filter(pk=attempt.pk).update(upload="")
        transaction.on_commit(lambda: storage.delete(name))


# ---- settings: level, preferences, restrictions -------------------------------------------------------

LEVEL_ORDER = [Cameo.Level.ONLY_ME, Cameo.Level.APPROVED, Cameo.Level.MUTUALS, Cameo.Level.EVERYONE]
MAX_RESTRICTIONS = 20


@transaction.atomic
def cameo_update(
    *,
    cameo: Cameo,
    actor: User,
    level: str | None = None,
    preferences: str | None = None,
    restrictions: list[str] | None = None,
    display_name: str | None = None,
) -> Cameo:
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    if cameo.status == Cameo.Status.DELETED:
        raise CameoError("not_found", "No such cameo.", 404)
    changed: list[str] = []
    if level is not None and level != cameo.level:
        if level not in Cameo.Level.values:
            raise CameoError("level_invalid", "Unknown permission level.")
        if actor.is_teen and LEVEL_ORDER.index(level) > LEVEL_ORDER.index(Cameo.Level.MUTUALS):
            raise CameoError("teen_level_capped", "A teen's cameo can be shared with mutuals at most.", 422)
        cameo.level = level
        changed.append("level")
    if preferences is not None and preferences != cameo.preferences:
        cameo.preferences = preferences.strip()
        changed.append("preferences")
    if restrictions is not None:
        cleaned = [r.strip() for r in restrictions if r and r.strip()]
        if len(cleaned) > MAX_RESTRICTIONS:
            raise CameoError("too_many_restrictions", f"At most {MAX_RESTRICTIONS} restrictions.")
        if cleaned != cameo.restrictions:
            cameo.restrictions = cleaned
            changed.append("restrictions")
    if display_name is not None and display_name != cameo.display_name:
        cameo.display_name = display_name
        changed.append("display_name")
    if not changed:
        return cameo
    consent_fields = {"level", "preferences", "restrictions"} & set(changed)
    if consent_fields:
        cameo.consent_version += 1
        changed.append("consent_version")
    cameo.save(update_fields=[*changed, "updated_at"])
    if "level" in changed:
        # Levels are not nested (someone approved need not be a mutual), so any change may take consent away.
        appearances_reconcile(cameo=cameo)
    return cameo


# ---- grants -------------------------------------------------------------------------------------------


@transaction.atomic
def grant_create(*, cameo: Cameo, actor: User, grantee: User) -> Grant:
    """The owner approves one person. A teen's grant waits for the linked parent's approval."""
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    if grantee.pk == actor.pk:
        raise CameoError("grant_self", "You can always use your own cameo.")
    existing = Grant.objects.filter(cameo=cameo, grantee=grantee).first()
    if existing is not None:
        return existing
    needs_parent = actor.is_teen
    grant = Grant.objects.create(
        cameo=cameo,
        grantee=grantee,
        status=Grant.Status.PENDING_PARENT if needs_parent else Grant.Status.ACTIVE,
        approved_by=None if needs_parent else actor,
        approved_at=None if needs_parent else timezone.now(),
    )
    _bump(cameo)
    if needs_parent:
        link = active_parent_link(actor)
        if link is not None:
            notification_create(
                recipient=link.parent,
                kind=Notification.Kind.GRANT_APPROVAL,
                actor=actor,
                data={"grant": grant.pk, "cameo": cameo.pk, "grantee": grantee.handle},
            )
    return grant


@transaction.atomic
def grant_parent_approve(*, grant: Grant, parent: User) -> Grant:
    link = active_parent_link(grant.cameo.owner)
    if link is None or link.parent_id != parent.pk:
        raise CameoError("not_found", "No such grant.", 404)
    if grant.status != Grant.Status.PENDING_PARENT:
        return grant
    grant.status = Grant.Status.ACTIVE
    grant.approved_by = parent
    grant.approved_at = timezone.now()
    grant.save(update_fields=["status", "approved_by", "approved_at"])
    _bump(grant.cameo)
    notification_create(
        recipient=grant.cameo.owner,
        kind=Notification.Kind.GRANT_APPROVAL,
        actor=parent,
        data={"grant": grant.pk, "cameo": grant.cameo_id, "status": "approved"},
    )
    return grant


@transaction.atomic
def grant_delete(*, cameo: Cameo, actor: User, grantee_id: int) -> None:
    """Revoke one person's grant; their videos with this cameo disappear at once."""
    is_owner = cameo.owner_id == actor.pk
    link = active_parent_link(cameo.owner) if not is_owner else None
    if not is_owner and (link is None or link.parent_id != actor.pk):
        raise CameoError("not_found", "No such cameo.", 404)
    deleted, _ = Grant.objects.filter(cameo=cameo, grantee_id=grantee_id).delete()
    if not deleted:
        raise CameoError("not_found", "No such grant.", 404)
    _bump(cameo)
    appearances_reconcile(cameo=cameo, creator_ids=[grantee_id])


# ---- deletion and appearances -------------------------------------------------------------------------


@transaction.atomic
def cameo_delete(*, cameo: Cameo, actor: User) -> None:
    """The owner deletes a cameo: biometric data is erased and every video with it disappears."""
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    if cameo.status == Cameo.Status.DELETED:
        return
    cameo_transition(cameo, Cameo.Status.DELETED)
    cameo.encodings_encrypted = None
    cameo.reference_image_encrypted = None
    cameo.voice_profile_encrypted = None
    cameo.deleted_at = timezone.now()
    cameo.consent_version += 1
    cameo.save()
    Grant.objects.filter(cameo=cameo).delete()
    for attempt in VerificationAttempt.objects.filter(cameo=cameo).exclude(upload=""):
        _discard_upload(attempt)
    appearances_reconcile(cameo=cameo)


@transaction.atomic
def cameo_revoke_by_moderator(*, cameo: Cameo, moderator: User, reason: str) -> None:
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    cameo_transition(cameo, Cameo.Status.REVOKED)
    cameo.consent_version += 1
    cameo.save(update_fields=["status", "consent_version", "updated_at"])
    check_use(cameo, moderator, Purpose.ADMIN, subject=f"revoke:{reason[:40]}")
    appearances_reconcile(cameo=cameo)


@transaction.atomic
def cameo_reinstate_by_moderator(*, cameo: Cameo, moderator: User, reason: str) -> Cameo:
    """Undo a wrongful revocation. Videos hidden by it stay hidden: revocation is final for existing videos."""
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    cameo_transition(cameo, Cameo.Status.VERIFIED)
    cameo.consent_version += 1
    cameo.save(update_fields=["status", "consent_version", "updated_at"])
    check_use(cameo, moderator, Purpose.ADMIN, subject=f"reinstate:{reason[:38]}")
    return cameo


def appearances_reconcile(*, cameo: Cameo, creator_ids: list[int] | None = None) -> int:
    """Re-check every live video with this cameo against consent as it is now; hide those no longer permitted.

    Returns how many appearances were revoked. Revocation is final for those videos: consent given again later
    applies to new videos, not to ones the owner already withdrew.
    """
    from feed.models import Post

    live = Appearance.objects.filter(cameo=cameo, revoked_at__isnull=True, removed_at__isnull=True)
    if creator_ids is not None:
        live = live.filter(creator_id__in=creator_ids)
    revoked_jobs: list[int] = []
    verdicts: dict[int, bool] = {}
    for appearance in live.only("pk", "creator_id", "job_id"):
        if appearance.creator_id not in verdicts:
            relationship = read_relationship(cameo.pk, appearance.creator_id)
            verdicts[appearance.creator_id] = relationship is not None and evaluate(
                relationship, actor_id=appearance.creator_id
            )[0]
        if not verdicts[appearance.creator_id]:
            revoked_jobs.append(appearance.job_id)
    if not revoked_jobs:
        return 0
    now = timezone.now()
    count = Appearance.objects.filter(cameo=cameo, job_id__in=revoked_jobs).update(revoked_at=now)
    Post.objects.filter(job_id__in=revoked_jobs, consent_revoked_at__isnull=True).update(consent_revoked_at=now)
    return count


@transaction.atomic
def appearance_remove(*, cameo: Cameo, actor: User, job_id: int) -> None:
    """The cameo's owner removes a video that uses them, for everyone (other people's drafts too)."""
    from feed.models import Post
    from generation.services import generation_discard_output

    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    appearance = Appearance.objects.select_for_update().filter(cameo=cameo, job_id=job_id).select_related("job").first()
    if appearance is None:
        raise CameoError("not_found", "No such appearance.", 404)
    if appearance.removed_at is not None:
        return
    now = timezone.now()
    appearance.removed_at = now
    appearance.removed_by = actor
    appearance.save(update_fields=["removed_at", "removed_by"])
    Post.objects.filter(job_id=job_id, consent_revoked_at__isnull=True).update(consent_revoked_at=now)
    generation_discard_output(job=appearance.job, reason="removed_by_cameo_owner")


def cameo_consent_relationship_changed(*, user_a: User, user_b: User) -> None:
    """A follow, unfollow, block or unblock between two people: re-check their cameos' uses by each other."""
    for owner, other in ((user_a, user_b), (user_b, user_a)):
        cameos = list(
            Cameo.objects.filter(owner=owner, status__in=[Cameo.Status.VERIFIED, Cameo.Status.REVOKED])
        )
        if not cameos:
            continue
        Cameo.objects.filter(pk__in=[c.pk for c in cameos]).update(
            consent_version=F("consent_version") + 1, updated_at=timezone.now()
        )
        for cameo in cameos:
            appearances_reconcile(cameo=cameo, creator_ids=[other.pk])


def reference_image_png(cameo: Cameo) -> bytes | None:
    """The decrypted reference crop; for the renderer and for the owner's own thumbnail only."""
    if not cameo.reference_image_encrypted:
        return None
    return biometrics.decrypt_bytes(cameo.reference_image_encrypted)


def voice_profile(cameo: Cameo) -> dict:
    if not cameo.voice_profile_encrypted:
        return {}
    return biometrics.decrypt_json(cameo.voice_profile_encrypted)


def expire_unused_challenges(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    deleted, _ = VerificationChallenge.objects.filter(created_at__lt=timezone.now() - older_than).filter(
        Q(used_at__isnull=False) | Q(expires_at__lt=timezone.now())
    ).delete()
    return deleted

