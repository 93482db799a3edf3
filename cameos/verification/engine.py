"""The cameo verification engine: one function that judges a challenge video and returns an outcome.

Calibration of the identity thresholds, measured with face_recognition 1.3.0 on the fixtures in
shared/fixtures/faces (encodings are 128-d; distances are Euclidean):
- same person, photo to photo: 0.04-0.43; different people: 0.70-0.94.
- obama.jpg warped frame by frame to turn the head by up to +/-30 degrees: 0.07-0.28 to the unwarped photo,
  at most 0.38 between two frames of one clip; the mean encoding of such a clip is 0.17-0.37 from obama.jpg.
- short_hamilton_clip.mp4 (stage lighting, singing, 90 px faces: the hardest case we have): Lin-Manuel
  Miranda's frames are 0.40-0.56 from his png and their mean is 0.36 from it.
- IDENTITY_SPLIT_MAX: identity_split_distance() over his frames of the clip is at most 0.51 (21 frames; 0.45-0.51
  over subsets of 8-11); cuts with 8 of his frames followed by 1-5 frames of the next person give 0.67-0.76.
  0.58 sits between the two.
- IMPERSONATION_MAX: the mean encoding of a clip against a known identity. The same person gave 0.17-0.37
  (video to photo), different people 0.70 and more; 0.55 leaves a margin on both sides, nearer to the
  same-person side than face_recognition's 0.6 because a missed impersonation costs more than a manual review.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, Literal

import numpy as np

from cameos.verification.faces import (
    FrameFaces,
    analyze_frame,
    encoding_distance,
    face_crop_png,
    identity_split_distance,
)
from cameos.verification.media import UnreadableMediaError, decode_clip
from cameos.verification.pose import classify_yaw, follows_sequence, observed_moves, validate_turn_sequence, yaw_score
from cameos.verification.voice import analyze_voice

IDENTITY_SPLIT_MAX = 0.58
IMPERSONATION_MAX = 0.55
# Ten frames over a 3-6 s clip sample each pose of a three-step challenge at least twice, and keep the whole
# check near 1.5-2.5 s on two cores (an encoding costs about 0.1-0.2 s here; dlib-bin is built without BLAS).
DEFAULT_SAMPLE_COUNT = 10

ProgressCallback = Callable[[str, float], None]


class Reason(StrEnum):
    """Why a verification video was rejected; the order here is the order in outcomes."""

    UNREADABLE_VIDEO = "unreadable_video"
    NO_FACE = "no_face"
    MULTIPLE_FACES = "multiple_faces"
    IDENTITY_CHANGED = "identity_changed"
    CHALLENGE_NOT_FOLLOWED = "challenge_not_followed"
    NO_VOICE = "no_voice"
    MATCHES_EXISTING_CAMEO = "matches_existing_cameo"
    MATCHES_PROTECTED_PERSON = "matches_protected_person"


REASON_MESSAGES: dict[str, str] = {
    Reason.UNREADABLE_VIDEO: "We could not read this video. Please record it again.",
    Reason.NO_FACE: "We could not see your face in most of the video. Face the camera in good light.",
    Reason.MULTIPLE_FACES: "More than one face was in the video. Record it alone.",
    Reason.IDENTITY_CHANGED: "The face changed during the video. Only you should appear in it.",
    Reason.CHALLENGE_NOT_FOLLOWED: "The head turns did not follow the challenge. Turn your head as shown.",
    Reason.NO_VOICE: "We could not hear you read the digits. Read them aloud.",
    Reason.MATCHES_EXISTING_CAMEO: "This face matches someone else's cameo. Contact support if this is you.",
    Reason.MATCHES_PROTECTED_PERSON: "This face matches a person who cannot be used as a cameo.",
}


@dataclass(frozen=True)
class KnownIdentity:
    """A face the new cameo must not match: another owner's verified cameo, or a protected person."""

    ref_id: str | int
    kind: Literal["cameo", "protected"]
    encodings: Sequence[np.ndarray]

    def __post_init__(self) -> None:
        if self.kind not in ("cameo", "protected"):
            raise ValueError(f"unknown identity kind {self.kind!r}")


