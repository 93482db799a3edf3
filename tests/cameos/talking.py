"""Builders of verification clips in which a real face (a fixture photo) reads digits aloud and turns its head.

A head pose is a warp of the head region only: the head is an ellipsoid (0.62 face-box widths across, 0.85 face-box
heights tall) that rotates about a vertical axis (yaw) or a horizontal one (pitch), so the nose, in the middle,
travels further than the cheeks and the jaw line. Around it a band (out to 1.0 box widths and 1.15 box heights)
stretches to meet the rotated head, and beyond that band every pixel stays exactly as it was (unlike
``videos.turned``, which warps whole columns and moves the background).

An open mouth drops the jaw and lower lip (a smooth warp of the real pixels, by up to MAX_JAW_DROP of the face box
height) and paints a dark mouth interior into the gap, so face_recognition's inner-lip landmarks (points 61-63 and
65-67 of the 68) move apart as the mouth opens: lips.mouth_opening on obama.jpg goes 0.22 -> 0.34 -> 0.47 for
mouth_open 0, 0.5, 1 (its lips are parted to begin with), on biden.jpg 0.00 -> 0.11 -> 0.23.

Directions are the subject's own: "left" turns the nose toward image right in an unmirrored clip (positive yaw).
Poses, with what the landmarks show on the frontal obama.jpg (nose tip across the jaw ends, -1..1, as
pose.yaw_score; nose tip between the eye line and the mouth corners, 0..1):

    center  yaw   0, pitch   0     nose across jaw +0.03   nose height 0.55
    left    yaw +35                                +0.40               0.54
    right   yaw -35                                -0.39               0.57
    up      pitch -25                              +0.04               0.46
    down    pitch +25                              +0.04               0.68

The warp adds to the pose the photo already has: biden.jpg, obama3.jpg, lin-manuel-miranda.png and
alex-lacamoire.png face a little to one side (+0.23 to +0.41 at the center), obama2.jpg a lot (-0.46), so their
"left" and "right" are not symmetric, and obama3.jpg loses its face in the "up" pose. Use obama.jpg where the
pose itself matters.

``talking_clip`` writes an honest clip: the person looks at the camera, reads the digits (espeak-ng) while turning
through the sequence (turn smoothly, hold, come back to the centre, rest, next step), and the mouth opens with the
loudness of the voice at each frame. The attack builders write clips that a check of head turns and voice alone
would accept: a still photo, a photo alternating with its mirror image, a photo that turns but never opens its
mouth, a mouth that moves with the voice one second late, and a mouth that moves at random moments.

Building is fast (a 5.7 s clip at 15 fps in about 0.9 s of CPU, half of it encoding): pose maps are cached per
pose, and frames per pose and mouth level (the opening is quantized to MOUTH_LEVELS levels).
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import face_recognition
import numpy as np

from tests.cameos.speech import resample as resample_audio
from tests.cameos.speech import spoken_digits
from tests.cameos.videos import AUDIO_RATE, FPS, FRAME_SIZE, Box, framed_face, write_mp4

YAW_DEGREES = 35.0
PITCH_DEGREES = 25.0
# (yaw, pitch) per direction; positive yaw = nose toward image right, positive pitch = nose down.
POSES: dict[str, tuple[float, float]] = {
    "center": (0.0, 0.0),
    "left": (YAW_DEGREES, 0.0),
    "right": (-YAW_DEGREES, 0.0),
    "up": (0.0, -PITCH_DEGREES),
    "down": (0.0, PITCH_DEGREES),
}
MOUTH_LEVELS = 8
# How far the nose tip stands out of the face, in face-box heights (for nods; see _pose_map).
NOSE_DEPTH = 0.3
# The jaw drops by up to this share of the face box height when the mouth is fully open.
MAX_JAW_DROP = 0.11
# Step timing, in seconds: turn, hold, come back, rest at the centre.
TURN_S, HOLD_S, BACK_S, REST_S = 0.4, 0.6, 0.4, 0.2
LEAD_S, TAIL_S = 0.5, 0.4
# Mouth opening from loudness: the level (dB) relative to the loudest 60 ms window, 0 below the floor.
MOUTH_FLOOR_DB = -30.0
MOUTH_WINDOW_S = 0.06
DELAY_ATTACK_S = 1.0
_INTERIOR = np.array([62.0, 18.0, 22.0])


@dataclass(frozen=True)
class TalkingClip:
    """A written clip and what was put in it, frame by frame."""

    path: Path
    digits: str
    sequence: tuple[str, ...]
    duration_s: float
    fps: int
    mirrored: bool
    speech_span_s: tuple[float, float]  # where the digits are spoken (first to last audible sample)
    times_s: tuple[float, ...]  # of each frame
    yaws: tuple[float, ...]  # posed yaw per frame, the subject's (before any mirroring)
    pitches: tuple[float, ...]
    mouths: tuple[float, ...]  # mouth opening per frame, 0..1 (quantized)
    flipped: tuple[bool, ...] = ()  # per frame, for photo_and_mirror_clip: whether the frame is the mirror image


# --- the face and its warps -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    """Where a framed face's head and mouth are, in frame pixels."""

    cx: float
    cy: float
    rx: float  # half-width of the rotating head (ellipsoid)
    ry: float  # half-height
    ax: float  # half-width of the warped region (head plus feathered band)
    ay: float
    mouth_x: float
    mouth_y: float  # the line where the lips meet
    mouth_width: float  # inner mouth, corner to corner
    chin_y: float
    face_h: float


