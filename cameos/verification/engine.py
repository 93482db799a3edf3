"""The cameo verification engine: one function that judges a challenge video and returns an outcome.

A clip verifies when, all at once:
- one face is in it, unoccluded, large and sharp enough, and it stays the same person (identity split);
- the head turns through the challenge's sequence exactly, moving continuously, in front of a background that
  stays put (no mirrored frames, no cuts);
- the challenge's digits are spoken, in order (at most one wrong), and the lips move with that speech;
- the face matches no one else: another person's cameo or a protected person. A face just past the match
  threshold goes to a moderator (pending_review) instead of being verified.

Frames are analysed densely (ANALYSIS_FPS): a photo swapped for its mirror image, or a head that jumps, shows
between neighbouring frames. Faces are detected on a half-size copy of each frame (6 ms, against 21 ms at full
size for a 640x360 frame), landmarks are placed on the full frame (1 ms), and only FRONTAL_FRAMES + TURNED_FRAMES are
encoded (86 ms each): the encoding is the cost that matters.

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
- REVIEW_MAX: between 0.55 and 0.65 a face is neither clearly the known person nor clearly someone else. An
  existing cameo's clip with a black bar over the eyes and a patch over the nose tip measured 0.60-0.61 from that
  cameo: such a face goes to a moderator. Different people start at 0.70, so honest newcomers do not queue.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, Literal, Protocol, runtime_checkable

import numpy as np

from cameos.verification.digits import recognize_digits
from cameos.verification.faces import (
    Box,
    analyze_frame_landmarks,
    encode_face,
    encoding_distance,
    face_crop_png,
    identity_split_distance,
)
from cameos.verification.lips import lip_sync, mouth_opening
from cameos.verification.media import UnreadableMediaError, decode_clip
from cameos.verification.pose import (
    classify_clip,
    follows_sequence_exactly,
    head_pose,
    observed_moves,
    turn_continuity,
    validate_turn_sequence,
)
from cameos.verification.quality import face_quality
from cameos.verification.scene import scene_check
from cameos.verification.voice import analyze_voice

IDENTITY_SPLIT_MAX = 0.58
IMPERSONATION_MAX = 0.55
REVIEW_MAX = 0.65
# Frames per second of clip that are analysed: a head turn takes 0.3-0.5 s, so it spans 4-6 analysed frames, and a
# photo swapped for its mirror shows as a jump between two neighbours.
ANALYSIS_FPS = 12.0
# Frames encoded for the identity, facing the camera and spread over the clip (a swap of person shows between
# them); and turned frames compared with that identity. An encoding costs about 90 ms: these are the main cost.
FRONTAL_FRAMES = 6
TURNED_FRAMES = 3
# A turned frame further than this from the frontal identity is someone else. Honest turned frames measured
# 0.16-0.54 (the 36 challenges on obama.jpg, nods distorting most); different people are 0.70 and more apart.
TURNED_MAX = 0.62
# Every this many frames, faces are also searched at full size: a second, smaller face hides at half size.
FULL_SIZE_EVERY = 6
# Quality is judged on the frames used for the identity: most of them must be good.
QUALITY_FAILING_SHARE = 0.5

ProgressCallback = Callable[[str, float], None]


class Reason(StrEnum):
    """Why a verification video was rejected; the order here is the order in outcomes."""

    UNREADABLE_VIDEO = "unreadable_video"
    NO_FACE = "no_face"
    MULTIPLE_FACES = "multiple_faces"
    FACE_TOO_SMALL = "face_too_small"
    FACE_BLURRY = "face_blurry"
    FACE_OCCLUDED = "face_occluded"
    IDENTITY_CHANGED = "identity_changed"
    VIDEO_EDITED = "video_edited"
    TURNS_NOT_CONTINUOUS = "turns_not_continuous"
    CHALLENGE_NOT_FOLLOWED = "challenge_not_followed"
    NO_VOICE = "no_voice"
    DIGITS_NOT_SPOKEN = "digits_not_spoken"
    LIPS_NOT_MOVING = "lips_not_moving"
    MATCHES_EXISTING_CAMEO = "matches_existing_cameo"
    MATCHES_PROTECTED_PERSON = "matches_protected_person"


# What a person is told for each reason. Services add their own (challenge, character and review reasons).
REASON_MESSAGES: dict[str, str] = {
    Reason.UNREADABLE_VIDEO: "We could not read this video. Please record it again.",
    Reason.NO_FACE: "We could not see your face in most of the video. Face the camera in good light.",
    Reason.MULTIPLE_FACES: "More than one face was in the video. Record it alone.",
    Reason.FACE_TOO_SMALL: "Your face was too small in the picture. Hold the phone closer, at arm's length.",
    Reason.FACE_BLURRY: "The video was too blurry. Hold the phone still, in good light, and clean the lens.",
    Reason.FACE_OCCLUDED: "Part of your face was covered. Both eyes, your nose and your mouth must be visible.",
    Reason.IDENTITY_CHANGED: "The face changed during the video. Only you should appear in it.",
    Reason.VIDEO_EDITED: "The video looks edited: the background jumped or flipped. Record it in one take.",
    Reason.TURNS_NOT_CONTINUOUS: "Your head seemed to jump from one position to another. Turn it smoothly.",
    Reason.CHALLENGE_NOT_FOLLOWED: (
        "The head turns did not follow the challenge. Turn your head to your own left, right, up or down, exactly "
        "in the order shown, coming back to face the camera between turns."
    ),
    Reason.NO_VOICE: "We could not hear you. Read the digits aloud.",
    Reason.DIGITS_NOT_SPOKEN: "We could not hear the digits of the challenge. Read them aloud, in order.",
    Reason.LIPS_NOT_MOVING: "Your lips did not move with your voice. Read the digits yourself, facing the camera.",
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
class IdentityVerdict:
    """How a face compares with the known identities: clear matches, and near ones for a moderator."""

    reasons: list[str]
    # {"kind", "ref_id", "distance"}: matches within IMPERSONATION_MAX, then near ones within REVIEW_MAX.
    matched: list[dict]
    near: list[dict]

    @property
    def needs_review(self) -> bool:
        return not self.reasons and bool(self.near)


@dataclass(frozen=True)
class VerificationOutcome:
    """The verdict on one video. Biometric fields are filled only when verified or pending review."""

    status: Literal["verified", "pending_review", "rejected"]
    reasons: list[str]
    # The encodings of the frames used, a PNG face crop and the voice profile (not when rejected).
    encodings: list[np.ndarray] = field(default_factory=list)
    face_crop_png: bytes | None = None
    voice_profile: dict | None = None
    # Which known identities it matched or came near ({"kind", "ref_id", "distance"}): for moderators, never to
    # show the uploader.
    matched: list[dict] = field(default_factory=list)
    # Non-biometric figures: frames, poses, timings.
    metrics: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status == "rejected" and (self.encodings or self.face_crop_png or self.voice_profile):
            raise ValueError("a rejected outcome must not carry biometric data")
        if self.status != "rejected" and self.reasons:
            raise ValueError("only a rejected outcome has rejection reasons")

    @property
    def verified(self) -> bool:
        return self.status == "verified"


def _report(progress: ProgressCallback | None, stage: str, fraction: float) -> None:
    if progress is not None:
        progress(stage, round(min(1.0, max(0.0, fraction)), 3))


IdentityKey = tuple[str, str]  # (kind, ref_id)


@runtime_checkable
class IdentityIndex(Protocol):
    """Something that knows faces: the likeness registry (cameos.registry) or a plain list of identities."""

    def closest(self, probes: np.ndarray, *, radius: float) -> dict[IdentityKey, float]:
        """Every identity within radius of any probe, with its smallest distance to any of them."""


def identity_references(encodings: Sequence[np.ndarray]) -> np.ndarray:
    """The vectors an identity is matched by: each stored encoding, and their mean when there are several."""
    references = np.asarray(encodings, dtype=np.float64).reshape(len(encodings), -1)
    if len(references) > 1:
        references = np.vstack([references, references.mean(axis=0)])
    return references


class BruteForceIdentities:
    """Every known identity compared with every probe: the exact answer, for tests and small lists."""

    def __init__(self, known: Sequence[KnownIdentity]) -> None:
        self._known = [k for k in known if len(k.encodings)]

    def closest(self, probes: np.ndarray, *, radius: float) -> dict[IdentityKey, float]:
        found: dict[IdentityKey, float] = {}
        for candidate in self._known:
            references = identity_references(candidate.encodings)
            distance = float(np.min(np.linalg.norm(probes[:, None, :] - references[None, :, :], axis=2)))
            if distance <= radius:
                found[(candidate.kind, str(candidate.ref_id))] = distance
        return found


def identity_probes(encodings: Sequence[np.ndarray], *, per_frame: bool = False) -> np.ndarray:
    """What a face is looked up by: the mean of its encodings, and each frame's encoding when per_frame."""
    frames = np.asarray(encodings, dtype=np.float64).reshape(len(encodings), -1)
    mean = frames.mean(axis=0, keepdims=True)
    return np.vstack([mean, frames]) if per_frame else mean