@dataclass(frozen=True)
class VerificationOutcome:
    """The verdict on one video. Biometric fields are filled only when verified."""

    status: Literal["verified", "rejected"]
    reasons: list[str]
    # Only when verified: the encodings of the frames used, a PNG face crop and the voice profile.
    encodings: list[np.ndarray] = field(default_factory=list)
    face_crop_png: bytes | None = None
    voice_profile: dict | None = None
    # Which known identities it matched ({"kind", "ref_id"}): for moderators, never to show the uploader.
    matched: list[dict] = field(default_factory=list)
    # Non-biometric figures: frames, poses, timings.
    metrics: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status == "rejected" and (self.encodings or self.face_crop_png or self.voice_profile):
            raise ValueError("a rejected outcome must not carry biometric data")
        if self.status == "verified" and self.reasons:
            raise ValueError("a verified outcome has no rejection reasons")

    @property
    def verified(self) -> bool:
        return self.status == "verified"


def _report(progress: ProgressCallback | None, stage: str, fraction: float) -> None:
    if progress is not None:
        progress(stage, round(min(1.0, max(0.0, fraction)), 3))


def _identity_matches(
    identity: np.ndarray, frame_encodings: list[np.ndarray], known: Sequence[KnownIdentity], *, per_frame: bool
) -> list[KnownIdentity]:
    """Known identities within IMPERSONATION_MAX of the clip's mean encoding (or of any frame, per_frame)."""
    probes = [identity, *frame_encodings] if per_frame else [identity]
    matches = []
    for candidate in known:
        references = [np.asarray(e, dtype=np.float64) for e in candidate.encodings]
        if not references:
            continue
        references.append(np.mean(references, axis=0))
        closest = min(encoding_distance(probe, ref) for probe in probes for ref in references)
        if closest <= IMPERSONATION_MAX:
            matches.append(candidate)
    return matches


def _best_frontal(faces: list[FrameFaces], scores: list[float | None]) -> int:
    """Index of the single-face frame with the most frontal pose (larger face breaks ties)."""

    def rank(index: int) -> tuple[float, int]:
        top, right, bottom, left = faces[index].boxes[0]
        return (round(abs(scores[index] or 0.0), 2), -(bottom - top) * (right - left))

    candidates = [i for i, f in enumerate(faces) if f.count == 1]
    return min(candidates, key=rank)


def _face_reasons(counts: list[int]) -> set[Reason]:
    """no_face when most sampled frames show no face; multiple_faces when any shows two or more."""
    reasons: set[Reason] = set()
    if sum(1 for c in counts if c == 0) * 2 > len(counts):
        reasons.add(Reason.NO_FACE)
    if any(c >= 2 for c in counts):
        reasons.add(Reason.MULTIPLE_FACES)
    return reasons


def _poses(faces: list[FrameFaces], *, mirrored: bool) -> tuple[list[float | None], list[str | None]]:
    """Yaw score and head direction per sampled frame (None where the frame has no single face)."""
    scores = [yaw_score(f.landmarks) if f.count == 1 and f.landmarks is not None else None for f in faces]
    labels = [classify_yaw(s, mirrored=mirrored) if s is not None else None for s in scores]
    return scores, labels


def _impersonation_reasons(
    encodings: list[np.ndarray], known: Sequence[KnownIdentity], *, identity_changed: bool
) -> tuple[set[Reason], list[KnownIdentity]]:
    """matches_existing_cameo / matches_protected_person, and which known identities matched."""
    if not encodings:
        return set(), []
    # When the face changed, the mean is of no one: look at every frame as well.
    matched = _identity_matches(np.mean(encodings, axis=0), encodings, known, per_frame=identity_changed)
    reasons = set()
    if any(m.kind == "cameo" for m in matched):
        reasons.add(Reason.MATCHES_EXISTING_CAMEO)
    if any(m.kind == "protected" for m in matched):
        reasons.add(Reason.MATCHES_PROTECTED_PERSON)
    return reasons, matched


