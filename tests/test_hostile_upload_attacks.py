"""Attacks with hostile uploads on every endpoint that takes a file (2026-12-07).

The rule: bad input gets a clear 4xx in the API's error format (`{"code", "message", "fields"}`), never a 500;
nothing new is stored (no row, no file under MEDIA_ROOT) and nothing stored before is changed (an avatar that was
set stays set and served); uploads are judged by their content, not their name, within size limits, and a hostile
file does not make the process eat large memory. Every hostile file is built here (PIL, PyAV, struct, zlib).

Tried: the avatar (PUT /me/avatar/), a character cameo's image or clip (POST /cameos/ kind=pet), the verification
video (POST /cameos/ kind=self), find my face (POST /cameos/{id}/face-searches/), the provenance lookup
(POST /provenance/verify/) and a protected person's photo in the Django admin. Files: PNG text and ICC chunks that
inflate past Pillow's limits, images declaring 10^10 pixels, a GIF of 3,000 frames, an APNG of 3,000 frames,
videos of 8192x8192 frames with a true or an understated track header; lies (HTML and SVG as image/png, a JPEG
named .mp4, a JPEG that turns into HTML, empty, one byte, truncated); files FFmpeg reads as instructions to open
other things (an ffconcat list naming a file beside the server, an SDP description of an RTP stream, an HLS
playlist); EXIF with GPS, garbage EXIF, a 2 MB ICC profile, EXIF orientation; a file exactly at the avatar's limit
and one byte over; a part without a filename, two files in one field, a 5,000-character filename with "../" and a
NUL; a Content-Length that understates the body; an MP4 cut off in its index.

Got through: 7 cases, all MENDED the same day (their tests were strict xfails until then): avatar_set catches
Pillow's ValueError and applies the EXIF orientation before it drops the metadata; every reader of an uploaded or
stored video opens it through sora_social.media_probe.open_upload (only the MP4/MOV and Matroska/WebM demuxers, no
network protocol, no decoded frame past MAX_FRAME_PIXELS, the ones decoded at open included), and a track whose
description was cut off is `truncated`. Found while mending: face_recognition's import sets Pillow's
LOAD_TRUNCATED_IMAGES for the whole process, so truncated avatars (and the chunk bombs) were taken in any process that
had looked at a face; sora_social.pillow_settings.refuse_truncated_images undoes it before each upload is decoded and
after each import (test_a_truncated_image_is_refused_in_a_process_that_has_imported_face_recognition).
- test_a_png_whose_text_or_icc_chunk_inflates_past_pillows_limit_is_a_4xx_and_the_old_avatar_stays (3 params):
  a 9 KB PNG whose zTXt (before or after IDAT) or iCCP chunk inflates to 8 MB makes Pillow raise ValueError
  ("Decompressed data too large"), which sora_social/accounts/services.py avatar_set does not catch (it catches
  UnidentifiedImageError, OSError, DecompressionBombError): a 500. Mend: catch ValueError there too (as
  cameos/verification/images.py load_image does), or open avatars with load_image.
- test_a_character_upload_that_lists_a_file_beside_the_server_is_refused: an ffconcat list ("ffconcat version 1.0 /
  file secret.mp4") sent as a pet's picture is handed to FFmpeg as a clip (cameos/verification/reference.py
  reference_image_from_upload -> media.first_frame -> av.open on the bytes, no container whitelist), and FFmpeg's
  concat demuxer opens the named file relative to the server's working directory: its first frame becomes the
  character's reference picture (202; with `make run`, var/media/videos/<public_ref>.mp4 is such a path). Mend:
  refuse a clip unless it starts like MP4/MOV/WebM (media_probe._looks_like_container) and open it with
  `format_whitelist="mov,mp4,m4a,3gp,3g2,mj2,matroska,webm"`, i.e. put character clips through probe_video.
- test_a_character_upload_describing_a_network_stream_is_refused_without_listening: an SDP text file sent as a
  pet's picture makes the web process bind the UDP ports it names and wait for RTP (20 s when nothing comes)
  inside the request's transaction, holding the handle lock (same place: first_frame opens whatever FFmpeg
  detects). Mend: as above; and `protocol_whitelist="file"` never reaches the network.
- test_a_character_clip_of_enormous_frames_is_refused_before_it_is_decoded: an 85 KB MOV of one 8192x8192 frame
  is taken as a pet (202) and decoded in the request (first_frame has no frame-size check; ~200 MB for RGB). Mend:
  put character clips through probe_video (frame_too_large), with the decoder limit below.
- test_a_video_of_enormous_frames_is_refused_without_decoding_one (4 params: verification and find my face, the
  track header true or understating 64x64): the answer is the right 422 frame_too_large, but only after FFmpeg
  decoded the frame: av.open's stream-info pass decodes a PNG frame to learn its pixel format, and
  sora_social/media_probe.py reads codec_context.width only after that (peak +190 MB for 8192x8192 RGB; 16384 a
  side would be 800 MB; tests/test_realtime_and_face_search_attacks.py checked the answer, not the memory). Mend:
  pass `{"max_pixels": str(MAX_FRAME_PIXELS)}` in av.open's options and in the stream's codec_context.options
  (FFmpeg then refuses the frame before allocating it: measured +0 MB here), in media_probe and
  cameos/verification/media._open.
- test_an_mp4_cut_off_in_its_index_is_refused_as_truncated (2 params: verification, find my face): an MP4 with its
  index (moov) at the end, as phones write it, cut off just before the track's sample description opens in PyAV
  with a video stream whose codec_context is None; sora_social/media_probe.py _probe_container reads
  `stream.codec_context.width` (AttributeError): a 500 where the rule is 422 truncated. Mend: refuse a stream whose
  codec_context is None (or whose codec is unknown) as `truncated` before reading its size.
- test_an_avatar_taken_sideways_is_stored_upright: avatar_set drops EXIF (good, GPS goes with it) but never applies
  its orientation first (no ImageOps.exif_transpose, unlike load_image), so a phone portrait is stored lying on
  its side. Mend: `image = ImageOps.exif_transpose(image)` before convert("RGB").

Held (passing):
- Avatar: images declaring 10^10 pixels (PNG, JPEG) or more than 4096x4096, GIFs (3,000 frames), HTML and SVG sent
  as image/png, an MP4 named .jpg, empty, one byte, truncated PNG and JPEG, a JPEG that turns into HTML, a part
  without a filename: 4xx in the error format, the previous avatar still set, served, byte for byte, and no new
  file. An APNG of 3,000 frames becomes a still of its first frame. Exactly 5 MB is taken, one byte more is 4xx.
  GPS EXIF, garbage EXIF, XMP and a 2 MB ICC profile are neither stored nor served back. A 5,000-character
  filename with "../" and a NUL is stored as avatars/<id>.jpg. Two files in one field: the one checked is the one
  stored. A Content-Length shorter than the body is a 400, the avatar unchanged.
- Characters: the same lies and declared-huge images, an ANSI text (FFmpeg's tty demuxer), an HLS playlist and an
  MP4 cut off in its index are 422 not_an_image_or_video, with no cameo and no file. Empty is 422 empty_file. A photo's GPS is not kept in the stored reference.
- Verification and find my face: a JPEG named .mp4, an ffconcat list, an SDP description (no port opened), an HLS
  playlist, HTML, one byte and an MP4 (index first) cut off in its samples are 422 (not_a_video / truncated) with
  nothing stored and the challenge still unused; a clip whose samples span three hours is 422 too_long. (A track
  header that merely claims hours or 16384x16384 over a small real clip is overridden by FFmpeg from the sample
  table and the bitstream, so it costs nothing; one that tells the truth is the enormous-frames case above.)
- Provenance: an SDP description is a 200 "not made here" and opens no port (the lookup reads from a file path,
  whose protocol whitelist is file,crypto,data).
- Admin: a protected person's photo that is HTML, declares 10^10 pixels or carries a zTXt bomb is a form error,
  with no row and no file.

Looked at, not written as holes: the provenance lookup answers 200 "not made here" to any bytes (documented and
tested in tests/test_media_provenance_admin_attacks.py); the server's body cap at and over 60 MB, malformed and
chunked lengths (tests/test_asgi_body_cap.py). A protected person's photo is stored as uploaded, EXIF (GPS
included) and all, under protected/<the uploader's file name>; only moderators upload it and it is never served
raw (the admin shows a re-encoded PNG), so it is noted, not written: re-encoding it from pixels as avatars are
would drop the metadata. Not tried: a clip of thousands of 4K frames behind one keyframe (the request only
demuxes it; its cost falls on the media worker's sampled decode, which was not measured here).
"""