def judge_identity(
    encodings: Sequence[np.ndarray], known: Sequence[KnownIdentity] | IdentityIndex, *, per_frame: bool = False
) -> IdentityVerdict:
    """Compare a face (the mean of its encodings, and each frame when per_frame) with the known identities."""
    if not len(encodings):
        return IdentityVerdict(reasons=[], matched=[], near=[])
    index = known if isinstance(known, IdentityIndex) else BruteForceIdentities(known)
    matched: list[dict] = []
    near: list[dict] = []
    for (kind, ref_id), closest in index.closest(identity_probes(encodings, per_frame=per_frame), radius=REVIEW_MAX).items():
        entry = {"kind": kind, "ref_id": str(ref_id), "distance": round(closest, 3)}
        if closest <= IMPERSONATION_MAX:
            matched.append(entry)
        else:
            near.append(entry)
    reasons = []
    if any(m["kind"] == "cameo" for m in matched):
        reasons.append(Reason.MATCHES_EXISTING_CAMEO.value)
    if any(m["kind"] == "protected" for m in matched):
        reasons.append(Reason.MATCHES_PROTECTED_PERSON.value)
    order = {"protected": 0, "cameo": 1}
    near.sort(key=lambda e: (order[e["kind"]], e["distance"]))
    matched.sort(key=lambda e: (order[e["kind"]], e["distance"]))
    return IdentityVerdict(reasons=reasons, matched=matched, near=near)


