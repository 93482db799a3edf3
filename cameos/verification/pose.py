"""Head pose (yaw and pitch) from 68-point face landmarks, and whether a clip's poses follow a turn challenge.

Directions are the person's own: "left" means the person turned their head to their own left. In an unmirrored
recording (what phone cameras store, the front camera included, unless mirroring is switched on) that moves the
nose toward the right of the image. A mirrored recording (a front-camera preview saved as shown) flips left and
right; every function that names a direction takes `mirrored=True` for that. "up" and "down" are the same in
both: "down" moves the nose toward the bottom of the image.

Scores (head_pose):
- yaw: where the nose tip sits between the two ends of the jaw line, -1 (image left) .. +1 (image right).
- pitch: where the nose tip sits between the eye line and the top of the upper lip, measured across the eye line
  so that a tilted (rolled) head reads the same; rescaled so that a typical frontal face reads 0 and +1 would be
  looking straight down. The upper lip, not the chin, because reading the digits aloud moves the jaw.

Calibration (face_recognition 1.3.0, 68-point "large" model, fixture photos of shared/fixtures/faces framed at
640x360 by tests/cameos/videos.framed_face):
- yaw: obama.jpg 0.03, obama_small.jpg 0.04; photos with the head somewhat turned read biden.jpg 0.27,
  lin-manuel-miranda.png 0.29, alex-lacamoire.png 0.40, obama2.jpg -0.44. obama.jpg and obama_small.jpg warped
  like a yaw of +/-35 degrees (tests' `turned`) read +0.39..+0.44 / -0.36..-0.40. A real turn moves the nose
  further than that warp, because the nose stands out from the face.
- pitch ratio (nose tip below the eye line / upper lip below the eye line): frontal photos 0.505 (biden) to 0.617
  (obama_small); mean 0.57 (PITCH_NEUTRAL_RATIO). obama3.jpg, with the chin raised, reads 0.365. A generic 3-D face
  model (eyes 135 mm and upper lip 80 mm behind the nose tip) gives d(ratio)/d(sin pitch) ~ 0.36
  (PITCH_RATIO_PER_UNIT), so the pitch score is roughly the sine of the pitch angle: frontal photos read -0.18 to
  +0.13, obama3.jpg -0.57. The tests' pitch warp (an ellipsoid head with a nose bump) of obama.jpg by -25 / -15 /
  +15 / +25 degrees reads -0.53 / -0.35 / +0.45 / +0.60. The ratio moves by at most 0.03 under the yaw warp.
- The pitch baseline differs from person to person (the fixtures span 0.3 in score) and with how high the phone is
  held (a camera below the eyes reads as looking up). pitch_baseline() measures it on the clip's opening frames,
  which the challenge spends at center; subtract it before classify_pose().
- Thresholds: yaw center <= 0.12, turned >= 0.22 (as before); pitch center <= 0.22 (~13 degrees), turned >= 0.35
  (~20 degrees). Between the limits a frame counts for nothing.
- Continuity (turn_continuity), in yaw/pitch score units per second:
  - Lin-Manuel Miranda singing in short_hamilton_clip.mp4 (fast, real head movements, frames 80-215) changes by
    at most 5.8/s between frames at 30 fps (step ratio 0.81 of the allowed step), 3.8-4.1/s at 15 fps (0.71-0.77)
    and 2.9-3.5/s at 10 fps (0.63-0.75), with no snap.
  - The tests' challenge clip (obama.jpg warped, each turn 0.3 s, through center): ratio 0.69 at 12 fps, 0.80 at
    15 fps. A direct up-to-down nod of 50 degrees in 0.4 s at 12 fps reads 1.05 with that warp (its pitch score
    is steeper than a real head's near center); the challenge asks for center between turns.
  - A still photo of obama.jpg turned 15-35 degrees (yaw +0.20 to +0.44) then its mirror image: a snap at 10, 12,
    15 and 30 fps, and too fast as well (ratio 0.87-1.88 at 10-12 fps, 1.15-3.3 at 15-30 fps).
  So a step may be JUMP_NOISE + MAX_RATE * dt = 0.12 + 3.5 * dt (0.41 at 12 fps, 0.35 at 15 fps, 0.24 at 30 fps),
  and a step of SNAP_MIN = 0.3 or more must have a neighbouring step of more than SNAP_ISOLATION = 0.25 of it.
"""