from __future__ import annotations

import io
import socket
import struct
import tempfile
import threading
import time
import zlib
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from cameos.models import Cameo, ProtectedPerson, VerificationAttempt, VerificationChallenge
from generation.models import FaceSearch
from sora_social.accounts.services import AVATAR_MAX_BYTES

pytestmark = pytest.mark.django_db

AVATAR = "/api/v1/me/avatar/"
CAMEOS = "/api/v1/cameos/"
VERIFY = "/api/v1/provenance/verify/"
# A request may hold about one 4K frame's worth of decoded pixels beyond what it held before (4096x2304 RGB is
# 28 MB); the frames refused here are 8192x8192 (201 MB as RGB).
MEMORY_BUDGET_MB = 40


# ---- building hostile files ---------------------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def image_bytes(fmt: str = "PNG", size=(64, 64), color=(200, 30, 30), image: Image.Image | None = None, **options) -> bytes:
    buffer = io.BytesIO()
    (image or Image.new("RGB", size, color)).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def png_with_chunk(chunk: bytes, *, after_idat: bool = False) -> bytes:
    """A small valid PNG with one extra chunk, before IDAT (read on open) or after it (read on load)."""
    data = image_bytes("PNG", size=(32, 32))
    return data[:-12] + chunk + data[-12:] if after_idat else data[:33] + chunk + data[33:]


