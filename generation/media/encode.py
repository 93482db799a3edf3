"""Encoding rendered frames to MP4, writing posters, and checking uploaded videos by content (PyAV)."""

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
from typing import BinaryIO

import av
import av.error
import numpy as np
from PIL import Image

AUDIO_BITRATE = 128_000
# Containers a phone or a browser uploads. Anything else FFmpeg can open (images, the "tty"
# demuxer that reads any text file as ANSI art, raw streams) is not a video upload.
UPLOAD_FORMATS = frozenset({"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"})
# ISO BMFF box types that can open an MP4/MOV file, and the EBML magic of Matroska/WebM.
_BMFF_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot")
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"


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


class VideoRejected(Exception):
    """An upload that is not an acceptable video; `code` is machine-readable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class VideoProbe:
    """What an accepted upload holds, read from its content."""

    format_name: str
    video_codec: str
    width: int
    height: int
    rotation: int  # degrees the player turns it (phones record sideways and say so here)
    duration_s: float
    fps: float
    has_audio: bool
    audio_codec: str | None
    size_bytes: int


def _size_of(source: Path | str | BinaryIO) -> int:
    if isinstance(source, (str, Path)):
        return os.stat(source).st_size
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()  # not seek()'s return value: some file wrappers return None
    source.seek(position)
    return size


def _head(source: Path | str | BinaryIO, n: int = 64) -> bytes:
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            return handle.read(n)
    source.seek(0)
    head = source.read(n)
    source.seek(0)
    return head


def _looks_like_container(head: bytes) -> bool:
    """Whether the first bytes start an MP4/MOV box or a Matroska/WebM header."""
    return head[4:8] in _BMFF_BOXES or head.startswith(_EBML_MAGIC)


def probe_video(source: Path | str | BinaryIO, *, max_bytes: int, max_duration_s: float) -> VideoProbe:
    """Check an uploaded video by its content and describe it; raise VideoRejected if unacceptable.

    It opens the container, decodes the first video frame and demuxes every packet (cheap, no
    decode), so a file cut off before its end is caught as `truncated`. Codes: empty_file,
    too_large, not_a_video, no_video_stream, too_long, truncated, undecodable.
    """
    size = _size_of(source)
    if size == 0:
        raise VideoRejected("empty_file", "The file is empty.")
    if size > max_bytes:
        raise VideoRejected("too_large", f"The file is {size} bytes; the limit is {max_bytes}.")
    head = _head(source)
    looks_like_video = _looks_like_container(head)
    if not looks_like_video:
        raise VideoRejected("not_a_video", "The file is not an MP4, MOV, WebM or Matroska video.")
    if isinstance(source, (str, Path)):
        return _probe_container(str(source), size=size, max_duration_s=max_duration_s)
    try:
        return _probe_container(source, size=size, max_duration_s=max_duration_s)
    finally:
        source.seek(0)  # leave an uploaded file ready to be stored


def _probe_container(target: str | BinaryIO, *, size: int, max_duration_s: float) -> VideoProbe:
    """The content checks of probe_video, once the size and magic bytes passed."""
    try:
        container = av.open(target, mode="r")
    except (av.error.FFmpegError, ValueError) as error:
        # An MP4 cut before its index ("moov atom not found") starts like a video but cannot open.
        raise VideoRejected("truncated", f"The video is incomplete or damaged: {error}") from error
    with container:
        if container.format.name not in UPLOAD_FORMATS:
            raise VideoRejected("not_a_video", f"Unsupported container: {container.format.name}.")
        if not container.streams.video:
            raise VideoRejected("no_video_stream", "The file has no video track.")
        stream = container.streams.video[0]
        duration_s = _duration_of(container, stream)
        if duration_s is None or duration_s <= 0:
            raise VideoRejected("truncated", "The video has no duration.")
        if duration_s > max_duration_s:
            raise VideoRejected("too_long", f"The video is {duration_s:.1f} s; the limit is {max_duration_s:g} s.")
        first = _first_frame(container, stream)
        covered = _demuxed_seconds(container, stream)
        # Allow a frame and a bit of slack for containers whose stream durations disagree slightly.
        frame_s = 1 / float(stream.average_rate) if stream.average_rate else 0.1
        if covered + 2 * frame_s + 0.05 < duration_s:
            raise VideoRejected(
                "truncated", f"The file ends after {covered:.2f} s of a {duration_s:.2f} s video; it was cut off."
            )
        audio = container.streams.audio[0] if container.streams.audio else None
        return VideoProbe(
            format_name=container.format.name,
            video_codec=stream.codec_context.name,
            width=first.width,
            height=first.height,
            rotation=int(getattr(first, "rotation", 0) or 0),
            duration_s=duration_s,
            fps=float(stream.average_rate) if stream.average_rate else 0.0,
            has_audio=audio is not None,
            audio_codec=audio.codec_context.name if audio is not None else None,
            size_bytes=size,
        )


def _duration_of(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> float | None:
    """The video stream's declared duration in seconds, or the container's."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _first_frame(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> av.VideoFrame:
    try:
        for frame in container.decode(stream):
            return frame
    except av.error.FFmpegError as error:
        raise VideoRejected("undecodable", f"The first video frame cannot be decoded: {error}") from error
    raise VideoRejected("truncated", "The video track holds no frames.")


def _demuxed_seconds(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> float:
    """How many seconds of video packets are actually in the file, by demuxing to the end."""
    container.seek(0)
    end = None
    try:
        for packet in container.demux(stream):
            if packet.pts is None or packet.size == 0:
                continue
            packet_end = packet.pts + (packet.duration or 0)
            end = packet_end if end is None else max(end, packet_end)
    except av.error.FFmpegError as error:
        raise VideoRejected("truncated", f"The video breaks off before its end: {error}") from error
    if end is None:
        return 0.0
    return float((end - (stream.start_time or 0)) * stream.time_base)
