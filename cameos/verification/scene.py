"""Whether a verification clip is one continuous shot: the background stays put, no mirrored frames, no cuts.

A person filming themselves moves their head; what is behind them stays where it was, give or take hand shake.
An edited clip gives itself away in the background: a frame swapped for its mirror image (the trick that turns one
still photo into a "left" and a "right") flips the background too, and a cut to other footage replaces it.

How: every frame is shrunk to a grey thumbnail (SMALL_LONG_SIDE px on its long side; green channel, which carries
most of the luminance, box-averaged, which also averages camera noise away). The head and body are masked out:
the face box grown generously (HEAD_GROW), the shoulders and body below it (BODY_WIDTH face widths wide, down to the
bottom edge), in both frames of a pair and mirrored as well. Over the background left, each frame is compared with
the one before by normalised cross-correlation (insensitive to exposure changes and lighting flicker), taking the
best over shifts of up to SHIFT thumbnail pixels (hand shake), both with the previous frame as it is ("direct") and
mirrored left-right ("flipped").
- A mirrored frame: flipped > MIRROR_MIN and flipped > direct + MIRROR_MARGIN.
- A cut: direct < CUT_FLOOR, or direct < CUT_MAX and below the clip's median direct correlation - CUT_DROP.
A background with hardly any texture (a plain wall, std below TEXTURE_MIN grey levels) cannot show either: such
frames are counted in `pairs_unjudged` and not flagged, and the next frame is compared with the last frame that could
be judged (so an inserted black frame does not hide a swap). A frame with no face box borrows the nearest frame's
box.

Calibration (the six fixture photos of shared/fixtures/faces framed at 640x360, as in
tests/cameos/test_pose_scene_quality.py; 75-frame clips whose head turns by up to 35 degrees, through a simulated
phone: hand shake of up to 3 px, exposure flicker of 8%, sensor noise of 4 grey levels, JPEG quality 75):
- honest clips: direct 0.87-0.99 between neighbours (median 0.95-0.99), flipped at most 0.17. The same with a
  random-walk shake of up to 12 px a frame (drifting to 36 px), 15% flicker, noise of 6 and JPEG 60: the lowest
  direct correlation is 0.76 and nothing is flagged.
- a still photo then its mirror image: at the swap direct -0.44 to 0.16, flipped 0.93-0.99.
- a cut to another photo: direct -0.24 to 0.31 at the cut, against a median of 0.93 or more.
- timing: 16-18 ms for 75 frames of 640x360 on an idle core (thumbnails 0.12 ms a frame, each pair's 18
  correlations about 0.1 ms); 30-40 ms when the machine is busy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # top, right, bottom, left, as face_recognition gives them

SMALL_LONG_SIDE = 96
SHIFT = 1
# The head mask: the face box grown to this many box widths wide, and from this many box heights above the box
# (hair, a raised chin) to below it (the neck); then the body, BODY_WIDTH box widths wide, to the bottom edge.
HEAD_GROW = 2.0
HEAD_ABOVE = 0.9
BODY_WIDTH = 3.4
# Below this much background (a fraction of the thumbnail) a pair is not judged.
BACKGROUND_MIN = 0.15
TEXTURE_MIN = 3.0
MIRROR_MIN = 0.6
MIRROR_MARGIN = 0.2
CUT_MAX = 0.5
CUT_DROP = 0.3
# Whatever the clip's typical level, a textured background this unlike the previous frame's is a cut.
CUT_FLOOR = 0.25
# Frames compared across a possible cross-fade (at 12 fps, 0.67 s apart).
FADE_LAG = 8

VIDEO_EDITED = "video_edited"


@dataclass(frozen=True)
class SceneCheck:
    """What the background says about a clip. reason is "video_edited" when a mirror or a cut was found."""

    # Frames whose background is the previous frame's mirrored.
    mirror_frames: list[int] = field(default_factory=list)
    # Frames whose background does not continue the previous frame's.
    cut_frames: list[int] = field(default_factory=list)
    # 1 - the lowest direct correlation between neighbouring frames (0: nothing moved).
    background_change: float = 0.0
    # The median direct correlation between neighbouring frames.
    typical_correlation: float = 1.0
    # Pairs of neighbours not judged (too little background, or too little texture in it).
    pairs_unjudged: int = 0
    reason: str | None = None


def _thumbnail(frame: np.ndarray) -> np.ndarray:
    """Grey thumbnail of a frame: green channel, every fourth pixel, box-averaged to SMALL_LONG_SIDE.

    Sampling every fourth pixel first keeps this at about 0.12 ms for a 640x360 frame (it reads a quarter of the
    rows); the box average over the remaining pixels still divides camera noise by about 1.7."""
    height, width = frame.shape[:2]
    scale = SMALL_LONG_SIDE / max(height, width)
    size = (max(8, round(width * scale)), max(8, round(height * scale)))
    channel = frame[::4, ::4, 1] if frame.ndim == 3 else frame[::4, ::4]
    small = Image.fromarray(np.ascontiguousarray(channel)).resize(size, Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32)


def _head_mask(shape: tuple[int, int], box: Box | None, scale_x: float, scale_y: float) -> np.ndarray:
    """True over the head and body of a thumbnail."""
    height, width = shape
    mask = np.zeros(shape, dtype=bool)
    if box is None:
        return mask
    top, right, bottom, left = box
    box_w, box_h = (right - left) * scale_x, (bottom - top) * scale_y
    center_x = (left + right) / 2 * scale_x
    head_top = top * scale_y - HEAD_ABOVE * box_h
    head_bottom = bottom * scale_y + 0.3 * box_h

    def span(lo: float, hi: float, limit: int) -> slice:
        return slice(max(0, int(np.floor(lo))), max(0, min(limit, int(np.ceil(hi)))))

    mask[
        span(head_top, head_bottom, height),
        span(center_x - HEAD_GROW * box_w / 2, center_x + HEAD_GROW * box_w / 2, width),
    ] = True
    mask[
        span(bottom * scale_y, height, height),
        span(center_x - BODY_WIDTH * box_w / 2, center_x + BODY_WIDTH * box_w / 2, width),
    ] = True
    return mask


def _filled_boxes(boxes: Sequence[Box | None]) -> list[Box | None]:
    """Each missing box replaced by the nearest frame's box (earlier wins a tie)."""
    known = [i for i, box in enumerate(boxes) if box is not None]
    if not known:
        return list(boxes)
    filled: list[Box | None] = []
    for i, box in enumerate(boxes):
        if box is not None:
            filled.append(box)
        else:
            nearest = min(known, key=lambda k: (abs(k - i), k))
            filled.append(boxes[nearest])
    return filled


