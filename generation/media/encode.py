"""Encoding rendered frames to MP4 and writing posters (PyAV). Uploads are checked by sora_social.media_probe."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.error
import numpy as np
from PIL import Image

AUDIO_BITRATE = 128_000


@dataclass(frozen=True)
class EncodedVideo:
    """An MP4 written by encode_mp4, with what the pipeline stores about it."""

    path: Path
    duration_s: float
    width: int
    height: int
    frame_count: int
    fps: int
    has_audio: bool
    size_bytes: int
    sha256: str


def file_sha256(path: Path | str) -> str:
    """The hex SHA-256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_path(path: Path, *, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it into place on success, delete it on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix + ".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp creates 0600; media files are served by other processes (a web server, a CDN sync).
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _as_mono_float(audio: np.ndarray) -> np.ndarray:
    """Flatten mono audio to a contiguous float32 vector clipped to [-1, 1]."""
    samples = np.asarray(audio, dtype=np.float32)
    if samples.ndim == 2 and 1 in samples.shape:
        samples = samples.reshape(-1)
    if samples.ndim != 1:
        raise ValueError(f"expected mono audio (N samples), got shape {samples.shape}")
    return np.ascontiguousarray(np.clip(samples, -1.0, 1.0))


def _iter_frames(frames: np.ndarray | Iterable[np.ndarray]) -> Iterator[np.ndarray]:
    if isinstance(frames, np.ndarray):
        if frames.ndim != 4:
            raise ValueError(f"expected T×H×W×3 frames, got shape {frames.shape}")
        yield from frames
    else:
        yield from frames


class _AudioFeeder:
    """Feeds mono PCM to an AAC stream in encoder-sized frames with exact sample PTS."""

    def __init__(self, container: av.container.OutputContainer, samples: np.ndarray, sample_rate: int) -> None:
        self.container = container
        self.stream = container.add_stream("aac", rate=sample_rate)
        self.stream.layout = "mono"
        self.stream.bit_rate = AUDIO_BITRATE
        self.samples = samples
        self.sample_rate = sample_rate
        self.sent = 0

    def _send(self, chunk: np.ndarray) -> None:
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="fltp", layout="mono")
        frame.sample_rate = self.sample_rate
        frame.pts = self.sent
        frame.time_base = Fraction(1, self.sample_rate)
        self.sent += chunk.shape[0]
        self.container.mux(self.stream.encode(frame))

    def feed_until(self, end: int) -> None:
        """Encode whole encoder frames up to sample `end`, so audio packets interleave with video."""
        size = self.stream.codec_context.frame_size or 1024
        while self.sent + size <= end:
            self._send(self._slice(self.sent, self.sent + size))

    def finish(self, end: int) -> None:
        """Encode the rest up to exactly sample `end` (zero-padded if the track is short) and flush."""
        size = self.stream.codec_context.frame_size or 1024
        while self.sent < end:
            self._send(self._slice(self.sent, min(end, self.sent + size)))
        self.container.mux(self.stream.encode(None))

    def _slice(self, start: int, stop: int) -> np.ndarray:
        chunk = self.samples[start:stop]
        if chunk.shape[0] < stop - start:
            chunk = np.concatenate([chunk, np.zeros(stop - start - chunk.shape[0], dtype=np.float32)])
        return chunk


def _to_yuv(frame_array: np.ndarray) -> av.VideoFrame:
    """RGB to BT.709 limited-range 4:2:0, the colours the stream is tagged with."""
    rgb = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame_array, dtype=np.uint8), format="rgb24")
    return rgb.reformat(format="yuv420p", src_colorspace="itu709", dst_colorspace="itu709", dst_color_range="MPEG")