from __future__ import annotations

import itertools
import math
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

Landmarks = Mapping[str, Sequence[tuple[float, float]]]

TURNS = ("left", "right", "up", "down")
DIRECTIONS = (*TURNS, "center")

# Yaw score limits (see the module docstring).
CENTER_MAX = 0.12
TURN_MIN = 0.22
# Pitch: the ratio of a typical frontal face, and how far the ratio moves per unit of sin(pitch).
PITCH_NEUTRAL_RATIO = 0.57
PITCH_RATIO_PER_UNIT = 0.36
# Measured on the test clips' nod (a warp of a photo, with the nose tip standing out: tests/cameos/talking.py), a
# 25 degree nod moves the score by 0.15-0.23 from the clip's own center, while talking moves it by at most 0.06 at
# center. A warped photo underplays a nod (a real nose stands further out), so these limits are lenient; they must
# be checked again on real recordings. Frames between the limits count for nothing.
PITCH_CENTER_MAX = 0.08
PITCH_TURN_MIN = 0.14
# pitch_baseline() never moves the zero further than this: a clip that opens looking far up or down is not
# recentred onto it.
PITCH_BASELINE_MAX = 0.35
# The opening of a clip that pitch_baseline() reads.
BASELINE_SECONDS = 0.8

# Continuity: a step between neighbouring measured frames may be at most JUMP_NOISE + MAX_RATE * seconds apart.
MAX_RATE = 3.5
JUMP_NOISE = 0.12
# ... and a step of SNAP_MIN or more must not stand alone: the steps either side must exceed SNAP_ISOLATION of it.
SNAP_MIN = 0.3
SNAP_ISOLATION = 0.25

# A pose must hold for this many consecutive counted frames to count as a move (a single frame is landmark noise).
MIN_POSE_FRAMES = 2

# Every challenge: three turns, no direction twice in a row, the head back at center between turns. 4 * 3 * 3 = 36.
TURN_SEQUENCES: tuple[tuple[str, ...], ...] = tuple(
    seq for seq in itertools.product(TURNS, repeat=3) if all(a != b for a, b in itertools.pairwise(seq))
)
MIN_TURNS = 2


def _points(landmarks: Landmarks, part: str) -> np.ndarray:
    return np.asarray(landmarks[part], dtype=np.float64)


def yaw_score(landmarks: Landmarks) -> float:
    """Where the nose tip sits between the two ends of the jaw line: -1 far image-left, 0 middle, +1 far right.

    Measured along the eye line, so that a head tilted sideways (roll) reads the same as an upright one.
    """
    chin = _points(landmarks, "chin")
    nose_tip = _points(landmarks, "nose_bridge")[-1]  # point 30 of the 68
    across = _points(landmarks, "right_eye").mean(axis=0) - _points(landmarks, "left_eye").mean(axis=0)
    norm = float(np.hypot(*across))
    across = across / norm if norm > 1e-6 else np.array([1.0, 0.0])
    # Average the two outermost jaw points on each side: a single point jitters from frame to frame.
    left = float(chin[0:2].mean(axis=0) @ across)
    right = float(chin[15:17].mean(axis=0) @ across)
    span = right - left
    if span <= 1e-6:
        return 0.0
    return float(np.clip(2.0 * (float(nose_tip @ across) - left) / span - 1.0, -1.0, 1.0))


def pitch_ratio(landmarks: Landmarks) -> float:
    """How far down the nose tip sits from the eye line toward the top of the upper lip (about 0.57 frontal)."""
    left_eye = _points(landmarks, "left_eye").mean(axis=0)
    right_eye = _points(landmarks, "right_eye").mean(axis=0)
    across = right_eye - left_eye
    norm = float(np.hypot(*across))
    if norm <= 1e-6:
        return PITCH_NEUTRAL_RATIO
    down = np.array([-across[1], across[0]]) / norm  # perpendicular to the eye line, toward the chin
    eyes = (left_eye + right_eye) / 2
    nose_tip = _points(landmarks, "nose_bridge")[-1]
    upper_lip = _points(landmarks, "top_lip")[2:5].mean(axis=0)  # points 50-52, the top of the upper lip
    lip_depth = float((upper_lip - eyes) @ down)
    if lip_depth <= 1e-6:
        return PITCH_NEUTRAL_RATIO
    return float((nose_tip - eyes) @ down) / lip_depth


