"""Faces in frames with face_recognition (dlib HOG detector, 68-point landmarks, 128-d encodings).

face_recognition is imported on first use: importing it loads dlib's models (about 2 s), which web processes
that never verify should not pay.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
from PIL import Image

from cameos.verification.images import load_image, png_bytes
from sora_social.pillow_settings import refuse_truncated_images

# (top, right, bottom, left) in pixels, face_recognition's order.
Box = tuple[int, int, int, int]

# The HOG detector at upsample 0 finds faces from about 80 px wide. Verification frames are decoded with their
# long side at 640 px, so the face must fill roughly an eighth of the frame width or more: a selfie does.
VIDEO_UPSAMPLE = 0
# Photos of protected persons may show a smaller face: those get one upsampling pass if none is found.
PHOTO_MAX_SIDE = 1024
CROP_SIZE = 256
# The crop is this many face-box sizes wide, so that hair, ears and chin are in it.
CROP_SCALE = 2.0


class FaceCountError(ValueError):
    """An image that must show exactly one face shows none or several."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(f"expected exactly one face, found {count}")


@functools.cache
def _fr() -> ModuleType:
    import face_recognition  # lazy: it loads dlib's models (about 2 s); web processes never need them

    refuse_truncated_images()  # its import lets Pillow take truncated images, in the whole process
    return face_recognition


@dataclass
class FrameFaces:
    """What one sampled frame shows: all face boxes, and for a single face its landmarks and encoding."""

    boxes: list[Box]
    landmarks: dict[str, list[tuple[int, int]]] | None = None
    encoding: np.ndarray | None = None

    @property
    def count(self) -> int:
        return len(self.boxes)


def detect_faces(rgb: np.ndarray, *, upsample: int = VIDEO_UPSAMPLE) -> list[Box]:
    """Face boxes found by the HOG detector."""
    return [tuple(int(v) for v in box) for box in _fr().face_locations(rgb, upsample, model="hog")]


def analyze_frame(rgb: np.ndarray) -> FrameFaces:
    """Detect faces in a frame; when there is exactly one, add its 68 landmarks and its encoding."""
    rgb = np.ascontiguousarray(rgb)
    boxes = detect_faces(rgb)
    if len(boxes) != 1:
        return FrameFaces(boxes=boxes)
    fr = _fr()
    landmarks = fr.face_landmarks(rgb, face_locations=boxes, model="large")[0]
    encoding = fr.face_encodings(rgb, known_face_locations=boxes, num_jitters=1, model="small")[0]
    return FrameFaces(boxes=boxes, landmarks=landmarks, encoding=np.asarray(encoding, dtype=np.float64))


# Detection runs on a half-size copy when the frame is at least this wide: 6 ms instead of 21 ms for 640x360, and a
# selfie's face (150 px and more at 640) is still 75 px and more, inside the HOG window at upsample 0.
HALF_SIZE_MIN_SIDE = 480


def detect_faces_fast(rgb: np.ndarray, *, full_check: bool = False) -> list[Box]:
    """Face boxes in full-frame pixels, found on a half-size copy first and on the full frame if none was found.

    full_check also searches the full frame when the half-size copy found one face: a second, smaller face (under
    about 160 px at 640) is invisible at half size, so the engine looks at full size on every few frames.
    """
    if max(rgb.shape[:2]) >= HALF_SIZE_MIN_SIDE:
        half = np.ascontiguousarray(rgb[::2, ::2])
        boxes = detect_faces(half)
        if len(boxes) == 1 and full_check:
            full = detect_faces(rgb)
            if len(full) > 1:
                return full
        if boxes:
            height, width = rgb.shape[:2]
            return [
                (max(0, 2 * t), min(width - 1, 2 * r + 1), min(height - 1, 2 * b + 1), max(0, 2 * lf))
                for t, r, b, lf in boxes
            ]
    return detect_faces(rgb)


