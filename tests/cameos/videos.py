"""Builders of verification test videos from the real face fixtures: head turns, synthetic speech, cuts.

A head turn is simulated on a still photo by a cylindrical warp of the face: the face is treated as a vertical
cylinder that rotates, so the nose (in the middle) travels further across the image than the cheeks and jaw
line, which squeeze against the far side. That moves the 68 landmarks the way a yaw turn does.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

import av
import face_recognition
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # top, right, bottom, left

FRAME_SIZE = (640, 360)
FPS = 15
AUDIO_RATE = 48_000
# Degrees of simulated yaw for a turn; the warp moves landmarks less than a real turn of the same angle.
TURN_DEGREES = 35.0
# "left" is the subject's own left: in an unmirrored video the nose moves toward image right (positive yaw here).
DIRECTION_YAW = {"left": TURN_DEGREES, "right": -TURN_DEGREES, "center": 0.0}


@functools.cache
def framed_face(
    photo: Path, *, size: tuple[int, int] = FRAME_SIZE, face_height: float = 0.42
) -> tuple[np.ndarray, Box]:
    """A video-sized frame cut from a photo with its face centered, and the face box in that frame.

    Cached (detection on a large photo costs about half a second): the frame is read-only, copy it to draw on it.
    """
    picture = Image.open(photo).convert("RGB")
    # Detect on a smaller copy: large photos take seconds with HOG.
    scale = min(1.0, 1000 / max(picture.size))
    small = np.asarray(picture.resize((round(picture.width * scale), round(picture.height * scale))))
    boxes = face_recognition.face_locations(small, 0) or face_recognition.face_locations(small, 1)
    top, right, bottom, left = max(boxes, key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))
    top, right, bottom, left = (v / scale for v in (top, right, bottom, left))
    width, height = size
    crop_h = (bottom - top) / face_height
    crop_w = crop_h * width / height
    center_x, center_y = (left + right) / 2, (top + bottom) / 2
    pad = int(max(crop_w, crop_h))
    padded = Image.fromarray(np.pad(np.asarray(picture), ((pad, pad), (pad, pad), (0, 0)), mode="edge"))
    region = (
        center_x - crop_w / 2 + pad,
        center_y - crop_h / 2 + pad,
        center_x + crop_w / 2 + pad,
        center_y + crop_h / 2 + pad,
    )
    frame = np.asarray(padded.resize(size, Image.Resampling.BICUBIC, box=region))
    factor = height / crop_h
    box = (
        round(height / 2 - (bottom - top) * factor / 2),
        round(width / 2 + (right - left) * factor / 2),
        round(height / 2 + (bottom - top) * factor / 2),
        round(width / 2 - (right - left) * factor / 2),
    )
    frame = np.ascontiguousarray(frame)
    frame.flags.writeable = False
    return frame, box


def turned(frame: np.ndarray, box: Box, *, yaw_degrees: float) -> np.ndarray:
    """The frame with the face rotated about a vertical axis (positive: nose toward image right)."""
    height, width = frame.shape[:2]
    top, right, bottom, left = box
    center = (left + right) / 2
    radius = (right - left) * 0.6
    yaw = math.radians(yaw_degrees)
    limit = math.pi / 2 * 0.98
    xs = np.arange(width, dtype=np.float64) + 0.5
    forward = np.empty_like(xs)
    inside = np.abs(xs - center) < radius
    theta = np.arcsin(np.clip((xs[inside] - center) / radius, -1, 1))
    forward[inside] = center + radius * np.sin(np.clip(theta + yaw, -limit, limit))
    low, high = center - radius, center + radius
    low_to = center + radius * math.sin(max(-limit, -math.pi / 2 + yaw))
    high_to = center + radius * math.sin(min(limit, math.pi / 2 + yaw))
    before, after = xs <= low, xs >= high
    # Outside the face the image is stretched or squeezed linearly so that the warp stays continuous.
    forward[before] = xs[before] / low * low_to
    forward[after] = high_to + (xs[after] - high) / (width - high) * (width - high_to)
    forward = np.maximum.accumulate(forward + xs * 1e-6)
    source = np.interp(xs, forward, xs) - 0.5
    lo = np.clip(np.floor(source).astype(int), 0, width - 1)
    hi = np.clip(lo + 1, 0, width - 1)
    # Linear interpolation between neighbouring columns, in 8-bit fixed point (fast enough for 100s of frames).
    weight = np.round((source - np.floor(source)) * 256).astype(np.uint16)[None, :, None]
    blended = (frame[:, lo].astype(np.uint16) * (256 - weight) + frame[:, hi].astype(np.uint16) * weight + 128) >> 8
    return np.ascontiguousarray(blended.astype(np.uint8))


def turn_schedule(turn_sequence: Sequence[str], *, seconds: float, fps: int = FPS) -> list[float]:
    """Yaw per frame: look at the camera, then turn through the sequence, each pose held for an equal share."""
    poses = ["center", *turn_sequence]
    count = int(round(seconds * fps))
    share = count / len(poses)
    ease = max(1, int(share * 0.3))  # a turn takes the first 30% of its share, then the pose is held
    yaws = []
    for index in range(count):
        pose = min(int(index / share), len(poses) - 1)
        target = DIRECTION_YAW[poses[pose]]
        previous = DIRECTION_YAW[poses[pose - 1]] if pose else target
        progress = min(1.0, (index - pose * share) / ease)
        yaws.append(round(previous + (target - previous) * (0.5 - 0.5 * math.cos(math.pi * progress)), 2))
    return yaws


def posed_frames(frame: np.ndarray, box: Box, yaws: Sequence[float]) -> list[np.ndarray]:
    """The frame turned to each yaw (a held pose reuses its frame)."""
    cache: dict[float, np.ndarray] = {}
    for yaw in yaws:
        if yaw not in cache:
            cache[yaw] = turned(frame, box, yaw_degrees=yaw) if yaw else frame
    return [cache[yaw] for yaw in yaws]


def challenge_frames(
    frame: np.ndarray, box: Box, turn_sequence: Sequence[str], *, seconds: float, fps: int = FPS
) -> list[np.ndarray]:
    """Frames that look at the camera, then turn through the sequence."""
    return posed_frames(frame, box, turn_schedule(turn_sequence, seconds=seconds, fps=fps))


def voice_track(seconds: float, *, rate: int = AUDIO_RATE, pitch_hz: float = 120.0, seed: int = 0) -> np.ndarray:
    """Synthetic voiced speech: a glottal pulse train through vowel formants, in syllables, with a little noise."""
    rng = np.random.default_rng(seed)
    count = int(seconds * rate)
    t = np.arange(count) / rate
    f0 = pitch_hz * (1 + 0.03 * np.sin(2 * np.pi * 1.5 * t))  # a gentle intonation
    phase = np.cumsum(f0 / rate)
    pulses = np.diff(np.floor(phase), prepend=0.0)  # one impulse per period
    spectrum = np.fft.rfft(pulses)
    freqs = np.fft.rfftfreq(count, d=1 / rate)
    formants = np.zeros_like(freqs)
    for center, bandwidth, gain in ((700, 110, 1.0), (1220, 120, 0.6), (2600, 160, 0.3)):  # an "ah"
        formants += gain / (1 + ((freqs - center) / bandwidth) ** 2)
    formants /= 1 + (freqs / 4000) ** 4
    speech = np.fft.irfft(spectrum * formants, count)
    syllables = np.clip(1.3 * np.sin(np.pi * 3.0 * t) ** 2, 0, 1) ** 0.7  # three syllables a second
    syllables *= (t > 0.3) & (t < seconds - 0.3)
    speech *= syllables
    speech *= 0.3 / (np.abs(speech).max() + 1e-9)
    speech += rng.normal(0, 0.002, count)
    return speech.astype(np.float32)


def write_mp4(
    path: Path,
    frames: Iterable[np.ndarray],
    *,
    fps: int = FPS,
    audio: np.ndarray | None = None,
    audio_rate: int = AUDIO_RATE,
    rotation: int = 0,
) -> Path:
    """Encode RGB frames as H.264 (1 s GOPs with B-frames, like a phone) and mono float audio as AAC."""
    frames = list(frames)
    height, width = frames[0].shape[:2]
    with av.open(str(path), mode="w", format="mp4") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.codec_context.gop_size = fps
        video.options = {"preset": "veryfast", "crf": "23"}
        if rotation:
            video.set_display_rotation(rotation)
        sound = None
        if audio is not None:
            sound = container.add_stream("aac", rate=audio_rate)
            sound.layout = "mono"
        for index, rgb in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            container.mux(video.encode(frame))
        container.mux(video.encode(None))
        if sound is not None and audio is not None:
            chunk = 1024
            for start in range(0, audio.size, chunk):
                samples = np.ascontiguousarray(audio[start : start + chunk], dtype=np.float32).reshape(1, -1)
                piece = av.AudioFrame.from_ndarray(samples, format="fltp", layout="mono")
                piece.sample_rate = audio_rate
                piece.pts = start
                piece.time_base = Fraction(1, audio_rate)
                container.mux(sound.encode(piece))
            container.mux(sound.encode(None))
    return path


def challenge_video(
    path: Path,
    photo: Path,
    turn_sequence: Sequence[str],
    *,
    seconds: float = 4.0,
    pitch_hz: float | None = 120.0,
    size: tuple[int, int] = FRAME_SIZE,
) -> Path:
    """A clip of the photo's face turning through the sequence, with synthetic speech unless pitch_hz is None."""
    frame, box = framed_face(photo, size=size)
    frames = challenge_frames(frame, box, turn_sequence, seconds=seconds)
    audio = voice_track(seconds, pitch_hz=pitch_hz) if pitch_hz else None
    return write_mp4(path, frames, audio=audio)


