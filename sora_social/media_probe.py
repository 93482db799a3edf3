"""The one check of uploaded videos, by content (PyAV): verification clips, find-my-face, provenance lookups.

It reads the container, decodes the first frame and demuxes every packet without decoding, so a file cut off
before its end is refused as `truncated`, and a browser recording whose header declares no duration
(MediaRecorder WebM) is measured from its packets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import av
import av.error

# Containers a phone or a browser uploads. Anything else FFmpeg can open (images, the "tty"
# demuxer that reads any text file as ANSI art, raw streams) is not a video upload.
UPLOAD_FORMATS = frozenset({"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"})
# ISO BMFF box types that can open an MP4/MOV file, and the EBML magic of Matroska/WebM.
_BMFF_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot")
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
# The largest frame taken: DCI 4K (4096x2160) in either orientation, and a little more. A phone records at most that;
# a bigger frame is read from the track header before anything is decoded, since a few KB of video can declare a
# 16384x16384 frame (805 MB decoded), decoded in the request and again on the worker.
MAX_FRAME_SIDE = 4096
MAX_FRAME_PIXELS = 4096 * 2304


# What FFmpeg is told when it opens an upload. Left to itself it picks a demuxer by the content, and some of those open
# other things: a concat list opens the files it names (beside the server: one sent as a pet's picture became its
# picture), an SDP listens on the UDP ports it names, a playlist fetches URLs. Only the demuxers of UPLOAD_FORMATS may
# open an upload, nothing may open a network protocol, and no decoder makes a frame past MAX_FRAME_PIXELS, the ones
# av.open decodes to learn the stream's size included (an 85 KB clip of one 8192x8192 PNG frame was decoded at open,
# ~190 MB, before its size could be read: attack round on hostile uploads).
_OPEN_OPTIONS = {
    "format_whitelist": "mov,mp4,matroska,webm",
    "protocol_whitelist": "file",
    "max_pixels": str(MAX_FRAME_PIXELS),
}
_DECODER_OPTIONS = {"max_pixels": str(MAX_FRAME_PIXELS)}


def open_upload(target: str | Path | BinaryIO) -> av.container.InputContainer:
    """Open an uploaded (or stored) video for reading, as every reader of one must: see _OPEN_OPTIONS. Raises what
    av.open raises (av.error.FFmpegError and the like) for a file none of the allowed demuxers reads."""
    container = av.open(target if hasattr(target, "read") else str(target), mode="r", options=_OPEN_OPTIONS)
    for stream in container.streams.video:
        if stream.codec_context is not None:  # None when the file was cut off before the track's description
            stream.codec_context.options = dict(_DECODER_OPTIONS)
    return container


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
    frame_count: int  # video packets in the file (frames, for every codec a phone or browser writes)


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
    too_large, not_a_video, no_video_stream, too_long, frame_too_large, truncated, undecodable.
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
        container = open_upload(target)
    except (av.error.FFmpegError, ValueError, OSError, UnicodeDecodeError) as error:
        # An MP4 cut before its index ("moov atom not found") starts like a video but cannot open.
        raise VideoRejected("truncated", f"The video is incomplete or damaged: {error}") from error
    with container:
        if container.format.name not in UPLOAD_FORMATS:
            raise VideoRejected("not_a_video", f"Unsupported container: {container.format.name}.")
        if not container.streams.video:
            raise VideoRejected("no_video_stream", "The file has no video track.")
        stream = container.streams.video[0]
        if stream.codec_context is None:
            # An MP4 whose index (written last by phones) is cut off before the track's sample description.
            raise VideoRejected("truncated", "The video is incomplete: its track is not described.")
        declared_s = _duration_of(container, stream)
        if declared_s is not None and declared_s > max_duration_s:
            raise VideoRejected("too_long", f"The video is {declared_s:.1f} s; the limit is {max_duration_s:g} s.")
        _refuse_huge_frames(stream.codec_context.width, stream.codec_context.height)
        first = _first_frame(container, stream)
        # A track header may leave the size out (0): the frame itself is then measured before anything else reads it.
        _refuse_huge_frames(first.width, first.height)
        packets = _demux_packets(container, stream)
        if declared_s is None or declared_s <= 0:
            # A browser recording (MediaRecorder WebM) declares no duration: its packets tell it.
            duration_s = packets.span_s
            if duration_s <= 0:
                raise VideoRejected("truncated", "The video has no duration.")
            if duration_s > max_duration_s:
                raise VideoRejected("too_long", f"The video is {duration_s:.1f} s; the limit is {max_duration_s:g} s.")
        else:
            duration_s = declared_s
            # Allow a frame and a bit of slack for containers whose stream durations disagree slightly.
            frame_s = 1 / float(stream.average_rate) if stream.average_rate else 0.1
            if packets.covered_s + 2 * frame_s + 0.05 < duration_s:
                raise VideoRejected(
                    "truncated",
                    f"The file ends after {packets.covered_s:.2f} s of a {duration_s:.2f} s video; it was cut off.",
                )
        audio = container.streams.audio[0] if container.streams.audio else None
        rate = stream.average_rate or stream.guessed_rate
        return VideoProbe(
            format_name=container.format.name,
            video_codec=stream.codec_context.name,
            width=first.width,
            height=first.height,
            rotation=int(getattr(first, "rotation", 0) or 0),
            duration_s=duration_s,
            fps=float(rate) if rate else 0.0,
            has_audio=audio is not None,
            audio_codec=audio.codec_context.name if audio is not None else None,
            size_bytes=size,
            frame_count=stream.frames or packets.count,
        )


def _refuse_huge_frames(width: int, height: int) -> None:
    if max(width, height) > MAX_FRAME_SIDE or width * height > MAX_FRAME_PIXELS:
        raise VideoRejected(
            "frame_too_large", f"The video's frames are {width}x{height}; at most 4K ({MAX_FRAME_SIDE} px a side) is taken."
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


@dataclass(frozen=True)
class _Packets:
    count: int
    covered_s: float  # from the stream's start to the end of its last packet
    span_s: float  # from its first packet to the end of its last


def _demux_packets(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> _Packets:
    """What video packets are actually in the file, by demuxing to the end (cheap: nothing is decoded)."""
    container.seek(0)
    first = end = None
    count = 0
    try:
        for packet in container.demux(stream):
            if packet.pts is None or packet.size == 0:
                continue
            count += 1
            packet_end = packet.pts + (packet.duration or 0)
            end = packet_end if end is None else max(end, packet_end)
            first = packet.pts if first is None else min(first, packet.pts)
    except av.error.FFmpegError as error:
        raise VideoRejected("truncated", f"The video breaks off before its end: {error}") from error
    if end is None or stream.time_base is None:
        return _Packets(count, 0.0, 0.0)
    return _Packets(
        count,
        covered_s=float((end - (stream.start_time or 0)) * stream.time_base),
        span_s=float((end - first) * stream.time_base),
    )
