"""MP4 encoding, posters and upload checks, measured by decoding the output with PyAV."""

import io
from fractions import Fraction

import av
import numpy as np
import pytest
from PIL import Image

from generation.media.encode import (
    encode_mp4,
    file_sha256,
    write_poster,
)
from sora_social.media_probe import VideoRejected, probe_video

FPS = 24
SAMPLE_RATE = 48_000
WIDTH, HEIGHT = 320, 240
FRAMES = 37  # not a multiple of anything convenient, so off-by-one errors show


def _frames(count: int = FRAMES, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """A moving colour ramp with a red block, so every frame differs and colours can be checked."""
    yy, xx = np.mgrid[0:height, 0:width]
    out = np.empty((count, height, width, 3), dtype=np.uint8)
    for t in range(count):
        out[t, :, :, 0] = (xx * 255) // width
        out[t, :, :, 1] = (yy * 255) // height
        out[t, :, :, 2] = (t * 6) % 256
        out[t, 60:120, 40 + t : 120 + t] = (220, 30, 30)
    return out


def _tone(seconds: float, hz: float = 440.0) -> np.ndarray:
    n = round(seconds * SAMPLE_RATE)
    return (0.4 * np.sin(2 * np.pi * hz * np.arange(n) / SAMPLE_RATE)).astype(np.float32)


@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    frames = _frames()
    path = tmp_path_factory.mktemp("encode") / "clip.mp4"
    result = encode_mp4(frames=frames, audio=_tone(FRAMES / FPS), sample_rate=SAMPLE_RATE, fps=FPS, path=path, crf=18)
    return result, frames


def test_video_track_decodes_with_exact_frames_duration_and_size(encoded):
    result, frames = encoded

    with av.open(str(result.path)) as container:
        assert container.format.name.startswith("mov,mp4")
        video = container.streams.video[0]
        assert video.codec_context.name == "h264"
        assert video.codec_context.pix_fmt == "yuv420p"
        decoded = [f.to_ndarray(format="rgb24") for f in container.decode(video)]
        container_duration = container.duration / av.time_base

    assert len(decoded) == FRAMES == result.frame_count
    assert decoded[0].shape == (HEIGHT, WIDTH, 3)
    assert (result.width, result.height) == (WIDTH, HEIGHT)
    assert abs(container_duration - FRAMES / FPS) <= 1 / FPS
    assert result.duration_s == pytest.approx(FRAMES / FPS)
    # The pictures are the ones we sent (CRF 18 keeps them close), in order, colours intact.
    for index in (0, FRAMES // 2, FRAMES - 1):
        assert np.abs(decoded[index].astype(int) - frames[index]).mean() < 4
    assert np.abs(decoded[5][90, 100].astype(int) - (220, 30, 30)).max() < 20


def test_audio_track_is_aac_at_the_right_rate_and_length(encoded):
    result, _ = encoded

    with av.open(str(result.path)) as container:
        audio = container.streams.audio[0]
        assert audio.codec_context.name == "aac"
        assert audio.rate == SAMPLE_RATE
        declared = float(audio.duration * audio.time_base)
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(audio)])

    expected = round(FRAMES / FPS * SAMPLE_RATE)
    assert abs(declared - FRAMES / FPS) <= 1 / FPS
    # The decoder may hand back the padding of the last 1024-sample AAC frame; no more.
    assert expected <= samples.shape[0] <= expected + 1024
    # It is our tone: the dominant frequency is 440 Hz.
    spectrum = np.abs(np.fft.rfft(samples[:expected]))
    assert np.fft.rfftfreq(expected, 1 / SAMPLE_RATE)[spectrum.argmax()] == pytest.approx(440, abs=2)


def test_file_is_faststart_and_described_truthfully(encoded):
    result, _ = encoded
    data = result.path.read_bytes()

    # The index (moov) comes before the media data, so phones can start playing while downloading.
    assert 0 < data.find(b"moov") < data.find(b"mdat")
    assert result.size_bytes == len(data)
    assert result.sha256 == file_sha256(result.path)
    assert result.has_audio


