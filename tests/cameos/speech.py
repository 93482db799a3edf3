"""Spoken digits for verification tests, synthesised by Debian's espeak-ng (installed by .ci/run).

Voices are espeak-ng variants of its English voices (male and female, American and British); speeds are words per
minute (espeak's default is 175).
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import wave

import numpy as np
import pytest

VOICES = ("en-us", "en-gb", "en-us+f3", "en-gb-scotland+m3", "en-029+f2")
SPEEDS = (140, 190)
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def require_espeak() -> str:
    """The espeak-ng binary; a failure in CI (where .ci/run installs it), a skip elsewhere."""
    binary = shutil.which("espeak-ng")
    if binary is None:
        reason = "espeak-ng is not installed (apt-get install espeak-ng); .ci/run installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


@functools.cache
def spoken_digits(digits: str, *, voice: str = "en-us", speed: int = 160, gap_ms: int = 60) -> tuple[np.ndarray, int]:
    """The digits read aloud one by one, as mono float32 samples and their rate (22050 Hz).

    Cached: the arrays are read-only, copy before changing them.
    """
    text = " ".join(DIGIT_WORDS[int(d)] for d in digits)
    return espeak(text, voice=voice, speed=speed, gap_ms=gap_ms)


@functools.cache
def espeak(text: str, *, voice: str = "en-us", speed: int = 160, gap_ms: int = 60) -> tuple[np.ndarray, int]:
    """Any English text read aloud by espeak-ng (mono float32, its native rate)."""
    binary = require_espeak()
    wav = subprocess.run(
        [binary, "-v", voice, "-s", str(speed), "-g", str(max(0, gap_ms // 10)), "--stdout", text],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    with wave.open(io.BytesIO(wav)) as reader:
        rate = reader.getframerate()
        frames = reader.readframes(reader.getnframes())
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    samples.flags.writeable = False
    return samples, rate


def resample(samples: np.ndarray, rate: int, to_rate: int) -> np.ndarray:
    """Linear resampling (good enough for test speech)."""
    if rate == to_rate:
        return np.asarray(samples, dtype=np.float32)
    count = int(round(samples.size * to_rate / rate))
    positions = np.arange(count) * (rate / to_rate)
    return np.interp(positions, np.arange(samples.size), samples).astype(np.float32)
