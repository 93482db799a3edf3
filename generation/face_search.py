"""Find my face: a cameo owner asks whether their own face is in a video, when, and whether this deployment made it.

- The video's faces are compared with the asker's own cameo and with nobody else: the likeness registry is asked
  for the distances to that one identity (`LikenessRegistry.distances_to`), never "whose face is this?". A video
  of someone else therefore answers "not found", exactly like a video of nobody, and the search cannot be turned
  into a face search engine for strangers. The cameo is named in the URL and must be the asker's own (404
  otherwise, the same answer as for a cameo that does not exist).
- Only a verified self cameo can search: one waiting for review may be someone else's face, one a moderator
  revoked is nobody's to use (409 `cameo_not_verified`). A cameo that is no longer verified when the analysis
  runs (deleted, revoked meanwhile) ends the search `failed` with the same code.
- The upload is checked like a verification clip, by content (`sora_social.media_probe.probe_video`: a real
  MP4/MOV/WebM/Matroska video, at most FACE_SEARCH_MAX_BYTES and FACE_SEARCH_MAX_SECONDS), kept only until it
  has been analysed and then deleted, whatever the outcome. The encodings of the faces found are never stored.
- The analysis runs on the `media` queue (`generation.tasks.face_search_run_task`): frames decoded at
  FACE_SEARCH_FRAMES_PER_S, every face detected and encoded (`generation.screening.faces_in_frames`), each compared
  with the cameo (a match within cameos.verification.IMPERSONATION_MAX), and the provenance lookup
  (`generation.provenance.lookup.provenance_verify`: C2PA manifest, else content hash).
- Which generation and post made the video is shown only to an asker who may see that video now (its creator, a
  person cast in it, or a viewer of its post); anyone else learns only what the public provenance lookup says.
"""

from __future__ import annotations

import datetime
import logging
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from cameos.models import Cameo
from cameos.registry import likeness_registry
from cameos.verification import IMPERSONATION_MAX, UnreadableMediaError
from cameos.verification.media import decode_clip
from generation import tasks
from generation.models import FaceSearch, GenerationJob
from generation.provenance.lookup import provenance_verify
from generation.screening import faces_in_frames
from sora_social.accounts.models import User
from sora_social.api.media import media_still_visible
from sora_social.celery import Queue
from sora_social.errors import ServiceError
from sora_social.files import stored_file_on_disk, upload_delete_after_commit
from sora_social.locks import transaction_lock
from sora_social.media_probe import VideoRejected, probe_video
from sora_social.notifications.realtime import push_event

logger = logging.getLogger(__name__)

# A minute of video: a clip found elsewhere is usually shorter. About 120 frames to look at.
FACE_SEARCH_MAX_SECONDS = 60.0
# A minute of 1080p from a phone is about 130 MB.
# Under the server's cap on a request body (MAX_UPLOAD_BYTES, 60 MB by default, refused before a view runs), with
# room for the multipart envelope: at 150 MB, an upload between 60 and 150 MB was refused by the cap with its
# number, while this endpoint said it took 150. A 60-second phone clip as shared is a few to 40 MB.
FACE_SEARCH_MAX_BYTES = 55 * 1024 * 1024
# Frames looked at per second of video (output screening's rate): a face on screen for half a second is seen.
FACE_SEARCH_FRAMES_PER_S = 2
# Frames are scaled so that their long side is at most this. The face detector finds faces of about 80 px and
# more at this size (a face an eighth of a 1080p frame's height), at about 0.1 s a frame.
FACE_SEARCH_MAX_SIDE = 960
# Searches a person may have waiting or running at once; the throttle (scope "face_search") caps the rate.
FACE_SEARCH_MAX_IN_FLIGHT = 2
# Sighted times at most this far apart (in samples) are one stretch of the video.
SEGMENT_GAP_SAMPLES = 1.5


class FaceSearchError(ServiceError):
    """A refused face search."""