def _checked(frames: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
    shape = None
    for index, frame_array in enumerate(frames):
        if shape is None:
            if frame_array.ndim != 3 or frame_array.shape[2] != 3:
                raise ValueError(f"expected H×W×3 frames, got shape {frame_array.shape}")
            if frame_array.shape[0] % 2 or frame_array.shape[1] % 2:
                raise ValueError(
                    f"H.264 4:2:0 needs even dimensions, got {frame_array.shape[1]}x{frame_array.shape[0]}"
                )
            shape = frame_array.shape
        elif frame_array.shape != shape:
            raise ValueError(f"frame {index} is {frame_array.shape}, expected {shape}")
        yield frame_array


def _converted_ahead(frames: Iterator[np.ndarray], *, depth: int = 4) -> Iterator[tuple[np.ndarray, av.VideoFrame]]:
    """Colour conversion on a helper thread, a few frames ahead: swscale releases the GIL, so it overlaps
    with x264 instead of adding to it (measured: 1.3 s of 3.2 s for 10 s of 720p when done in line)."""
    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="yuv") as pool:
        for frame_array in _checked(frames):
            pending.append((frame_array, pool.submit(_to_yuv, frame_array)))
            if len(pending) > depth:
                ready, future = pending.popleft()
                yield ready, future.result()
        while pending:
            ready, future = pending.popleft()
            yield ready, future.result()


def _video_stream(container: av.container.OutputContainer, *, width: int, height: int, fps: int, crf: int, preset: str):
    stream = container.add_stream("libx264", rate=fps)
    stream.width = width
    stream.height = height
    stream.pix_fmt = "yuv420p"
    stream.time_base = Fraction(1, fps)
    stream.codec_context.time_base = Fraction(1, fps)
    # Tag BT.709 limited range, which is what the frames are converted to below; untagged HD video
    # is shown with guessed colours on some phones.
    stream.codec_context.colorspace = 1
    stream.codec_context.color_primaries = 1
    stream.codec_context.color_trc = 1
    stream.codec_context.color_range = 1
    # A keyframe every 2 s keeps scrubbing in the feed responsive.
    stream.options = {"crf": str(crf), "preset": preset, "g": str(2 * fps)}
    return stream


def encode_mp4(
    *,
    frames: np.ndarray | Iterable[np.ndarray],
    audio: np.ndarray | None,
    sample_rate: int,
    fps: int,
    path: Path | str,
    crf: int = 23,
    preset: str = "veryfast",
) -> EncodedVideo:
    """Encode RGB uint8 frames and mono float32 audio to an H.264 + AAC MP4 (faststart), atomically.

    The audio track is cut or zero-padded to exactly the video's length, frame_count / fps.
    """
    if fps <= 0 or sample_rate <= 0:
        raise ValueError("fps and sample_rate must be positive")
    path = Path(path)
    samples = _as_mono_float(audio) if audio is not None else None
    frame_count = 0
    width = height = 0
    with atomic_path(path, suffix=".mp4") as tmp:
        with av.open(str(tmp), mode="w", format="mp4", container_options={"movflags": "+faststart"}) as container:
            video = None
            feeder = None
            for frame_array, yuv in _converted_ahead(_iter_frames(frames)):
                if video is None:
                    height, width = frame_array.shape[:2]
                    video = _video_stream(container, width=width, height=height, fps=fps, crf=crf, preset=preset)
                    if samples is not None:
                        feeder = _AudioFeeder(container, samples, sample_rate)
                yuv.pts = frame_count
                yuv.time_base = Fraction(1, fps)
                container.mux(video.encode(yuv))
                frame_count += 1
                if feeder is not None:
                    feeder.feed_until(frame_count * sample_rate // fps)
            if video is None:
                raise ValueError("no frames to encode")
            container.mux(video.encode(None))
            if feeder is not None:
                feeder.finish(round(frame_count * sample_rate / fps))
    return EncodedVideo(
        path=path,
        duration_s=frame_count / fps,
        width=width,
        height=height,
        frame_count=frame_count,
        fps=fps,
        has_audio=samples is not None,
        size_bytes=path.stat().st_size,
        sha256=file_sha256(path),
    )


def write_poster(frame: np.ndarray, path: Path | str, *, max_width: int = 640, quality: int = 85) -> tuple[int, int]:
    """Write an RGB frame as a JPEG poster no wider than `max_width`, atomically; returns its size."""
    path = Path(path)
    image = Image.fromarray(np.ascontiguousarray(frame, dtype=np.uint8), mode="RGB")
    if image.width > max_width:
        image = image.resize(
            (max_width, max(1, round(image.height * max_width / image.width))), Image.Resampling.LANCZOS
        )
    with atomic_path(path, suffix=".jpg") as tmp:
        image.save(tmp, format="JPEG", quality=quality, optimize=True, progressive=True)
    return image.width, image.height