def inflating(kind: bytes) -> bytes:
    """A chunk of a few KB that inflates to 8 MB: past Pillow's 1 MB limit for one text or ICC chunk."""
    if kind == b"iCCP":
        return png_chunk(b"iCCP", b"icc\x00\x00" + zlib.compress(bytes(8 << 20), 9))
    return png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * (8 << 20), 9))


def png_declaring(width: int, height: int) -> bytes:
    """A PNG header declaring width x height pixels, followed by a few bytes of image data and the end."""
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + ihdr + png_chunk(b"IDAT", zlib.compress(bytes(64))) + png_chunk(b"IEND", b"")


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real small JPEG whose frame header (SOF0) is rewritten to declare width x height."""
    data = bytearray(image_bytes("JPEG", size=(16, 16)))
    at = data.find(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def blank_png(width: int, height: int) -> bytes:
    """A black RGB PNG of any size, written row by row (a few hundred KB for 8192x8192, never held decoded)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    row = bytes(1 + 3 * width)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + ihdr + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def mov_of_one_png_frame(side: int, *, declared: int | None = None) -> bytes:
    """A MOV holding one side x side PNG frame; its track header says `declared` x `declared` (default: the truth)."""
    declared = declared or side
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mov") as container:
        stream = container.add_stream("png", rate=1)
        stream.width = stream.height = declared
        stream.pix_fmt = "rgb24"
        packet = av.Packet(blank_png(side, side))
        packet.stream, packet.pts, packet.dts, packet.duration = stream, 0, 0, 1
        packet.time_base, packet.is_keyframe = Fraction(1, 1), True
        container.mux(packet)
    return buffer.getvalue()


