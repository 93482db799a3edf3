"""Lip sync on real faces: honest talking clips are in sync, photo and puppet attacks are not.

Clips are built by tests/cameos/talking.py from the face fixtures and espeak-ng digits, written as H.264 + AAC, and
decoded back; every frame goes through face_recognition (HOG boxes, 68 landmarks) as the verification engine does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import av
import face_recognition
import numpy as np
import pytest

from cameos.verification.lips import (
    MAX_SYNC_LAG_S,
    MIN_CORRELATION,
    MIN_MOUTH_RANGE,
    lip_sync,
    mouth_opening,
    speech_envelope,
    speech_span,
)
from tests.cameos import talking
from tests.cameos.speech import SPEEDS, VOICES, require_espeak
from tests.cameos.videos import framed_face

ANALYSIS_RATE = 16_000
# Four voices (male and female, American, British, Scottish) at both speeds; 4 to 6 digits; 2 or 3 steps.
HONEST_CASES = [
    (voice, speed, digits, sequence)
    for voice, digits, sequence in (
        ("en-us", "530917", ("left", "up", "right")),
        ("en-gb", "4821", ("right", "left")),
        ("en-us+f3", "71936", ("up", "left", "down")),
        ("en-gb-scotland+m3", "60284", ("left", "right", "up")),
    )
    for speed in SPEEDS
]
assert {voice for voice, *_ in HONEST_CASES} <= set(VOICES)


@dataclass(frozen=True)
class Analysed:
    """A decoded clip: the mouth opening per frame (None without a single face) and the audio at 16 kHz."""

    openings: list[float | None]
    times_s: list[float]
    audio: np.ndarray
    landmarks: list[dict | None]


def _face_boxes(rgb: np.ndarray, near: tuple[int, int, int, int] | None) -> list[tuple[int, int, int, int]]:
    """HOG face boxes; around the previous frame's box when there is one (a third of the pixels, same boxes)."""
    if near is not None:
        top, right, bottom, left = near
        margin = bottom - top
        y0, x0 = max(0, top - margin), max(0, left - margin)
        crop = rgb[y0 : bottom + margin, x0 : right + margin]
        boxes = face_recognition.face_locations(crop, 0)
        if len(boxes) == 1:
            return [(t + y0, r + x0, b + y0, lft + x0) for t, r, b, lft in boxes]
    return face_recognition.face_locations(rgb, 0)


def analyse(path: Path, *, around: tuple[float, float] | None = None) -> Analysed:
    """Decode the frames and the audio, and measure the mouth on each frame like the engine does.

    Only frames within 0.4 s of `around` and of the audio's own speech span are measured (lip_sync uses no other).
    """
    resampler = av.AudioResampler(format="flt", layout="mono", rate=ANALYSIS_RATE)
    chunks = []
    with av.open(str(path)) as container:
        for frame in container.decode(audio=0):
            chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
        chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    audio = np.concatenate(chunks)
    spans = [s for s in (around, speech_span(audio, rate=ANALYSIS_RATE)) if s is not None]
    start = min(s[0] for s in spans) - 0.4 if spans else 0.0
    end = max(s[1] for s in spans) + 0.4 if spans else math.inf

    openings: list[float | None] = []
    times: list[float] = []
    marks: list[dict | None] = []
    previous = None
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        for frame in container.decode(stream):
            time_s = float(frame.pts * stream.time_base)
            if not start <= time_s <= end:
                continue
            rgb = frame.to_ndarray(format="rgb24")
            times.append(time_s)
            boxes = _face_boxes(rgb, previous)
            previous = boxes[0] if len(boxes) == 1 else None
            if len(boxes) != 1:
                openings.append(None)
                marks.append(None)
                continue
            landmarks = face_recognition.face_landmarks(rgb, face_locations=boxes, model="large")[0]
            openings.append(mouth_opening(landmarks))
            marks.append(landmarks)
    return Analysed(openings=openings, times_s=times, audio=audio, landmarks=marks)


def sync_of(clip: talking.TalkingClip, *, use_span: bool = True):
    found = analyse(clip.path, around=clip.speech_span_s)
    span = clip.speech_span_s if use_span else None
    return lip_sync(found.openings, found.times_s, found.audio, rate=ANALYSIS_RATE, span=span)


@pytest.fixture(scope="module")
def obama(faces_dir) -> Path:
    require_espeak()
    return faces_dir / "obama.jpg"


@pytest.fixture(scope="module")
def clips_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("talking")


