"""Generation jobs: submit (quota, content policy, consent), render with consent checked before and after,
cancel, and the cleanup that keeps storage free of half-written or withdrawn videos."""

from __future__ import annotations

import datetime
import io
import logging
import random
import secrets
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from PIL import Image

from cameos.biometrics import reference_image_png, voice_profile
from cameos.models import Appearance, Cameo
from cameos.policy import (
    DISCLOSED_REASONS,
    Decision,
    Purpose,
    check_use,
    check_uses,
    consent_hold,
    consent_replaced,
    protected_face_permitted,
    reason_to_tell,
    require_uses,
    with_co_cast_preferences,
)
from cameos.registry import RegistryNotReady, likeness_registry
from cameos.selectors import cameos_by_handles, protected_person_names, withdrawn_appearances
from cameos.services import appearance_withdraw
from generation import pipeline, tasks
from generation.backends.base import ASPECT_RATIOS, MAX_DURATION_S, RESOLUTIONS, STYLES, CameoRef, RenderSpec
from generation.backends.catalog import BACKENDS, backend_for_request, render_queue, request_limit_breach
from generation.mentions import mentioned_handles, mentions_canonical
from generation.models import GenerationJob
from generation.quotas import quota_check
from generation.screening import BackgroundFaceFinder, identify_sightings
from generation.selectors import HiddenReason, cast_as_rendered, job_file_names_in_use
from sora_social.accounts.models import User
from sora_social.celery import Queue
from sora_social.content_policy.screening import screen_prompt
from sora_social.content_policy.selectors import screening_rules
from sora_social.errors import ServiceError
from sora_social.files import storage_has_paths, stored_file_in
from sora_social.listeners import Listeners
from sora_social.notifications.models import Notification
from sora_social.notifications.realtime import push_event
from sora_social.notifications.services import notification_create

logger = logging.getLogger(__name__)

MAX_PROMPT_CHARS = 2000
MAX_CAMEOS_PER_VIDEO = 2


class GenerationRefused(ServiceError):
    """A generation request refused before anything was queued."""


@dataclass(frozen=True)
class RenderBusy:
    """Another worker holds this job's lease; try again once it may have lapsed."""

    retry_in_s: float


def _lease() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.RENDER_LEASE_S)


# ---- state machine ------------------------------------------------------------------------------------


def job_transition(job: GenerationJob, to: str, *, reason: str = "") -> None:
    """Move a job to a declared next state and stamp the time; refuse undeclared transitions."""
    if to not in GenerationJob.TRANSITIONS[GenerationJob.State(job.state)]:
        raise ServiceError("invalid_transition", f"A job cannot go from {job.state} to {to}.", 409)
    job.state = to
    now = timezone.now()
    job.state_times = {**job.state_times, to: now.isoformat()}
    if reason:
        job.state_reason = reason
    if to == GenerationJob.State.RENDERING and job.started_at is None:
        job.started_at = now
    if to in (
        GenerationJob.State.SUCCEEDED,
        GenerationJob.State.FAILED,
        GenerationJob.State.BLOCKED,
        GenerationJob.State.CANCELLED,
    ):
        job.finished_at = now


def _publish_state(job: GenerationJob) -> None:
    push_event(
        user_id=job.owner_id,
        event="generation.state",
        payload={"id": job.pk, "state": job.state, "reason": job.state_reason, "progress": job.progress},
    )


# The fields job_transition may change.
JOB_STATE_FIELDS = ("state", "state_times", "state_reason", "started_at", "finished_at", "updated_at")


def job_state_change(job: GenerationJob, to: str, *, reason: str = "", also: Sequence[str] = ()) -> None:
    """Every change of a job's state: transition (declared ones only), stamp, save, push the state event.

    Call it on a job row locked for this transaction. `also` names the other fields the caller set on the job
    for this step; they are saved in the same write. The event goes out when the transaction commits.
    """
    job_transition(job, to, reason=reason)
    job.save(update_fields=[*JOB_STATE_FIELDS, *also])
    _publish_state(job)


# ---- submit -------------------------------------------------------------------------------------------


def _protected_names_for(prompt_cameos: list[Cameo]) -> list[str]:
    """Names of protected persons, except those whose own cameo is in this video (their consent covers it)."""
    return protected_person_names(except_own_cameos=frozenset(cameo.pk for cameo in prompt_cameos))


def _video_policy(actor: User, cameos: Sequence[Cameo]) -> dict:
    """How strictly a video's texts are screened: a teen making it, or a real person or a teen in it. Its cast cameos'
    preferences are read with the prompt, by the model, for this video: they answer to this, not only to their own
    cameo's (round 2 on remixes: an adult's drawing cameo's preferences went unscreened for teens into a teen's remix)."""
    return {
        "rules": screening_rules(),
        "real_person": any(cameo.kind == Cameo.Kind.SELF for cameo in cameos),
        "teen": actor.is_teen or any(cameo.owner.is_teen for cameo in cameos),
        "protected_names": _protected_names_for(list(cameos)),
    }


def preferences_refused(*, actor: User, cameos: Sequence[Cameo], policy: dict | None = None) -> Cameo | None:
    """The first cast cameo whose preferences break this video's policy, or None. Asked at the request and again before
    the render, with the preferences the model will be given: an owner's change in between was read unscreened."""
    policy = policy or _video_policy(actor, cameos)
    for cameo in cameos:
        if cameo.preferences and not screen_prompt(cameo.preferences, **policy).allowed:
            return cameo
    return None


def screen_generation_prompt(*, prompt: str, actor: User, cameos: list[Cameo]) -> None:
    """The content policy; stricter when a real person's cameo is in it or a teen is involved (`_video_policy`). The
    cast cameos' preferences go into the model's prompt with it, so each is screened too, as when its owner saved it:
    one saved before the policy or its protected names changed is refused here, naming the cameo, not the prompt,
    and without saying what in another owner's preferences broke it."""
    policy = _video_policy(actor, cameos)
    result = screen_prompt(prompt, **policy)
    if not result.allowed:
        raise GenerationRefused(
            "content_policy",
            "The prompt breaks the content policy.",
            422,
            reasons=result.codes,
        )
    refused = preferences_refused(actor=actor, cameos=cameos, policy=policy)
    if refused is not None:
        raise GenerationRefused(
            "cameo_preferences_content_policy",
            f"@{refused.handle} cannot be cast now: its owner's preferences for it break the content policy.",
            422,
            cameo=refused.handle,
        )