def _digest(frame: np.ndarray) -> str:
    return hashlib.blake2b(np.ascontiguousarray(frame).tobytes(), digest_size=16).hexdigest()


_HEADS: dict[tuple[str, Box], _Head] = {}


def _head(frame: np.ndarray, box: Box) -> _Head:
    """The head geometry of a frame (cached by the frame's content: landmarks cost a few milliseconds)."""
    box = tuple(int(v) for v in box)
    key = (_digest(frame), box)
    if key in _HEADS:
        return _HEADS[key]
    top, right, bottom, left = box
    marks = face_recognition.face_landmarks(np.ascontiguousarray(frame), face_locations=[box], model="large")[0]
    top_lip = np.asarray(marks["top_lip"], dtype=np.float64)
    bottom_lip = np.asarray(marks["bottom_lip"], dtype=np.float64)
    inner = np.concatenate([top_lip[7:12], bottom_lip[7:12]])  # points 64-60 and 60, 67-65
    chin = np.asarray(marks["chin"], dtype=np.float64)
    width, height = right - left, bottom - top
    head = _Head(
        cx=(left + right) / 2,
        cy=top + 0.42 * height,
        rx=0.62 * width,
        ry=0.85 * height,
        ax=1.0 * width,
        ay=1.15 * height,
        mouth_x=float(inner[:, 0].mean()),
        mouth_y=float(inner[:, 1].mean()),
        mouth_width=float(abs(top_lip[7, 0] - top_lip[11, 0])),  # inner corners, points 64 and 60
        chin_y=float(chin[:, 1].max()),
        face_h=float(height),
    )
    if len(_HEADS) > 64:
        _HEADS.clear()
    _HEADS[key] = head
    return head


_LIMIT = math.pi / 2 * 0.98


