"""Output screening: every face in a rendered video is looked up in the likeness registry before it is stored.

A learned model can draw a real person nobody cast: a prompt that describes someone, a face it memorised. So the
render's own frames are searched for faces, at least SCREENING_FRAMES_PER_S a second and at the first frame of
every shot, and each face is compared with every identity the registry holds. What a found face means for the job
(expected, a use to ask the door about, or a block) is decided by generation.services; this module only finds.

Find-my-face (generation.face_search) uses the same face finder on frames decoded from an uploaded video.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings

from cameos.registry import LikenessRegistry
from cameos.verification import IMPERSONATION_MAX
from cameos.verification.faces import Box, detect_faces, detect_faces_fast, encode_face

# A shot cut: the mean absolute difference of two neighbouring frames' 32x32 grey thumbnails, out of 255. Camera
# motion and a talking head stay under 12 in the reference renderer's clips; a cut between unrelated shots is
# 40 and more.
CUT_MIN_DIFFERENCE = 25.0
# A face smaller than this (its box's short side, in pixels) cannot be encoded reliably, and is not screened.
MIN_FACE_PX = 40
# Faces are searched on a copy of each screened frame about this long (a 720p frame at half size: 27 ms), where a
# face of about 80 px of the copy's is found; every FULL_SIZE_EVERY screened frames, and at each shot's start,
# at twice that scale too (the full frame, or a 360p frame upsampled once), where faces down to about 40 px show.
DETECT_LONG_SIDE = 640
FULL_SIZE_EVERY = 6
# A face that stays in place is encoded again after this long, or sooner when it looks different: the mean
# absolute difference of its 24x24 grey thumbnail, out of 255. The reference renderer's talking, moving head
# measured 4.5-14 between samples half a second apart; another fixture person's face pasted at the same place
# 38-62 (tests/generation/test_output_screening.py swaps one in mid-shot).
REENCODE_EVERY_S = 2.0
FACE_CHANGE_MAX = 12.0


@dataclass(frozen=True)
class FaceSighting:
    """One face seen in one frame."""

    frame_index: int
    time_s: float
    box: Box
    encoding: np.ndarray = field(repr=False)


@dataclass
class IdentitySighting:
    """An identity of the registry seen in a video: where, and how close the closest sighting was."""

    kind: str  # "cameo" or "protected"
    ref_id: str
    distance: float
    times_s: list[float]


def _grey_thumbnail(frame: np.ndarray) -> np.ndarray:
    height, width = frame.shape[:2]
    rows = np.linspace(0, height - 1, 32).astype(int)
    cols = np.linspace(0, width - 1, 32).astype(int)
    return frame[rows][:, cols].astype(np.float32).mean(axis=2)


def shot_cuts(frames: Sequence[np.ndarray]) -> list[int]:
    """The indices of frames that start a new shot (the first frame is not counted)."""
    cuts = []
    previous = None
    for index, frame in enumerate(frames):
        thumb = _grey_thumbnail(frame)
        if previous is not None and float(np.abs(thumb - previous).mean()) >= CUT_MIN_DIFFERENCE:
            cuts.append(index)
        previous = thumb
    return cuts


def screened_frame_indices(frames: Sequence[np.ndarray], fps: float, *, per_second: float | None = None) -> list[int]:
    """The frames to look at: evenly spaced, per_second of them for each second at least, and every shot's first."""
    per_second = per_second or settings.SCREENING_FRAMES_PER_S
    if not len(frames):
        return []
    step = max(1, int(fps // per_second))
    wanted = set(range(0, len(frames), step)) | set(shot_cuts(frames))
    return sorted(wanted)


def _find_faces(frame: np.ndarray, *, thorough: bool) -> list[Box]:
    """Faces on a copy about DETECT_LONG_SIDE px long (the cost of detection is the same at every resolution);
    thorough also searches the frame at twice that scale, where faces too small for the copy show: a larger
    frame at full size, a frame no longer than the copy upsampled once (a 360p render's 45 px face is found so,
    at about 80 ms a frame more, the cost of a 720p frame's full-size search). The upsampled search adds only the
    faces the frame's own scale missed: a face both find keeps its box, so the face tracked across frames is not
    encoded again for a box a few pixels off (13 encodings instead of 8 on bench_screening's 360p clip)."""
    step = max(1, round(max(frame.shape[:2]) / DETECT_LONG_SIDE))
    if step == 1:
        boxes = detect_faces(frame)
        if thorough:
            boxes += [box for box in detect_faces(frame, upsample=1) if all(_overlap(box, seen) < 0.3 for seen in boxes)]
        return boxes
    if thorough:
        return detect_faces_fast(frame, full_check=True)
    boxes = detect_faces(np.ascontiguousarray(frame[::step, ::step]))
    height, width = frame.shape[:2]
    return [
        (max(0, step * t), min(width - 1, step * r + step - 1), min(height - 1, step * b + step - 1), max(0, step * lf))
        for t, r, b, lf in boxes
    ]


def _overlap(a: Box, b: Box) -> float:
    """Intersection over union of two (top, right, bottom, left) boxes."""
    top, right, bottom, left = max(a[0], b[0]), min(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])
    inter = max(0, right - left) * max(0, bottom - top)
    area = lambda box: max(0, box[1] - box[3]) * max(0, box[2] - box[0])  # noqa: E731
    union = area(a) + area(b) - inter
    return inter / union if union else 0.0


def _face_thumbnail(frame: np.ndarray, box: Box) -> np.ndarray:
    top, right, bottom, left = box
    crop = frame[max(0, top) : max(top + 1, bottom), max(0, left) : max(left + 1, right)]
    rows = np.linspace(0, crop.shape[0] - 1, 24).astype(int)
    cols = np.linspace(0, crop.shape[1] - 1, 24).astype(int)
    return crop[rows][:, cols].astype(np.float32).mean(axis=2)


@dataclass
class _TrackedFace:
    shot: int
    box: Box
    thumbnail: np.ndarray
    encoding: np.ndarray
    encoded_at_s: float


def faces_in_frames(
    frames: Sequence[np.ndarray],
    fps: float,
    *,
    indices: Sequence[int] | None = None,
    times_s: Sequence[float] | None = None,
    cuts: set[int] | None = None,
) -> list[FaceSighting]:
    """Detect and encode every face in the screened frames (or the given ones).

    Encoding is the cost that matters (about 95 ms a face), so a face that stays put within a shot is encoded
    again only when it looks different (its thumbnail changed by FACE_CHANGE_MAX) or after REENCODE_EVERY_S;
    otherwise its last encoding stands for it. Faces are searched on a half-size copy of every screened frame,
    and on the full frame too at the start of each shot and every FULL_SIZE_EVERY screened frames, where a face
    too small for the half-size copy shows.

    times_s: each frame's time, for frames sampled unevenly (a decoded upload); else index / fps.
    cuts: the indices that start a shot, when frames are samples whose neighbours are not neighbouring frames.
    """
    indices = screened_frame_indices(frames, fps) if indices is None else list(indices)
    if cuts is None:
        cuts = set(shot_cuts(frames)) if indices else set()
    sightings: list[FaceSighting] = []
    tracked: list[_TrackedFace] = []
    shot = 0
    for number, index in enumerate(indices):
        frame = np.ascontiguousarray(frames[index])
        time_s = float(times_s[index]) if times_s is not None else index / fps
        shot_start = number == 0 or any(indices[number - 1] < cut <= index for cut in cuts)
        if shot_start:
            shot += 1
        for box in _find_faces(frame, thorough=shot_start or number % FULL_SIZE_EVERY == 0):
            top, right, bottom, left = box
            if min(bottom - top, right - left) < MIN_FACE_PX:
                continue
            thumbnail = _face_thumbnail(frame, box)
            same = next(
                (
                    face
                    for face in tracked
                    if face.shot == shot
                    and time_s - face.encoded_at_s < REENCODE_EVERY_S
                    and _overlap(face.box, box) >= 0.5
                    and float(np.abs(face.thumbnail - thumbnail).mean()) <= FACE_CHANGE_MAX
                ),
                None,
            )
            if same is None:
                same = _TrackedFace(shot, box, thumbnail, encode_face(frame, box), time_s)
                tracked.append(same)
            sightings.append(FaceSighting(frame_index=index, time_s=round(time_s, 3), box=box, encoding=same.encoding))
    return sightings


class BackgroundFaceFinder:
    """Finds the faces of a render's screened frames on a thread of its own, while the frames are encoded.

    It works on copies of the screened frames (the watermark changes the originals in place). dlib lets go of
    the GIL for much of detection and encoding, so on a worker with a spare core screening adds little wall time
    (bench/bench_screening.py). Call close() when done; nothing else may run dlib meanwhile.
    """

    def __init__(self, frames: Sequence[np.ndarray], fps: float) -> None:
        self.frame_count = len(frames)
        self.indices = screened_frame_indices(frames, fps)
        cut_frames = set(shot_cuts(frames))
        samples = [np.array(frames[index], copy=True) for index in self.indices]
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screening")
        self._future = self._pool.submit(
            faces_in_frames,
            samples,
            fps,
            indices=range(len(samples)),
            times_s=[index / fps for index in self.indices],
            cuts={number for number, index in enumerate(self.indices) if index in cut_frames},
        )

    def sightings(self) -> list[FaceSighting]:
        """The faces found (waits for the thread); frame_index is the frame's number in the render."""
        return [
            FaceSighting(self.indices[s.frame_index], s.time_s, s.box, s.encoding) for s in self._future.result()
        ]

    def face_boxes(self) -> list[list[Box]]:
        """Per frame of the render, the boxes found in the latest screened frame at or before it."""
        by_frame: dict[int, list[Box]] = {}
        for sighting in self.sightings():
            by_frame.setdefault(sighting.frame_index, []).append(tuple(sighting.box))
        screened = set(self.indices)
        boxes: list[list[Box]] = []
        current: list[Box] = []
        for frame in range(self.frame_count):
            if frame in screened:
                current = by_frame.get(frame, [])
            boxes.append(current)
        return boxes

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def identify_sightings(
    sightings: Sequence[FaceSighting], registry: LikenessRegistry, *, radius: float = IMPERSONATION_MAX
) -> list[IdentitySighting]:
    """The registry's identities within radius of the sighted faces, the closest first.

    The registry is brought up to date once, then each face is looked up in memory.
    """
    registry.ensure_current()
    found: dict[tuple[str, str], IdentitySighting] = {}
    for sighting in sightings:
        for (kind, ref_id), distance in registry.index.within(sighting.encoding, radius=radius).items():
            entry = found.get((kind, ref_id))
            if entry is None:
                found[(kind, ref_id)] = IdentitySighting(kind, ref_id, distance, [sighting.time_s])
            else:
                entry.distance = min(entry.distance, distance)
                if sighting.time_s not in entry.times_s:
                    entry.times_s.append(sighting.time_s)
    return sorted(found.values(), key=lambda e: e.distance)