@dataclass(frozen=True)
class FaceSearchAnalysis:
    """What the analysis of one video found for one cameo."""

    times_s: list[float]  # the sampled frames' times at which the cameo's face is seen
    closest_distance: float | None  # of every face seen, the closest to the cameo (None: no face seen)
    frames_analysed: int
    faces_seen: int
    duration_s: float
    decode_s: float
    faces_s: float


# ---- asking -----------------------------------------------------------------------------------------------------


def face_search_cameo_check(*, cameo: Cameo, owner: User) -> None:
    """Refuse a cameo that is not the owner's own verified self cameo."""
    if cameo.owner_id != owner.pk or cameo.status == Cameo.Status.DELETED:
        raise FaceSearchError("not_found", "No such cameo.", 404)
    if cameo.kind != Cameo.Kind.SELF or cameo.status != Cameo.Status.VERIFIED:
        raise FaceSearchError(
            "cameo_not_verified", "Only a verified cameo of yourself can be searched for in a video.", 409
        )


def _probe(upload: UploadedFile) -> float:
    """The upload's duration, once it passed the same checks as a verification clip (by content)."""
    if upload.size == 0:
        raise FaceSearchError("empty_file", "The video is empty.")
    if upload.size > FACE_SEARCH_MAX_BYTES:
        raise FaceSearchError(
            "too_large", f"The video must be at most {FACE_SEARCH_MAX_BYTES // (1024 * 1024)} MB.", 413
        )
    try:
        probe = probe_video(upload, max_bytes=FACE_SEARCH_MAX_BYTES, max_duration_s=FACE_SEARCH_MAX_SECONDS)
    except VideoRejected as exc:
        raise FaceSearchError(exc.code, exc.message, 413 if exc.code == "too_large" else 422) from exc
    return probe.duration_s


def _refuse_past_in_flight_limit(owner: User) -> None:
    in_flight = FaceSearch.objects.filter(owner=owner, status__in=FaceSearch.IN_FLIGHT).count()
    if in_flight >= FACE_SEARCH_MAX_IN_FLIGHT:
        raise FaceSearchError(
            "too_many_in_flight",
            f"You already have {in_flight} videos being searched; wait for them to finish.",
            429,
            limit=FACE_SEARCH_MAX_IN_FLIGHT,
        )


@transaction.atomic
def face_search_create(*, owner: User, cameo: Cameo, upload: UploadedFile) -> FaceSearch:
    """An owner asks whether their cameo's face is in an uploaded video; the analysis runs on the `media` queue."""
    face_search_cameo_check(cameo=cameo, owner=owner)
    _refuse_past_in_flight_limit(owner)  # before the probe's CPU is spent on an upload that would be refused
    duration_s = _probe(upload)
    upload.seek(0)
    # Counted and saved under a lock of this person's searches: two uploads at once both counted one waiting and
    # both were queued, three in flight against a limit of two (tests/generation/test_generation_attacks_round2.py).
    transaction_lock(f"sora_social.face_search:{owner.pk}")
    _refuse_past_in_flight_limit(owner)
    # Asked again on the cameo's row, locked: deleting it (cameo_delete) holds that lock until it commits, and a search
    # saved past it was never seen by the deletion, and kept a video of the face (round 5).
    cameo = Cameo.objects.select_for_update().filter(pk=cameo.pk).first() or cameo
    face_search_cameo_check(cameo=cameo, owner=owner)
    search = FaceSearch(owner=owner, cameo=cameo, duration_s=duration_s)
    # A random name: the uploader's file name says nothing we need, and the file is never served.
    search.upload.save(f"{secrets.token_hex(16)}.bin", upload, save=False)
    search.save()
    transaction.on_commit(lambda: _queue_analysis(search))
    return search