def _unrotate(
    along: np.ndarray,
    across: np.ndarray,
    *,
    c: float,
    c_across: float,
    r: float,
    r_across: float,
    a: float,
    a_across: float,
    angle: float,
) -> np.ndarray:
    """Source coordinate along the rotation's direction, for output pixels (inverse of an ellipsoid rotation).

    Each line across the axis is a circle section of radius r(across) rotated by `angle`; from r to a the band
    is stretched linearly to meet it, and beyond a nothing moves.
    """
    if angle == 0.0:
        return along
    rel = np.clip((across - c_across) / r_across, -1.0, 1.0)
    radius = r * np.sqrt(np.clip(1.0 - rel**2, 0.0, None))
    rel_outer = np.clip((across - c_across) / a_across, -1.0, 1.0)
    outer = np.maximum(a * np.sqrt(np.clip(1.0 - rel_outer**2, 0.0, None)), radius + 1e-6)
    low_img = c + radius * np.sin(np.clip(-math.pi / 2 + angle, -_LIMIT, _LIMIT))
    high_img = c + radius * np.sin(np.clip(math.pi / 2 + angle, -_LIMIT, _LIMIT))
    source = along.astype(np.float64, copy=True)
    safe_radius = np.maximum(radius, 1e-6)
    inside = (along >= low_img) & (along <= high_img) & (radius > 0.5)
    theta = np.arcsin(np.clip((along - c) / safe_radius, -1.0, 1.0)) - angle
    rotated = c + radius * np.sin(np.clip(theta, -math.pi / 2, math.pi / 2))
    source = np.where(inside, rotated, source)
    lower = (along >= c - outer) & (along < low_img)
    stretch_low = (outer - radius) / np.maximum(low_img - (c - outer), 1e-6)
    source = np.where(lower, (c - outer) + (along - (c - outer)) * stretch_low, source)
    upper = (along > high_img) & (along <= c + outer)
    stretch_high = (outer - radius) / np.maximum((c + outer) - high_img, 1e-6)
    source = np.where(upper, (c + outer) - ((c + outer) - along) * stretch_high, source)
    return source