@dataclass
class _FrameReading:
    """What one analysed frame shows (landmarks only for a single face)."""

    time_s: float
    boxes: list[Box]
    landmarks: dict | None = None
    yaw: float | None = None
    pitch: float | None = None
    pose: str | None = None
    opening: float | None = None

    @property
    def single(self) -> bool:
        return len(self.boxes) == 1 and self.landmarks is not None


def _spread(pool: list[int], count: int, readings: list[_FrameReading]) -> list[int]:
    """count frames of pool spread evenly over it, the most frontal of each stretch."""
    if len(pool) <= count:
        return list(pool)
    chosen: list[int] = []
    for k in range(count):
        window = pool[len(pool) * k // count : len(pool) * (k + 1) // count]
        chosen.append(min(window, key=lambda i: abs(readings[i].yaw or 0.0) + abs(readings[i].pitch or 0.0)))
    return chosen


def _identity_frames(readings: list[_FrameReading]) -> tuple[list[int], list[int]]:
    """Frames to encode: facing the camera (the identity), and turned (the same person must be turning).

    The person faces the camera before, between and after the turns, so frontal frames come from every part of
    the clip and a swap of person between them shows in the identity split. Turned faces encode less alike (a
    nod moved the split of one honest clip to 0.54, near the 0.58 that separates a swap), so they are not part
    of the identity; a few are compared with it instead, so that someone else cannot do the turning.
    """
    singles = [i for i, r in enumerate(readings) if r.single]
    frontal = [i for i in singles if readings[i].pose == "center"]
    if len(frontal) < FRONTAL_FRAMES // 2:
        frontal = singles
    turned = [i for i in singles if i not in set(frontal)]
    return _spread(frontal, FRONTAL_FRAMES, readings), sorted(_spread(turned, TURNED_FRAMES, readings))


def _face_reasons(readings: list[_FrameReading]) -> set[Reason]:
    """no_face when most frames show no face; multiple_faces when more than a stray frame shows two or more."""
    counts = [len(r.boxes) for r in readings]
    reasons: set[Reason] = set()
    if sum(1 for c in counts if c == 0) * 2 > len(counts):
        reasons.add(Reason.NO_FACE)
    # One frame with a false second detection (a pattern on a shirt) is the detector's noise, not a second person.
    if sum(1 for c in counts if c >= 2) >= max(2, len(counts) // 20):
        reasons.add(Reason.MULTIPLE_FACES)
    return reasons


def verify_video(
    source: str | Path | BinaryIO,
    *,
    turn_sequence: Sequence[str],
    digits: str,
    known_identities: Sequence[KnownIdentity] | IdentityIndex,
    progress: ProgressCallback | None = None,
    mirrored: bool = False,
    analysis_fps: float = ANALYSIS_FPS,
) -> VerificationOutcome:
    """Judge a challenge video: see the module docstring for what must hold.

    source is a path or a seekable binary file. known_identities must leave out the uploader's own cameos.
    mirrored says the recording is mirrored (a front-camera preview): the person's left is then on image left.
    Raises ValueError for a malformed turn_sequence or digits (a caller's bug); an undecodable upload is a
    rejection (unreadable_video), not an exception. Progress goes to progress(stage, fraction) when given.
    """
    sequence = validate_turn_sequence(turn_sequence)
    if not (digits.isdigit() and 4 <= len(digits) <= 6):
        raise ValueError("the challenge's digits must be 4 to 6 digits")
    timings: dict[str, float] = {}
    started = time.perf_counter()

    _report(progress, "decoding", 0.0)
    try:
        clip = decode_clip(source, per_second=analysis_fps)
    except UnreadableMediaError:
        return VerificationOutcome(status="rejected", reasons=[Reason.UNREADABLE_VIDEO.value])
    if not clip.frames:
        return VerificationOutcome(status="rejected", reasons=[Reason.UNREADABLE_VIDEO.value])
    timings["decode"] = time.perf_counter() - started

    stage = time.perf_counter()
    readings: list[_FrameReading] = []
    for index, (frame, moment) in enumerate(zip(clip.frames, clip.frame_times_s, strict=True)):
        if index % 8 == 0:
            _report(progress, "faces", 0.05 + 0.55 * index / len(clip.frames))
        boxes, landmarks = analyze_frame_landmarks(frame, full_check=index % FULL_SIZE_EVERY == 0)
        reading = _FrameReading(time_s=moment, boxes=boxes, landmarks=landmarks)
        if reading.single:
            reading.yaw, reading.pitch = head_pose(landmarks)
            reading.opening = mouth_opening(landmarks)
        readings.append(reading)
    # The pitch is read against this person's own center (the opening frames), so it is classified per clip.
    labels = classify_clip(
        [r.yaw for r in readings], [r.pitch for r in readings], [r.time_s for r in readings], mirrored=mirrored
    )
    for reading, label in zip(readings, labels, strict=True):
        reading.pose = label
    timings["landmarks"] = time.perf_counter() - stage

    stage = time.perf_counter()
    _report(progress, "identity", 0.6)
    chosen, turned = _identity_frames(readings)
    encodings = [encode_face(clip.frames[i], readings[i].boxes[0]) for i in chosen]
    turned_encodings = [encode_face(clip.frames[i], readings[i].boxes[0]) for i in turned]
    qualities = [face_quality(clip.frames[i], readings[i].boxes[0], readings[i].landmarks) for i in chosen]
    timings["encodings"] = time.perf_counter() - stage

    stage = time.perf_counter()
    _report(progress, "voice", 0.8)
    audio = clip.audio if clip.audio is not None else np.zeros(0, dtype=np.float32)
    voice = analyze_voice(audio, rate=clip.audio_rate)
    spoken = recognize_digits(audio, rate=clip.audio_rate, expected=digits) if voice.has_voice else None
    timings["digits"] = time.perf_counter() - stage

    stage = time.perf_counter()
    _report(progress, "checks", 0.92)
    reasons = _face_reasons(readings)
    failing: dict[str, int] = {}
    for quality in qualities:
        for reason in quality.reasons:
            failing[reason] = failing.get(reason, 0) + 1
    for reason, count in failing.items():
        if qualities and count >= QUALITY_FAILING_SHARE * len(qualities):
            reasons.add(Reason(reason))
    split = identity_split_distance(encodings)
    identity = np.mean(encodings, axis=0) if encodings else None
    turned_distances = [encoding_distance(e, identity) for e in turned_encodings] if identity is not None else []
    if split > IDENTITY_SPLIT_MAX or any(d > TURNED_MAX for d in turned_distances):
        reasons.add(Reason.IDENTITY_CHANGED)
    scene = scene_check(clip.frames, [r.boxes[0] if r.single else None for r in readings])
    if scene.reason:
        reasons.add(Reason.VIDEO_EDITED)
    singles = [r for r in readings if r.single]
    continuity = turn_continuity(
        [r.yaw if r.single else None for r in readings],
        [r.pitch if r.single else None for r in readings],
        [r.time_s for r in readings],
    )
    if Reason.NO_FACE not in reasons:
        if not continuity.continuous:
            reasons.add(Reason.TURNS_NOT_CONTINUOUS)
        if not follows_sequence_exactly([r.pose for r in readings], sequence):
            reasons.add(Reason.CHALLENGE_NOT_FOLLOWED)
    if not voice.has_voice:
        reasons.add(Reason.NO_VOICE)
    elif spoken is None or not spoken.spoken:
        reasons.add(Reason.DIGITS_NOT_SPOKEN)
    sync = None
    if voice.has_voice and singles:
        sync = lip_sync(
            [r.opening for r in readings],
            [r.time_s for r in readings],
            audio,
            rate=clip.audio_rate,
            span=spoken.speech_span if spoken is not None else None,
        )
        if not sync.in_sync:
            reasons.add(Reason.LIPS_NOT_MOVING)
    verdict = judge_identity(
        encodings + turned_encodings if Reason.IDENTITY_CHANGED in reasons else encodings,
        known_identities,
        per_frame=Reason.IDENTITY_CHANGED in reasons,
    )
    reasons |= {Reason(r) for r in verdict.reasons}
    timings["checks"] = time.perf_counter() - stage

    crop = None
    if not reasons:
        best = min(chosen, key=lambda i: abs(readings[i].yaw or 0.0) + abs(readings[i].pitch or 0.0))
        crop = face_crop_png(clip.frames[best], readings[best].boxes[0])
    timings["total"] = time.perf_counter() - started

    metrics = {
        "frames_analysed": len(clip.frames),
        "frames_decoded": clip.frames_decoded,
        "frame_count": clip.frame_count,
        "duration_s": round(clip.duration_s, 3),
        "faces_per_frame": [len(r.boxes) for r in readings],
        "poses": [r.pose for r in readings],
        "moves": observed_moves(r.pose for r in readings),
        "yaw_scores": [round(r.yaw, 3) if r.yaw is not None else None for r in readings],
        "nod_scores": [round(r.pitch, 3) if r.pitch is not None else None for r in readings],
        "pose_rate_max_per_s": round(continuity.max_rate_per_s, 3),
        "pose_jumps": list(continuity.jumps),
        "identity_frames": len(chosen),
        "identity_split_distance": round(split, 3),
        "turned_distance_max": round(max(turned_distances), 3) if turned_distances else None,
        "face_px": [q.face_px for q in qualities],
        "occluded_parts": sorted({part for q in qualities for part in q.occluded}),
        "scene_mirror_frames": list(scene.mirror_frames),
        "scene_cut_frames": list(scene.cut_frames),
        "voice_active_fraction": voice.active_fraction,
        "voiced_seconds": voice.voiced_seconds,
        "digits_heard": spoken.heard if spoken is not None else "",
        "digit_errors": spoken.errors if spoken is not None else None,
        "lip_sync_correlation": round(sync.correlation, 3) if sync is not None else None,
        "lip_sync_lag_s": round(sync.lag_s, 3) if sync is not None else None,
        "mouth_range": round(sync.mouth_range, 4) if sync is not None else None,
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
    }
    _report(progress, "done", 1.0)
    if reasons:
        return VerificationOutcome(
            status="rejected",
            reasons=[r.value for r in Reason if r in reasons],
            matched=verdict.matched,
            metrics=metrics,
        )
    return VerificationOutcome(
        status="pending_review" if verdict.needs_review else "verified",
        reasons=[],
        encodings=[np.array(e, dtype=np.float64) for e in encodings],
        face_crop_png=crop,
        voice_profile=voice.profile,
        matched=verdict.near,
        metrics=metrics,
    )
