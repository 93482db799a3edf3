"""The verification clip's digits must be spoken, in order: recognize_digits() on espeak-ng readings.

Pure Python, no database. The whole module takes about 15 s on two cores (pocketsphinx loads once per process).
bench/bench_spoken_digits.py measures the same rules over many more readings.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from cameos.verification.digits import MAX_DIGIT_ERRORS, recognize_digits
from tests.cameos.speech import SPEEDS, VOICES, espeak, resample, spoken_digits

DIGITS = "0123456789"


def random_digits(seed: str, count: int | None = None) -> str:
    """4 to 6 random digits (or ``count``), the same for the same seed."""
    rng = random.Random(seed)
    return "".join(rng.choice(DIGITS) for _ in range(count or rng.randint(4, 6)))


def with_silence_and_noise(
    samples: np.ndarray, rate: int, *, before_s: float = 1.0, after_s: float = 0.7, snr_db: float = 20.0, seed: int = 0
) -> np.ndarray:
    audio = np.concatenate([np.zeros(int(before_s * rate)), samples, np.zeros(int(after_s * rate))])
    speech_rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    noise = np.random.default_rng(seed).normal(0, speech_rms / 10 ** (snr_db / 20), audio.size)
    return (audio + noise).astype(np.float32)


@pytest.mark.parametrize("speed", SPEEDS)
@pytest.mark.parametrize("voice", VOICES)
def test_an_honest_reading_is_accepted_in_every_voice_and_speed(voice, speed):
    digits = random_digits(f"{voice}/{speed}")
    samples, rate = spoken_digits(digits, voice=voice, speed=speed)

    result = recognize_digits(samples, rate=rate, expected=digits)

    assert result.spoken, result
    assert result.errors <= MAX_DIGIT_ERRORS
    assert result.expected == digits
    assert len(result.heard) == len(digits)
    assert len(result.spans) == len(digits)


@pytest.mark.parametrize("speed", SPEEDS)
@pytest.mark.parametrize("voice", VOICES)
def test_an_honest_reading_with_silence_around_and_mild_noise_is_accepted(voice, speed):
    digits = random_digits(f"{voice}/{speed}")
    samples, rate = spoken_digits(digits, voice=voice, speed=speed)

    result = recognize_digits(with_silence_and_noise(samples, rate, seed=speed), rate=rate, expected=digits)

    assert result.spoken, result


@pytest.mark.parametrize("position", [0, 2, 4])
def test_one_wrong_digit_is_tolerated(position):
    # Given a clear reading of the digits, judged against the digits with one of them changed
    digits = "40721"
    samples, rate = spoken_digits(digits, voice="en-us", speed=160)
    expected = digits[:position] + str((int(digits[position]) + 5) % 10) + digits[position + 1 :]

    result = recognize_digits(samples, rate=rate, expected=expected)

    assert result.spoken, result
    assert result.errors == 1


@pytest.mark.parametrize("voice", VOICES)
def test_two_wrong_digits_are_refused(voice):
    digits = random_digits(f"two wrong {voice}")
    samples, rate = spoken_digits(digits, voice=voice, speed=160)
    expected = str((int(digits[0]) + 3) % 10) + digits[1:-1] + str((int(digits[-1]) + 5) % 10)

    result = recognize_digits(samples, rate=rate, expected=expected)

    assert not result.spoken, result
    assert result.errors > MAX_DIGIT_ERRORS


@pytest.mark.parametrize("voice", VOICES)
def test_digits_read_in_a_different_order_are_refused(voice):
    # Given the digits read back to front, and the digits read with two neighbours swapped
    digits = "40721"
    samples, rate = spoken_digits(digits[::-1], voice=voice, speed=160)
    swapped, swapped_rate = spoken_digits("47021", voice=voice, speed=160)

    assert not recognize_digits(samples, rate=rate, expected=digits).spoken
    assert not recognize_digits(swapped, rate=swapped_rate, expected=digits).spoken


@pytest.mark.parametrize("speed", SPEEDS)
@pytest.mark.parametrize("voice", VOICES)
def test_a_reading_of_a_different_random_sequence_is_refused(voice, speed):
    # Given a replayed reading of an earlier challenge, judged against a fresh one of the same length
    spoken = random_digits(f"replay {voice}/{speed}")
    fresh = random_digits(f"fresh {voice}/{speed}", len(spoken))
    samples, rate = spoken_digits(spoken, voice=voice, speed=speed)

    result = recognize_digits(samples, rate=rate, expected=fresh)

    assert not result.spoken, result


def test_silence_is_refused():
    result = recognize_digits(np.zeros(4 * 16_000, dtype=np.float32), rate=16_000, expected="40721")

    assert not result.spoken
    assert result.errors == 5
    assert result.spans == []
    assert result.speech_span is None


def test_white_noise_is_refused():
    noise = np.random.default_rng(1).normal(0, 0.1, 4 * 16_000).astype(np.float32)

    assert not recognize_digits(noise, rate=16_000, expected="40721").spoken


@pytest.mark.parametrize("pitch_hz", [120, 220])
def test_a_sustained_vowel_tone_is_refused(pitch_hz):
    # Given a harmonic series, like someone humming or holding a vowel
    t = np.arange(4 * 16_000) / 16_000
    tone = sum(np.sin(2 * np.pi * pitch_hz * k * t) / k for k in range(1, 20)) * 0.1

    assert not recognize_digits(tone.astype(np.float32), rate=16_000, expected="40721").spoken


@pytest.mark.parametrize("voice", VOICES)
def test_other_english_speech_is_refused(voice):
    samples, rate = espeak("the quick brown fox jumps over", voice=voice)

    assert not recognize_digits(samples, rate=rate, expected="40721").spoken


@pytest.mark.parametrize("voice", VOICES)
def test_a_held_vowel_is_refused(voice):
    samples, rate = espeak("aaaaaaaaaaaaaaaaah", voice=voice, speed=120)

    assert not recognize_digits(samples, rate=rate, expected="40721").spoken


def test_spans_lie_inside_the_audio_and_cover_the_speech():
    # Given a reading with 1.0 s of silence before it and 0.7 s after
    digits = "407215"
    samples, rate = spoken_digits(digits, voice="en-us", speed=160)
    audio = with_silence_and_noise(samples, rate, before_s=1.0, after_s=0.7, snr_db=40)
    duration = audio.size / rate

    result = recognize_digits(audio, rate=rate, expected=digits)

    assert result.spoken
    assert len(result.spans) == len(digits)
    for start, end in result.spans:
        assert 0.0 <= start < end <= duration
    starts = [start for start, _ in result.spans]
    assert starts == sorted(starts)
    speech_start, speech_end = result.speech_span
    assert (speech_start, speech_end) == (result.spans[0][0], result.spans[-1][1])
    audible = np.flatnonzero(np.abs(samples) > 0.01)
    first_sound, last_sound = 1.0 + audible[0] / rate, 1.0 + audible[-1] / rate
    assert 0.8 <= speech_start <= first_sound + 0.2
    assert last_sound - 0.25 <= speech_end <= duration


@pytest.mark.parametrize("rate", [8_000, 16_000, 44_100, 48_000])
def test_audio_at_any_sample_rate_is_recognised(rate):
    digits = "3958"
    samples, native = spoken_digits(digits, voice="en-us", speed=160)

    result = recognize_digits(resample(samples, native, rate), rate=rate, expected=digits)

    assert result.spoken, result


def test_a_reading_heard_exactly_is_decoded_once_and_any_other_is_scored_against_the_expected():
    samples, rate = spoken_digits("862190", voice="en-gb", speed=140)
    clip = np.zeros(5 * rate, dtype=np.float32)
    clip[rate : rate + samples.size] = samples
    recognize_digits(clip, rate=rate, expected="862190")  # the first call loads the model

    # A reading heard exactly takes one decode; any other takes two
    results = [recognize_digits(clip, rate=rate, expected=expected) for expected in ("862190", "862198")]

    assert results[0].spoken
    assert results[1].heard != results[1].expected


def test_a_clip_too_short_to_hold_digits_is_refused():
    result = recognize_digits(np.zeros(800, dtype=np.float32), rate=16_000, expected="1234")

    assert not result.spoken
    assert result.heard == ""


@pytest.mark.parametrize("expected", ["", "12a4", "１２３４", " 1234"])
def test_expected_must_be_ascii_digits(expected):
    with pytest.raises(ValueError, match="digits"):
        recognize_digits(np.zeros(16_000, dtype=np.float32), rate=16_000, expected=expected)


def test_audio_must_be_mono():
    with pytest.raises(ValueError, match="mono"):
        recognize_digits(np.zeros((2, 16_000), dtype=np.float32), rate=16_000, expected="1234")