def validate_generation_request(
    *, actor: User, prompt: str, duration_s: int, resolution: str, aspect_ratio: str, style: str,
    already_cast: Sequence[Cameo] = (), backend: str = "",
) -> tuple[str, list[Cameo]]:
    """Everything that can be checked without writing: input, mentions, content policy. Returns the cameos
    mentioned in the prompt. `already_cast` are cameos in the video without a mention (a remix's parent's): the
    prompt is screened as a prompt about them too. `backend` is one this deployment offers ("" is its default);
    a request it cannot render is refused with a code naming the limit."""
    if actor.is_restricted:
        raise GenerationRefused("account_suspended", "Your account cannot create videos right now.", 403)
    prompt = (prompt or "").strip()
    if not prompt:
        raise GenerationRefused("prompt_empty", "Write a prompt.")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise GenerationRefused("prompt_too_long", f"A prompt is at most {MAX_PROMPT_CHARS} characters.")
    if not 1 <= duration_s <= MAX_DURATION_S:
        raise GenerationRefused("duration_invalid", f"The duration is 1 to {MAX_DURATION_S} seconds.")
    if resolution not in RESOLUTIONS:
        raise GenerationRefused("resolution_invalid", f"The resolution is one of {', '.join(RESOLUTIONS)}.")
    if aspect_ratio not in ASPECT_RATIOS:
        raise GenerationRefused("aspect_ratio_invalid", f"The aspect ratio is one of {', '.join(ASPECT_RATIOS)}.")
    if style not in STYLES:
        raise GenerationRefused("style_invalid", f"The style is one of {', '.join(STYLES)}.")
    backend = backend_for_request(backend)
    breach = request_limit_breach(backend=backend, duration_s=duration_s, resolution=resolution, aspect_ratio=aspect_ratio)
    if breach is not None:
        raise GenerationRefused(breach.code, breach.message, 422, backend=backend, limit=breach.limit)
    # Mentions are read after NFKC and case folding ("＠Alice" is @alice), and stored as plain @handle, so that
    # everything reading the stored prompt later finds the same cameos.
    prompt = mentions_canonical(prompt)
    if len(prompt) > MAX_PROMPT_CHARS:
        # A mention written short ("@" and seven "㎉") is stored as the handle it reads as, which can be four times
        # longer: a prompt within the limit as typed was stored at 6,400 characters (test_generation_attacks_round2).
        raise GenerationRefused("prompt_too_long", f"A prompt is at most {MAX_PROMPT_CHARS} characters.")
    handles = mentioned_handles(prompt)
    if len(handles) > MAX_CAMEOS_PER_VIDEO:
        raise GenerationRefused(
            "too_many_cameos", f"A video can have at most {MAX_CAMEOS_PER_VIDEO} cameos.", 422, count=len(handles)
        )
    found = cameos_by_handles(handles)
    unknown = [handle for handle in handles if handle not in found]
    if unknown:
        # A mention that names no cameo would render a video with nobody cast while the person believes
        # someone was. "No cameo" means no live cameo at all, private ones included: a cameo that exists but
        # may not be used goes on to the door and gets its answer, as before. That tells a stranger a handle is
        # in use, which the shared @handle namespace (cameos.selectors.handle_is_taken) and the door's disclosed
        # reasons (only_me, not_granted...) already tell; it does not tell a block from a revocation.
        names = [f"@{handle}" for handle in unknown]
        raise GenerationRefused(
            "unknown_cameo",
            f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} not a cameo: no one would be cast. "
            "Check the handle, or remove the @.",
            422,
            cameo=names[0],
            cameos=names,
        )
    cameos = [found[handle] for handle in handles]
    if BACKENDS[backend].identity == "face_embedding" and not any(
        cameo.kind == Cameo.Kind.SELF for cameo in [*already_cast, *cameos]
    ):
        raise GenerationRefused(
            "backend_needs_person_cameo", f"The {backend} backend keeps a person's likeness: cast a person's cameo.",
            422, backend=backend,
        )
    screened = [*already_cast, *(cameo for cameo in cameos if cameo not in already_cast)]
    screen_generation_prompt(prompt=prompt, actor=actor, cameos=screened)
    return prompt, cameos


def generation_submit(
    *,
    owner: User,
    prompt: str,
    duration_s: int = 5,
    resolution: str = "720p",
    aspect_ratio: str = "16:9",
    style: str = "realistic",
    seed: int | None = None,
    parent_job: GenerationJob | None = None,
    already_cast: Sequence[Cameo] = (),
    backend: str = "",
) -> GenerationJob:
    """Check quota, content policy, restrictions and consent, then queue the job on the `gpu` queue.

    `parent_job` is the job a remix remixes. `already_cast` are cameos the video has without a mention (a
    remix's parent's); the caller has asked the door about them. They are screened with the prompt and become
    cameos of the job like the mentioned ones. Refusals are raised: GenerationRefused for this app's own rules,
    ConsentRefused for the door's (whose audit rows survive the rollback).
    """
    prompt, cameos = validate_generation_request(
        actor=owner, prompt=prompt, duration_s=duration_s, resolution=resolution, aspect_ratio=aspect_ratio,
        style=style, already_cast=already_cast, backend=backend,
    )
    backend = backend_for_request(backend)
    purpose = Purpose.REMIX if parent_job is not None else Purpose.GENERATE
    cast = [*already_cast, *(cameo for cameo in cameos if cameo.pk not in {c.pk for c in already_cast})]
    require_uses(cameos, owner, purpose, prompt, subject="generation request", cast=cast)
    if already_cast and any(with_co_cast_preferences(prompt, cameo, cast) != prompt for cameo in already_cast):
        # The caller asked about the cameos already cast (a remix's parent's) before the mentioned ones were known;
        # the preferences those bring are texts beside the parent's cameos too, so they are asked again with them.
        require_uses(already_cast, owner, purpose, prompt, subject="generation request", cast=cast)

    with transaction.atomic():
        # The owner's row lock makes concurrent submissions of one person count one at a time.
        owner = User.objects.select_for_update().get(pk=owner.pk)
        if owner.is_restricted:
            # Read again under the lock: a suspension committed since the first check cancelled the jobs in flight,
            # and this one did not exist yet (test_generation_attacks_round2).
            raise GenerationRefused("account_suspended", "Your account cannot create videos right now.", 403)
        quota_check(owner)
        job = GenerationJob.objects.create(
            owner=owner,
            prompt=prompt,
            duration_s=duration_s,
            resolution=resolution,
            aspect_ratio=aspect_ratio,
            style=style,
            seed=seed if seed is not None else random.SystemRandom().randrange(2**31),
            backend=backend,
            parent_job=parent_job,
            is_remix=parent_job is not None,
            public_ref=secrets.token_hex(12),
            state_times={GenerationJob.State.QUEUED: timezone.now().isoformat()},
            consent_pins={
                **{str(c.pk): {"consent_version": c.consent_version, "seen_at": "submit"} for c in cameos},
                **{str(c.pk): {"consent_version": c.consent_version, "seen_at": "remix"} for c in already_cast},
            },
        )
        job.cameos.set([*already_cast, *cameos])
        # A new job whose first message the broker refuses is withdrawn (see _queue_render).
        job.withdraw_if_unsent = True
        _queue_render(job)
    return job