def analyze_frame_landmarks(
    rgb: np.ndarray, *, full_check: bool = False
) -> tuple[list[Box], dict[str, list[tuple[int, int]]] | None]:
    """All face boxes of a frame, and the 68 landmarks when there is exactly one face (no encoding: it is costly)."""
    rgb = np.ascontiguousarray(rgb)
    boxes = detect_faces_fast(rgb, full_check=full_check)
    if len(boxes) != 1:
        return boxes, None
    return boxes, _fr().face_landmarks(rgb, face_locations=boxes, model="large")[0]


def encode_face(rgb: np.ndarray, box: Box) -> np.ndarray:
    """The 128-d encoding of the face in box (about 90 ms here)."""
    rgb = np.ascontiguousarray(rgb)
    encoding = _fr().face_encodings(rgb, known_face_locations=[box], num_jitters=1, model="small")[0]
    return np.asarray(encoding, dtype=np.float64)


def encoding_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Euclidean distance between two face encodings (face_recognition's measure; 0.6 is its default tolerance)."""
    return float(np.linalg.norm(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)))


def identity_split_distance(encodings: list[np.ndarray]) -> float:
    """The largest distance between the mean encoding of a run of consecutive frames and that of the others.

    A person swapped in for part of a clip makes one run whose mean is far from the rest, whether the swap is at
    the end or in the middle, and even at half the frames, where a distance to the overall median or mean would
    sit halfway between the two people. Averaging also damps the noise of single frames.
    """
    matrix = np.asarray(encodings, dtype=np.float64)
    count = len(matrix)
    if count < 2:
        return 0.0
    prefix = np.concatenate([np.zeros((1, matrix.shape[1])), np.cumsum(matrix, axis=0)])
    total = prefix[-1]
    largest = 0.0
    for start in range(count):
        for end in range(start + 1, count + 1):
            size = end - start
            if size == count:
                continue
            run_mean = (prefix[end] - prefix[start]) / size
            rest_mean = (total - (prefix[end] - prefix[start])) / (count - size)
            largest = max(largest, float(np.linalg.norm(run_mean - rest_mean)))
    return largest


def face_crop_png(rgb: np.ndarray, box: Box, *, size: int = CROP_SIZE) -> bytes:
    """A square PNG of the face with room around it, padded by edge pixels where it passes the frame border."""
    top, right, bottom, left = box
    face = max(bottom - top, right - left)
    side = int(round(face * CROP_SCALE))
    # HOG boxes run from the brows to the chin: move the center up a little to take in the forehead.
    center_y = (top + bottom) / 2 - 0.1 * face
    center_x = (left + right) / 2
    y0 = int(round(center_y - side / 2))
    x0 = int(round(center_x - side / 2))
    height, width = rgb.shape[:2]
    pad = max(0, -y0, -x0, y0 + side - height, x0 + side - width)
    source = np.pad(rgb, ((pad, pad), (pad, pad), (0, 0)), mode="edge") if pad else rgb
    square = source[y0 + pad : y0 + pad + side, x0 + pad : x0 + pad + side]
    image = Image.fromarray(np.ascontiguousarray(square)).resize((size, size), Image.Resampling.LANCZOS)
    return png_bytes(np.asarray(image))


def face_encodings_from_image(image: bytes | str | Path) -> list[np.ndarray]:
    """The encoding of the one face in a photo (for the protected persons list); FaceCountError otherwise."""
    picture = np.ascontiguousarray(np.asarray(load_image(image, max_side=PHOTO_MAX_SIDE)))
    boxes = detect_faces(picture, upsample=0)
    if not boxes:
        boxes = detect_faces(picture, upsample=1)
    if len(boxes) != 1:
        raise FaceCountError(len(boxes))
    encoding = _fr().face_encodings(picture, known_face_locations=boxes, num_jitters=1, model="small")[0]
    return [np.asarray(encoding, dtype=np.float64)]
