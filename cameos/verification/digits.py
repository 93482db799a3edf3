"""Were the challenge's digits spoken, in order? Offline recognition with pocketsphinx, constrained to digit words.

pocketsphinx 5 ships its en-US acoustic model and dictionary inside the wheel; nothing is downloaded. The audio is
decoded twice at most, each time with a finite-state grammar of exactly as many digit words as the challenge has
(with the decoder's silence and filler models between them):

1. every digit equally likely at every position: what was heard;
2. if that is not the expected sequence, the expected digit at each position is preferred by a large factor
   (EXPECTED_PRIOR) over the other nine: the expected sequence is scored against every alternative, and it wins
   only where the acoustics do not clearly say another digit. This is how a misheard honest reading ("nine" heard
   as "one") is recovered without accepting a different reading: a wrong digit that was clearly spoken still wins
   its position against the prior.

The reading is accepted when it has the challenge's length and at most MAX_DIGIT_ERRORS wrong digits.

Measured here with espeak-ng (5 voices x 2 speeds x 2 random sequences of 4-6 digits): a plain digits grammar
read 7 of 10 sequences exactly (DEPENDENCIES.md); with the prior, 20 of 20 honest readings were accepted, 0 of 20
readings checked against another random sequence and 1 of 20 with two digits changed; English sentences, a
sung vowel and white noise were refused. About 0.2 s per reading (0.7 s at most). See bench/bench_spoken_digits.py
and tests/cameos/test_spoken_digits.py.
"""

from __future__ import annotations

import functools
import math
import threading
import time
from dataclasses import dataclass, field

import numpy as np

WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "oh" is how many people say zero in a sequence.
ZERO_ALIASES = ("oh",)
MAX_DIGIT_ERRORS = 1
# How much likelier the expected digit is than each other digit at its position, in the second decoding.
EXPECTED_PRIOR = 1e13
RATE = 16_000
FRAME_S = 0.01  # pocketsphinx's frames are 10 ms
# Audio is normalised to this peak before recognition: quiet phone recordings read as well as loud ones.
PEAK = 0.5
# A little fixed noise under the audio: on digital silence (synthesised or gated audio) the decoder's silence model
# does not fit and it often finds no hypothesis at all.
DITHER = 3e-3


@dataclass(frozen=True)
class SpokenDigits:
    expected: str
    heard: str  # what the unbiased decoding heard
    errors: int  # wrong digits in the accepted reading (edit distance), or len(expected) when none
    spoken: bool
    spans: list[tuple[float, float]] = field(default_factory=list)  # each digit word, seconds from the start
    speech_span: tuple[float, float] | None = None
    seconds: float = 0.0


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right)))
        previous = current
    return previous[-1]


def _word_digit(word: str) -> str | None:
    base = word.split("(")[0]
    if base in WORDS:
        return str(WORDS.index(base))
    if base in ZERO_ALIASES:
        return "0"
    return None


@functools.cache
def _decoder():
    """One decoder per process (loading the model takes about a second); calls are serialised on it."""
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, lm=None, logfn="/dev/null", compallsen=True, silprob=1.0, wip=0.05)


_decoder_lock = threading.Lock()


def _grammar(expected: str, prior: float) -> tuple[int, int, list[tuple[int, int, float, str]]]:
    """Exactly len(expected) digit words; the expected digit at each position weighted prior times the others."""
    transitions = []
    for position, digit in enumerate(expected):
        for word in (*WORDS, *ZERO_ALIASES):
            weight = prior if _word_digit(word) == digit else 1.0
            transitions.append((position, position + 1, weight, word))
    top = max(weight for *_, weight, _ in transitions)
    # FSG weights are probabilities: scale so the largest is 1.
    return 0, len(expected), [(a, b, weight / top, word) for a, b, weight, word in transitions]


def _decode(pcm: bytes, expected: str, prior: float) -> tuple[str, list[tuple[str, float, float]]]:
    decoder = _decoder()
    start, final, transitions = _grammar(expected, prior)
    decoder.add_fsg("digits", decoder.create_fsg("digits", start, final, transitions))
    decoder.activate_search("digits")
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    words = []
    for segment in decoder.seg() or []:
        digit = _word_digit(segment.word)
        if digit is not None:
            words.append((digit, segment.start_frame * FRAME_S, (segment.end_frame + 1) * FRAME_S))
    return ("".join(d for d, _, _ in words) if hypothesis else ""), words


def _pcm16(audio: np.ndarray, rate: int) -> bytes:
    samples = np.asarray(audio, dtype=np.float64).reshape(-1)
    if rate != RATE and samples.size:
        from scipy.signal import resample_poly

        common = math.gcd(RATE, rate)
        samples = resample_poly(samples, RATE // common, rate // common)
    peak = float(np.abs(samples).max()) if samples.size else 0.0
    if peak > 1e-4:
        samples = samples * (PEAK / peak)
    samples = samples + np.random.default_rng(0).normal(0.0, DITHER, samples.size)
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def recognize_digits(audio: np.ndarray, *, rate: int, expected: str) -> SpokenDigits:
    """Whether audio holds the expected digits read aloud, in order (at most MAX_DIGIT_ERRORS wrong)."""
    if not (expected and expected.isascii() and expected.isdigit()):
        raise ValueError("expected must be a string of ASCII digits")
    if np.ndim(audio) != 1:
        raise ValueError("audio must be mono: one dimension of samples")
    started = time.perf_counter()
    pcm = _pcm16(audio, rate)
    if len(pcm) < int(0.3 * RATE) * 2:
        return SpokenDigits(
            expected=expected, heard="", errors=len(expected), spoken=False, seconds=time.perf_counter() - started
        )
    with _decoder_lock:
        heard, words = _decode(pcm, expected, 1.0)
        reading = heard
        if heard != expected:
            reading, words = _decode(pcm, expected, EXPECTED_PRIOR)
    errors = edit_distance(reading, expected) if len(reading) == len(expected) else len(expected)
    spans = [(round(a, 3), round(b, 3)) for _, a, b in words]
    return SpokenDigits(
        expected=expected,
        heard=heard,
        errors=errors,
        spoken=errors <= MAX_DIGIT_ERRORS,
        spans=spans,
        speech_span=(spans[0][0], spans[-1][1]) if spans else None,
        seconds=round(time.perf_counter() - started, 3),
    )