def head_pose(landmarks: Landmarks) -> tuple[float, float]:
    """(yaw, pitch) scores, both -1..1: yaw positive = nose toward image right, pitch positive = looking down."""
    pitch = (pitch_ratio(landmarks) - PITCH_NEUTRAL_RATIO) / PITCH_RATIO_PER_UNIT
    return yaw_score(landmarks), float(np.clip(pitch, -1.0, 1.0))


def pitch_baseline(
    yaws: Sequence[float | None],
    pitches: Sequence[float | None],
    times_s: Sequence[float] | None = None,
    *,
    seconds: float = BASELINE_SECONDS,
) -> float:
    """The pitch of this person's 'center' in this clip: the median over the opening frames that face the camera.

    The challenge opens at center (follows_sequence_exactly requires it), so the opening frames show how this face,
    filmed from this phone height, reads when looking at the camera. Frames within `seconds` of the first measured
    one (or the first 10 measured frames without times) with a yaw at center count. The result is clipped to
    +/- PITCH_BASELINE_MAX; 0.0 when no frame qualifies. Subtract it from the pitches before classify_pose().
    """
    measured = [
        (i, y, p) for i, (y, p) in enumerate(zip(yaws, pitches, strict=True)) if y is not None and p is not None
    ]
    if not measured:
        return 0.0
    if times_s is not None:
        start = times_s[measured[0][0]]
        opening = [p for i, y, p in measured if times_s[i] - start <= seconds and abs(y) <= CENTER_MAX]
    else:
        opening = [p for _, y, p in measured[:10] if abs(y) <= CENTER_MAX]
    if not opening:
        return 0.0
    return float(np.clip(np.median(opening), -PITCH_BASELINE_MAX, PITCH_BASELINE_MAX))


def _yaw_direction(yaw: float, *, mirrored: bool) -> str:
    # Unmirrored: the nose moving to image right is the person turning to their own left.
    return "left" if (yaw > 0) != mirrored else "right"


def classify_pose(yaw: float, pitch: float, *, mirrored: bool = False) -> str | None:
    """The person's head direction ("left", "right", "up", "down", "center"), or None when it is in between.

    Center needs both scores at center. A turn needs one score clearly turned and the other not turned: a head
    turned both ways at once (diagonal) counts for nothing, as do frames between center and a clear turn.
    """
    yaw_turned = abs(yaw) >= TURN_MIN
    pitch_turned = abs(pitch) >= PITCH_TURN_MIN
    if yaw_turned and pitch_turned:
        return None
    if yaw_turned:
        return _yaw_direction(yaw, mirrored=mirrored)
    if pitch_turned:
        return "down" if pitch > 0 else "up"
    if abs(yaw) <= CENTER_MAX and abs(pitch) <= PITCH_CENTER_MAX:
        return "center"
    return None


def classify_clip(
    yaws: Sequence[float | None],
    pitches: Sequence[float | None],
    times_s: Sequence[float] | None = None,
    *,
    mirrored: bool = False,
) -> list[str | None]:
    """classify_pose() for every frame of a clip, with the pitch measured from the clip's own center.

    Frames without a pose (None) stay None. The pitch zero is pitch_baseline() of the clip's opening frames, so a
    person whose face reads a little up or down at rest (proportions, phone height) still reads center there.
    """
    zero = pitch_baseline(yaws, pitches, times_s)
    return [
        None if yaw is None or pitch is None else classify_pose(yaw, pitch - zero, mirrored=mirrored)
        for yaw, pitch in zip(yaws, pitches, strict=True)
    ]


def classify_yaw(score: float, *, mirrored: bool = False) -> str | None:
    """The head direction for a yaw score alone ("left", "right", "center"), or None between center and a turn."""
    if abs(score) <= CENTER_MAX:
        return "center"
    if abs(score) < TURN_MIN:
        return None
    return _yaw_direction(score, mirrored=mirrored)