def _best_correlations(before: np.ndarray, here: np.ndarray, keep: np.ndarray) -> tuple[float, float]:
    """The best normalised cross-correlation of here with before, and with before mirrored left-right, each over
    shifts of before by up to SHIFT pixels, over the pixels in keep (away from the border, so every shift fits)."""
    s = SHIFT
    height, width = here.shape
    inner = np.zeros_like(keep)
    inner[s : height - s, s : width - s] = keep[s : height - s, s : width - s]
    base = np.flatnonzero(inner)
    if base.size < 2:
        return 0.0, 0.0
    offsets = np.array([dy * width + dx for dy in range(-s, s + 1) for dx in range(-s, s + 1)])
    where = base[None, :] + offsets[:, None]
    # Rows: every shift of before, then every shift of before mirrored.
    candidates = np.concatenate([before.ravel()[where], before[:, ::-1].ravel()[where]])
    candidates -= candidates.mean(axis=1, keepdims=True)
    target = here.ravel()[base]
    target = target - target.mean()
    norms = np.sqrt(np.einsum("ij,ij->i", candidates, candidates) * float(target @ target))
    correlations = (candidates @ target) / np.maximum(norms, 1e-6)
    half = len(offsets)
    return float(correlations[:half].max()), float(correlations[half:].max())