def _queue_analysis(search: FaceSearch) -> None:
    """Send the search to the `media` queue (decoding and encoding faces is CPU work, not a GPU's).

    If the broker refuses the message, the search and its upload are withdrawn and the error goes on (the person
    gets a 503 and asks again): nothing waits for an analysis that will never come.
    """
    try:
        tasks.face_search_run_task.apply_async(args=[search.pk], queue=Queue.MEDIA)
    except KombuOperationalError:
        name, storage = search.upload.name, search.upload.storage
        FaceSearch.objects.filter(pk=search.pk, status=FaceSearch.Status.QUEUED).delete()
        if name:
            storage.delete(name)
        logger.warning("face search %s withdrawn: the broker refused its message", search.pk)
        raise


# ---- analysing --------------------------------------------------------------------------------------------------


def _segments(times_s: Sequence[float]) -> list[dict]:
    """Sighted times as stretches of the video: times at most SEGMENT_GAP_SAMPLES samples apart are one stretch."""
    gap = SEGMENT_GAP_SAMPLES / FACE_SEARCH_FRAMES_PER_S
    segments: list[dict] = []
    for moment in sorted(times_s):
        if segments and moment - segments[-1]["end_s"] <= gap:
            segments[-1]["end_s"] = moment
        else:
            segments.append({"start_s": moment, "end_s": moment})
    return segments


def face_search_analyse(path: str | Path, *, cameo_id: int) -> FaceSearchAnalysis | None:
    """Find one cameo's face in a video file; None when the registry does not hold the cameo (not verified).

    Raises UnreadableMediaError for a file that cannot be decoded, RegistryNotReady while the registry builds.
    """
    started = time.perf_counter()
    clip = decode_clip(
        str(path),
        per_second=FACE_SEARCH_FRAMES_PER_S,
        max_side=FACE_SEARCH_MAX_SIDE,
        with_audio=False,
        max_samples=int(FACE_SEARCH_MAX_SECONDS * FACE_SEARCH_FRAMES_PER_S) + 2,
    )
    decoded = time.perf_counter()
    # The clip's frames are already the samples: look at every one; their times come from the clip.
    sightings = faces_in_frames(
        clip.frames, FACE_SEARCH_FRAMES_PER_S, indices=range(len(clip.frames)), times_s=clip.frame_times_s
    )
    encodings = np.asarray([sighting.encoding for sighting in sightings], dtype=np.float32).reshape(-1, 128)
    # The asker's own identity, and nobody else's: this is what keeps it from being a face search engine.
    distances = likeness_registry().distances_to("cameo", cameo_id, encodings)
    finished = time.perf_counter()
    if distances is None:
        return None
    times = sorted(
        {
            sighting.time_s
            for sighting, distance in zip(sightings, distances.tolist(), strict=True)
            if distance <= IMPERSONATION_MAX
        }
    )
    return FaceSearchAnalysis(
        times_s=times,
        closest_distance=round(float(distances.min()), 3) if len(distances) else None,
        frames_analysed=len(clip.frames),
        faces_seen=len(sightings),
        duration_s=round(clip.duration_s, 3),
        decode_s=round(decoded - started, 3),
        faces_s=round(finished - decoded, 3),
    )


def _transition(search: FaceSearch, to: str) -> None:
    if to not in FaceSearch.TRANSITIONS[FaceSearch.Status(search.status)]:
        raise FaceSearchError("invalid_transition", f"A face search cannot go from {search.status} to {to}.", 409)
    search.status = to


def _discard_upload(search: FaceSearch) -> None:
    """The uploaded video never outlives its analysis. A delete the store refuses names the upload on its search
    again, for the hourly sweep to retry (`face_search_uploads_sweep`)."""
    if search.upload:
        name, storage = search.upload.name, search.upload.storage
        search.upload = ""
        upload_delete_after_commit(model=FaceSearch, pk=search.pk, field="upload", storage=storage, name=name)