def random_turn_sequence() -> list[str]:
    """A challenge drawn uniformly from TURN_SEQUENCES with the secrets module (1 in 36 to guess)."""
    return list(secrets.choice(TURN_SEQUENCES))


def validate_turn_sequence(turn_sequence: Sequence[str]) -> list[str]:
    """Check a challenge's turn sequence and return it lower-cased.

    Known directions only, no direction twice in a row, and at least MIN_TURNS turns (a single turn is guessed
    one time in four). "center" may appear (older challenges end with it) but is implied between turns anyway.
    """
    sequence = [str(step).lower() for step in turn_sequence]
    unknown = [step for step in sequence if step not in DIRECTIONS]
    if unknown:
        raise ValueError(f"unknown head directions {unknown}; expected some of {DIRECTIONS}")
    if any(a == b for a, b in itertools.pairwise(sequence)):
        raise ValueError("a turn sequence cannot repeat a direction twice in a row")
    turns = [step for step in sequence if step != "center"]
    if len(turns) < MIN_TURNS:
        raise ValueError(f"a turn sequence needs at least {MIN_TURNS} turns")
    if any(a == b for a, b in itertools.pairwise(turns)):
        raise ValueError("a turn sequence cannot repeat a turn with only center between")
    return sequence


def observed_moves(labels: Iterable[str | None], *, min_frames: int = 1) -> list[str]:
    """The poses a clip went through, in order: unknown frames dropped, repeats merged.

    With min_frames > 1, a pose seen in fewer consecutive counted frames is dropped as noise (before merging, so
    that "left, up, left" with a one-frame "up" is a single left).
    """
    runs: list[tuple[str, int]] = []
    for label in labels:
        if label is None:
            continue
        if runs and runs[-1][0] == label:
            runs[-1] = (label, runs[-1][1] + 1)
        else:
            runs.append((label, 1))
    moves: list[str] = []
    for label, count in runs:
        if count >= min_frames and (not moves or moves[-1] != label):
            moves.append(label)
    return moves


def observed_turns(labels: Iterable[str | None], *, min_frames: int = MIN_POSE_FRAMES) -> list[str]:
    """The turns a clip made, in order: moves with "center" dropped. Two lefts with center between are two turns."""
    return [move for move in observed_moves(labels, min_frames=min_frames) if move != "center"]


def follows_sequence_exactly(
    labels: Iterable[str | None], turn_sequence: Sequence[str], *, min_frames: int = MIN_POSE_FRAMES
) -> bool:
    """Whether the clip made exactly the challenge's turns, in order, starting from center.

    labels are classify_pose() per frame in time order (None for frames without a face or in between poses).
    - Exact: the observed turns must equal the sequence's turns. A clip with an extra turn (left, right, left,
      right for the challenge left, right, left) is refused, like one that misses a turn: a clip that turns every
      way does not answer every challenge.
    - From center: the first counted pose must be center. The first turn must be seen being made; a clip that opens
      already turned may have had its start cut off, and pitch_baseline() reads the opening frames as center.
      Honest users start by looking at the camera to read the digits. The end is free: the clip may stop while
      the head is still turned.
    - A pose held for fewer than min_frames consecutive counted frames is ignored as landmark noise (at 12-15 fps,
      two frames are 0.13-0.17 s; a held turn lasts several times that).
    A turn back to the same side after center counts twice ("left, center, left" is two lefts).
    """
    wanted = [step for step in turn_sequence if step != "center"]
    moves = observed_moves(labels, min_frames=min_frames)
    if not moves or moves[0] != "center":
        return False
    return [move for move in moves if move != "center"] == wanted


@dataclass(frozen=True)
class Continuity:
    """Whether the head moved smoothly: no pose jumps between neighbouring measured frames."""

    # The fastest change seen between neighbouring measured frames, in score units per second (yaw or pitch).
    max_rate_per_s: float
    # The largest step relative to the allowed one (JUMP_NOISE + MAX_RATE * dt); above 1 is a jump.
    max_step_ratio: float
    # Indices of the frames a jump (too fast, or a snap: a large change with the head still on both sides) lands on.
    jumps: list[int] = field(default_factory=list)
    # Single frames that leave and come straight back (a landmark glitch), not counted as jumps.
    glitches: list[int] = field(default_factory=list)
    # No jumps.
    continuous: bool = True