def _queue_render(job: GenerationJob) -> None:
    """Send the job to the `gpu` queue once the transaction commits.

    If the broker is down, the publish raises kombu's OperationalError after the commit, and the person gets a 503
    (sora_social.api.errors). A job generation_submit has just created (`withdraw_if_unsent`) is then deleted,
    still queued: nothing of the refused submit stays behind, the quota is not spent, and the retry is a new job.
    A job the requeue sweep resends stays queued for its next run.
    """

    def send() -> None:
        try:
            # gpu.<backend>: only workers serving the job's backend take it (jobs from before it was named: gpu).
            queue = render_queue(job.backend) if job.backend else Queue.GPU
            tasks.generation_render_task.apply_async(args=[job.pk], queue=queue)
        except KombuOperationalError:
            if getattr(job, "withdraw_if_unsent", False):
                GenerationJob.objects.filter(pk=job.pk, state=GenerationJob.State.QUEUED, attempts=0).delete()
                logger.warning("generation %s withdrawn: the broker refused its message", job.pk)
            raise

    transaction.on_commit(send)


@transaction.atomic
def generation_cancel(*, job: GenerationJob, actor: User) -> GenerationJob:
    job = GenerationJob.objects.select_for_update().get(pk=job.pk)
    if job.owner_id != actor.pk:
        raise ServiceError("not_found", "No such generation.", 404)
    if not job.is_in_flight:
        raise ServiceError("not_cancellable", f"This generation already ended ({job.state}).", 409)
    job_state_change(job, GenerationJob.State.CANCELLED, reason="cancelled_by_owner")
    return job


def generations_cancel_for_user(*, user: User, reason: str) -> int:
    """Cancel every job of a person in flight (a moderator suspended or banned them)."""
    count = 0
    for job_id in GenerationJob.objects.filter(owner=user, state__in=GenerationJob.IN_FLIGHT).values_list("pk", flat=True):
        with transaction.atomic():
            job = GenerationJob.objects.select_for_update().get(pk=job_id)
            if not job.is_in_flight:
                continue
            job_state_change(job, GenerationJob.State.CANCELLED, reason=reason[:64])
            count += 1
    return count


# ---- render -------------------------------------------------------------------------------------------


def job_workdir(job: GenerationJob) -> Path:
    """Scratch space of one job; wiped at the start of every attempt, so a killed worker leaves no orphan."""
    return Path(settings.MEDIA_ROOT) / "work" / f"job-{job.pk}"


def generation_scratch_sweep() -> int:
    """Remove the scratch folders that no render will use again; returns how many went.

    A worker killed mid-render leaves its job's folder behind. The next attempt wipes it when it lands on the same
    host, but it may land on another host, so a render worker also sweeps its own folder when it starts. Only jobs
    that are finished (or gone) and whose lease has lapsed are swept: a queued job's folder is wiped by its next
    attempt anyway, and deleting it here could race with that attempt.
    """
    work = Path(settings.MEDIA_ROOT) / "work"
    if not work.is_dir():
        return 0
    folders = {}
    for folder in work.iterdir():
        prefix, _, job_id = folder.name.partition("-")
        if prefix == "job" and job_id.isdigit() and folder.is_dir():
            folders[int(job_id)] = folder
    if not folders:
        return 0
    in_use = set(
        GenerationJob.objects.filter(pk__in=folders)
        .filter(Q(state__in=GenerationJob.IN_FLIGHT) | Q(lease_until__gt=timezone.now()))
        .values_list("pk", flat=True)
    )
    swept = 0
    for job_id, folder in folders.items():
        if job_id not in in_use:
            shutil.rmtree(folder, ignore_errors=True)
            swept += 1
    return swept


def _storage_names(job: GenerationJob) -> tuple[str, str]:
    return f"videos/{job.public_ref}.mp4", f"posters/{job.public_ref}.jpg"


def _check_consent(job: GenerationJob, purpose: Purpose, *, same_grants_as_pinned: bool = False) -> tuple[bool, str, dict]:
    """Ask the door about every cameo of the job; returns (allowed, reason, pins).

    With same_grants_as_pinned, a use that now rests on other grants than the job pinned is refused too.
    """
    pins: dict = {}
    # A cameo the job was cast with whose row is gone (its account was deleted) left the cast with its row; the
    # door is still asked about it by id (and says it is deleted): the video is not made without it.
    cast_ids = {str(pk) for pk in job.cameos.values_list("pk", flat=True)}
    for gone_id in sorted(set(job.consent_pins) - cast_ids):
        decision = check_use(int(gone_id), job.owner, purpose, job.prompt, subject=f"job:{job.pk}")
        if not decision.allowed:
            return False, f"consent_denied:{reason_to_tell(decision)}", {}
    # After the render, the cast as the model was given it: its preferences as pinned then, not as they are now.
    cast = job.cameos.all() if purpose == Purpose.RENDER else cast_as_rendered(job)
    for cameo, decision in check_uses(cast, job.owner, purpose, job.prompt, subject=f"job:{job.pk}"):
        if not decision.allowed:
            return False, f"consent_denied:@{cameo.handle}:{reason_to_tell(decision)}", {}
        pinned = job.consent_pins.get(str(cameo.pk), {}).get("grant_ids", [])
        if same_grants_as_pinned and consent_replaced(decision, pinned_grant_ids=pinned):
            return False, f"consent_changed:@{cameo.handle}", {}
        # The preferences the door just read are the ones the model is given (_cameo_refs): a change made after
        # this check reaches only the next render, never this one unread.
        pins[str(cameo.pk)] = {
            "consent_version": decision.consent_version,
            "grant_ids": list(decision.grant_ids),
            "preferences": cameo.preferences,
        }
    # The creator's own standing, whatever the cast (the door asked above refuses a deactivated or banned actor of a
    # cast cameo, audited): with no cameo cast the door is never asked, and a job queued before its creator was
    # deactivated, banned or suspended (in the admin, which cancels nothing) was rendered and stored for them
    # (tests/generation/test_quota_and_lifecycle_attacks.py).
    if not job.owner.is_active or job.owner.is_restricted:
        return False, "creator_cannot_create", {}
    if purpose == Purpose.RENDER:
        # The prompt and the preferences just read are what the model is given: screened with this video's policy as
        # it stands now, as at the request. A name moderators protected, or a rule they added, while the job waited
        # was rendered unread: with a model backend the name alone makes the likeness.
        policy = _video_policy(job.owner, list(cast))
        if not screen_prompt(job.prompt, **policy).allowed:
            return False, "content_policy", {}
        refused = preferences_refused(actor=job.owner, cameos=list(cast), policy=policy)
        if refused is not None:
            return False, f"cameo_preferences_content_policy:@{refused.handle}", {}
    return True, "", pins