def _bilinear(frame: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The frame's colours at float pixel positions (bilinear), as float32 (n, 3) for 1-d xs, ys."""
    height, width = frame.shape[:2]
    xs = np.clip(xs, 0, width - 1.001)
    ys = np.clip(ys, 0, height - 1.001)
    x0 = xs.astype(np.intp)
    y0 = ys.astype(np.intp)
    fx = (xs - x0).astype(np.float32)[:, None]
    fy = (ys - y0).astype(np.float32)[:, None]
    flat = frame.reshape(-1, frame.shape[2])
    index = y0 * width + x0
    top = flat[index] * (1 - fx) + flat[index + 1] * fx
    bottom = flat[index + width] * (1 - fx) + flat[index + width + 1] * fx
    return top * (1 - fy) + bottom * fy


@functools.lru_cache(maxsize=64)
def _pose_map(
    head: _Head, width: int, height: int, yaw_deg: float, pitch_deg: float
) -> tuple[tuple[int, int, int, int], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For the warped region (x0, x1, y0, y1): output pixel positions and the posed source position of each."""
    x0, x1 = max(0, int(head.cx - head.ax) - 1), min(width, int(head.cx + head.ax) + 2)
    y0, y1 = max(0, int(head.cy - head.ay) - 1), min(height, int(head.cy + head.ay) + 2)
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float64)
    # Output -> (undo pitch) -> (undo yaw) -> posed source.
    src_y = _unrotate(
        ys,
        xs,
        c=head.cy,
        c_across=head.cx,
        r=head.ry,
        r_across=head.rx,
        a=head.ay,
        a_across=head.ax,
        angle=math.radians(pitch_deg),
    )
    src_x = _unrotate(
        xs,
        src_y,
        c=head.cx,
        c_across=head.cy,
        r=head.rx,
        r_across=head.ry,
        a=head.ax,
        a_across=head.ay,
        angle=math.radians(yaw_deg),
    )
    if pitch_deg:
        # The nose stands out of the face, so a nod moves its tip further than the ellipsoid moves the eyes and
        # lips around it; a flat warp underplays a nod (its pitch score moves half as far as a real one's).
        nose_y = head.mouth_y - 0.2 * head.face_h
        bump = np.exp(
            -(((xs - head.mouth_x) / (0.13 * head.face_h)) ** 2) - (((ys - nose_y) / (0.09 * head.face_h)) ** 2)
        )
        src_y = src_y - NOSE_DEPTH * head.face_h * math.sin(math.radians(pitch_deg)) * bump
    for array in (xs, ys, src_x, src_y):
        array.flags.writeable = False
    return (x0, x1, y0, y1), xs, ys, src_x, src_y


def posed_face(
    frame: np.ndarray, box: Box, *, yaw_deg: float = 0.0, pitch_deg: float = 0.0, mouth_open: float = 0.0
) -> np.ndarray:
    """The frame with only the head turned (yaw), tilted (pitch) and its mouth opened (0..1).

    Positive yaw turns the nose toward image right (the subject's own left); positive pitch tilts it down.
    Pixels outside the warped region (an ellipse reaching one face-box width either side of the box's centre and
    1.15 box heights above and below the eyes) keep their exact values. The frame needs a face at `box` (its
    landmarks place the mouth); a new array is returned, the input is not changed.
    """
    head = _head(frame, box)
    height, width = frame.shape[:2]
    opening = float(np.clip(mouth_open, 0.0, 1.0))
    if yaw_deg == 0.0 and pitch_deg == 0.0 and opening == 0.0:
        return np.array(frame, copy=True)
    (x0, x1, y0, y1), xs, ys, src_x, src_y = _pose_map(head, width, height, float(yaw_deg), float(pitch_deg))
    drop = opening * MAX_JAW_DROP * head.face_h
    photo_y = src_y
    paint = None
    if drop > 0.3:
        jaw_x = np.exp(-(((src_x - head.mouth_x) / (0.32 * head.face_h)) ** 2))
        gap = np.clip((src_y - head.mouth_y) / drop, 0.0, 1.0)
        below_chin = np.clip((head.chin_y + 0.3 * head.face_h - src_y) / (0.28 * head.face_h), 0.0, 1.0)
        photo_y = src_y - drop * jaw_x * gap * below_chin
        # The mouth interior: a dark ellipse filling the gap, with a soft one-pixel edge.
        rx = max(0.5 * head.mouth_width * (0.8 + 0.2 * opening), 1.0)
        ry = max(0.5 * drop, 0.6)
        dist = np.sqrt(((src_x - head.mouth_x) / rx) ** 2 + ((src_y - (head.mouth_y + 0.5 * drop)) / ry) ** 2)
        paint = np.clip(0.5 - (dist - 1.0) * min(rx, ry), 0.0, 1.0)[..., None]
    moved = (np.abs(src_x - xs) > 1e-6) | (np.abs(photo_y - ys) > 1e-6)
    if paint is not None:
        moved |= paint[..., 0] > 0
    colour = _bilinear(frame, src_x[moved], photo_y[moved])
    if paint is not None:
        alpha = paint[moved]
        colour = colour * (1 - alpha) + _INTERIOR * alpha
    out = np.array(frame, copy=True)
    out[y0:y1, x0:x1][moved] = np.clip(np.rint(colour), 0, 255).astype(np.uint8)
    return out


# --- timelines ------------------------------------------------------------------------------------------------


def _ease(progress: float) -> float:
    progress = min(1.0, max(0.0, progress))
    return 0.5 - 0.5 * math.cos(math.pi * progress)


def pose_schedule(
    turn_sequence: Sequence[str], times_s: Sequence[float], *, start_s: float, step_s: float
) -> list[tuple[float, float]]:
    """(yaw, pitch) at each time: from start_s, each step turns, holds, comes back and rests for step_s."""
    full = TURN_S + HOLD_S + BACK_S + REST_S
    turn, hold, back = (part * step_s / full for part in (TURN_S, HOLD_S, BACK_S))
    poses = []
    for t in times_s:
        index = int((t - start_s) // step_s) if t >= start_s else -1
        if index < 0 or index >= len(turn_sequence):
            poses.append((0.0, 0.0))
            continue
        yaw, pitch = POSES[turn_sequence[index]]
        into = t - start_s - index * step_s
        if into < turn:
            amount = _ease(into / turn)
        elif into < turn + hold:
            amount = 1.0
        else:
            amount = 1.0 - _ease((into - turn - hold) / back)
        poses.append((round(yaw * amount, 1), round(pitch * amount, 1)))
    return poses


def loudness_openings(audio: np.ndarray, rate: int, times_s: Sequence[float], *, delay_s: float = 0.0) -> list[float]:
    """Mouth opening 0..1 at each time from the loudness of the audio `delay_s` earlier, in MOUTH_LEVELS steps.

    Loudness is the full-band RMS over MOUTH_WINDOW_S, in dB below the loudest window, mapped linearly from
    MOUTH_FLOOR_DB (closed) to 0 dB (fully open). Deliberately not the verifier's speech_envelope.
    """
    samples = np.asarray(audio, dtype=np.float64)
    half = max(1, int(MOUTH_WINDOW_S * rate / 2))
    energy = np.concatenate([[0.0], np.cumsum(samples**2)])

    def level(t: float) -> float:
        centre = int(round(t * rate))
        lo, hi = max(0, centre - half), min(samples.size, centre + half)
        return float(energy[hi] - energy[lo]) / (hi - lo) if hi > lo else 0.0

    hop = MOUTH_WINDOW_S / 3
    peak = max(level(k * hop) for k in range(int(samples.size / rate / hop) + 1))
    peak = max(peak, 1e-12)
    openings = []
    for t in times_s:
        db = 10 * math.log10(max(level(t - delay_s), 1e-12) / peak)
        amount = min(1.0, max(0.0, 1.0 - db / MOUTH_FLOOR_DB))
        openings.append(round(amount * (MOUTH_LEVELS - 1)) / (MOUTH_LEVELS - 1))
    return openings


def random_openings(times_s: Sequence[float], *, span_s: tuple[float, float], seed: int) -> list[float]:
    """A mouth that opens and closes about three times a second during span_s, at random moments and sizes."""
    rng = np.random.default_rng(seed)
    start, end = span_s
    openings = []
    # Random syllables: bumps of random height and width, centred at random times over the span.
    count = max(2, int((end - start) * 3))
    centres = rng.uniform(start, end, count)
    widths = rng.uniform(0.08, 0.18, count)
    heights = rng.uniform(0.4, 1.0, count)
    for t in times_s:
        value = float(np.max(heights * np.exp(-(((t - centres) / widths) ** 2))))
        openings.append(round(min(1.0, value) * (MOUTH_LEVELS - 1)) / (MOUTH_LEVELS - 1))
    return openings


# --- clip builders --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    audio: np.ndarray  # at AUDIO_RATE, the whole clip
    duration_s: float
    times_s: list[float]
    speech_span_s: tuple[float, float]
    turns_start_s: float
    step_s: float


def _plan(
    turn_sequence: Sequence[str], digits: str, *, voice: str, speed: int, seconds: float | None, fps: int
) -> _Plan:
    """Where the reading and the turns go: the reading centred on the turns, both after a short lead-in."""
    speech, rate = spoken_digits(digits, voice=voice, speed=speed)
    audible = np.nonzero(np.abs(speech) > 0.01)[0]
    first, last = (audible[0], audible[-1]) if audible.size else (0, speech.size - 1)
    spoken = speech[first : last + 1]
    speech_s = spoken.size / rate
    full = TURN_S + HOLD_S + BACK_S + REST_S
    steps = max(1, len(turn_sequence))
    if seconds is None:
        turns_s = steps * full
        duration = LEAD_S + max(turns_s, speech_s) + TAIL_S
    else:
        duration = float(seconds)
        turns_s = max(duration - LEAD_S - TAIL_S, 0.5)
    step_s = turns_s / steps
    window = duration - LEAD_S - TAIL_S
    speech_start = LEAD_S + max(0.0, (window - speech_s) / 2)
    count = int(round(duration * fps))
    audio = np.zeros(int(round(duration * AUDIO_RATE)), dtype=np.float32)
    placed = resample_audio(spoken, rate, AUDIO_RATE)
    offset = int(round(speech_start * AUDIO_RATE))
    placed = placed[: max(0, audio.size - offset)]
    audio[offset : offset + placed.size] = placed
    span = (offset / AUDIO_RATE, (offset + placed.size) / AUDIO_RATE)
    return _Plan(
        audio=audio,
        duration_s=count / fps,
        times_s=[index / fps for index in range(count)],
        speech_span_s=span,
        turns_start_s=LEAD_S,
        step_s=step_s,
    )


def _render(
    path: Path,
    photo: Path,
    plan: _Plan,
    *,
    digits: str,
    turn_sequence: Sequence[str],
    poses: Sequence[tuple[float, float]],
    mouths: Sequence[float],
    fps: int,
    size: tuple[int, int],
    mirrored: bool = False,
    flipped: Sequence[bool] | None = None,
) -> TalkingClip:
    frame, box = framed_face(photo, size=size)
    cache: dict[tuple[float, float, float, bool], np.ndarray] = {}
    frames = []
    flips = list(flipped) if flipped is not None else [False] * len(poses)
    for (yaw, pitch), mouth, flip in zip(poses, mouths, flips, strict=True):
        key = (yaw, pitch, mouth, flip != mirrored)
        if key not in cache:
            posed = posed_face(frame, box, yaw_deg=yaw, pitch_deg=pitch, mouth_open=mouth)
            cache[key] = np.ascontiguousarray(posed[:, ::-1]) if flip != mirrored else posed
        frames.append(cache[key])
    write_mp4(path, frames, fps=fps, audio=plan.audio, audio_rate=AUDIO_RATE)
    return TalkingClip(
        path=path,
        digits=digits,
        sequence=tuple(turn_sequence),
        duration_s=plan.duration_s,
        fps=fps,
        mirrored=mirrored,
        speech_span_s=plan.speech_span_s,
        times_s=tuple(plan.times_s),
        yaws=tuple(p[0] for p in poses),
        pitches=tuple(p[1] for p in poses),
        mouths=tuple(mouths),
        flipped=tuple(flips) if flipped is not None else (),
    )


def _talking(
    path: Path,
    photo: Path,
    *,
    turn_sequence: Sequence[str],
    digits: str,
    voice: str,
    speed: int,
    seconds: float | None,
    mirrored: bool,
    fps: int,
    size: tuple[int, int],
    mouth: Callable[[_Plan], list[float]],
    still: bool = False,
) -> TalkingClip:
    sequence = [str(step).lower() for step in turn_sequence]
    unknown = [step for step in sequence if step not in POSES]
    if unknown:
        raise ValueError(f"unknown poses {unknown}; expected some of {sorted(POSES)}")
    plan = _plan(sequence, digits, voice=voice, speed=speed, seconds=seconds, fps=fps)
    if still:
        poses = [(0.0, 0.0)] * len(plan.times_s)
    else:
        poses = pose_schedule(sequence, plan.times_s, start_s=plan.turns_start_s, step_s=plan.step_s)
    return _render(
        path,
        photo,
        plan,
        digits=digits,
        turn_sequence=sequence,
        poses=poses,
        mouths=mouth(plan),
        fps=fps,
        size=size,
        mirrored=mirrored,
    )


def talking_clip(
    path: Path,
    photo: Path,
    *,
    turn_sequence: Sequence[str],
    digits: str,
    voice: str = "en-us",
    speed: int = 160,
    seconds: float | None = None,
    mirrored: bool = False,
    fps: int = FPS,
    size: tuple[int, int] = FRAME_SIZE,
) -> TalkingClip:
    """An honest clip: the face reads the digits while turning through the sequence, the mouth following the voice.

    seconds=None sizes the clip to fit the turns and the reading (about 1.6 s per step plus 0.9 s). mirrored=True
    flips every frame horizontally, as a front camera stores its preview when mirroring is on.
    """
    return _talking(
        path,
        photo,
        turn_sequence=turn_sequence,
        digits=digits,
        voice=voice,
        speed=speed,
        seconds=seconds,
        mirrored=mirrored,
        fps=fps,
        size=size,
        mouth=lambda plan: loudness_openings(plan.audio, AUDIO_RATE, plan.times_s),
    )


def still_photo_clip(
    path: Path,
    photo: Path,
    digits: str,
    *,
    voice: str = "en-us",
    speed: int = 160,
    seconds: float | None = None,
    fps: int = FPS,
    size: tuple[int, int] = FRAME_SIZE,
) -> TalkingClip:
    """Attack: the photo held still for the whole clip over the spoken digits (no head, no mouth motion)."""
    return _talking(
        path,
        photo,
        turn_sequence=[],
        digits=digits,
        voice=voice,
        speed=speed,
        seconds=seconds,
        mirrored=False,
        fps=fps,
        size=size,
        still=True,
        mouth=lambda plan: [0.0] * len(plan.times_s),
    )


def photo_and_mirror_clip(
    path: Path,
    photo: Path,
    turn_sequence: Sequence[str],
    digits: str,
    *,
    voice: str = "en-us",
    speed: int = 160,
    fps: int = FPS,
    size: tuple[int, int] = FRAME_SIZE,
) -> TalkingClip:
    """Attack: the still photo, then its mirror image, alternating with each step of the sequence, no motion.

    A slightly turned photo and its mirror image look like turns to a yaw check; the mouth never moves.
    """
    sequence = [str(step).lower() for step in turn_sequence]
    plan = _plan(sequence, digits, voice=voice, speed=speed, seconds=None, fps=fps)
    flipped = []
    for t in plan.times_s:
        index = int((t - plan.turns_start_s) // plan.step_s) if t >= plan.turns_start_s else -1
        flipped.append(0 <= index < len(sequence) and index % 2 == 0)
    count = len(plan.times_s)
    return _render(
        path,
        photo,
        plan,
        digits=digits,
        turn_sequence=sequence,
        poses=[(0.0, 0.0)] * count,
        mouths=[0.0] * count,
        fps=fps,
        size=size,
        flipped=flipped,
    )


def turning_photo_no_mouth_clip(
    path: Path,
    photo: Path,
    turn_sequence: Sequence[str],
    digits: str,
    *,
    voice: str = "en-us",
    speed: int = 160,
    fps: int = FPS,
    size: tuple[int, int] = FRAME_SIZE,
) -> TalkingClip:
    """Attack: the head turns through the sequence (background still) over the spoken digits, mouth always shut."""
    return _talking(
        path,
        photo,
        turn_sequence=turn_sequence,
        digits=digits,
        voice=voice,
        speed=speed,
        seconds=None,
        mirrored=False,
        fps=fps,
        size=size,
        mouth=lambda plan: [0.0] * len(plan.times_s),
    )


def delayed_mouth_clip(
    path: Path,
    photo: Path,
    turn_sequence: Sequence[str],
    digits: str,
    *,
    delay_s: float = DELAY_ATTACK_S,
    voice: str = "en-us",
    speed: int = 160,
    fps: int = FPS,
    size: tuple[int, int] = FRAME_SIZE,
) -> TalkingClip:
    """Attack: an honest-looking clip whose mouth follows the voice delay_s late (a dubbed or replayed mouth)."""
    return _talking(
        path,
        photo,
        turn_sequence=turn_sequence,
        digits=digits,
        voice=voice,
        speed=speed,
        seconds=None,
        mirrored=False,
        fps=fps,
        size=size,
        mouth=lambda plan: loudness_openings(plan.audio, AUDIO_RATE, plan.times_s, delay_s=delay_s),
    )


def random_mouth_clip(
    path: Path,
    photo: Path,
    turn_sequence: Sequence[str],
    digits: str,
    *,
    seed: int = 0,
    voice: str = "en-us",
    speed: int = 160,
    fps: int = FPS,
    size: tuple[int, int] = FRAME_SIZE,
) -> TalkingClip:
    """Attack: the head turns and the mouth opens about three times a second during the reading, at random moments."""
    return _talking(
        path,
        photo,
        turn_sequence=turn_sequence,
        digits=digits,
        voice=voice,
        speed=speed,
        seconds=None,
        mirrored=False,
        fps=fps,
        size=size,
        mouth=lambda plan: random_openings(plan.times_s, span_s=plan.speech_span_s, seed=seed),
    )