def still_video(path: Path, frame: np.ndarray, *, seconds: float = 3.0, pitch_hz: float | None = 120.0) -> Path:
    """A photo held still for the whole clip, with synthetic speech."""
    count = int(seconds * FPS)
    audio = voice_track(seconds, pitch_hz=pitch_hz) if pitch_hz else None
    return write_mp4(path, [frame] * count, audio=audio)


def scene_frame(photo: Path, *, size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """The whole photo scaled to cover the frame and center-cropped (for photos of several people)."""
    picture = Image.open(photo).convert("RGB")
    width, height = size
    scale = max(width / picture.width, height / picture.height)
    resized = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.BICUBIC)
    left = (resized.width - width) // 2
    top = (resized.height - height) // 2
    return np.ascontiguousarray(np.asarray(resized.crop((left, top, left + width, top + height))))


def clip_cut(source: Path, path: Path, *, first: int, last: int, with_audio: bool = True) -> Path:
    """Frames first..last (inclusive) of a real clip, re-encoded, with the matching stretch of its audio."""
    frames: list[np.ndarray] = []
    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate)
        for index, frame in enumerate(container.decode(stream)):
            if index > last:
                break
            if index >= first:
                frames.append(frame.to_ndarray(format="rgb24"))
    audio = None
    if with_audio:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=AUDIO_RATE)
        chunks = []
        with av.open(str(source)) as container:
            for frame in container.decode(audio=0):
                chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
        samples = np.concatenate(chunks)
        audio = samples[int(first / fps * AUDIO_RATE) : int((last + 1) / fps * AUDIO_RATE)]
    return write_mp4(path, frames, fps=round(fps), audio=audio)


class _Stream(io.RawIOBase):
    """A write-only, non-seekable sink: the muxer cannot go back to fill in a duration or an index."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def write(self, chunk) -> int:
        self.data += bytes(chunk)
        return len(chunk)


def browser_webm(frames: Sequence[np.ndarray], *, fps: int = FPS) -> bytes:
    """VP9 WebM written as a stream, like a browser's MediaRecorder: no duration and no cues in the file."""
    height, width = frames[0].shape[:2]
    sink = _Stream()
    with av.open(sink, mode="w", format="webm") as container:
        video = container.add_stream("libvpx-vp9", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"deadline": "realtime", "cpu-used": "8"}
        for index, rgb in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            container.mux(video.encode(frame))
        container.mux(video.encode(None))
    return bytes(sink.data)