def verify_video(
    source: str | Path | BinaryIO,
    *,
    turn_sequence: Sequence[str],
    known_identities: Sequence[KnownIdentity],
    progress: ProgressCallback | None = None,
    mirrored: bool = False,
    sample_count: int = DEFAULT_SAMPLE_COUNT,
) -> VerificationOutcome:
    """Judge a challenge video: one face, one identity, the head turns in order, a voice, no impersonation.

    source is a path or a seekable binary file. known_identities must leave out the uploader's own cameos.
    Raises ValueError for a malformed turn_sequence (a caller's bug); an undecodable upload is a rejection
    (unreadable_video), not an exception. Progress goes to progress(stage, fraction) when given.
    """
    sequence = validate_turn_sequence(turn_sequence)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    _report(progress, "decoding", 0.0)
    try:
        clip = decode_clip(source, sample_count=sample_count)
    except UnreadableMediaError:
        return VerificationOutcome(status="rejected", reasons=[Reason.UNREADABLE_VIDEO.value])
    if not clip.frames:
        return VerificationOutcome(status="rejected", reasons=[Reason.UNREADABLE_VIDEO.value])
    timings["decode"] = time.perf_counter() - started

    stage = time.perf_counter()
    faces: list[FrameFaces] = []
    for index, frame in enumerate(clip.frames):
        _report(progress, "faces", 0.1 + 0.75 * index / len(clip.frames))
        faces.append(analyze_frame(frame))
    timings["faces"] = time.perf_counter() - stage

    stage = time.perf_counter()
    _report(progress, "voice", 0.85)
    voice = analyze_voice(clip.audio, rate=clip.audio_rate)
    timings["voice"] = time.perf_counter() - stage

    stage = time.perf_counter()
    _report(progress, "identity", 0.92)
    counts = [f.count for f in faces]
    reasons = _face_reasons(counts)
    encodings = [f.encoding for f in faces if f.count == 1 and f.encoding is not None]
    split = identity_split_distance(encodings)
    if split > IDENTITY_SPLIT_MAX:
        reasons.add(Reason.IDENTITY_CHANGED)
    scores, labels = _poses(faces, mirrored=mirrored)
    # Without a face in most frames the turns cannot be judged: no_face says it already.
    if Reason.NO_FACE not in reasons and not follows_sequence(labels, sequence):
        reasons.add(Reason.CHALLENGE_NOT_FOLLOWED)
    if not voice.has_voice:
        reasons.add(Reason.NO_VOICE)
    impersonation, matched = _impersonation_reasons(
        encodings, known_identities, identity_changed=Reason.IDENTITY_CHANGED in reasons
    )
    reasons |= impersonation
    timings["identity"] = time.perf_counter() - stage

    crop = None
    if not reasons:
        stage = time.perf_counter()
        best = _best_frontal(faces, scores)
        crop = face_crop_png(clip.frames[best], faces[best].boxes[0])
        timings["crop"] = time.perf_counter() - stage
    timings["total"] = time.perf_counter() - started

    metrics = {
        "frames_sampled": len(clip.frames),
        "frames_decoded": clip.frames_decoded,
        "frame_count": clip.frame_count,
        "duration_s": round(clip.duration_s, 3),
        "frame_times_s": [round(t, 3) for t in clip.frame_times_s],
        "faces_per_frame": counts,
        "yaw_scores": [round(s, 3) if s is not None else None for s in scores],
        "poses": labels,
        "moves": observed_moves(labels),
        "identity_split_distance": round(split, 3),
        "voice_active_fraction": voice.active_fraction,
        "voiced_seconds": voice.voiced_seconds,
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
    }
    _report(progress, "done", 1.0)
    if reasons:
        return VerificationOutcome(
            status="rejected",
            reasons=[r.value for r in Reason if r in reasons],
            matched=[{"kind": m.kind, "ref_id": m.ref_id} for m in matched],
            metrics=metrics,
        )
    return VerificationOutcome(
        status="verified",
        reasons=[],
        encodings=[np.array(e, dtype=np.float64) for e in encodings],
        face_crop_png=crop,
        voice_profile=voice.profile,
        metrics=metrics,
    )