def _mirrored_across(thumbs: list[np.ndarray], masks: list[np.ndarray]) -> list[int]:
    """Frames whose background is the mirror image of the one FADE_LAG frames before.

    Neighbouring frames miss a mirror image blended in slowly (a cross-fade over several frames changes each frame
    only a little); frames further apart straddle the fade. Only mirroring is judged at this distance: a hand-held
    phone may drift over FADE_LAG frames, which must not read as a cut.
    """
    found: list[int] = []
    for index in range(FADE_LAG, len(thumbs)):
        before, here = thumbs[index - FADE_LAG], thumbs[index]
        if before.shape != here.shape:
            continue
        covered = masks[index - FADE_LAG] | masks[index]
        covered = covered | covered[:, ::-1]
        keep = ~covered
        if keep.mean() < BACKGROUND_MIN or here[keep].std() < TEXTURE_MIN or before[keep].std() < TEXTURE_MIN:
            continue
        same, mirrored = _best_correlations(before, here, keep)
        if mirrored > MIRROR_MIN and mirrored > same + MIRROR_MARGIN:
            found.append(index)
    return found


def scene_check(frames: Sequence[np.ndarray], boxes: Sequence[Box | None]) -> SceneCheck:
    """Compare each frame's background with the previous frame's, as it is and mirrored: see the module docstring.

    frames are RGB (or grey) arrays of one clip in time order, boxes the face box per frame (None where no single
    face was found), in the frames' pixel coordinates.
    """
    if len(frames) != len(boxes):
        raise ValueError("frames and boxes must have the same length")
    if len(frames) < 2:
        return SceneCheck()
    thumbs = [_thumbnail(frame) for frame in frames]
    filled = _filled_boxes(boxes)
    masks = []
    for frame, thumb, box in zip(frames, thumbs, filled, strict=True):
        height, width = frame.shape[:2]
        masks.append(_head_mask(thumb.shape, box, thumb.shape[1] / width, thumb.shape[0] / height))

    direct: list[float | None] = []
    flipped: list[float | None] = []
    unjudged = 0
    # Each frame is compared with the last frame whose background could be judged: a blank or featureless frame in
    # between (a covered lens, an inserted black frame) is skipped, not a way to hide a swap.
    last = 0
    for index in range(1, len(frames)):
        before, here = thumbs[last], thumbs[index]
        if before.shape != here.shape:
            # The frame size changed mid-clip: a different source.
            direct.append(0.0)
            flipped.append(0.0)
            last = index
            continue
        covered = masks[last] | masks[index]
        covered = covered | covered[:, ::-1]
        keep = ~covered
        if keep.mean() < BACKGROUND_MIN:
            unjudged += 1
            direct.append(None)
            flipped.append(None)
            last = index
            continue
        if here[keep].std() < TEXTURE_MIN:
            unjudged += 1
            direct.append(None)
            flipped.append(None)
            continue
        if before[keep].std() < TEXTURE_MIN:
            unjudged += 1
            direct.append(None)
            flipped.append(None)
            last = index
            continue
        same, mirrored = _best_correlations(before, here, keep)
        direct.append(same)
        flipped.append(mirrored)
        last = index

    judged = [d for d in direct if d is not None]
    typical = float(np.median(judged)) if judged else 1.0
    mirror_frames: list[int] = _mirrored_across(thumbs, masks)
    cut_frames: list[int] = []
    for offset, (d, f) in enumerate(zip(direct, flipped, strict=True)):
        index = offset + 1
        if d is None or f is None:
            continue
        if f > MIRROR_MIN and f > d + MIRROR_MARGIN:
            if index not in mirror_frames:
                mirror_frames.append(index)
        elif d < CUT_FLOOR or (d < CUT_MAX and d < typical - CUT_DROP):
            cut_frames.append(index)
    mirror_frames.sort()
    edited = bool(mirror_frames or cut_frames)
    return SceneCheck(
        mirror_frames=mirror_frames,
        cut_frames=cut_frames,
        background_change=round(1.0 - max(0.0, min(judged)), 3) if judged else 0.0,
        typical_correlation=round(typical, 3),
        pairs_unjudged=unjudged,
        reason=VIDEO_EDITED if edited else None,
    )