def small_mp4(path: Path | None = None, *, color=(0, 200, 0), frames: int = 5, side: int = 64) -> bytes:
    target = path or io.BytesIO()
    with av.open(target, "w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=5)
        stream.width = stream.height = side
        stream.pix_fmt = "yuv420p"
        for _ in range(frames):
            frame = av.VideoFrame.from_ndarray(np.full((side, side, 3), color, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return Path(path).read_bytes() if path else target.getvalue()


def mp4_file(*, faststart: bool = False, frames: int = 5, seconds_apart: float = 0.2) -> bytes:
    """An MP4 written to disk (faststart moves the index to the front, which needs a seekable file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clip.mp4"
        with av.open(str(path), "w", format="mp4", options={"movflags": "faststart"} if faststart else {}) as container:
            stream = container.add_stream("mpeg4", rate=5)
            stream.width = stream.height = 64
            stream.pix_fmt = "yuv420p"
            stream.time_base = Fraction(1, 5)
            for index in range(frames):
                frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), (0, 200, 0), np.uint8), format="rgb24")
                frame.pts, frame.time_base = int(index * seconds_apart * 5), Fraction(1, 5)
                for packet in stream.encode(frame):
                    container.mux(packet)
            for packet in stream.encode():
                container.mux(packet)
        return path.read_bytes()


def cut_in_its_index() -> bytes:
    """An MP4 as a phone writes it (the index, moov, after the samples), cut off in the index just before the track's
    sample description (stsd): what an upload that broke off near its end sends."""
    clip = small_mp4()
    assert clip.find(b"stsd") > clip.find(b"moov") > clip.find(b"mdat") > 0
    return clip[: clip.find(b"stsd")]


def gif_of_frames(count: int) -> bytes:
    frames = [Image.new("P", (4, 4), i % 256) for i in range(count)]
    return image_bytes("GIF", image=frames[0], save_all=True, append_images=frames[1:], duration=10)


def apng_of_frames(count: int) -> bytes:
    frames = [Image.new("RGB", (8, 8), (255, 0, 0))] + [Image.new("RGB", (8, 8), (0, 0, i % 256)) for i in range(count - 1)]
    return image_bytes("PNG", image=frames[0], save_all=True, append_images=frames[1:], duration=10)


def exif_with_gps(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    if orientation is not None:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (48.0, 51.0, 29.6), 3: "E", 4: (2.0, 17.0, 40.2)})
    return exif.tobytes()


def ffconcat(name: str) -> bytes:
    return f"ffconcat version 1.0\nfile {name}\n".encode()


def sdp(port: int) -> bytes:
    return (f"v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {port} RTP/AVP 0\r\n").encode()


HLS = b"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://127.0.0.1:9/segment.ts\n#EXT-X-ENDLIST\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
ANSI = b"\x1b[31mHello\x1b[0m from a terminal\n" * 40


def lies() -> dict[str, tuple[bytes, str, str]]:
    """name -> (bytes, file name, content type): files that are not what their name and type say."""
    jpeg = image_bytes("JPEG")
    return {
        "html_as_png": (HTML, "me.png", "image/png"),
        "svg_as_png": (SVG, "me.png", "image/png"),
        "mp4_named_jpg": (small_mp4(), "me.jpg", "image/jpeg"),
        "one_byte": (b"\xff", "me.jpg", "image/jpeg"),
        "truncated_png": (image_bytes("PNG", image=noise(200))[:3000], "me.png", "image/png"),
        "truncated_jpeg": (image_bytes("JPEG", image=noise(200))[:3000], "me.jpg", "image/jpeg"),
        "jpeg_then_html": (jpeg[:200] + HTML, "me.jpg", "image/jpeg"),
    }


def noise(side: int) -> Image.Image:
    return Image.fromarray(np.random.default_rng(side).integers(0, 255, (side, side, 3), dtype=np.uint8))


def upload(data: bytes, name: str = "file.bin", content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# ---- watching what the server does --------------------------------------------------------------------------------


def stored_files() -> list[str]:
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_refused(response, statuses=(400, 413, 422), code: str | None = None) -> dict:
    """A 4xx in the API's error format, with the expected code when one is given."""
    assert response.status_code in statuses, (response.status_code, response.content[:400])
    body = response.json()
    assert {"code", "message", "fields"} <= set(body), body
    assert isinstance(body["code"], str) and body["code"] and isinstance(body["message"], str) and body["message"]
    if code is not None:
        assert body["code"] == code, body
    return body


def quiet(client):
    """A client that hands back a 500 as a response instead of raising the view's exception."""
    client.raise_request_exception = False
    return client


def _status_mb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    raise LookupError(field)


def peak_extra_mb(action):
    """(action(), how many MB the process's peak resident memory rose above what it held before the action).

    Linux resets the high-water mark (VmHWM) on writing 5 to /proc/self/clear_refs; FFmpeg's and Pillow's buffers
    are outside tracemalloc's sight, so the kernel's count is the honest one."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pytest.skip("cannot reset the peak resident memory here")
    before = _status_mb("VmRSS")
    result = action()
    return result, _status_mb("VmHWM") - before


class PortWatch:
    """Whether anything in this process listens on a UDP port while a request runs; then RTP packets to the port,
    which let an FFmpeg waiting on it finish (a wait that would otherwise last 20 s)."""

    def __init__(self) -> None:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1] & ~1  # RTP takes an even port, RTCP the next
        probe.close()
        self.listening: bool | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._thread.join(timeout=30)

    def _run(self) -> None:
        time.sleep(1.0)
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            probe.bind(("127.0.0.1", self.port))
            self.listening = False
        except OSError:
            self.listening = True
        finally:
            probe.close()
        sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for sequence in range(200):
            packet = struct.pack(">BBHII", 0x80, 0, sequence, sequence * 160, 0x5050) + b"\xff" * 160
            try:
                sender.sendto(packet, ("127.0.0.1", self.port))
            except OSError:
                pass
            time.sleep(0.005)
        sender.close()


# ---- fixtures -----------------------------------------------------------------------------------------------------


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def with_avatar(alice, client_for):
    """Alice with an avatar already set; returns a check that it is still set, the same file, and still served."""
    response = client_for(alice).put(AVATAR, {"avatar": upload(image_bytes("PNG", color=(10, 120, 250)), "a.png")}, format="multipart")
    assert response.status_code == 200, response.content
    alice.profile.refresh_from_db()
    name = alice.profile.avatar.name
    stored = alice.profile.avatar.storage.open(name).read()
    files = stored_files()

    def still_there() -> None:
        alice.profile.refresh_from_db()
        assert alice.profile.avatar.name == name
        assert alice.profile.avatar.storage.open(name).read() == stored
        assert stored_files() == files
        url = client_for(alice).get("/api/v1/me/").json()["avatar_url"]
        served = Client().get(url)
        assert served.status_code == 200
        assert (b"".join(served.streaming_content) if served.streaming else served.content) == stored

    return still_there


def put_avatar(client, data: bytes, name: str = "me.png", content_type: str = "image/png"):
    return quiet(client).put(AVATAR, {"avatar": upload(data, name, content_type)}, format="multipart")


def stored_avatar(user) -> Image.Image:
    user.profile.refresh_from_db()
    return Image.open(io.BytesIO(user.profile.avatar.storage.open(user.profile.avatar.name).read()))


# ---- 1. the avatar ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chunk,after_idat", [(b"zTXt", False), (b"zTXt", True), (b"iCCP", False)], ids=["ztxt_on_open", "ztxt_on_load", "iccp"]
)
def test_a_png_whose_text_or_icc_chunk_inflates_past_pillows_limit_is_a_4xx_and_the_old_avatar_stays(
    alice, client_for, with_avatar, chunk, after_idat
):
    bomb = png_with_chunk(inflating(chunk), after_idat=after_idat)
    assert len(bomb) < 20_000

    assert_refused(put_avatar(client_for(alice), bomb), code="not_an_image")
    with_avatar()


@pytest.mark.parametrize(
    "kind", ["png_10g_pixels", "jpeg_4g_pixels", "png_over_avatar_limit", "webp_over_avatar_limit"]
)
def test_an_image_declaring_too_many_pixels_is_refused_before_it_is_decoded(alice, client_for, with_avatar, kind):
    data = {
        "png_10g_pixels": lambda: png_declaring(100_000, 100_000),
        "jpeg_4g_pixels": lambda: jpeg_declaring(65_000, 65_000),
        "png_over_avatar_limit": lambda: png_declaring(4097, 4097),
        "webp_over_avatar_limit": lambda: image_bytes("WEBP", size=(4200, 4200), quality=1),
    }[kind]()

    response, extra_mb = peak_extra_mb(lambda: put_avatar(client_for(alice), data))

    body = assert_refused(response, statuses=(413, 422))
    assert body["code"] in ("too_large", "not_an_image")
    assert extra_mb < MEMORY_BUDGET_MB
    with_avatar()


def test_a_gif_of_three_thousand_frames_is_refused_unread(alice, client_for, with_avatar):
    response = put_avatar(client_for(alice), gif_of_frames(3000), "me.gif", "image/gif")

    assert_refused(response, statuses=(422,), code="unsupported_image")
    with_avatar()


def test_an_animated_png_of_three_thousand_frames_becomes_a_still_of_its_first(alice, client_for):
    started = time.monotonic()
    response = put_avatar(client_for(alice), apng_of_frames(3000))

    assert response.status_code == 200, response.content
    assert time.monotonic() - started < 5
    stored = stored_avatar(alice)
    assert getattr(stored, "n_frames", 1) == 1
    assert stored.convert("RGB").getpixel((0, 0))[0] > 200  # the red first frame, not a later blue one


@pytest.mark.parametrize("kind", list(lies()))
def test_a_file_that_is_not_the_image_its_name_and_type_say_is_refused(alice, client_for, with_avatar, kind):
    data, name, content_type = lies()[kind]

    assert_refused(put_avatar(client_for(alice), data, name, content_type), statuses=(422,), code="not_an_image")
    with_avatar()


@pytest.mark.parametrize("kind", ["truncated_png", "truncated_jpeg"])
def test_a_truncated_image_is_refused_in_a_process_that_has_imported_face_recognition(
    alice, client_for, with_avatar, kind
):
    # Mended 2026-12-07: face_recognition's import sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process, and the
    # truncated files above were taken as avatars whenever a face had been looked at in the process before.
    import face_recognition  # noqa: F401 - imported for the setting it changes
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True  # as the import left it, whichever module imported it first
    data, name, content_type = lies()[kind]

    assert_refused(put_avatar(client_for(alice), data, name, content_type), statuses=(422,), code="not_an_image")
    with_avatar()


def test_an_empty_avatar_or_a_part_without_a_file_name_is_a_400(alice, client_for, with_avatar):
    empty = put_avatar(client_for(alice), b"")
    not_a_file = quiet(client_for(alice)).put(AVATAR, {"avatar": image_bytes("PNG").decode("latin-1")}, format="multipart")

    for response in (empty, not_a_file):
        body = assert_refused(response, statuses=(400,), code="invalid_input")
        assert "avatar" in body["fields"]
    with_avatar()


def padded_jpeg(size: int) -> bytes:
    """A valid JPEG made exactly `size` bytes long with bytes after its end marker, which decoders skip."""
    data = image_bytes("JPEG", size=(64, 64))
    return data + bytes(size - len(data))


def test_an_avatar_exactly_at_the_limit_is_taken_and_one_byte_over_is_refused(alice, client_for):
    at_limit = put_avatar(client_for(alice), padded_jpeg(AVATAR_MAX_BYTES), "me.jpg", "image/jpeg")
    assert at_limit.status_code == 200, at_limit.content
    alice.profile.refresh_from_db()
    kept = (alice.profile.avatar.name, stored_files())

    over = put_avatar(client_for(alice), padded_jpeg(AVATAR_MAX_BYTES + 1), "me.jpg", "image/jpeg")

    assert_refused(over, statuses=(413, 422), code="too_large")
    alice.profile.refresh_from_db()
    assert (alice.profile.avatar.name, stored_files()) == kept


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")  # Pillow reading the garbage EXIF sent here
@pytest.mark.parametrize("kind", ["gps_exif", "garbage_exif", "xmp", "icc_2mb"])
def test_gps_and_other_metadata_are_neither_kept_nor_served_back(alice, client_for, kind):
    photo = Image.new("RGB", (64, 48), (90, 160, 30))
    marker = {"gps_exif": b"PhoneMaker", "garbage_exif": b"GPS", "xmp": b"xmpmeta", "icc_2mb": b"GPS-secret"}[kind]
    options = {
        "gps_exif": {"exif": exif_with_gps()},
        "garbage_exif": {"exif": b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"GPS\x00" * 5000},
        "xmp": {"xmp": b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>48,51.4N</exif:GPSLatitude>'
                       + b" " * 60_000 + b"</x:xmpmeta>"},
        "icc_2mb": {"icc_profile": b"GPS-secret-profile" * (2 * 1024 * 1024 // 18)},
    }[kind]
    sent = image_bytes("JPEG", image=photo, **options)
    assert marker in sent  # the photo really carries it

    response = put_avatar(client_for(alice), sent, "photo.jpg", "image/jpeg")

    assert response.status_code == 200, response.content
    served = Client().get(response.json()["avatar_url"])
    served_bytes = b"".join(served.streaming_content) if served.streaming else served.content
    alice.profile.refresh_from_db()
    stored_bytes = alice.profile.avatar.storage.open(alice.profile.avatar.name).read()
    for data in (stored_bytes, served_bytes):
        image = Image.open(io.BytesIO(data))
        assert not image.getexif() and "icc_profile" not in image.info and "xmp" not in image.info
        assert marker not in data and b"GPS" not in data and b"xmpmeta" not in data and b"PhoneMaker" not in data


def test_an_avatar_taken_sideways_is_stored_upright(alice, client_for):
    # A phone stores a portrait as landscape pixels with EXIF orientation 6 ("turn 90 degrees clockwise to show").
    pixels = Image.new("RGB", (80, 40), (255, 0, 0))
    pixels.paste((0, 0, 255), (40, 0, 80, 40))  # right half blue: shown upright, blue is at the bottom
    sent = image_bytes("JPEG", image=pixels, exif=exif_with_gps(orientation=6))

    assert put_avatar(client_for(alice), sent, "portrait.jpg", "image/jpeg").status_code == 200

    stored = stored_avatar(alice).convert("RGB")
    assert stored.height > stored.width  # a portrait, as every viewer of the photo saw it
    assert stored.getpixel((stored.width // 2, stored.height - 3))[2] > 200


def test_a_long_filename_with_traversal_and_a_nul_is_stored_under_the_avatar_name(alice, client_for):
    name = "../" * 1000 + "etc/passwd\x00" + "x" * 2000 + ".png"

    response = put_avatar(client_for(alice), image_bytes("PNG"), name)

    assert response.status_code == 200, response.content
    alice.profile.refresh_from_db()
    assert alice.profile.avatar.name == f"avatars/{alice.pk}.jpg"
    assert stored_files() == [f"avatars/{alice.pk}.jpg"]


@pytest.mark.parametrize("order", ["html_last", "html_first"])
def test_two_files_in_one_field_the_one_checked_is_the_one_stored(alice, client_for, with_avatar, order):
    red = upload(image_bytes("PNG", color=(250, 0, 0)), "red.png", "image/png")
    html = upload(HTML, "x.png", "image/png")
    files = [red, html] if order == "html_last" else [html, red]

    response = quiet(client_for(alice)).put(AVATAR, {"avatar": files}, format="multipart")

    if response.status_code == 200:
        assert stored_avatar(alice).convert("RGB").getpixel((5, 5))[0] > 200  # the image, never the page
    else:
        assert_refused(response, statuses=(400, 422))
        with_avatar()


def test_a_content_length_shorter_than_the_body_is_a_400_and_the_avatar_stays(alice, client_for, with_avatar):
    client = quiet(client_for(alice))
    boundary = "hostileboundary"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\n"
        f"Content-Type: image/png\r\n\r\n"
    ).encode() + image_bytes("PNG", color=(0, 250, 0)) + f"\r\n--{boundary}--\r\n".encode()

    response = client.generic(
        "PUT", AVATAR, body, content_type=f"multipart/form-data; boundary={boundary}", CONTENT_LENGTH=str(len(body) // 2)
    )

    assert_refused(response, statuses=(400,))
    with_avatar()


# ---- 2. a character cameo's picture ----------------------------------------------------------------------------------


def post_character(client, data: bytes, name: str = "pet.png", content_type: str = "image/png", handle: str = "rex_pet"):
    return quiet(client).post(
        CAMEOS, {"kind": "pet", "handle": handle, "media": upload(data, name, content_type)}, format="multipart"
    )


def assert_no_character_stored(owner) -> None:
    assert not Cameo.objects.filter(owner=owner).exists()
    assert not VerificationAttempt.objects.filter(cameo__owner=owner).exists()
    assert stored_files() == []


def test_a_character_upload_that_lists_a_file_beside_the_server_is_refused(alice, client_for, tmp_path, monkeypatch):
    # A file the server can read, in its working directory (with `make run`: var/media/videos/<public_ref>.mp4).
    server_dir = tmp_path / "server"
    server_dir.mkdir()
    small_mp4(server_dir / "secret.mp4", color=(0, 200, 0))
    monkeypatch.chdir(server_dir)

    response = post_character(client_for(alice), ffconcat("secret.mp4"))

    assert_refused(response, statuses=(422,), code="not_an_image_or_video")
    assert_no_character_stored(alice)


def test_a_character_upload_describing_a_network_stream_is_refused_without_listening(alice, client_for):
    with PortWatch() as watch:
        response = post_character(client_for(alice), sdp(watch.port), "pet.sdp", "application/sdp")

    assert_refused(response, statuses=(422,), code="not_an_image_or_video")
    assert watch.listening is False, f"the request listened on UDP port {watch.port}, named by the upload"
    assert_no_character_stored(alice)


def test_a_character_clip_of_enormous_frames_is_refused_before_it_is_decoded(alice, client_for):
    bomb = mov_of_one_png_frame(8192)
    assert len(bomb) < 400_000

    response, extra_mb = peak_extra_mb(lambda: post_character(client_for(alice), bomb, "pet.mov", "video/quicktime"))

    assert_refused(response, statuses=(413, 422))
    assert extra_mb < MEMORY_BUDGET_MB
    assert_no_character_stored(alice)


def character_lies() -> dict[str, tuple[bytes, str, str]]:
    return {
        **lies(),
        "ansi_text": (ANSI, "pet.png", "image/png"),
        "hls_playlist": (HLS, "pet.png", "image/png"),
        "png_10g_pixels": (png_declaring(100_000, 100_000), "pet.png", "image/png"),
        "jpeg_4g_pixels": (jpeg_declaring(65_000, 65_000), "pet.jpg", "image/jpeg"),
        "mp4_cut_in_its_index": (cut_in_its_index(), "pet.mp4", "video/mp4"),
    }


@pytest.mark.parametrize("kind", [k for k in character_lies() if k != "mp4_named_jpg"])
def test_a_character_file_that_is_neither_image_nor_clip_is_refused(alice, client_for, kind):
    data, name, content_type = character_lies()[kind]

    response, extra_mb = peak_extra_mb(lambda: post_character(client_for(alice), data, name, content_type))

    assert_refused(response, statuses=(422,), code="not_an_image_or_video")
    assert extra_mb < MEMORY_BUDGET_MB
    assert_no_character_stored(alice)


def test_an_empty_character_file_is_refused(alice, client_for):
    assert_refused(post_character(client_for(alice), b""), statuses=(400, 422), code="empty_file")
    assert_no_character_stored(alice)


def test_a_character_photos_gps_is_not_kept(alice, client_for):
    photo = image_bytes("JPEG", image=noise(96), exif=exif_with_gps())

    response = post_character(client_for(alice), photo, "pet.jpg", "image/jpeg")

    assert response.status_code == 202, response.content
    [attempt] = VerificationAttempt.objects.filter(cameo__owner=alice)
    stored = attempt.upload.storage.open(attempt.upload.name).read()
    assert b"GPS" not in stored and b"PhoneMaker" not in stored and b"Exif" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


# ---- 3. the verification video and find my face -------------------------------------------------------------------


@pytest.fixture
def video_endpoint(alice, client_for, make_cameo):
    """POST a video to one of the two endpoints that take one; returns (post, what must stay as it was)."""

    def for_endpoint(which: str):
        client = quiet(client_for(alice))
        if which == "verification":
            issued = client.post("/api/v1/cameos/challenge/").json()

            def post(data: bytes, name: str = "selfie.mp4"):
                fields = {"kind": "self", "handle": "alice_me", "challenge_id": issued["id"], "video": upload(data, name, "video/mp4")}
                return client.post(CAMEOS, fields, format="multipart")

            def unchanged() -> None:
                assert not Cameo.objects.filter(owner=alice).exists()
                assert VerificationChallenge.objects.get(pk=issued["id"]).used_at is None
                assert stored_files() == []

            return post, unchanged
        cameo = make_cameo(alice, handle="alice_face", level="only_me")

        def post(data: bytes, name: str = "found.mp4"):
            return client.post(f"/api/v1/cameos/{cameo.pk}/face-searches/", {"video": upload(data, name, "video/mp4")}, format="multipart")

        def unchanged() -> None:
            assert not FaceSearch.objects.exists()
            assert stored_files() == []

        return post, unchanged

    return for_endpoint


def not_videos() -> dict[str, bytes]:
    clip = mp4_file(faststart=True, frames=50)
    return {
        "jpeg_named_mp4": image_bytes("JPEG"),
        "ffconcat": ffconcat("secret.mp4"),
        "hls_playlist": HLS,
        "html": HTML,
        "one_byte": b"\x00",
        "cut_in_its_samples": clip[: len(clip) * 2 // 3],
    }


@pytest.mark.parametrize("kind", list(not_videos()))
@pytest.mark.parametrize("which", ["verification", "face_search"])
def test_a_file_that_is_not_a_whole_video_is_refused_by_its_content(video_endpoint, which, kind):
    post, unchanged = video_endpoint(which)

    body = assert_refused(post(not_videos()[kind]), statuses=(422,))

    assert body["code"] in ("not_a_video", "truncated")
    unchanged()


@pytest.mark.parametrize("which", ["verification", "face_search"])
def test_a_stream_description_sent_as_a_video_opens_no_port(video_endpoint, which):
    post, unchanged = video_endpoint(which)

    with PortWatch() as watch:
        response = post(sdp(watch.port), "clip.mp4")

    assert_refused(response, statuses=(422,), code="not_a_video")
    assert watch.listening is False
    unchanged()


@pytest.mark.parametrize("header", ["true", "understated"])
@pytest.mark.parametrize("which", ["verification", "face_search"])
def test_a_video_of_enormous_frames_is_refused_without_decoding_one(video_endpoint, which, header):
    post, unchanged = video_endpoint(which)
    bomb = mov_of_one_png_frame(8192, declared=64 if header == "understated" else None)

    response, extra_mb = peak_extra_mb(lambda: post(bomb, "clip.mov"))

    assert_refused(response, statuses=(413, 422))
    unchanged()
    assert extra_mb < MEMORY_BUDGET_MB, f"refusing it took {extra_mb} MB"


@pytest.mark.parametrize("which", ["verification", "face_search"])
def test_an_mp4_cut_off_in_its_index_is_refused_as_truncated(video_endpoint, which):
    post, unchanged = video_endpoint(which)

    assert_refused(post(cut_in_its_index()), statuses=(422,), code="truncated")
    unchanged()


@pytest.mark.parametrize("which", ["verification", "face_search"])
def test_a_video_whose_samples_span_hours_is_refused_as_too_long(video_endpoint, which):
    post, unchanged = video_endpoint(which)
    hours = mp4_file(frames=4, seconds_apart=3600)

    assert_refused(post(hours), statuses=(422,), code="too_long")
    unchanged()


# ---- 4. the provenance lookup -----------------------------------------------------------------------------------------


def test_a_provenance_lookup_of_a_stream_description_opens_no_port(alice, client_for):
    with PortWatch() as watch:
        response = quiet(client_for(alice)).post(VERIFY, {"file": upload(sdp(watch.port), "found.mp4")}, format="multipart")

    assert response.status_code == 200, response.content
    assert (response.json()["made_here"], response.json()["method"]) == (False, "none")
    assert watch.listening is False
    assert stored_files() == []


# ---- 5. a protected person's photo in the admin ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["html_as_jpg", "png_10g_pixels", "ztxt_bomb", "empty"])
def test_a_protected_persons_photo_that_is_no_readable_face_photo_is_a_form_error(make_user, kind):
    from tests.moderation.world import make_moderator

    data = {
        "html_as_jpg": HTML,
        "png_10g_pixels": png_declaring(100_000, 100_000),
        "ztxt_bomb": png_with_chunk(inflating(b"zTXt")),
        "empty": b"",
    }[kind]
    admin = Client()
    admin.force_login(make_moderator(make_user))

    response = admin.post(
        "/admin/cameos/protectedperson/add/",
        {"name": "Some Body", "aliases": "[]", "photo": upload(data, "photo.jpg", "image/jpeg")},
    )

    assert response.status_code == 200  # the form again, with its error; a saved person would redirect
    assert "errorlist" in response.content.decode()
    assert not ProtectedPerson.objects.filter(name="Some Body").exists()
    assert stored_files() == []
