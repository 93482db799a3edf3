"""Head pose (yaw) from 68-point face landmarks, and whether a clip's poses follow a turn challenge.

Directions are the subject's own: "left" means the person turned their head to their left. In an unmirrored
recording (what phone cameras store, the front camera included, unless mirroring is switched on) that moves the
nose toward the right of the image. A mirrored recording flips it; verify_video takes `mirrored=True` for that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

DIRECTIONS = ("left", "right", "center")

# Calibration of the yaw score (nose tip across the jaw line, -1..1, positive = nose toward image right):
# frontal fixture photos score -0.01 to 0.03 (obama.jpg 0.02); photos with the head a little turned score up to
# 0.3 (lin-manuel-miranda.png 0.29, biden.jpg 0.19). Warping obama.jpg like a yaw of 20 / 30 / 45 degrees gives
# 0.17-0.22 / 0.31 / 0.44-0.52. A real turn moves the nose further than that warp does, because the nose
# stands out from the face. Between the two limits a frame is not counted either way.
CENTER_MAX = 0.12
TURN_MIN = 0.22


def yaw_score(landmarks: Mapping[str, Sequence[tuple[int, int]]]) -> float:
    """Where the nose tip sits between the two ends of the jaw line: -1 far image-left, 0 middle, +1 far right."""
    chin = np.asarray(landmarks["chin"], dtype=np.float64)
    nose_tip = np.asarray(landmarks["nose_bridge"], dtype=np.float64)[-1]  # point 30 of the 68
    # Average the two outermost jaw points on each side: a single point jitters from frame to frame.
    left_x = chin[0:2, 0].mean()
    right_x = chin[15:17, 0].mean()
    span = right_x - left_x
    if span <= 1e-6:
        return 0.0
    return float(np.clip(2.0 * (nose_tip[0] - left_x) / span - 1.0, -1.0, 1.0))


def classify_yaw(score: float, *, mirrored: bool = False) -> str | None:
    """The subject's head direction for a yaw score, or None when it is between center and a clear turn."""
    if abs(score) <= CENTER_MAX:
        return "center"
    if abs(score) < TURN_MIN:
        return None
    toward_image_right = score > 0
    # Unmirrored: the nose moving to image right is the subject turning to their left.
    return "left" if toward_image_right != mirrored else "right"


def validate_turn_sequence(turn_sequence: Sequence[str]) -> list[str]:
    """Check a challenge's turn sequence: known directions, no direction twice in a row, at least one turn."""
    sequence = [str(step).lower() for step in turn_sequence]
    unknown = [step for step in sequence if step not in DIRECTIONS]
    if unknown:
        raise ValueError(f"unknown head directions {unknown}; expected some of {DIRECTIONS}")
    if not any(step in ("left", "right") for step in sequence):
        raise ValueError("a turn sequence needs at least one left or right turn")
    if any(a == b for a, b in zip(sequence, sequence[1:], strict=False)):
        raise ValueError("a turn sequence cannot repeat a direction twice in a row")
    return sequence


def observed_moves(labels: Iterable[str | None]) -> list[str]:
    """The poses a clip went through, in order: unknown frames dropped, repeats merged."""
    moves: list[str] = []
    for label in labels:
        if label is not None and (not moves or moves[-1] != label):
            moves.append(label)
    return moves


def follows_sequence(labels: Iterable[str | None], turn_sequence: Sequence[str]) -> bool:
    """Whether the poses of the frames, in time order, go through the turn sequence in order.

    The sequence must appear as a subsequence of the observed moves (other poses may come between). Since a
    sequence always holds a turn and never the same direction twice in a row, a clip that does not move cannot
    follow one, unless it holds a single turn; so a single-turn challenge also needs a center pose before it.
    """
    sequence = list(turn_sequence)
    if len(sequence) == 1:
        sequence = ["center", *sequence]
    moves = iter(observed_moves(labels))
    return all(any(move == step for move in moves) for step in sequence)