def _cameo_refs(job: GenerationJob) -> tuple[CameoRef, ...]:
    refs = []
    for cameo in job.cameos.all():
        png = reference_image_png(cameo)
        face = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")) if png else np.zeros((64, 64, 3), np.uint8)
        voice = voice_profile(cameo)
        refs.append(
            CameoRef(
                handle=cameo.handle,
                reference_face=face,
                voice_pitch_hz=float(voice.get("pitch_hz", 140.0) or 140.0),
                spectral_envelope=tuple(voice.get("envelope", ()) or ()),
                preferences=job.consent_pins.get(str(cameo.pk), {}).get("preferences", cameo.preferences),
                kind=str(cameo.kind),
            )
        )
    return tuple(refs)


# Asked before a remix renders whether its owner may still remix its parent: who may remix is remix's rule, a layer
# above, registered here when it loads (remix.apps). Called as `listener(job=)`; a refusal is raised (a ServiceError),
# and the job is blocked with its code. Without it, a remix requested before the parent's author turned remixes off,
# or before a moderator took the parent down, rendered and signed the parent's video in (test_remix_and_comment_attacks).
remix_about_to_render = Listeners("a remix is about to render")
on_remix_about_to_render = remix_about_to_render.register


def _remix_refusal(job: GenerationJob) -> str:
    if job.parent_job_id is None:
        # A remix whose parent went with its author's account remixes nothing that may still be remixed.
        return "remix_refused:post_not_found" if job.is_remix else ""
    try:
        remix_about_to_render.notify(job=job)
    except ServiceError as refused:
        return f"remix_refused:{refused.code}"
    return ""


def generation_render(*, job_id: int) -> str | RenderBusy:
    """The render task's body: consent before rendering, render, media steps, consent again before storing.

    Idempotent by job id: a finished job is left alone; a job another worker holds (a live lease) is not
    touched; a job whose worker died (its lease lapsed) gets one retry.

    Each delivery that takes the job is one attempt (`attempts`), and acts on the job only while the job is still
    its attempt. A worker whose lease lapsed while a second delivery took the job over stored the video it had made
    under the consent it started with, and its error failed the job the other worker was rendering
    (tests/generation/test_task_layer_attacks.py). An error fails the job here, as the attempt it happened in.
    """
    taken: list[int] = []
    try:
        return _render_attempt(job_id, taken)
    except Exception as exc:
        generation_fail(job_id=job_id, reason=f"render_error:{type(exc).__name__}", attempt=taken[0] if taken else None)
        raise