# --- honest clips ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("voice", "speed", "digits", "sequence"), HONEST_CASES)
def test_honest_clip_is_in_sync(obama, clips_dir, voice, speed, digits, sequence):
    clip = talking.talking_clip(
        clips_dir / f"honest-{voice}-{speed}.mp4",
        obama,
        turn_sequence=sequence,
        digits=digits,
        voice=voice,
        speed=speed,
    )
    found = analyse(clip.path, around=clip.speech_span_s)

    result = lip_sync(found.openings, found.times_s, found.audio, rate=ANALYSIS_RATE, span=clip.speech_span_s)
    whole_clip = lip_sync(found.openings, found.times_s, found.audio, rate=ANALYSIS_RATE, span=None)

    assert result.in_sync, result
    assert result.correlation >= MIN_CORRELATION + 0.1, result  # a margin over the threshold
    assert abs(result.lag_s) <= 0.1, result
    assert result.mouth_range >= 1.5 * MIN_MOUTH_RANGE, result
    assert whole_clip.in_sync, whole_clip
    assert sum(o is None for o in found.openings) <= 2  # the face is found while it turns and talks


def test_honest_clip_of_another_face_is_in_sync(faces_dir, clips_dir):
    require_espeak()
    clip = talking.talking_clip(
        clips_dir / "honest-biden.mp4",
        faces_dir / "biden.jpg",
        turn_sequence=("left", "down"),
        digits="8153",
        voice="en-029+f2",
        speed=SPEEDS[0],
    )
    result = sync_of(clip)
    assert result.in_sync, result


# --- attacks ----------------------------------------------------------------------------------------------------


def test_still_photo_with_spoken_digits_is_not_in_sync(obama, clips_dir):
    clip = talking.still_photo_clip(clips_dir / "still.mp4", obama, "530917", voice="en-us", speed=SPEEDS[0])
    result = sync_of(clip)
    assert not result.in_sync, result
    assert result.mouth_range < MIN_MOUTH_RANGE / 3, result


def test_photo_and_its_mirror_are_not_in_sync(obama, clips_dir):
    clip = talking.photo_and_mirror_clip(clips_dir / "mirror.mp4", obama, ("left", "right", "left"), "4821")
    result = sync_of(clip)
    assert any(clip.flipped) and not all(clip.flipped)
    assert not result.in_sync, result
    assert result.mouth_range < MIN_MOUTH_RANGE, result


def test_turning_photo_that_never_opens_its_mouth_is_not_in_sync(obama, clips_dir):
    clip = talking.turning_photo_no_mouth_clip(
        clips_dir / "no-mouth.mp4", obama, ("left", "up", "right", "down"), "530917", speed=SPEEDS[0]
    )
    result = sync_of(clip)
    assert max(map(abs, clip.yaws)) == talking.YAW_DEGREES and max(map(abs, clip.pitches)) == talking.PITCH_DEGREES
    assert not result.in_sync, result
    assert result.mouth_range < MIN_MOUTH_RANGE, result


@pytest.mark.parametrize("seed", [0, 1])
def test_mouth_opening_at_random_times_is_not_in_sync(obama, clips_dir, seed):
    clip = talking.random_mouth_clip(
        clips_dir / f"random-{seed}.mp4", obama, ("left", "right", "up"), "530917", seed=seed, speed=SPEEDS[0]
    )
    result = sync_of(clip)
    assert result.mouth_range >= MIN_MOUTH_RANGE, result  # the mouth does move...
    assert not result.in_sync, result  # ...but not with the voice


def test_mouth_following_the_voice_a_second_late_is_not_in_sync(obama, clips_dir):
    clip = talking.delayed_mouth_clip(
        clips_dir / "delayed.mp4", obama, ("left", "right", "up"), "530917", speed=SPEEDS[0]
    )
    result = sync_of(clip)
    assert result.mouth_range >= MIN_MOUTH_RANGE, result
    assert not result.in_sync, result
    assert result.correlation < MIN_CORRELATION or abs(result.lag_s) > MAX_SYNC_LAG_S, result


# --- the clip builders ----------------------------------------------------------------------------------------


def _landmarks(frame: np.ndarray) -> dict:
    boxes = face_recognition.face_locations(frame, 0)
    assert len(boxes) == 1
    return face_recognition.face_landmarks(frame, face_locations=boxes, model="large")[0]


def _nose_across_jaw(landmarks: dict) -> float:
    """Nose tip between the two jaw ends: -1 at the image-left end, +1 at the image-right end."""
    chin = np.asarray(landmarks["chin"], dtype=np.float64)
    nose = np.asarray(landmarks["nose_bridge"], dtype=np.float64)[-1]
    left, right = chin[0:2, 0].mean(), chin[15:17, 0].mean()
    return 2 * (nose[0] - left) / (right - left) - 1


