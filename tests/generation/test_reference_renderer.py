"""The reference renderer, measured on its output: frames, audio, events, faces and mouths."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from generation.backends.base import CameoRef, RenderResult, RenderSpec, frame_size
from generation.backends.reference import ReferenceRenderer
from generation.backends.reference.physics import BodySpec, Floor, Hoop, simulate_body, throw_velocity
from generation.backends.reference.style import letterbox_rows

fr = pytest.importorskip("face_recognition")

SAME_PERSON = 0.6


def _crop(image: np.ndarray, margin: float = 0.3) -> np.ndarray:
    """The largest face in a photo, grown by ``margin`` on every side: a verification-style crop."""
    top, right, bottom, left = max(fr.face_locations(image), key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))
    h, w = bottom - top, right - left
    return image[max(int(top - margin * h), 0):int(bottom + margin * h),
                 max(int(left - margin * w), 0):int(right + margin * w)].copy()


@pytest.fixture(scope="module")
def renderer() -> ReferenceRenderer:
    return ReferenceRenderer()


@pytest.fixture(scope="module")
def obama(faces_dir: Path) -> dict[str, np.ndarray]:
    image = fr.load_image_file(faces_dir / "obama.jpg")
    return {"crop": _crop(image), "encoding": fr.face_encodings(image)[0]}


@pytest.fixture(scope="module")
def biden_encoding(faces_dir: Path) -> np.ndarray:
    return fr.face_encodings(fr.load_image_file(faces_dir / "biden.jpg"))[0]


def _spec(prompt: str, *, cameos: tuple[CameoRef, ...] = (), **kwargs: object) -> RenderSpec:
    defaults: dict[str, object] = {"duration_s": 1.0, "resolution": "360p"}
    defaults.update(kwargs)
    return RenderSpec(prompt=prompt, cameos=cameos, **defaults)  # type: ignore[arg-type]


def _faces(frame: np.ndarray) -> tuple[list[tuple[int, int, int, int]], list[np.ndarray]]:
    boxes = fr.face_locations(frame)
    return boxes, fr.face_encodings(frame, boxes)


def _onsets(audio: np.ndarray, *, threshold: float, quiet_s: float, sample_rate: int) -> list[int]:
    """Samples where |x| first reaches the threshold after at least ``quiet_s`` below it."""
    loud = np.flatnonzero(np.abs(audio) >= threshold)
    quiet = int(quiet_s * sample_rate)
    onsets, last = [], -quiet - 1
    for i in loud:
        if i - last > quiet:
            onsets.append(int(i))
        last = i
    return onsets


def _frame_rms(result: RenderResult) -> np.ndarray:
    sr, fps = result.sample_rate, result.fps
    bounds = np.round(np.arange(len(result.frames) + 1) * sr / fps).astype(int)
    return np.array([np.sqrt(np.mean(result.audio[a:b].astype(np.float64) ** 2)) for a, b in zip(bounds[:-1], bounds[1:],
                                                                                                strict=True)])


def _iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    top, right, bottom, left = max(a[0], b[0]), min(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])
    inter = max(bottom - top, 0) * max(right - left, 0)
    area = lambda x: (x[2] - x[0]) * (x[1] - x[3])  # noqa: E731
    return inter / (area(a) + area(b) - inter)


# ------------------------------------------------------------------------------------------- determinism


def test_same_seed_gives_identical_frames_and_audio_and_another_seed_does_not(renderer, obama):
    # Given a spec with every random element: a cameo, a ball, dialogue and ambience
    cameo = CameoRef(handle="alice", reference_face=obama["crop"])
    prompt = '@alice in the park says "hi there" as a ball bounces'
    first = renderer.render(_spec(prompt, cameos=(cameo,), seed=7), "cpu")
    again = renderer.render(_spec(prompt, cameos=(cameo,), seed=7), "cpu")
    other = renderer.render(_spec(prompt, cameos=(cameo,), seed=8), "cpu")

    assert np.array_equal(first.frames, again.frames)
    assert np.array_equal(first.audio, again.audio)
    assert first.events == again.events
    assert not np.array_equal(first.frames, other.frames)
    assert not np.array_equal(first.audio, other.audio)


@pytest.mark.parametrize("aspect_ratio", ["16:9", "9:16", "1:1"])
def test_frames_and_audio_match_the_spec(renderer, aspect_ratio):
    spec = _spec("a box falls in the kitchen", duration_s=0.5, aspect_ratio=aspect_ratio, fps=24)
    result = renderer.render(spec, "cpu")

    width, height = frame_size("360p", aspect_ratio)
    assert result.frames.shape == (12, height, width, 3)
    assert result.frames.dtype == np.uint8
    assert result.audio.dtype == np.float32 and result.audio.ndim == 1
    assert len(result.audio) == round(12 * spec.sample_rate / 24)
    assert np.abs(result.audio).max() <= 1.0
    assert (result.sample_rate, result.fps) == (spec.sample_rate, 24)
    assert len(result.face_boxes) == 12


def test_progress_rises_to_one(renderer):
    seen: list[float] = []
    renderer.render(_spec("a ball on the beach", duration_s=1.0), "cpu", progress=seen.append)

    assert seen[-1] == 1.0
    assert all(b >= a for a, b in zip(seen, seen[1:], strict=False))
    assert len(seen) > 3


# ----------------------------------------------------------------------------------------- physics+sound


def test_impact_sounds_start_within_a_millisecond_of_each_collision(renderer):
    result = renderer.render(_spec("a basketball is thrown at the hoop in the gym", duration_s=5.5), "cpu")
    impacts = [e for e in result.events if e.kind == "impact"]
    sr = result.sample_rate

    # The throw clanks off the rim first, then bounces on the floor.
    assert impacts[0].detail == "basketball:rim"
    assert len(impacts) >= 3 and all(e.detail == "basketball:floor" for e in impacts[1:])
    # An onset detector on the raw track (ambience stays far below the threshold) finds exactly the impacts.
    onsets = _onsets(result.audio, threshold=0.1, quiet_s=0.05, sample_rate=sr)
    assert len(onsets) == len(impacts)
    for event, onset in zip(impacts, onsets, strict=True):
        assert abs(onset / sr - event.time_s) <= 0.001
        assert abs(event.sample - event.time_s * sr) <= 0.5
        assert event.frame == math.floor(event.time_s * result.fps)


def test_a_dropped_ball_bounces_lower_each_time():
    ball = BodySpec(name="ball", radius=0.15, restitution=0.8, friction=0.1, rolling_decel=0.3,
                    position=(0.0, 2.2), velocity=(0.4, 0.0))
    path, contacts = simulate_body(ball, (Floor(),), gravity=9.81, duration_s=8.0)
    times = np.array([c.time_s for c in contacts])

    # Each contact is solved exactly: the ball's bottom is on the floor at the contact time.
    heights = path.positions(times)[:, 1]
    assert np.allclose(heights, 0.15, atol=1e-9)
    # Restitution < 1: every apex is lower, by e² in height and e in speed.
    apexes = [path.positions(np.linspace(a, b, 2001))[:, 1].max() for a, b in zip(times[:-1], times[1:], strict=True)]
    assert all(later < earlier for earlier, later in zip(apexes, apexes[1:], strict=False))
    rises = np.array(apexes) - 0.15
    assert np.allclose(rises[1:] / rises[:-1], 0.8**2, rtol=1e-4)
    speeds = np.array([c.normal_speed for c in contacts])
    assert np.allclose(speeds[1:] / speeds[:-1], 0.8, rtol=1e-6)


def test_a_shot_at_the_hoop_hits_the_rim_and_rebounds_out():
    hoop = Hoop(rim_front_x=3.0)
    start = (0.5, 1.8)
    for offset in (-1.0, 0.0, 1.0):
        velocity = throw_velocity(start, hoop.miss_target(0.12, offset=offset), flight_s=1.1, gravity=9.81)
        ball = BodySpec(name="basketball", radius=0.12, restitution=0.78, friction=0.15, rolling_decel=0.3,
                        position=start, velocity=velocity)
        path, contacts = simulate_body(ball, (Floor(), *hoop.colliders()), gravity=9.81, duration_s=4.0)

        rim = contacts[0]
        assert rim.surface == "rim"
        # At the contact the ball touches the rim: centre distance = ball radius + rim tube radius.
        centre = path.positions(np.array([rim.time_s]))[0]
        assert math.hypot(centre[0] - hoop.rim_front_x, centre[1] - hoop.rim_height) == pytest.approx(0.13, abs=1e-9)
        # It rebounds back out: it comes down in front of the rim, never through the hoop.
        later = path.positions(np.linspace(rim.time_s, contacts[1].time_s, 500))
        assert later[-1, 0] < hoop.rim_front_x
        assert not np.any((later[:, 0] > hoop.rim_front_x) & (later[:, 0] < hoop.rim_front_x + hoop.rim_diameter)
                          & (later[:, 1] < hoop.rim_height))


def test_the_drawn_ball_is_lowest_at_each_impact_and_bounces_lower(renderer):
    # A red ball over a grey studio backdrop, no cameo: find it by colour in every frame.
    result = renderer.render(_spec("a red ball bounces", duration_s=5.0, seed=3), "cpu")
    frames = result.frames.astype(np.int16)
    red = (frames[..., 0] > 150) & (frames[..., 1] < 90) & (frames[..., 2] < 110)
    assert red.sum(axis=(1, 2)).min() > 20
    ys = np.array([np.nonzero(mask)[0].mean() for mask in red])  # image y grows downwards
    floor_frames = [e.frame for e in result.events if e.kind == "impact"]
    assert len(floor_frames) >= 3
    lowest = [i for i in range(1, len(ys) - 1) if ys[i] >= ys[i - 1] and ys[i] > ys[i + 1]]
    assert len(lowest) >= len(floor_frames) - 1
    for frame in floor_frames[: len(lowest)]:
        assert min(abs(frame - i) for i in lowest) <= 1
    tops = [ys[a:b].min() for a, b in zip(floor_frames, floor_frames[1:], strict=False) if b - a > 3]
    assert all(later > earlier for earlier, later in zip(tops, tops[1:], strict=False))  # apexes drop


# ------------------------------------------------------------------------------------------------- faces


@pytest.mark.parametrize("style", ["realistic", "cinematic", "anime"])
def test_face_recognition_finds_the_cameo_and_nobody_else(renderer, obama, biden_encoding, style):
    cameo = CameoRef(handle="alice", reference_face=obama["crop"])
    result = renderer.render(_spec("@alice stands in the street", cameos=(cameo,), style=style), "cpu")

    for index in (0, len(result.frames) - 1):
        boxes, encodings = _faces(result.frames[index])
        assert len(boxes) == 1  # the cameo, and no second "person"
        assert np.linalg.norm(encodings[0] - obama["encoding"]) < SAME_PERSON
        assert np.linalg.norm(encodings[0] - biden_encoding) > SAME_PERSON
        # The reported face box is where the detector found the face.
        (reported,) = result.face_boxes[index]
        assert _iou(boxes[0], reported) > 0.3


def test_two_cameos_are_each_recognised_in_their_own_place(renderer, obama, biden_encoding, faces_dir):
    biden = CameoRef(handle="bob", reference_face=_crop(fr.load_image_file(faces_dir / "biden.jpg")))
    alice = CameoRef(handle="alice", reference_face=obama["crop"])
    result = renderer.render(_spec("@alice and @bob at the beach", cameos=(alice, biden), duration_s=0.25), "cpu")

    boxes, encodings = _faces(result.frames[0])
    assert len(boxes) == 2
    by_x = sorted(zip(boxes, encodings, strict=True), key=lambda be: be[0][3])
    assert np.linalg.norm(by_x[0][1] - obama["encoding"]) < SAME_PERSON  # alice: first slot, on the left
    assert np.linalg.norm(by_x[1][1] - biden_encoding) < SAME_PERSON


def test_a_preference_for_a_red_hat_draws_one(renderer, obama):
    def red_above_face(preferences: str) -> int:
        cameo = CameoRef(handle="alice", reference_face=obama["crop"], preferences=preferences)
        result = renderer.render(_spec("@alice waves", cameos=(cameo,), duration_s=0.25), "cpu")
        top, right, bottom, left = result.face_boxes[0][0]
        above = result.frames[0][max(top - (bottom - top) // 2, 0):top + (bottom - top) // 8, left:right].astype(int)
        return int(((above[..., 0] > 150) & (above[..., 1] < 80) & (above[..., 2] < 80)).sum())

    assert red_above_face("always wears a red hat") > 500
    assert red_above_face("never wears a hat") < 20


# ---------------------------------------------------------------------------------------------- lip-sync


@pytest.fixture(scope="module")
def speaking(renderer, obama) -> RenderResult:
    cameo = CameoRef(handle="alice", reference_face=obama["crop"], voice_pitch_hz=120.0)
    return renderer.render(_spec('@alice says "hello there, how are you doing today"', cameos=(cameo,),
                                 duration_s=3.0, seed=5), "cpu")


def test_the_mouth_follows_the_speech_envelope_at_zero_lag(speaking):
    mouth = speaking.mouth_openness["alice"].astype(np.float64)
    envelope = _frame_rms(speaking)

    def correlation(lag: int) -> float:
        a, b = (mouth[lag:], envelope[: len(envelope) - lag]) if lag >= 0 else (mouth[:lag], envelope[-lag:])
        return float(np.corrcoef(a, b)[0, 1])

    lags = range(-3, 4)
    scores = {lag: correlation(lag) for lag in lags}
    assert max(scores, key=scores.get) == 0
    assert scores[0] > 0.8
    assert mouth.max() > 0.6 and mouth[:5].max() == 0.0  # opens while talking, closed before


def test_the_drawn_mouth_opens_where_the_series_says(speaking):
    mouth = speaking.mouth_openness["alice"]
    open_frames = np.argsort(-mouth)[:3]
    closed_frames = [i for i in np.argsort(mouth, kind="stable") if mouth[i] == 0][:3]

    def lip_gap(index: int) -> float:
        (marks,) = fr.face_landmarks(speaking.frames[index])
        top, bottom = np.array(marks["top_lip"]), np.array(marks["bottom_lip"])
        return float(bottom[8:11, 1].mean() - top[8:11, 1].mean())  # inner lip points

    # A landmark detector sees the lips parted further in the open frames than in the closed ones.
    assert min(lip_gap(i) for i in open_frames) > max(lip_gap(i) for i in closed_frames) + 3


def test_dialogue_is_voiced_at_the_cameos_pitch_between_its_events(renderer, obama):
    def pitch_of(voice_hz: float) -> tuple[float, RenderResult]:
        cameo = CameoRef(handle="alice", reference_face=obama["crop"], voice_pitch_hz=voice_hz)
        result = renderer.render(_spec('@alice says "you are all welcome"', cameos=(cameo,), duration_s=2.0), "cpu")
        start = next(e for e in result.events if e.kind == "dialogue_start")
        end = next(e for e in result.events if e.kind == "dialogue_end")
        speech = result.audio[start.sample:end.sample].astype(np.float64)
        assert np.sqrt(np.mean(speech**2)) > 10 * np.sqrt(np.mean(result.audio[: start.sample] ** 2))
        sr = result.sample_rate
        window = int(0.04 * sr)
        loudest = int(np.argmax(np.convolve(speech**2, np.ones(window), "valid")))
        chunk = speech[loudest:loudest + window]
        ac = np.correlate(chunk, chunk, "full")[window - 1:]
        lo, hi = sr // 400, sr // 60
        return sr / (lo + int(np.argmax(ac[lo:hi]))), result

    low, _ = pitch_of(100.0)
    high, _ = pitch_of(220.0)
    assert low == pytest.approx(100.0, rel=0.15)
    assert high == pytest.approx(220.0, rel=0.15)


# -------------------------------------------------------------------------------------- shots and camera


def test_shots_cut_and_keep_the_same_face(renderer, obama):
    cameo = CameoRef(handle="alice", reference_face=obama["crop"])
    result = renderer.render(_spec("shot 1: @alice in the park. shot 2: close-up of @alice on the street",
                                   cameos=(cameo,), duration_s=2.0), "cpu")
    (cut,) = [e for e in result.events if e.kind == "shot_cut"]
    assert cut.frame == 24 and cut.sample == 48_000

    diffs = np.abs(np.diff(result.frames.astype(np.int16), axis=0)).mean(axis=(1, 2, 3))
    assert diffs[cut.frame - 1] > 20 and diffs[cut.frame - 1] > 10 * np.median(diffs)
    for index in (cut.frame - 2, cut.frame + 2):
        _, encodings = _faces(result.frames[index])
        assert len(encodings) == 1 and np.linalg.norm(encodings[0] - obama["encoding"]) < SAME_PERSON
    # The close-up shows the face bigger; the character keeps its side of the frame.
    before, after = result.face_boxes[cut.frame - 1][0], result.face_boxes[cut.frame][0]
    assert (after[2] - after[0]) > 1.3 * (before[2] - before[0])
    width = result.frames.shape[2]
    assert (before[1] + before[3]) / 2 < width / 2 and (after[1] + after[3]) / 2 < width / 2


def test_zoom_in_makes_the_face_grow(renderer, obama):
    cameo = CameoRef(handle="alice", reference_face=obama["crop"])
    result = renderer.render(_spec("zoom in on @alice in the gym", cameos=(cameo,)), "cpu")
    heights = [boxes[0][2] - boxes[0][0] for boxes in result.face_boxes]

    assert all(b >= a for a, b in zip(heights, heights[1:], strict=False))
    assert heights[-1] > 1.15 * heights[0]
    detected = [fr.face_locations(result.frames[i])[0] for i in (0, len(result.frames) - 1)]
    assert (detected[1][2] - detected[1][0]) > 1.1 * (detected[0][2] - detected[0][0])


def test_a_pan_slides_the_background_sideways(renderer):
    result = renderer.render(_spec("pan across the street", duration_s=1.0), "cpu")
    first, last = result.frames[0].astype(np.float32), result.frames[-1].astype(np.float32)
    # The last frame's left part is the first frame's content, shifted left by the pan.
    width = first.shape[1]
    errors = {shift: np.abs(first[:, shift:] - last[:, : width - shift]).mean() for shift in range(0, 200, 2)}
    best = min(errors, key=errors.get)
    assert best > 100 and errors[best] < 0.2 * errors[0]


# --------------------------------------------------------------------------------------- setting and style


def test_the_setting_changes_colours_and_ambience(renderer):
    beach = renderer.render(_spec("a quiet beach", duration_s=1.0), "cpu")
    space = renderer.render(_spec("floating in space", duration_s=1.0), "cpu")

    assert beach.frames.mean() - space.frames.mean() > 60
    sr = beach.sample_rate

    def low_share(audio: np.ndarray) -> float:
        power = np.abs(np.fft.rfft(audio.astype(np.float64))) ** 2
        freqs = np.fft.rfftfreq(len(audio), 1 / sr)
        return float(power[freqs < 200].sum() / power.sum())

    assert low_share(space.audio) > 0.9  # a low hum
    assert low_share(beach.audio) < 0.7  # broadband surf
    for result in (beach, space):
        assert 0 < np.abs(result.audio).max() < 0.06  # ambience stays in the background


def test_styles_grade_and_frame_differently(renderer):
    spec = {"prompt": "a park at sunset", "duration_s": 0.25}
    realistic = renderer.render(_spec(style="realistic", **spec), "cpu").frames[0]
    cinematic = renderer.render(_spec(style="cinematic", **spec), "cpu").frames[0]
    anime = renderer.render(_spec(style="anime", **spec), "cpu").frames[0]
    bar = letterbox_rows(640, 360)

    assert bar > 0 and cinematic[:bar].max() == 0 and cinematic[-bar:].max() == 0
    assert realistic[:bar].max() > 0
    colours = lambda frame: len(np.unique(frame.reshape(-1, 3), axis=0))  # noqa: E731
    assert colours(anime) < colours(realistic) / 2  # posterised
