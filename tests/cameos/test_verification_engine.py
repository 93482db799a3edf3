"""The cameo verification engine on videos built from real face photos and a real clip.

Each video is built once per module; every verify_video() call costs about 1.5-3 s on two cores.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from cameos.verification import (
    IMPERSONATION_MAX,
    REASON_MESSAGES,
    FaceCountError,
    KnownIdentity,
    Reason,
    UnreadableMediaError,
    encoding_distance,
    face_encodings_from_image,
    reference_image_from_upload,
    verify_video,
)
from cameos.verification.faces import analyze_frame, detect_faces, identity_split_distance
from cameos.verification.media import decode_clip
from cameos.verification.pose import classify_yaw, validate_turn_sequence, yaw_score
from cameos.verification.voice import analyze_voice
from sora_social.media_probe import probe_video
from tests.cameos.speech import require_espeak
from tests.cameos.talking import still_photo_clip, talking_clip
from tests.cameos.videos import (
    FPS,
    browser_webm,
    challenge_frames,
    challenge_video,
    clip_cut,
    framed_face,
    posed_frames,
    scene_frame,
    still_video,
    turn_schedule,
    turned,
    voice_track,
    write_mp4,
)

HAMILTON = "short_hamilton_clip.mp4"
SEQUENCE = ["left", "up", "right"]
DIGITS = "58213"


def verify(path, *, sequence=SEQUENCE, digits=DIGITS, known=(), **options):
    return verify_video(path, turn_sequence=sequence, digits=digits, known_identities=list(known), **options)


def _lists_in(value) -> list[list]:
    if isinstance(value, dict):
        return [found for item in value.values() for found in _lists_in(item)]
    if isinstance(value, list):
        return [value, *(found for item in value for found in _lists_in(item))]
    return []


def assert_no_biometrics(outcome) -> None:
    assert outcome.status == "rejected"
    assert outcome.encodings == []
    assert outcome.face_crop_png is None
    assert outcome.voice_profile is None
    # The non-biometric figures must not smuggle any in either: plain JSON (no arrays, no image bytes), no list
    # longer than one entry per sampled frame (an encoding has 128, an envelope 16), no pitch.
    text = json.dumps(outcome.metrics)
    assert "pitch" not in text and "envelope" not in text
    assert all(len(found) <= outcome.metrics["frames_analysed"] for found in _lists_in(outcome.metrics))


@pytest.fixture(scope="module")
def videos(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("verification-videos")


@pytest.fixture(scope="module")
def obama_identity(faces_dir) -> list[np.ndarray]:
    return face_encodings_from_image((faces_dir / "obama.jpg").read_bytes())


@pytest.fixture(scope="module")
def others(faces_dir) -> list[KnownIdentity]:
    """Known identities of other people, which an Obama video must not match."""
    return [
        KnownIdentity(ref_id="biden", kind="cameo", encodings=face_encodings_from_image(faces_dir / "biden.jpg")),
        KnownIdentity(
            ref_id="lin", kind="protected", encodings=face_encodings_from_image(faces_dir / "lin-manuel-miranda.png")
        ),
    ]


@pytest.fixture(scope="module")
def left_right_video(videos, faces_dir) -> Path:
    return challenge_video(videos / "left-right.mp4", faces_dir / "obama.jpg", ["left", "right"], seconds=4.0)


@pytest.fixture(scope="module")
def talking_video(videos, faces_dir) -> Path:
    require_espeak()
    return talking_clip(videos / "talking.mp4", faces_dir / "obama.jpg", turn_sequence=SEQUENCE, digits=DIGITS).path


# Pose


def test_pose_estimator_classifies_simulated_turns(faces_dir):
    frame, box = framed_face(faces_dir / "obama.jpg")
    labels = {}
    for direction, yaw in (("right", -35.0), ("center", 0.0), ("left", 35.0)):
        faces = analyze_frame(turned(frame, box, yaw_degrees=yaw) if yaw else frame)
        assert faces.count == 1
        score = yaw_score(faces.landmarks)
        labels[direction] = (classify_yaw(score), classify_yaw(score, mirrored=True))
    assert labels == {
        "right": ("right", "left"),
        "center": ("center", "center"),
        "left": ("left", "right"),
    }


def test_turn_sequences_are_validated():
    assert validate_turn_sequence(["Left", "up", "right"]) == ["left", "up", "right"]
    for bad in ([], ["up"], ["left", "left"], ["center"], ["left", "sideways"]):
        with pytest.raises(ValueError):
            validate_turn_sequence(bad)


# Accepted videos


def test_challenge_video_reading_the_digits_is_verified(talking_video, faces_dir, obama_identity, others):
    stages = []
    outcome = verify(talking_video, known=others, progress=lambda stage, fraction: stages.append((stage, fraction)))

    assert outcome.status == "verified", (outcome.reasons, outcome.metrics)
    assert outcome.reasons == [] and outcome.matched == []
    assert [m for m in outcome.metrics["moves"] if m != "center"] == SEQUENCE
    assert outcome.metrics["faces_per_frame"] == [1] * outcome.metrics["frames_analysed"]
    assert outcome.metrics["digit_errors"] <= 1 and outcome.metrics["lip_sync_correlation"] > 0.7
    # Encodings: one 128-d vector per frame used for the identity, all of them Obama.
    assert len(outcome.encodings) == outcome.metrics["identity_frames"] >= 6
    assert all(e.shape == (128,) for e in outcome.encodings)
    assert encoding_distance(np.mean(outcome.encodings, axis=0), obama_identity[0]) < 0.45
    # The reference crop is a square PNG whose face is Obama's.
    crop = np.asarray(Image.open(io.BytesIO(outcome.face_crop_png)))
    assert crop.shape == (256, 256, 3) and crop.dtype == np.uint8
    crop_encodings = face_encodings_from_image(outcome.face_crop_png)
    assert encoding_distance(crop_encodings[0], obama_identity[0]) < 0.6
    # The voice profile describes espeak's voice.
    profile = outcome.voice_profile
    assert 60 < profile["pitch_hz"] < 250
    assert len(profile["envelope"]) == 16 and abs(sum(profile["envelope"]) - 1) < 1e-3
    # Progress goes forward and ends at done.
    fractions = [f for _, f in stages]
    assert fractions == sorted(fractions) and stages[-1] == ("done", 1.0)
    assert {"decoding", "faces", "identity", "voice", "checks"} <= {s for s, _ in stages}


# Rejected videos


def test_still_photo_video_does_not_follow_the_challenge(videos, faces_dir):
    require_espeak()
    path = still_photo_clip(videos / "still.mp4", faces_dir / "obama.jpg", DIGITS).path

    outcome = verify(path)

    assert outcome.reasons == [Reason.CHALLENGE_NOT_FOLLOWED, Reason.LIPS_NOT_MOVING]
    assert set(outcome.metrics["moves"]) == {"center"}
    assert_no_biometrics(outcome)


def test_two_people_video_has_multiple_faces(videos, faces_dir):
    path = still_video(videos / "two-people.mp4", scene_frame(faces_dir / "two_people.jpg"), seconds=2.0)

    outcome = verify(path)

    assert Reason.MULTIPLE_FACES in outcome.reasons
    assert max(outcome.metrics["faces_per_frame"]) == 2
    assert_no_biometrics(outcome)


def test_other_person_midway_changes_identity(videos, faces_dir):
    # Given a clip that follows the challenge, but whose face is Biden's from the middle on
    yaws = turn_schedule(["left", "right"], seconds=4.0)
    half = len(yaws) // 2
    first = posed_frames(*framed_face(faces_dir / "obama.jpg"), yaws[:half])
    second = posed_frames(*framed_face(faces_dir / "biden.jpg"), yaws[half:])
    path = write_mp4(videos / "swap.mp4", first + second, audio=voice_track(4.0))

    outcome = verify(path, sequence=["left", "right"])

    assert Reason.IDENTITY_CHANGED in outcome.reasons
    assert Reason.NO_FACE not in outcome.reasons and Reason.NO_VOICE not in outcome.reasons
    assert_no_biometrics(outcome)


def test_video_of_an_existing_cameo_is_an_impersonation(videos, faces_dir, obama_identity, others):
    # Given Obama's verified cameo (from obama.jpg) and a new video made from another photo of him
    require_espeak()
    path = talking_clip(videos / "obama3.mp4", faces_dir / "obama3.jpg", turn_sequence=SEQUENCE, digits=DIGITS).path
    known = [KnownIdentity(ref_id=17, kind="cameo", encodings=obama_identity), *others]

    outcome = verify(path, known=known)

    assert Reason.MATCHES_EXISTING_CAMEO in outcome.reasons
    assert Reason.MATCHES_PROTECTED_PERSON not in outcome.reasons
    assert Reason.IDENTITY_CHANGED not in outcome.reasons
    assert [(m["kind"], m["ref_id"]) for m in outcome.matched] == [("cameo", "17")]
    assert outcome.matched[0]["distance"] <= IMPERSONATION_MAX
    assert_no_biometrics(outcome)


# The real clip


@pytest.fixture(scope="module")
def lin_silent(videos, faces_dir) -> Path:
    """Lin-Manuel Miranda alone (frames 85-215 of the clip), without its audio."""
    return clip_cut(faces_dir / HAMILTON, videos / "lin-silent.mp4", first=85, last=215, with_audio=False)


def test_real_clip_of_a_protected_person_without_sound(lin_silent, faces_dir, obama_identity):
    known = [
        KnownIdentity(ref_id="obama", kind="cameo", encodings=obama_identity),
        KnownIdentity(
            ref_id=3, kind="protected", encodings=face_encodings_from_image(faces_dir / "lin-manuel-miranda.png")
        ),
    ]

    outcome = verify(lin_silent, known=known)

    # One person throughout, who is on the protected list; and the copy has no sound.
    assert Reason.NO_VOICE in outcome.reasons
    assert Reason.MATCHES_PROTECTED_PERSON in outcome.reasons
    assert [(m["kind"], m["ref_id"]) for m in outcome.matched] == [("protected", "3")]
    for absent in (Reason.NO_FACE, Reason.MULTIPLE_FACES, Reason.IDENTITY_CHANGED, Reason.MATCHES_EXISTING_CAMEO):
        assert absent not in outcome.reasons
    assert_no_biometrics(outcome)


def test_real_clip_spanning_two_people(videos, faces_dir):
    path = clip_cut(faces_dir / HAMILTON, videos / "two-people-cut.mp4", first=150, last=246)

    outcome = verify(path)

    assert {Reason.IDENTITY_CHANGED, Reason.MULTIPLE_FACES} & set(outcome.reasons)
    assert Reason.NO_VOICE not in outcome.reasons
    assert_no_biometrics(outcome)


def test_real_clip_without_a_face(videos, faces_dir):
    path = clip_cut(faces_dir / HAMILTON, videos / "no-face.mp4", first=26, last=78)

    outcome = verify(path)

    assert Reason.NO_FACE in outcome.reasons
    assert sum(1 for c in outcome.metrics["faces_per_frame"] if c == 0) > outcome.metrics["frames_analysed"] / 2
    assert_no_biometrics(outcome)


def test_undecodable_upload_is_rejected(tmp_path):
    path = tmp_path / "garbage.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 20)

    outcome = verify(path)

    assert outcome.reasons == [Reason.UNREADABLE_VIDEO]
    assert set(REASON_MESSAGES) == {r.value for r in Reason}


# Decoding


def _assert_sampled_like_full_decode(path: Path, count: int) -> None:
    clip = decode_clip(path, sample_count=count)
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        full = {frame.pts: frame.to_ndarray(format="rgb24") for frame in container.decode(stream)}
        time_base, start = stream.time_base, stream.start_time or 0

    # Frames are skipped, yet the ones kept are exactly those of a full decode at the same times.
    assert clip.frames_decoded < clip.frame_count == len(full)
    assert len(clip.frames) == count
    for time_s, frame in zip(clip.frame_times_s, clip.frames, strict=True):
        assert np.array_equal(frame, full[start + round(time_s / time_base)])
    assert np.diff(clip.frame_times_s).min() > 0.5 * clip.duration_s / count


def test_sampled_frames_match_a_full_decode(faces_dir, left_right_video):
    # The real clip (no B-frames, irregular GOPs), and one of ours (1 s GOPs with B-frames).
    _assert_sampled_like_full_decode(faces_dir / HAMILTON, 6)
    _assert_sampled_like_full_decode(left_right_video, 3)


def test_browser_recording_without_duration_or_index_is_sampled_over_its_length(videos, faces_dir):
    frame, box = framed_face(faces_dir / "obama.jpg", size=(320, 240))
    path = videos / "browser.webm"
    path.write_bytes(browser_webm(challenge_frames(frame, box, ["left", "right"], seconds=3.0)))
    with av.open(str(path)) as container:
        assert container.duration is None and container.streams.video[0].duration is None

    clip = decode_clip(path, sample_count=10, with_audio=False)

    assert probe_video(path, max_bytes=50_000_000, max_duration_s=15).duration_s == pytest.approx(3.0, abs=0.1)
    assert len(clip.frames) == 10
    assert clip.frame_times_s[0] < 0.3 and clip.frame_times_s[-1] > 2.6


def test_display_rotation_is_applied(videos, faces_dir):
    frame, _ = framed_face(faces_dir / "obama.jpg")
    sideways = np.ascontiguousarray(np.rot90(frame, k=-1))
    path = write_mp4(videos / "rotated.mp4", [sideways] * FPS, rotation=90)

    clip = decode_clip(path, sample_count=2, with_audio=False)

    assert detect_faces(sideways) == []
    assert clip.frames[0].shape == frame.shape
    assert len(detect_faces(clip.frames[0])) == 1
    assert probe_video(path, max_bytes=50_000_000, max_duration_s=15).has_audio is False


# Voice


def test_voice_profile_follows_the_speaker_pitch():
    for pitch in (95.0, 150.0, 220.0):
        analysis = analyze_voice(voice_track(3.0, rate=16_000, pitch_hz=pitch), rate=16_000)
        assert analysis.has_voice
        assert abs(analysis.profile["pitch_hz"] - pitch) / pitch < 0.03


def test_silence_and_noise_are_not_a_voice():
    rng = np.random.default_rng(5)
    for signal in (np.zeros(48_000, np.float32), rng.normal(0, 0.1, 48_000).astype(np.float32)):
        analysis = analyze_voice(signal, rate=16_000)
        assert not analysis.has_voice and analysis.profile is None


def test_singing_in_the_real_clip_is_a_voice(faces_dir):
    clip = decode_clip(faces_dir / HAMILTON, sample_count=1)
    analysis = analyze_voice(clip.audio, rate=clip.audio_rate)
    assert analysis.has_voice
    assert 80 < analysis.profile["pitch_hz"] < 400


# Identity helpers


def test_identity_split_distance_finds_a_swap_in_the_middle(faces_dir, obama_identity):
    biden = face_encodings_from_image(faces_dir / "biden.jpg")[0]
    obama2 = face_encodings_from_image(faces_dir / "obama2.jpg")[0]
    same = [obama_identity[0], obama2] * 3
    swapped = [obama_identity[0], obama2, biden, biden, obama_identity[0], obama2]
    assert identity_split_distance(same) < 0.45
    assert identity_split_distance(swapped) > 0.7


def test_face_encodings_from_image_requires_one_face(faces_dir, obama_identity):
    assert len(obama_identity) == 1 and obama_identity[0].shape == (128,)
    same = face_encodings_from_image(faces_dir / "obama3.jpg")[0]
    other = face_encodings_from_image((faces_dir / "biden.jpg").read_bytes())[0]
    assert encoding_distance(same, obama_identity[0]) < IMPERSONATION_MAX < encoding_distance(other, obama_identity[0])

    with pytest.raises(FaceCountError) as several:
        face_encodings_from_image(faces_dir / "two_people.jpg")
    assert several.value.count == 2
    blank = io.BytesIO()
    Image.new("RGB", (300, 300), (120, 160, 200)).save(blank, format="PNG")
    with pytest.raises(FaceCountError):
        face_encodings_from_image(blank.getvalue())


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims a huge size: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


# Character cameos


def test_reference_image_from_a_picture_or_a_clip(faces_dir, left_right_video):
    from_png = Image.open(io.BytesIO(reference_image_from_upload(faces_dir / "lin-manuel-miranda.png")))
    assert (from_png.format, from_png.mode, from_png.size) == ("PNG", "RGB", (512, 512))

    from_clip = Image.open(io.BytesIO(reference_image_from_upload(left_right_video.read_bytes())))
    assert from_clip.size == (512, 512)
    # The first frame of the clip, letterboxed: the face is still there.
    assert len(detect_faces(np.asarray(from_clip))) == 1

    with pytest.raises(UnreadableMediaError):
        reference_image_from_upload(_png_header_only(30_000, 30_000))
    with pytest.raises(UnreadableMediaError):
        # Under Pillow's own limit, over ours.
        reference_image_from_upload(_png_header_only(8_000, 8_000))
    with pytest.raises(UnreadableMediaError):
        reference_image_from_upload(b"not an image and not a video" * 10)