def _nose_between_eyes_and_mouth(landmarks: dict) -> float:
    """Nose tip between the eye line (0) and the mouth corners (1), vertically."""
    eyes = (np.mean(landmarks["left_eye"], axis=0) + np.mean(landmarks["right_eye"], axis=0)) / 2
    lip = np.asarray(landmarks["top_lip"], dtype=np.float64)
    corners = (lip[0] + lip[6]) / 2
    nose = np.asarray(landmarks["nose_bridge"], dtype=np.float64)[-1]
    return (nose[1] - eyes[1]) / (corners[1] - eyes[1])


def test_landmark_yaw_changes_sign_between_left_and_right(faces_dir):
    frame, box = framed_face(faces_dir / "obama.jpg")
    left_yaw, left_pitch = talking.POSES["left"]
    right_yaw, right_pitch = talking.POSES["right"]

    centre = _nose_across_jaw(_landmarks(frame))
    left = _nose_across_jaw(_landmarks(talking.posed_face(frame, box, yaw_deg=left_yaw, pitch_deg=left_pitch)))
    right = _nose_across_jaw(_landmarks(talking.posed_face(frame, box, yaw_deg=right_yaw, pitch_deg=right_pitch)))

    # "left" is the subject's own left: the nose moves toward image right in an unmirrored frame.
    assert abs(centre) < 0.1
    assert left > 0.3 and right < -0.3, (left, centre, right)


@pytest.mark.parametrize("photo", ["biden.jpg", "obama3.jpg"])
def test_landmark_yaw_moves_the_right_way_on_turned_photos(faces_dir, photo):
    # Photos whose face is already a little turned: the warp still moves the nose the right way.
    frame, box = framed_face(faces_dir / photo)
    scores = [
        _nose_across_jaw(_landmarks(talking.posed_face(frame, box, yaw_deg=yaw)))
        for yaw in (-talking.YAW_DEGREES, 0.0, talking.YAW_DEGREES)
    ]
    assert scores[0] < scores[1] - 0.15 and scores[2] > scores[1] + 0.15, scores


def test_landmark_pitch_moves_the_nose_toward_the_mouth_when_looking_down(faces_dir):
    frame, box = framed_face(faces_dir / "obama.jpg")
    up, centre, down = (
        _nose_between_eyes_and_mouth(_landmarks(talking.posed_face(frame, box, pitch_deg=talking.POSES[pose][1])))
        for pose in ("up", "center", "down")
    )
    assert up < centre - 0.05 and down > centre + 0.05, (up, centre, down)


@pytest.mark.parametrize("yaw", [0.0, talking.YAW_DEGREES, -talking.YAW_DEGREES])
def test_mouth_opening_grows_with_mouth_open(faces_dir, yaw):
    frame, box = framed_face(faces_dir / "obama.jpg")
    openings = [
        mouth_opening(_landmarks(talking.posed_face(frame, box, yaw_deg=yaw, mouth_open=level)))
        for level in (0.0, 0.5, 1.0)
    ]
    assert openings[1] > openings[0] + 0.05 and openings[2] > openings[1] + 0.03, openings


def test_mouth_opening_grows_on_a_closed_mouth(faces_dir):
    frame, box = framed_face(faces_dir / "biden.jpg")
    shut, half, wide = (
        mouth_opening(_landmarks(talking.posed_face(frame, box, mouth_open=level))) for level in (0.0, 0.5, 1.0)
    )
    assert shut < 0.03 < half < wide and wide > 0.15, (shut, half, wide)


def test_posed_face_leaves_the_background_exactly_in_place(faces_dir):
    frame, box = framed_face(faces_dir / "obama.jpg")
    top, right, bottom, left = box
    width = right - left
    turned = talking.posed_face(frame, box, yaw_deg=talking.YAW_DEGREES, mouth_open=1.0)
    tilted = talking.posed_face(frame, box, pitch_deg=talking.PITCH_DEGREES)

    # Beyond a face width either side of the face box nothing moves, to the bit.
    far_left, far_right = left - width, right + width
    for posed in (turned, tilted):
        assert np.array_equal(posed[:, :far_left], frame[:, :far_left])
        assert np.array_equal(posed[:, far_right:], frame[:, far_right:])
        assert not np.array_equal(posed[top:bottom, left:right], frame[top:bottom, left:right])
    assert frame.flags.writeable is False  # the cached fixture frame was not drawn on