def test_frames_can_be_streamed_from_an_iterator(tmp_path):
    frames = _frames(count=20)

    result = encode_mp4(
        frames=(frame for frame in frames),
        audio=_tone(0.3),  # shorter than the video: padded with silence
        sample_rate=SAMPLE_RATE,
        fps=FPS,
        path=tmp_path / "streamed.mp4",
    )

    with av.open(str(result.path)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 20
        audio = container.streams.audio[0]
        assert abs(float(audio.duration * audio.time_base) - 20 / FPS) <= 1 / FPS


def test_a_failed_encode_leaves_no_file_behind(tmp_path):
    def frames_then_crash():
        yield from _frames(count=5)
        raise RuntimeError("renderer died")

    target = tmp_path / "out.mp4"
    with pytest.raises(RuntimeError, match="renderer died"):
        encode_mp4(frames=frames_then_crash(), audio=None, sample_rate=SAMPLE_RATE, fps=FPS, path=target)

    assert list(tmp_path.iterdir()) == []


def test_odd_dimensions_are_refused(tmp_path):
    with pytest.raises(ValueError, match="even"):
        encode_mp4(
            frames=np.zeros((2, 61, 80, 3), np.uint8),
            audio=None,
            sample_rate=SAMPLE_RATE,
            fps=FPS,
            path=tmp_path / "x.mp4",
        )
    assert list(tmp_path.iterdir()) == []


def test_poster_is_a_scaled_jpeg(tmp_path):
    frame = _frames(count=1, width=1280, height=720)[0]

    size = write_poster(frame, tmp_path / "poster.jpg", max_width=640)

    with Image.open(tmp_path / "poster.jpg") as image:
        assert image.format == "JPEG"
        assert image.size == size == (640, 360)
        small = np.asarray(image.convert("RGB")).astype(int)
    expected = np.asarray(Image.fromarray(frame).resize((640, 360), Image.Resampling.BILINEAR)).astype(int)
    assert np.abs(small - expected).mean() < 6


# Upload checks


def test_probe_describes_a_real_upload(encoded):
    result, _ = encoded

    probe = probe_video(result.path, max_bytes=10_000_000, max_duration_s=20)

    assert (probe.width, probe.height) == (WIDTH, HEIGHT)
    assert probe.duration_s == pytest.approx(FRAMES / FPS, abs=1 / FPS)
    assert probe.has_audio and probe.audio_codec == "aac"
    assert probe.video_codec == "h264"
    assert probe.fps == pytest.approx(FPS)
    assert probe.size_bytes == result.size_bytes


def test_probe_reads_a_file_object_the_same_way(encoded):
    result, _ = encoded

    probe = probe_video(io.BytesIO(result.path.read_bytes()), max_bytes=10_000_000, max_duration_s=20)

    assert (probe.width, probe.height) == (WIDTH, HEIGHT)


def test_probe_accepts_a_real_phone_style_clip(faces_dir):
    probe = probe_video(faces_dir / "short_hamilton_clip.mp4", max_bytes=10_000_000, max_duration_s=20)

    assert (probe.width, probe.height) == (640, 360)
    assert probe.has_audio
    assert 9 <= probe.duration_s <= 10.5


def _rejection(source, **limits) -> str:
    limits = {"max_bytes": 10_000_000, "max_duration_s": 20} | limits
    with pytest.raises(VideoRejected) as caught:
        probe_video(source, **limits)
    assert caught.value.message
    return caught.value.code


def test_probe_rejects_a_text_file_named_mp4(tmp_path):
    fake = tmp_path / "clip.mp4"
    fake.write_text("this is not a video\n" * 200)

    assert _rejection(fake) == "not_a_video"


def test_probe_rejects_an_image_named_mp4(tmp_path):
    fake = tmp_path / "clip.mp4"
    Image.fromarray(_frames(count=1)[0]).save(fake, format="PNG")

    assert _rejection(fake) == "not_a_video"


def test_probe_rejects_an_empty_file(tmp_path):
    empty = tmp_path / "clip.mp4"
    empty.write_bytes(b"")

    assert _rejection(empty) == "empty_file"


def test_probe_rejects_a_file_cut_in_half(encoded, tmp_path):
    result, _ = encoded
    data = result.path.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])

    assert _rejection(cut) == "truncated"


def test_probe_rejects_a_cut_file_whose_index_was_at_the_end(tmp_path):
    # Given an MP4 written without faststart, so its index (moov) is the last thing in the file
    path = tmp_path / "slow.mp4"
    with av.open(str(path), mode="w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        for index, frame in enumerate(_frames(count=24)):
            video_frame = av.VideoFrame.from_ndarray(frame, format="rgb24")
            video_frame.pts, video_frame.time_base = index, Fraction(1, FPS)
            container.mux(stream.encode(video_frame))
        container.mux(stream.encode(None))
    data = path.read_bytes()
    assert data.find(b"moov") > data.find(b"mdat")
    path.write_bytes(data[: len(data) * 2 // 3])

    assert _rejection(path) == "truncated"


def test_probe_rejects_a_file_over_the_size_limit(encoded):
    result, _ = encoded

    assert _rejection(result.path, max_bytes=result.size_bytes - 1) == "too_large"


def test_probe_rejects_a_video_over_the_duration_limit(encoded):
    result, _ = encoded

    assert _rejection(result.path, max_duration_s=1.0) == "too_long"


def test_probe_rejects_an_mp4_without_a_video_track(tmp_path):
    path = tmp_path / "voice.mp4"
    with av.open(str(path), mode="w", format="mp4") as container:
        stream = container.add_stream("aac", rate=SAMPLE_RATE)
        stream.layout = "mono"
        tone = _tone(0.5)
        for start in range(0, tone.shape[0], 1024):
            frame = av.AudioFrame.from_ndarray(tone[None, start : start + 1024], format="fltp", layout="mono")
            frame.sample_rate, frame.pts = SAMPLE_RATE, start
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))

    assert _rejection(path) == "no_video_stream"