# A search still queued or analysing this long after it was asked will not finish (its task expired after an hour,
# or its worker died): it fails, and its upload is deleted.
FACE_SEARCH_GIVEN_UP_AFTER = datetime.timedelta(hours=2)


def face_search_uploads_sweep(*, now: datetime.datetime | None = None) -> int:
    """Delete the uploads that outlived their analysis (an hourly task): a finished search's whose delete the store
    refused before, and a search's that will never finish (failed as `timed_out`). Returns how many."""
    now = now or timezone.now()
    with_upload = FaceSearch.objects.exclude(upload="")
    count = 0
    for search in with_upload.exclude(status__in=FaceSearch.IN_FLIGHT):
        with transaction.atomic():
            _discard_upload(search)
            search.save(update_fields=["upload", "updated_at"])
        count += 1
    stuck = with_upload.filter(status__in=FaceSearch.IN_FLIGHT, created_at__lt=now - FACE_SEARCH_GIVEN_UP_AFTER)
    for search_id in stuck.values_list("pk", flat=True):
        face_search_fail(search_id=search_id, reason="timed_out")
        count += 1
    return count


def _finish(search: FaceSearch, *, status: str, reason: str = "") -> None:
    _transition(search, status)
    search.reason = reason
    search.finished_at = timezone.now()
    _discard_upload(search)
    search.save()
    push_event(
        user_id=search.owner_id,
        event="face_search.finished",
        payload={"face_search": search.pk, "cameo": search.cameo_id, "status": search.status, "found": search.found},
    )


def face_search_fail(*, search_id: int, reason: str) -> FaceSearch | None:
    """End a search that cannot be answered (its upload is deleted); a finished one is left alone, and a gone one
    (deleted with its owner's account) is nothing to end."""
    with transaction.atomic():
        search = FaceSearch.objects.select_for_update().filter(pk=search_id).first()
        if search is not None and search.status in FaceSearch.IN_FLIGHT:
            _finish(search, status=FaceSearch.Status.FAILED, reason=reason)
    return search


def face_searches_forget_cameo(*, cameo: Cameo) -> int:
    """The cameo was deleted: its searches end (one in flight fails as `cameo_deleted`), their uploads are deleted (a
    delete the store refuses names the upload on its search again, for the hourly sweep: deleting the rows left it named
    by nothing) and their results go (when and where the face was seen, which video made it). Returns how many."""
    count = 0
    for search_id in FaceSearch.objects.filter(cameo=cameo).values_list("pk", flat=True):
        with transaction.atomic():
            search = FaceSearch.objects.select_for_update().filter(pk=search_id).first()
            if search is None:
                continue
            if search.status in FaceSearch.IN_FLIGHT:
                _finish(search, status=FaceSearch.Status.FAILED, reason="cameo_deleted")
            _discard_upload(search)
            search.found, search.results, search.provenance, search.made_by = None, {}, {}, None
            search.save(update_fields=["upload", "found", "results", "provenance", "made_by", "updated_at"])
        count += 1
    return count