def _render_attempt(job_id: int, taken: list[int]) -> str | RenderBusy:
    with transaction.atomic():
        job = GenerationJob.objects.select_for_update().select_related("owner").filter(pk=job_id).first()
        if job is None or not job.is_in_flight:
            return job.state if job else "missing"
        now = timezone.now()
        if job.state != GenerationJob.State.QUEUED and job.lease_until and job.lease_until > now:
            return RenderBusy(retry_in_s=(job.lease_until - now).total_seconds() + 1)
        if job.state != GenerationJob.State.QUEUED:
            # A redelivery after a lost worker.
            if job.attempts >= 2:
                job_state_change(job, GenerationJob.State.FAILED, reason="worker_lost")
                return job.state
            # Stamped here, saved with the state it moves on to below.
            job_transition(job, GenerationJob.State.QUEUED)
        allowed, reason, pins = _check_consent(job, Purpose.RENDER)
        if allowed:
            reason = _remix_refusal(job)
            allowed = not reason
        if not allowed:
            job_state_change(job, GenerationJob.State.BLOCKED, reason=reason[:64])
            return job.state
        job.consent_pins = pins
        job.attempts += 1
        job.progress = 0.0
        job.lease_until = _lease()
        job_state_change(
            job, GenerationJob.State.RENDERING, also=["consent_pins", "attempts", "progress", "lease_until"]
        )
    taken.append(job.attempts)

    workdir = job_workdir(job)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        return _render_and_store(job, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


class _Cancelled(Exception):
    pass


def _render_and_store(job: GenerationJob, workdir: Path) -> str:
    last_sent = [-1.0]

    def progress(fraction: float) -> None:
        # Throttled pushes; a cancel or a consent block seen here stops the render early.
        if fraction - last_sent[0] < 0.1 and fraction < 1.0:
            return
        last_sent[0] = fraction
        state, attempts = GenerationJob.objects.filter(pk=job.pk).values_list("state", "attempts").first()
        if state != GenerationJob.State.RENDERING or attempts != job.attempts:
            raise _Cancelled(state)
        GenerationJob.objects.filter(pk=job.pk, attempts=job.attempts).update(
            progress=round(fraction * 0.8, 3), lease_until=_lease(), updated_at=timezone.now()
        )
        push_event(user_id=job.owner_id, event="generation.progress", payload={"id": job.pk, "progress": round(fraction * 0.8, 3)})

    spec = RenderSpec(
        prompt=job.prompt,
        duration_s=job.duration_s,
        resolution=job.resolution,
        aspect_ratio=job.aspect_ratio,
        style=job.style,
        seed=job.seed,
        fps=settings.RENDER_FPS,
        cameos=_cameo_refs(job),
    )
    try:
        result = pipeline.render_frames(spec.on_backend(job.backend), progress)
    except _Cancelled:
        return GenerationJob.objects.get(pk=job.pk).state

    # Every face in the output, cast or not, is found while the frames are watermarked and encoded, and judged
    # before the manifest is signed: allowed uncast cameos are named in it, and a block stores nothing.
    started = time.perf_counter()
    finder = BackgroundFaceFinder(result.frames, result.fps)
    screening = OutputScreening(found_cameo_ids=[])
    if spec.cameos and not any(result.face_boxes):
        # The watermark must keep off faces the backend did not report. Screening finds them anyway: wait for it
        # and use its boxes, rather than run dlib's detector on two threads at once.
        result.face_boxes = finder.face_boxes()

    def on_stage(stage: str) -> None:
        with transaction.atomic():
            current = GenerationJob.objects.select_for_update().get(pk=job.pk)
            if not current.is_in_flight or current.attempts != job.attempts:
                raise _Cancelled(current.state)
            current.progress = 0.85 if stage == "encoding" else 0.95
            current.lease_until = _lease()
            job_state_change(current, stage, also=["progress", "lease_until"])

    # A remix signs its parent's video in as the parentOf ingredient.
    parent_video = None
    if job.parent_job_id:
        parent_job = GenerationJob.objects.filter(pk=job.parent_job_id).first()
        if parent_job and parent_job.video:
            # Object storage has no path: the parent is copied into this job's scratch folder (wiped afterwards).
            parent_video = stored_file_in(parent_job.video, workdir, filename="parent.mp4")

    def consent_records_after_screening() -> list[dict]:
        nonlocal screening
        screening = _screen_output(job, finder.sightings(), started=started)
        if screening.blocked_reason:
            raise _Blocked(screening.blocked_reason)
        return [
            {"cameo": f"cameo-{cameo_id}", "consent_version": pin["consent_version"], "grant_ids": pin["grant_ids"]}
            for cameo_id, pin in sorted({**job.consent_pins, **screening.found_pins}.items())
        ]

    try:
        output = pipeline.finish_video(
            result=result,
            workdir=workdir,
            title=f"sora_social video {job.public_ref}",
            job_ref=job.public_ref,
            consent_records=consent_records_after_screening,
            parent_video=parent_video,
            on_stage=on_stage,
            detect_faces=False,
        )
    except _Cancelled:
        return GenerationJob.objects.get(pk=job.pk).state
    except _Blocked as blocked:
        return str(blocked)  # the encoded file stays in the scratch folder, which the caller wipes
    except RegistryNotReady:
        with transaction.atomic():
            current = GenerationJob.objects.select_for_update().get(pk=job.pk)
            if current.is_in_flight and current.attempts == job.attempts:
                job_state_change(current, GenerationJob.State.FAILED, reason="likeness_registry_unavailable")
        return GenerationJob.State.FAILED
    finally:
        finder.close()
    return _store_output(job, output, screening)


@dataclass
class OutputScreening:
    """What output screening found: uncast cameos the door allowed (they become part of the job), or a block."""

    found_cameo_ids: list[int]
    # The door's answer for each found cameo, as consent pins ({"consent_version", "grant_ids"}), for the manifest.
    found_pins: dict = field(default_factory=dict)
    blocked_reason: str = ""  # the job's state after a block ("blocked"), or "" to go on
    metrics: dict = field(default_factory=dict)


class _Blocked(Exception):
    """Output screening blocked the job: its state (blocked) is the message."""


def _screen_output(job: GenerationJob, sightings, *, started: float) -> OutputScreening:
    """Look up every face of the rendered frames in the likeness registry, and decide what each means.

    - a cameo cast in the job (or a protected person whose own cameo is cast): expected;
    - any other self cameo: a use of it by the job's owner, asked of the door with purpose RENDER. Allowed, it
      becomes part of the job (an Appearance when stored, so its owner sees the video); denied, the job ends
      blocked with unconsented_likeness:@handle and the output is destroyed;
    - a protected person: blocked with protected_person.
    The owner of a blocked likeness is told that a video looked like them and was stopped, not by whom; the job
    and the door's audit row keep who tried, for moderators.
    """
    identities = identify_sightings(sightings, likeness_registry())
    metrics = {
        # From the start of screening to its decision: it runs beside the encode, so this is not all added time.
        "screening_s": round(time.perf_counter() - started, 3),
        "screened_faces": len(sightings),
        "screened_identities": [{"kind": i.kind, "ref_id": i.ref_id, "distance": round(i.distance, 3)} for i in identities],
    }
    cast = set(job.cameos.values_list("pk", flat=True))
    found: list[int] = []
    pins: dict = {}
    block_reason = ""
    blocked_cameo = None
    for identity in identities:
        if identity.kind == "protected":
            if protected_face_permitted(identity.ref_id, cast_cameo_ids=cast):
                continue
            block_reason = "protected_person"
            break
        cameo_id = int(identity.ref_id)
        if cameo_id in cast:
            continue
        cameo = Cameo.objects.select_related("owner").filter(pk=cameo_id).first()
        if cameo is None:
            continue  # deleted since the registry last looked: nobody's likeness any more
        cast_now = [*job.cameos.all(), cameo]
        decision = check_use(
            cameo, job.owner, Purpose.RENDER, with_co_cast_preferences(job.prompt, cameo, cast_now),
            subject=f"job:{job.pk}:screening",
        )
        if not decision.allowed:
            block_reason = _unconsented_likeness(cameo, decision)
            blocked_cameo = cameo
            break
        found.append(cameo_id)
        pins[str(cameo_id)] = {"consent_version": decision.consent_version, "grant_ids": list(decision.grant_ids)}
    if not block_reason:
        return OutputScreening(found_cameo_ids=found, found_pins=pins, metrics=metrics)
    with transaction.atomic():
        current = GenerationJob.objects.select_for_update().get(pk=job.pk)
        if not current.is_in_flight or current.attempts != job.attempts:
            return OutputScreening(found_cameo_ids=[], blocked_reason=current.state, metrics=metrics)
        current.render_metrics = {**current.render_metrics, **metrics}
        job_state_change(current, GenerationJob.State.BLOCKED, reason=block_reason[:64], also=["render_metrics"])
        if blocked_cameo is not None and blocked_cameo.owner_id != job.owner_id:
            notification_create(
                recipient=blocked_cameo.owner,
                kind=Notification.Kind.LIKENESS_BLOCKED,
                data={
                    "cameo": blocked_cameo.pk,
                    "message": "A video that showed your cameo without your permission was stopped before it was made.",
                },
            )
    logger.info("job %s blocked by output screening: %s", job.pk, block_reason)
    return OutputScreening(found_cameo_ids=[], blocked_reason=GenerationJob.State.BLOCKED, metrics=metrics)


# What storing a draft writes on its job, besides the state.
OUTPUT_FIELDS = (
    "video", "poster", "video_sha256", "content_sha256", "size_bytes", "manifest_label", "render_metrics",
    "consent_pins", "progress",
)


def _unconsented_likeness(cameo: Cameo, decision: Decision) -> str:
    """Why screening stopped a render, as its creator reads it: the cameo is named only where the door's reason may
    be told; a face whose owner blocked the creator (or a revoked cameo's) is not named, or the creator would learn
    whose face it was and that they are blocked (tests/test_information_leak_attacks.py)."""
    if decision.reason in DISCLOSED_REASONS:
        return f"unconsented_likeness:@{cameo.handle}"
    return "unconsented_likeness"


def _store_output(job: GenerationJob, output, screening: OutputScreening) -> str:
    """Ask the door again; store the draft only if every cameo still permits it, else destroy the output.

    The files are deleted again if anything fails before the row naming them is committed, the commit included
    (a commit that failed left them in storage, named by no row, where no purge would find them)."""
    video_name, poster_name = _storage_names(job)
    attempt = job.attempts
    stored: list[str] = []
    try:
        return _store_output_once(job, output, screening, attempt, video_name, poster_name, stored)
    except BaseException:
        try:
            named = job_file_names_in_use(stored)
        except Exception:  # the connection itself failed: the row naming them was not committed
            named = set()
        for name in stored:
            if name not in named:
                default_storage.delete(name)
        raise


def _store_output_once(
    job: GenerationJob, output, screening: OutputScreening, attempt: int, video_name: str, poster_name: str,
    stored: list[str],
) -> str:
    with transaction.atomic():
        job = GenerationJob.objects.select_for_update().select_related("owner").get(pk=job.pk)
        if not job.is_in_flight or job.attempts != attempt:
            # Cancelled meanwhile, or taken over by another delivery: the work folder is wiped by the caller.
            return job.state
        consent_hold([*job.cameos.values_list("pk", flat=True), *screening.found_cameo_ids])
        allowed, reason, pins = _check_consent(job, Purpose.PUBLISH, same_grants_as_pinned=True)
        if not allowed:
            job_state_change(job, GenerationJob.State.BLOCKED, reason=reason)
            return job.state
        # The parent's author may have turned remixes off, narrowed or deleted it, blocked the remixer, or a moderator
        # taken it down while this rendered: asked again, as the door is (a remix was stored and signed with the
        # parent as its ingredient).
        refused = _remix_refusal(job)
        if refused:
            job_state_change(job, GenerationJob.State.BLOCKED, reason=refused[:64])
            return job.state
        # Uncast cameos that screening found and the door allowed: asked again now, and then part of the video.
        found = list(Cameo.objects.filter(pk__in=screening.found_cameo_ids))
        cast_now = [*job.cameos.all(), *found]
        for cameo, decision in check_uses(
            found, job.owner, Purpose.PUBLISH, job.prompt, subject=f"job:{job.pk}:screening", cast=cast_now
        ):
            if not decision.allowed:
                job_state_change(job, GenerationJob.State.BLOCKED, reason=_unconsented_likeness(cameo, decision)[:64])
                return job.state
            pins[str(cameo.pk)] = {"consent_version": decision.consent_version, "grant_ids": list(decision.grant_ids)}
        if found:
            job.cameos.add(*found)
        for name in (video_name, poster_name):
            if default_storage.exists(name):
                default_storage.delete(name)
        # If anything below fails, the files must not outlive the row that points at them: each is named here as
        # soon as it is stored, so a poster the store refuses does not leave the video behind, named by nothing.
        with output.video_path.open("rb") as video, output.poster_path.open("rb") as poster:
            job.video.save(video_name.split("/", 1)[1], File(video), save=False)
            stored.append(job.video.name)
            job.poster.save(poster_name.split("/", 1)[1], File(poster), save=False)
            stored.append(job.poster.name)
        job.video_sha256 = output.video_sha256
        job.content_sha256 = output.content_sha256
        job.size_bytes = output.size_bytes
        job.manifest_label = output.manifest.get("title", "")[:200]
        job.render_metrics = {**output.metrics, **screening.metrics, "duration_s": output.duration_s, "width": output.width, "height": output.height}
        job.consent_pins = pins
        job.progress = 1.0
        for cameo in job.cameos.select_related("owner"):
            Appearance.objects.get_or_create(
                cameo=cameo,
                job=job,
                defaults={"creator": job.owner, "consent_version": pins[str(cameo.pk)]["consent_version"]},
            )
            if cameo.owner_id != job.owner_id:
                notification_create(
                    recipient=cameo.owner,
                    kind=Notification.Kind.CAST_IN_VIDEO,
                    actor=job.owner,
                    data={"generation": job.pk, "cameo": cameo.pk, "draft": True},
                )
        notification_create(
            recipient=job.owner, kind=Notification.Kind.GENERATION_FINISHED, data={"generation": job.pk}
        )
        job_state_change(job, GenerationJob.State.SUCCEEDED, also=OUTPUT_FIELDS)
    return job.state


def generation_fail(*, job_id: int, reason: str, attempt: int | None = None) -> None:
    """Mark a job failed after an error on our side; its scratch files are removed. With `attempt`, only while the
    job is still that attempt (a worker that lost the job to another delivery fails nothing)."""
    with transaction.atomic():
        job = GenerationJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.is_in_flight or (attempt is not None and job.attempts != attempt):
            return
        job_state_change(job, GenerationJob.State.FAILED, reason=reason[:64])
    shutil.rmtree(job_workdir(job), ignore_errors=True)


# A job whose files were partly deleted when the store failed: not shown again, deleted in full by the next purge.
PURGE_INCOMPLETE = "purge_incomplete"
# The state_reason of a job whose files a removal by a cameo's owner (or a moderator on their behalf) destroyed: there is
# no video to restore or appeal back.
FILES_DESTROYED_BY_REMOVAL = HiddenReason.REMOVED_BY_CAMEO_OWNER.value


@transaction.atomic
def generation_discard_output(*, job: GenerationJob, reason: str, purged_at: datetime.datetime | None = None) -> bool:
    """Delete a video's files for everyone (its cameo's owner removed it, or consent is gone). Returns whether
    the files are gone.

    `purged_at` marks the job as purged by the retention rule (media_purged_at), so the purge never runs twice.
    The files are deleted first and the row marked after: a delete that fails leaves the row naming its files,
    still hidden, and the next purge tries again. A job the purge already marked is left as it is, so its audit
    record (media_purged_at, state_reason "purged:...") is never overwritten.
    """
    # Read again under the job's lock: a move of its files (generation_media_rename) may have committed since the
    # caller read it, and deleting the names it had then left the moved copies named by nothing (round on today's
    # changes). Inside the caller's transaction, as the retention purge's own lock is.
    job = GenerationJob.objects.select_for_update().get(pk=job.pk)
    files = {field: name for field, name in (("video", job.video.name), ("poster", job.poster.name)) if name}
    storage = job.video.storage if job.video else default_storage
    if job.stale_media_names:
        transaction.on_commit(lambda job_id=job.pk: generation_stale_media_delete(job_ids=[job_id]))
    shared = job_file_names_in_use(list(files.values()), excluding_job_id=job.pk)
    deleted: list[str] = []
    try:
        for field, name in files.items():
            if name not in shared:  # another job's file too: this job only lets go of it
                storage.delete(name)
            deleted.append(field)
    except Exception:
        logger.exception("could not delete the files of job %s (%s); the retention purge will retry", job.pk, reason)
        # What is gone is no longer named, and the job says its purge is incomplete (a restore refuses it); the
        # rest waits for the retry.
        if deleted:
            GenerationJob.objects.filter(pk=job.pk).update(**dict.fromkeys(deleted, ""), state_reason=PURGE_INCOMPLETE)
        return False
    changes = {"video": "", "poster": "", "state_reason": reason[:64]}
    if purged_at is not None:
        changes["media_purged_at"] = purged_at
    GenerationJob.objects.filter(pk=job.pk, media_purged_at__isnull=True).update(**changes)
    return True


def job_file_keep_while_named(sender, file, **kwargs) -> None:
    """Keep a deleted job's file that another job still names (connected to django-cleanup's cleanup_pre_delete
    in generation.apps).

    django-cleanup deletes a deleted row's files by name after the commit, on the assumption that no two rows share
    one (its maintainers leave shared files to the application). A file with no name is one FieldFile.delete()
    leaves alone, and the instance it is given is django-cleanup's stand-in, never the row.
    """
    if job_file_names_in_use([file.name]):
        file.name = None


# ---- hidden videos out of the store's reach -----------------------------------------------------------------------


def generation_media_rename_when_hidden(*, job_ids: Sequence[int], **_listener_kwargs) -> None:
    """Once the transaction commits, have the files of videos just hidden from everyone (a takedown, a withdrawal of
    consent, the author's deletion) moved to new names in object storage (`generation_media_rename`, on the `media`
    queue). Local files are left alone: every request for them passes the media view's check.

    Called inside the hiding transaction: by feed for takedowns and deletions, and by cameos when a video is withdrawn
    by any path (`on_appearances_withdrawn`, so it takes the listener's other arguments and ignores them). A broker that
    refuses the message is logged, not raised: the video is hidden already, and a presigned URL given out before
    still expires within PRESIGNED_TTL_S.
    """
    ids = sorted({int(pk) for pk in job_ids})
    if not ids or storage_has_paths(GenerationJob._meta.get_field("video").storage):
        return

    def send() -> None:
        try:
            tasks.generation_media_rename_task.apply_async(args=[ids], queue=Queue.MEDIA)
        except KombuOperationalError:
            logger.warning("the files of hidden jobs %s keep their names: the broker refused the message", ids)

    transaction.on_commit(send)


def generation_media_rename(*, job_ids: Sequence[int]) -> int:
    """Give the stored files of these jobs new names, and delete them under the old ones. Returns how many jobs'
    files were moved.

    With object storage the media view answers an allowed viewer with a 302 to the store's presigned URL, and the
    store asks nobody before serving it: a URL handed out before a video was hidden would play until it expired.
    Under new names what it points at is gone (the store answers 404 or 403). Whoever may still see the video (its
    creator, a moderator, everyone after a restored takedown) gets URLs for the new names. Each job is moved under
    its row lock, which the retention purge and the render take too; a purged job is left alone. A copy the store
    refuses leaves that job's files as they were (new copies are deleted), and the others are still moved.
    """
    moved = 0
    storage = GenerationJob._meta.get_field("video").storage
    for job_id in sorted(set(job_ids)):
        renamed: dict[str, str] = {}
        try:
            with transaction.atomic():
                job = GenerationJob.objects.select_for_update().filter(pk=job_id, media_purged_at__isnull=True).first()
                files = {f: getattr(job, f).name for f in ("video", "poster") if job and getattr(job, f).name}
                if not files:
                    continue
                for field, name in files.items():
                    with storage.open(name, "rb") as source:
                        renamed[field] = storage.save(_renamed(name), source)
                # The old names are recorded with the move and deleted once it commits; one the store refuses to
                # delete stays recorded, for generation_stale_media_delete to try again.
                stale = list(dict.fromkeys([*job.stale_media_names, *files.values()]))
                GenerationJob.objects.filter(pk=job.pk).update(**renamed, stale_media_names=stale)
                transaction.on_commit(lambda job_id=job.pk: generation_stale_media_delete(job_ids=[job_id]))
        except Exception:
            # The store refused a copy, or the row's update did not commit: the job keeps its names, and the copies
            # made so far, named by nothing, go.
            logger.exception("could not move the files of hidden job %s; they keep their names", job_id)
            for name in renamed.values():
                _delete_quietly(storage, name)
            continue
        moved += 1
    return moved


def _renamed(name: str) -> str:
    """A fresh name in the same folder: the file's own stem (its job's reference), a new random part, its suffix."""
    path = Path(name)
    stem = path.stem.split("-", 1)[0]
    return str(path.with_name(f"{stem}-{secrets.token_hex(8)}{path.suffix}"))


def generation_stale_media_delete(*, job_ids: Sequence[int] | None = None) -> int:
    """Delete the old names of moved files (`stale_media_names`) of these jobs, or of every job that has some; each
    job's record keeps only the names whose delete the store refused. Run after each move commits, by the retention
    purge and on the beat. A name another job still holds (the demo corpus's placeholder) is let go, not deleted.
    Returns how many names were deleted."""
    storage = GenerationJob._meta.get_field("video").storage
    pending = GenerationJob.objects.exclude(stale_media_names=[])
    if job_ids is not None:
        pending = pending.filter(pk__in=list(job_ids))
    deleted = 0
    for job_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            job = GenerationJob.objects.select_for_update().filter(pk=job_id).first()
            if job is None or not job.stale_media_names:
                continue
            names = list(job.stale_media_names)
            in_use = job_file_names_in_use(names)
            left = [name for name in names if name not in in_use and not _delete_quietly(storage, name)]
            deleted += len(names) - len(left) - len(in_use)
            GenerationJob.objects.filter(pk=job.pk).update(stale_media_names=left)
    return deleted


def generation_forget_deleted_cameo(*, cameo: Cameo, job_ids: Sequence[int]) -> None:
    """A cameo's owner deleted it (cameos' `on_cameo_deleted`, inside the deletion's transaction): the videos with it
    were removed by them, and their files are destroyed once the deletion commits, as one removal's are; and the
    searches for its face go, with their uploads and results (a queued search's video of the face stayed until a worker
    reached it, and finished ones kept when and where the face was seen: round on account deletion)."""
    ids = list(job_ids)

    def discard() -> None:
        for job in GenerationJob.objects.filter(pk__in=ids).exclude(video="", poster=""):
            generation_discard_output(job=job, reason=FILES_DESTROYED_BY_REMOVAL)

    if ids:
        transaction.on_commit(discard)
    from generation.face_search import face_searches_forget_cameo  # lazy: face_search's tasks import this module

    face_searches_forget_cameo(cameo=cameo)


def job_stale_media_delete_with_row(sender, instance: GenerationJob, **kwargs) -> None:
    """post_delete of a job (its account deleted, an operator's delete): the old names of its moved files go too, once
    the deletion commits, as django-cleanup takes its current ones. They were recorded on the row alone, and a delete
    the store had refused left them for good once the row was gone (round 3 on the latest mends). So do the names its
    render stores its output under: a render that committed its files after the deletion read the row (its creator's
    account deleted meanwhile) left them named by nothing (round on account deletion)."""
    names = [*(instance.stale_media_names or []), *(_storage_names(instance) if instance.public_ref else ())]
    if not names:
        return
    storage = GenerationJob._meta.get_field("video").storage

    def delete() -> None:
        for name in set(names) - job_file_names_in_use(names):
            _delete_quietly(storage, name)

    transaction.on_commit(delete)


def _delete_quietly(storage, name: str) -> bool:
    """Whether the store deleted it (a name already gone counts as deleted)."""
    try:
        storage.delete(name)
    except Exception:
        logger.exception("could not delete the stored file %s; it is tried again", name)
        return False
    return True


def generations_withdrawn_notify(
    *, cameo: Cameo, job_ids: Sequence[int], reason: HiddenReason = HiddenReason.CONSENT_REVOKED
) -> int:
    """Tell each creator, once, that their video with this cameo is no longer shown, to them either.

    Called inside the withdrawal's transaction: by cameos when the door withdrew consent for existing videos
    (`on_appearances_revoked`, registered in generation.apps), and by `generation_remove_for_cameo_owner`. A video
    already hidden by an earlier withdrawal (another cameo in it, or this one) is not told again, nor is one with
    no file left, nor the cameo's own owner. The notification names the cameo, never why consent went (a block
    or a moderator's revocation reads like any withdrawal), and no actor. Returns how many were told.
    """
    # This cameo's appearance was just withdrawn; one withdrawn before (another cameo's, or this one revoked before
    # its owner removed the video) means the video was already hidden and its creator already told.
    this_one_before = Q(revoked_at__isnull=False) if reason == HiddenReason.REMOVED_BY_CAMEO_OWNER else Q(pk__in=[])
    earlier = withdrawn_appearances().filter(~Q(cameo_id=cameo.pk) | this_one_before, job_id__in=job_ids)
    jobs = (
        GenerationJob.objects.filter(pk__in=job_ids)
        .exclude(pk__in=earlier.values("job_id"))
        .exclude(video="")
        .exclude(owner_id=cameo.owner_id)
        .select_related("owner", "post")
        .order_by("pk")
    )
    handle = f"@{cameo.handle}"
    message = {
        HiddenReason.CONSENT_REVOKED: f"Your video with {handle} is no longer shown: consent for it was withdrawn.",
        HiddenReason.REMOVED_BY_CAMEO_OWNER: f"Your video with {handle} is no longer shown: {handle} removed it.",
    }[reason]
    told = 0
    for job in jobs:
        post = getattr(job, "post", None)
        notification_create(
            recipient=job.owner,
            kind=Notification.Kind.VIDEO_WITHDRAWN,
            data={
                "generation": job.pk,
                "post": post.pk if post else None,
                "cameo": handle,
                "reason": reason.value,
                "message": message,
            },
        )
        told += 1
    return told


@transaction.atomic
def generation_remove_for_cameo_owner(*, cameo: Cameo, actor: User, job_id: int, notify_creator: bool = True) -> None:
    """The cameo's owner removes a video that uses them, for everyone (other people's drafts too).

    cameos withdraws the appearance (a stranger and a missing video get the same 404); the creator is told, and
    the video's files are then destroyed here. Removing it again does nothing. A moderator removing it on the
    owner's behalf passes `notify_creator=False`: the creator hears of it once, as the moderation decision.
    """
    appearance = appearance_withdraw(cameo=cameo, actor=actor, job_id=job_id)
    if appearance is None:
        return
    if notify_creator:
        generations_withdrawn_notify(cameo=cameo, job_ids=[job_id], reason=HiddenReason.REMOVED_BY_CAMEO_OWNER)
    generation_discard_output(job=appearance.job, reason=FILES_DESTROYED_BY_REMOVAL)


def generation_requeue_stuck(*, queued_for_s: int = 1800) -> int:
    """Send jobs back to the queue whose message was lost (queued too long) or whose worker vanished (lease
    lapsed); generation_render gives each of the latter its one retry."""
    now = timezone.now()
    stuck = GenerationJob.objects.filter(
        Q(state=GenerationJob.State.QUEUED, updated_at__lt=now - datetime.timedelta(seconds=queued_for_s))
        | Q(state__in=GenerationJob.IN_FLIGHT[1:], lease_until__lt=now)
    )
    count = 0
    for job in stuck:
        _queue_render(job)
        count += 1
    return count
