"""Decoding of uploaded clips with PyAV: a few sampled frames and the mono audio, in one demux pass."""

from __future__ import annotations

import bisect
import contextlib
from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np

from sora_social.media_probe import open_upload

AUDIO_RATE = 16_000
# Enough for any verification clip; bounds memory if a long file slips past the upload checks.
MAX_AUDIO_SECONDS = 120


class UnreadableMediaError(ValueError):
    """The upload is not a video (or image) that can be decoded."""


@dataclass
class DecodedClip:
    """Frames sampled at spread times, plus the clip's audio as mono float32 at AUDIO_RATE."""

    frames: list[np.ndarray]  # RGB uint8, upright (display rotation applied), long side <= max_side
    frame_times_s: list[float]  # from the start of the clip
    duration_s: float
    frames_decoded: int  # how many video frames the decoder produced (the cost of sampling)
    frame_count: int  # how many video frames the clip holds (0 when the container does not say)
    audio: np.ndarray | None  # None when the clip has no audio track
    audio_rate: int = AUDIO_RATE


def _open(source: str | Path | BinaryIO) -> av.container.InputContainer:
    # With the upload's restrictions (sora_social.media_probe.open_upload): a character clip came here unchecked.
    try:
        return open_upload(source)
    except (av.error.FFmpegError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise UnreadableMediaError(f"cannot open media: {exc}") from exc


def _video_stream(container: av.container.InputContainer) -> av.video.stream.VideoStream:
    if not container.streams.video or container.streams.video[0].codec_context is None:
        raise UnreadableMediaError("the file has no readable video track")
    return container.streams.video[0]


def _header_duration_s(container: av.container.InputContainer, video: av.video.stream.VideoStream) -> float:
    if video.duration is not None and video.time_base is not None:
        return float(video.duration * video.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return 0.0


def _indexed_frame_count(container: av.container.InputContainer, video: av.video.stream.VideoStream) -> int:
    if video.frames:
        return video.frames
    # An MP4/MOV index lists every sample; a Matroska/WebM one (cues) only some keyframes.
    return len(video.index_entries) if "mp4" in container.format.name else 0


@dataclass(frozen=True)
class _Timeline:
    keyframes: list[int]  # pts of keyframes, sorted; may miss some (then fewer GOPs are skipped, never too many)
    duration_s: float
    frame_count: int


def _timeline(container: av.container.InputContainer, video: av.video.stream.VideoStream) -> _Timeline:
    """Keyframes, duration and frame count from the headers and index, or else from a packet-only pass.

    Browser recordings (MediaRecorder WebM) carry neither a duration nor an index; demuxing their packets
    without decoding them is cheap and tells both.
    """
    keys = sorted(entry.timestamp for entry in video.index_entries if entry.is_keyframe)
    duration = _header_duration_s(container, video)
    count = _indexed_frame_count(container, video)
    if keys and duration > 0 and count:
        return _Timeline(keyframes=keys, duration_s=duration, frame_count=count)
    scanned_keys: list[int] = []
    first: int | None = None
    end: int | None = None
    packets = 0
    for packet in container.demux(video):
        if packet.pts is None:
            continue
        packets += 1
        if packet.is_keyframe:
            scanned_keys.append(packet.pts)
        first = packet.pts if first is None else min(first, packet.pts)
        finish = packet.pts + (packet.duration or 0)
        end = finish if end is None else max(end, finish)
    container.seek(0)
    if duration <= 0 and first is not None and end is not None and video.time_base is not None:
        duration = float((end - first) * video.time_base)
    return _Timeline(keyframes=sorted(scanned_keys) or keys, duration_s=duration, frame_count=count or packets)


def _upright_rgb(frame: av.VideoFrame, *, max_side: int) -> np.ndarray:
    """Convert one frame to RGB, scaled so its long side is at most max_side, with display rotation applied."""
    width, height = frame.width, frame.height
    scale = min(1.0, max_side / max(width, height))
    # Even sizes keep the scaler on its fast paths.
    out_w = max(2, int(round(width * scale / 2)) * 2)
    out_h = max(2, int(round(height * scale / 2)) * 2)
    rgb = frame.to_ndarray(format="rgb24", width=out_w, height=out_h, interpolation="AREA")
    quarter_turns = int(round(frame.rotation / 90)) % 4
    if quarter_turns:
        # `rotation` is the counterclockwise angle the display applies; np.rot90 turns counterclockwise.
        rgb = np.rot90(rgb, k=quarter_turns)
    return np.ascontiguousarray(rgb)


def _target_pts(*, start: int, duration_s: float, time_base: Fraction, count: int) -> list[int]:
    """Timestamps spread evenly over the clip, each in the middle of its slice (never the very first frame)."""
    return [start + int(duration_s * (k + 0.5) / count / time_base) for k in range(count)]


def decode_clip(
    source: str | Path | BinaryIO,
    *,
    sample_count: int = 10,
    max_side: int = 640,
    with_audio: bool = True,
    per_second: float | None = None,
    max_samples: int = 240,
) -> DecodedClip:
    """Decode sample_count frames spread over the clip, and its audio, without decoding unneeded GOPs.

    With per_second, the count follows the clip's length instead (per_second frames for each second of it, at
    most max_samples): dense sampling for checks that follow motion from frame to frame.

    Video packets are fed to the decoder only from the keyframe before a wanted timestamp up to it: a GOP (or
    the rest of one) that holds no wanted frame is skipped. Ten samples of a 5 s clip with 1 s GOPs want every
    GOP, but the decoder stops after the last wanted frame; ten samples of a 60 s clip decode ten GOPs of sixty.
    """
    if sample_count < 1:
        raise ValueError("sample_count must be at least 1")
    with _open(source) as container:
        video = _video_stream(container)
        audio_stream = container.streams.audio[0] if with_audio and container.streams.audio else None
        video.thread_type = "AUTO"
        time_base = video.time_base
        if time_base is None:
            raise UnreadableMediaError("the video track has no time base")
        timeline = _timeline(container, video)
        duration_s = timeline.duration_s
        start = video.start_time or 0
        keys = timeline.keyframes
        if per_second is not None:
            sample_count = max(1, min(max_samples, int(round(duration_s * per_second))))
        pending = deque(_target_pts(start=start, duration_s=duration_s, time_base=time_base, count=sample_count))

        frames: list[np.ndarray] = []
        times: list[float] = []
        decoded = 0
        skipping = False
        resampler = av.AudioResampler(format="flt", layout="mono", rate=AUDIO_RATE) if audio_stream else None
        chunks: list[np.ndarray] = []
        audio_samples = 0

        def take(frame: av.VideoFrame) -> None:
            pts = frame.pts if frame.pts is not None else frame.dts
            if pts is None or frame.is_corrupt:
                return
            while pending and pts >= pending[0]:
                # Short clips can map two wanted times onto one frame; keep it once.
                pending.popleft()
                if not times or times[-1] != float((pts - start) * time_base):
                    frames.append(_upright_rgb(frame, max_side=max_side))
                    times.append(float((pts - start) * time_base))

        streams = [s for s in (video, audio_stream) if s is not None]
        try:
            for packet in container.demux(*streams):
                if packet.stream is audio_stream:
                    if resampler is not None and audio_samples < MAX_AUDIO_SECONDS * AUDIO_RATE:
                        for audio_frame in packet.decode():
                            for out in resampler.resample(audio_frame):
                                chunk = out.to_ndarray().reshape(-1)
                                chunks.append(chunk)
                                audio_samples += chunk.size
                    continue
                if not pending:
                    if audio_stream is None:
                        break
                    continue
                if packet.pts is not None and keys:
                    following = bisect.bisect_right(keys, packet.pts)
                    next_key = keys[following] if following < len(keys) else None
                    # Nothing before the next keyframe is wanted: stop feeding until that keyframe.
                    skip_now = next_key is not None and next_key <= pending[0]
                    if skip_now:
                        skipping = True
                        continue
                    if skipping:
                        if not packet.is_keyframe:
                            continue
                        video.codec_context.flush_buffers()
                        skipping = False
                for frame in packet.decode():
                    decoded += 1
                    take(frame)
            if pending:
                # The last wanted times may lie past the last frame; drain the decoder (already drained when the
                # demuxer's own end-of-stream packet flushed it).
                with contextlib.suppress(av.error.EOFError):
                    for frame in video.decode(None):
                        decoded += 1
                        take(frame)
            if resampler is not None:
                for out in resampler.resample(None):
                    chunks.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            raise UnreadableMediaError(f"cannot decode media: {exc}") from exc

        audio: np.ndarray | None = None
        if audio_stream is not None:
            audio = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, dtype=np.float32)
        return DecodedClip(
            frames=frames,
            frame_times_s=times,
            duration_s=duration_s,
            frames_decoded=decoded,
            frame_count=timeline.frame_count,
            audio=audio,
        )


def first_frame(source: str | Path | BinaryIO, *, max_side: int = 1024) -> np.ndarray:
    """The first decodable frame of a clip, upright RGB, long side at most max_side."""
    with _open(source) as container:
        video = _video_stream(container)
        try:
            for frame in container.decode(video):
                return _upright_rgb(frame, max_side=max_side)
        except av.error.FFmpegError as exc:
            raise UnreadableMediaError(f"cannot decode media: {exc}") from exc
    raise UnreadableMediaError("the clip has no decodable frame")