def face_search_run(*, search_id: int) -> FaceSearch | None:
    """Analyse one search's video (the `media` task calls this). Idempotent: a finished search is left alone.

    Raises RegistryNotReady, before touching the search, while the likeness registry cannot answer: the task tries
    again later.
    """
    likeness_registry().ensure_current()
    with transaction.atomic():
        search = FaceSearch.objects.select_for_update().select_related("cameo").filter(pk=search_id).first()
        if search is None or search.status not in FaceSearch.IN_FLIGHT:
            return search  # finished, or gone with its owner's account
        if search.status == FaceSearch.Status.QUEUED:
            _transition(search, FaceSearch.Status.ANALYSING)
            search.save(update_fields=["status", "updated_at"])
    cameo = search.cameo
    if not search.upload:
        return face_search_fail(search_id=search.pk, reason="upload_missing")
    if cameo.kind != Cameo.Kind.SELF or cameo.status != Cameo.Status.VERIFIED:
        return face_search_fail(search_id=search.pk, reason="cameo_not_verified")

    started = time.perf_counter()
    try:
        with stored_file_on_disk(search.upload, suffix=".bin") as path:
            analysis = face_search_analyse(path, cameo_id=cameo.pk)
            provenance_started = time.perf_counter()
            with open(path, "rb") as video:
                verdict = provenance_verify(upload=video)
            provenance_s = time.perf_counter() - provenance_started
    except UnreadableMediaError:
        logger.info("face search %s: the video cannot be decoded", search.pk, exc_info=True)
        return face_search_fail(search_id=search.pk, reason="unreadable_video")
    if analysis is None:
        # The registry does not hold the cameo: it stopped being verified since the check above.
        return face_search_fail(search_id=search.pk, reason="cameo_not_verified")

    job = GenerationJob.objects.filter(public_ref=verdict.job_ref).first() if verdict.made_here else None
    with transaction.atomic():
        search = FaceSearch.objects.select_for_update().filter(pk=search.pk).first()
        if search is None or search.status != FaceSearch.Status.ANALYSING:
            return search  # another delivery of the task finished it meanwhile, or it went with its account
        search.found = bool(analysis.times_s)
        search.duration_s = analysis.duration_s
        search.results = {
            "times_s": analysis.times_s,
            "segments": _segments(analysis.times_s),
            "closest_distance": analysis.closest_distance,
            "threshold": IMPERSONATION_MAX,
            "frames_analysed": analysis.frames_analysed,
            "faces_seen": analysis.faces_seen,
        }
        search.provenance = {
            "made_here": verdict.made_here,
            "method": verdict.method,
            "manifest_state": verdict.manifest_state,
            "job_ref": verdict.job_ref,
            "created_at": verdict.created_at.isoformat() if verdict.created_at else None,
            "is_remix": verdict.is_remix,
        }
        # Who may see which generation is decided when the answer is read (face_search_made_here).
        search.made_by = job
        search.metrics = {
            "decode_s": analysis.decode_s,
            "faces_s": analysis.faces_s,
            "provenance_s": round(provenance_s, 3),
            "wall_s": round(time.perf_counter() - started, 3),
        }
        _finish(search, status=FaceSearch.Status.DONE)
    logger.info(
        "face search %s: %d frames, %d faces, found=%s, made_here=%s, %.2f s",
        search.pk,
        analysis.frames_analysed,
        analysis.faces_seen,
        search.found,
        verdict.made_here,
        search.metrics["wall_s"],
    )
    return search


# ---- reading ----------------------------------------------------------------------------------------------------


def face_searches_of(*, cameo: Cameo, owner: User) -> QuerySet[FaceSearch]:
    """The owner's searches with one of their cameos, newest first, with the jobs that made their videos."""
    return FaceSearch.objects.filter(cameo=cameo, owner=owner).select_related("made_by__post")


def _may_see_job(job: GenerationJob, viewer: User) -> bool:
    if job.owner_id == viewer.pk:
        return True
    # Whoever may play the video now (a person cast in it, a viewer of its post): feed's rule, asked through the
    # media guard it registers, so that generation keeps no second definition of "visible".
    return bool(job.video) and media_still_visible(job.video.name, viewer.pk)


def face_search_made_here(*, search: FaceSearch, viewer: User) -> dict | None:
    """The provenance answer as this viewer may see it now; None before the analysis finished.

    Costs no query for a video made by the viewer (or not made here) when the search was read with
    face_searches_of; a video someone else made costs the media guard's few queries.
    """
    if search.status != FaceSearch.Status.DONE or not search.provenance:
        return None
    answer = {**search.provenance, "generation_id": None, "post_id": None}
    job = search.made_by
    if job is not None and _may_see_job(job, viewer):
        answer["generation_id"] = job.pk
        post = getattr(job, "post", None)
        answer["post_id"] = post.pk if post is not None else None
    return answer
