"""Whether a frame shows an unoccluded face of good quality: big enough, sharp enough, eyes, nose and mouth visible.

An impersonation attempt can hide what makes a face recognisable: a black bar over the eyes and a skin-coloured
patch over the nose tip took an existing cameo's face past the identity check. The landmark predictor still places
the 68 points on such a face (its shape model fills the gaps), usually inside or on the edge of the patch, so the
points alone prove nothing: the image content under them must look like a face part.

Method. The face is analysed in grey at a canonical scale: box height ANALYSIS_PX, faces larger than that are
box-averaged down, smaller ones are analysed as they are (upscaling would invent smoothness).
- Occlusion: around each part (each eye, the nose tip and nostrils, the lips) a window is taken from its landmarks,
  grown so that it still covers the part when the predictor has slid the points onto a patch's edge. An occluder
  pasted or held over the part is flat: a large connected area with almost no local variation (3x3 standard
  deviation below FLAT_LOCAL_STD grey levels) and one level (within FLAT_LEVEL of its median). Skin, eyes and lips
  always carry some shading, texture and camera noise. A part is occluded when such an area covers at least
  OCCLUDED_FRACTION of its window. A black bar is the darkest case of the same thing; a skin-coloured patch over the
  nose tip has no nostril shading.
- Sharpness: how steep the face's strongest edges are relative to its contrast: the 99th percentile of the
  gradient magnitude over the inner face divided by its 5-95 percentile grey range. Blur widens every edge, which
  lowers it whatever the lighting. (The variance of the Laplacian, normalised by the grey variance, separated less
  well: compression block edges keep it up on a blurred video frame.)
- Size: the face box height in pixels of a frame whose long side is 640 (verification decodes at that size). At
  MIN_FACE_PX = ANALYSIS_PX, the checks see the face at the scale they were calibrated at; a selfie at arm's length
  gives 150-300 px.
Occlusion is not judged on a blurry face: blur flattens everything, and such a face is refused anyway.

Calibration (face_recognition 1.3.0 landmarks; the seven fixture photos of shared/fixtures/faces framed at 640x360
by tests/cameos/videos.framed_face, face boxes 125-179 px; 26 frames of short_hamilton_clip.mp4 with one face, every
6th frame: Lin-Manuel Miranda at 72-104 px, and a blurred audience face at 72 px in frames 222-246):
- flat fraction of a part window: 0.00 on every fixture photo and every frame of Lin-Manuel Miranda (the mic and
  his hand near the mouth included). Attacks on the same faces, judged with the landmarks predicted on the attacked
  frame: a black bar over the eyes 0.63-1.00 per eye, a skin-coloured patch over the nose tip and nostrils
  0.38-0.93, a skin-toned patch over the lips 0.46-1.00. OCCLUDED_FRACTION = 0.25. (The windows also catch a patch
  that spills over: the mouth patch reads 0.22-0.55 in the nose window.)
- sharpness: fixture photos 0.32-0.46, Lin-Manuel Miranda's frames 0.32-0.68, the blurred audience face
  0.20-0.24. Blurred copies (Gaussian, sigma in frame pixels): sigma 1: fixtures 0.26-0.38, Lin 0.23-0.46;
  sigma 2: 0.20-0.29 and 0.16-0.32; sigma 2.5: 0.17-0.26 and 0.14-0.28; sigma 3: 0.15-0.23 and 0.13-0.25.
  SHARPNESS_MIN = 0.27: every fixture face passes with some margin (0.32), a face blurred by sigma 2.5 or more
  fails (bar the very sharpest stage frame, which needs sigma 3).
- face size: the framed fixture photos 125-179 px; Lin-Manuel Miranda 72-104 px, so most of his frames fail
  face_too_small (the stage clip is far from a selfie).
- timing: about 2.2 ms per call for a 150 px face on a 640x360 frame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from PIL import Image
from scipy import ndimage

Box = tuple[int, int, int, int]  # top, right, bottom, left
Landmarks = Mapping[str, Sequence[tuple[float, float]]]

ANALYSIS_PX = 96
MIN_FACE_PX = ANALYSIS_PX
SHARPNESS_MIN = 0.27
FLAT_LOCAL_STD = 2.0
FLAT_LEVEL = 3.0
OCCLUDED_FRACTION = 0.25

PARTS = ("left_eye", "right_eye", "nose", "mouth")
FACE_OCCLUDED = "face_occluded"
FACE_TOO_SMALL = "face_too_small"
FACE_BLURRY = "face_blurry"

_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)


@dataclass(frozen=True)
class FaceQuality:
    """The quality of one face in one frame; reasons is empty when it is good enough."""

    face_px: int
    sharpness: float
    # Parts whose window is mostly covered by something flat: some of "left_eye", "right_eye", "nose", "mouth"
    # (the eyes named as face_recognition names them: "left_eye" is the one on the image's left).
    occluded: list[str] = field(default_factory=list)
    # Some of "face_occluded", "face_too_small", "face_blurry".
    reasons: list[str] = field(default_factory=list)
    # Per part, the fraction of its window covered by one flat area (empty when occlusion was not judged).
    flat_fractions: dict[str, float] = field(default_factory=dict)

    @property
    def good(self) -> bool:
        return not self.reasons


def _grey_face(rgb: np.ndarray, box: Box) -> tuple[np.ndarray, float, float, float]:
    """The face and its surroundings in grey at the analysis scale, and (x0, y0, scale) to map points into it."""
    top, right, bottom, left = box
    height = max(1, bottom - top)
    margin = int(0.35 * height)
    y0, y1 = max(0, top - margin), min(rgb.shape[0], bottom + margin)
    x0, x1 = max(0, left - margin), min(rgb.shape[1], right + margin)
    region = rgb[y0:y1, x0:x1]
    grey = region.astype(np.float32) @ _LUMA if region.ndim == 3 else region.astype(np.float32)
    scale = min(1.0, ANALYSIS_PX / height)
    if scale < 1.0:
        size = (max(8, round(grey.shape[1] * scale)), max(8, round(grey.shape[0] * scale)))
        grey = np.asarray(Image.fromarray(grey).resize(size, Image.Resampling.BOX), dtype=np.float32)
    return grey, float(x0), float(y0), scale


def _sharpness(grey: np.ndarray, box: Box, x0: float, y0: float, scale: float) -> float:
    """Edge steepness of the inner face: p99 of the gradient magnitude over the p5-p95 grey range."""
    top, right, bottom, left = box
    width, height = right - left, bottom - top
    rows = slice(max(0, int((top + 0.10 * height - y0) * scale)), max(0, int((bottom - 0.05 * height - y0) * scale)))
    cols = slice(max(0, int((left + 0.12 * width - x0) * scale)), max(0, int((right - 0.12 * width - x0) * scale)))
    inner = grey[rows, cols].astype(np.float64)
    if inner.shape[0] < 4 or inner.shape[1] < 4:
        return 0.0
    gy, gx = np.gradient(inner)
    low, high = np.percentile(inner, (5, 95))
    if high - low < 1e-6:
        return 0.0
    return float(np.percentile(np.hypot(gx, gy), 99) / (high - low))


def _window(points: np.ndarray, grow_x: float, grow_y: float, min_height: float, shape: tuple[int, ...]) -> tuple:
    """A window around points (already in analysis coordinates), grown about its center."""
    low, high = points.min(axis=0), points.max(axis=0)
    center = (low + high) / 2
    size = (high - low) * (grow_x, grow_y)
    size[1] = max(size[1], min_height * size[0])
    (a_x, a_y), (b_x, b_y) = center - size / 2, center + size / 2
    rows = slice(max(0, int(a_y)), max(0, min(shape[0], int(np.ceil(b_y)) + 1)))
    cols = slice(max(0, int(a_x)), max(0, min(shape[1], int(np.ceil(b_x)) + 1)))
    return rows, cols


def _part_windows(grey: np.ndarray, landmarks: Landmarks, x0: float, y0: float, scale: float) -> dict[str, tuple]:
    def points(*parts: str, extra: Sequence[tuple[float, float]] = ()) -> np.ndarray:
        found = [p for part in parts for p in landmarks[part]] + list(extra)
        return (np.asarray(found, dtype=np.float64) - (x0, y0)) * scale

    return {
        # Eyes: wide enough for the corners, tall enough for the lids and the brow above.
        "left_eye": _window(points("left_eye"), 1.8, 1.0, 0.9, grey.shape),
        "right_eye": _window(points("right_eye"), 1.8, 1.0, 0.9, grey.shape),
        # The nose tip (point 30) and the nostrils (31-35), which a patch over the tip hides.
        "nose": _window(points("nose_tip", extra=[landmarks["nose_bridge"][-1]]), 1.8, 2.0, 0.0, grey.shape),
        "mouth": _window(points("top_lip", "bottom_lip"), 1.4, 2.0, 0.0, grey.shape),
    }


def _flat_fraction(window: np.ndarray) -> float:
    """The fraction of the window covered by one connected area that is flat and of one grey level."""
    if window.size == 0 or min(window.shape) < 3:
        return 0.0
    mean = ndimage.uniform_filter(window, 3)
    spread = np.sqrt(np.maximum(ndimage.uniform_filter(window * window, 3) - mean * mean, 0.0))
    labels, count = ndimage.label(spread < FLAT_LOCAL_STD)
    if count == 0:
        return 0.0
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    best = 0
    # Only areas that could reach the limit: camera noise leaves many small flat specks.
    for label in np.flatnonzero(sizes >= OCCLUDED_FRACTION * window.size * 0.5):
        area = labels == label
        level = np.median(window[area])
        core_labels, core_count = ndimage.label(area & (np.abs(window - level) <= FLAT_LEVEL))
        if core_count:
            best = max(best, int(np.bincount(core_labels.ravel())[1:].max()))
    return best / window.size


def face_quality(rgb: np.ndarray, box: Box, landmarks: Landmarks) -> FaceQuality:
    """Judge one face: its size, its sharpness, and whether both eyes, the nose and the mouth are visible.

    rgb is the frame (long side 640 in verification), box the face's (top, right, bottom, left) and landmarks
    face_recognition's 68 points for that face, as a dict of parts.
    """
    top, right, bottom, left = box
    face_px = int(bottom - top)
    grey, x0, y0, scale = _grey_face(np.asarray(rgb), box)
    sharpness = _sharpness(grey, box, x0, y0, scale)
    reasons: list[str] = []
    if face_px < MIN_FACE_PX:
        reasons.append(FACE_TOO_SMALL)
    if sharpness < SHARPNESS_MIN:
        reasons.append(FACE_BLURRY)
    occluded: list[str] = []
    fractions: dict[str, float] = {}
    if FACE_BLURRY not in reasons:
        for part, (rows, cols) in _part_windows(grey, landmarks, x0, y0, scale).items():
            fractions[part] = round(_flat_fraction(grey[rows, cols].astype(np.float64)), 3)
            if fractions[part] >= OCCLUDED_FRACTION:
                occluded.append(part)
        if occluded:
            reasons.insert(0, FACE_OCCLUDED)
    return FaceQuality(
        face_px=face_px,
        sharpness=round(sharpness, 3),
        occluded=occluded,
        reasons=reasons,
        flat_fractions=fractions,
    )