def test_mirrored_clip_flips_every_frame(obama, clips_dir):
    plain = talking.talking_clip(clips_dir / "plain.mp4", obama, turn_sequence=("left",), digits="4821", speed=190)
    mirrored = talking.talking_clip(
        clips_dir / "mirrored.mp4", obama, turn_sequence=("left",), digits="4821", speed=190, mirrored=True
    )
    assert mirrored.mirrored and mirrored.yaws == plain.yaws

    def frames(path: Path) -> list[np.ndarray]:
        with av.open(str(path)) as container:
            return [f.to_ndarray(format="rgb24").astype(np.int16) for f in container.decode(video=0)]

    plain_frames, mirrored_frames = frames(plain.path), frames(mirrored.path)
    assert len(plain_frames) == len(mirrored_frames)
    for a, b in zip(plain_frames[::5], mirrored_frames[::5], strict=True):
        assert np.abs(a[:, ::-1] - b).mean() < 3 < np.abs(a - b).mean()
    # At the held "left" turn, the nose points to image left in the mirrored clip.
    held = max(range(len(plain.yaws)), key=lambda i: plain.yaws[i])
    assert _nose_across_jaw(_landmarks(plain_frames[held].astype(np.uint8))) > 0.25
    assert _nose_across_jaw(_landmarks(mirrored_frames[held].astype(np.uint8))) < -0.25


def test_talking_clip_reports_its_timeline(obama, clips_dir):
    clip = talking.talking_clip(
        clips_dir / "timeline.mp4", obama, turn_sequence=("left", "up"), digits="530917", speed=SPEEDS[0]
    )
    count = len(clip.times_s)
    assert (
        count == round(clip.duration_s * clip.fps) and len(clip.yaws) == len(clip.pitches) == len(clip.mouths) == count
    )
    start, end = clip.speech_span_s
    assert 0.3 < start < end < clip.duration_s
    # The reading overlaps the turns, and the mouth is open only while the digits are spoken.
    turning = [t for t, yaw, pitch in zip(clip.times_s, clip.yaws, clip.pitches, strict=True) if yaw or pitch]
    assert turning[0] < end and turning[-1] > start
    assert all(m == 0 for t, m in zip(clip.times_s, clip.mouths, strict=True) if t < start - 0.1 or t > end + 0.1)
    assert max(clip.mouths) == 1.0 and len(set(clip.mouths)) > 4


# --- lip_sync on synthetic series (no video) ------------------------------------------------------------------


def _syllables(seconds: float = 4.0, rate: int = ANALYSIS_RATE) -> tuple[np.ndarray, tuple[float, float]]:
    """A 200 Hz buzz in the speech band, loud three times a second between 0.5 s and seconds - 0.5 s."""
    t = np.arange(int(seconds * rate)) / rate
    loudness = np.clip(np.sin(np.pi * 3.0 * t) ** 2, 0, 1) * ((t > 0.5) & (t < seconds - 0.5))
    tone = sum(np.sin(2 * np.pi * f * t) / k for k, f in enumerate((400.0, 800.0, 1200.0), start=1))
    return (0.3 * loudness * tone).astype(np.float32), (0.5, seconds - 0.5)


def test_lip_sync_of_a_mouth_following_the_loudness():
    audio, span = _syllables()
    times = [i / 15 for i in range(60)]
    envelope = speech_envelope(audio, rate=ANALYSIS_RATE, times_s=times)
    openings = list(0.4 * np.sqrt(envelope / envelope.max()))

    result = lip_sync(openings, times, audio, rate=ANALYSIS_RATE, span=span)
    assert result.in_sync and result.correlation > 0.9 and abs(result.lag_s) <= 0.04, result

    late = [0.0] * 15 + openings[:-15]  # one second late
    assert not lip_sync(late, times, audio, rate=ANALYSIS_RATE, span=span).in_sync

    missing = [o if i % 4 else None for i, o in enumerate(openings)]  # frames without a face are skipped
    assert lip_sync(missing, times, audio, rate=ANALYSIS_RATE, span=span).frames_used < result.frames_used


def test_lip_sync_of_a_still_mouth_and_of_silence():
    audio, span = _syllables()
    times = [i / 15 for i in range(60)]
    still = lip_sync([0.2] * 60, times, audio, rate=ANALYSIS_RATE, span=span)
    assert not still.in_sync and still.mouth_range == 0.0
    silent = lip_sync([0.2, 0.4] * 30, times, np.zeros(4 * ANALYSIS_RATE), rate=ANALYSIS_RATE, span=None)
    assert not silent.in_sync and silent.frames_used == 0
    with pytest.raises(ValueError):
        lip_sync([0.1], [0.0, 0.1], audio, rate=ANALYSIS_RATE, span=span)


def test_mouth_opening_ignores_head_roll_and_scale(faces_dir):
    frame, box = framed_face(faces_dir / "obama.jpg")
    landmarks = _landmarks(talking.posed_face(frame, box, mouth_open=0.6))
    angle = math.radians(20)
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])

    def moved(points, factor):
        return [tuple(factor * rotation @ np.asarray(p, dtype=np.float64)) for p in points]

    rolled = {name: moved(points, 1.7) for name, points in landmarks.items()}
    assert mouth_opening(rolled) == pytest.approx(mouth_opening(landmarks), rel=1e-6)