def _allowed_step(dt: float) -> float:
    return JUMP_NOISE + MAX_RATE * max(dt, 0.0)


_Point = tuple[int, float, float, float]  # frame index, yaw, pitch, time


def _step(a: _Point, b: _Point) -> float:
    return max(abs(b[1] - a[1]), abs(b[2] - a[2]))


def _too_fast(a: _Point, b: _Point) -> bool:
    return _step(a, b) > _allowed_step(b[3] - a[3])


def _isolated(points: list[_Point], steps: list[float], k: int) -> bool:
    """Whether the step into points[k] is between neighbouring frames with the head still on both sides.

    Only for frames with nothing missing between them: a face lost for a frame or two mid-turn (motion blur, a far
    turn) hides the motion, and the step across the gap carries most of the turn. A neighbouring step across a gap
    cannot show stillness either; at the ends of the clip there is no neighbouring step to look at.
    """
    if points[k][0] != points[k - 1][0] + 1:
        return False
    for j in (k - 1, k + 1):  # the steps into points[k - 1] and into points[k + 1]
        if 1 <= j < len(points):
            if points[j][0] != points[j - 1][0] + 1 or steps[j - 1] > SNAP_ISOLATION * steps[k - 1]:
                return False
    return True


def turn_continuity(
    yaws: Sequence[float | None], pitches: Sequence[float | None], times_s: Sequence[float]
) -> Continuity:
    """Refuse clips whose head pose jumps between neighbouring frames.

    Two signs of a jump between neighbouring measured frames (frames without a pose, None, are skipped and the next
    measured frame is compared with the last one across the gap, allowing for its length):
    - too fast: a step larger than JUMP_NOISE + MAX_RATE * dt. A real head turns at most about MAX_RATE score
      units a second; a still photo followed by its mirror image jumps from +s to -s (at least 0.44 for two counted
      turns) within one frame.
    - a snap: a step of at least SNAP_MIN between consecutive frames with the head still on both sides (the steps
      before and after are at most SNAP_ISOLATION of it). A real turn, however brisk, spreads over several frames
      at 10-30 fps and speeds up and slows down; an edit changes the pose all at once. Not judged across frames
      without a pose (see _isolated): there scene_check() sees a swapped or mirrored background instead.
    A single frame that jumps away and straight back (its neighbours agree with each other) is a landmark glitch,
    reported in glitches rather than jumps; follows_sequence_exactly() ignores one-frame poses as well.
    """
    if not (len(yaws) == len(pitches) == len(times_s)):
        raise ValueError("yaws, pitches and times_s must have the same length")
    points: list[_Point] = [
        (i, float(y), float(p), float(t))
        for i, (y, p, t) in enumerate(zip(yaws, pitches, times_s, strict=True))
        if y is not None and p is not None
    ]
    steps = [_step(a, b) for a, b in itertools.pairwise(points)]

    max_rate = 0.0
    max_ratio = 0.0
    jumps: list[int] = []
    glitches: list[int] = []
    for k in range(1, len(points)):
        before, here = points[k - 1], points[k]
        step = steps[k - 1]
        dt = here[3] - before[3]
        if dt > 0:
            max_rate = max(max_rate, step / dt)
        max_ratio = max(max_ratio, step / _allowed_step(dt))
        if step >= SNAP_MIN and _isolated(points, steps, k):
            jumps.append(here[0])
            continue
        if not _too_fast(before, here):
            continue
        # A glitch: this frame jumps, the next jumps back, and the frames either side agree.
        if k + 1 < len(points) and _too_fast(here, points[k + 1]) and not _too_fast(before, points[k + 1]):
            glitches.append(here[0])
            continue
        # The frame after a glitch jumps back to where it came from: that is not a jump either.
        if glitches and glitches[-1] == before[0] and k >= 2 and not _too_fast(points[k - 2], here):
            continue
        jumps.append(here[0])
    if not math.isfinite(max_rate):
        max_rate = 0.0
    return Continuity(
        max_rate_per_s=round(max_rate, 3),
        max_step_ratio=round(max_ratio, 3),
        jumps=jumps,
        glitches=glitches,
        continuous=not jumps,
    )
