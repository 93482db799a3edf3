"""Did the person read the verification digits aloud, in order? Offline speech recognition with pocketsphinx.

The verification clip asks for 4 to 6 random digits read aloud. Free digit recognition with pocketsphinx's
small en-US model is too weak to demand an exact transcript (on espeak-ng voices it hears "nine" as "one",
"five" as "nine", and inserts short words into pauses), so the check is a verification, not a transcription:

- The audio is decoded once with a grammar of exactly ``len(expected)`` digit words, every digit allowed at
  every position (the *free* reading, reported as ``heard``).
- If that is not the expected string, it is decoded again with the same grammar in which each position
  gives the expected digit probability 1 and any other digit ``SUBSTITUTION_PRIOR``. A reading then departs
  from the expected digit only where the audio favours another digit by more than ln(1/prior) (30 nats of
  acoustic log-likelihood). The clip is spoken when that reading is within ``MAX_DIGIT_ERRORS`` of the
  expected string.

Both decodes use one grammar shape and differ only in transition probabilities. That matters: pocketsphinx's
FSG search scores the same word sequence differently (by hundreds of score units) in grammars of a different
shape, so scores from separate searches (a free loop against a forced alignment, or against a phone loop) are
not comparable. Here pocketsphinx's own Viterbi search weighs the prior against the acoustics in one pass.

Silence, noise, tones and hums are refused because no digit path survives the search beam against the
silence model: the grammar then has no complete reading. Other English speech is forced into digits that
differ from the expected ones in two or more places. A garbage model (a phone loop, or the [SPEECH] filler as
an alternative at each position) was tried and did not separate honest readings from other speech any better.

Nothing is downloaded: the en-US acoustic model and dictionary ship in the pocketsphinx wheel. No Django here.
Measured figures: bench/bench_spoken_digits.py.
"""

from __future__ import annotations

import functools
import math
import os
import threading
import time
from dataclasses import dataclass

import numpy as np

# One wrong digit is tolerated (a misheard or misspoken digit); two are not.
MAX_DIGIT_ERRORS = 1
# The probability the grammar gives each non-expected digit at a position. Calibrated on espeak-ng voices:
# 1e-10 to 1e-16 all accept about 95% of honest readings and refuse about 97% of readings with two digits wrong
# or two neighbours swapped; much weaker priors refuse honest readings, much stronger ones accept swaps.
SUBSTITUTION_PRIOR = 1e-13
SAMPLE_RATE = 16_000  # the rate of the en-US acoustic model
FRAMES_PER_SECOND = 100  # pocketsphinx frames are 10 ms apart
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
OH = "oh"  # another word for zero: "four oh seven" is a common way to read 407
# The audio is scaled so that its 99.9th-percentile level (not its peak: a click would set it) sits here,
# with the gain capped so that near-silence is not blown up into loud noise ...
LEVEL = 0.5
MAX_GAIN = 1000.0
# ... and a fixed, seeded noise floor is added: pocketsphinx misaligns digital silence (exact zeros between
# synthesised words swallowed the rest of the utterance as "silence"). It is 44 dB below LEVEL.
DITHER_RMS = 3e-3
MIN_SECONDS = 0.3
# Decoder settings: all senones are scored every frame (so a path's score does not depend on which other HMMs
# are active), silence between digits costs nothing, and inserting a word costs a little.
DECODER_SETTINGS = {"compallsen": True, "silprob": 1.0, "wip": 0.05}


@dataclass(frozen=True)
class SpokenDigits:
    """What the recognizer made of a clip read against the digits it was asked for."""

    expected: str
    heard: str  # best free-recognised digit string of the expected length (for metrics/debug)
    errors: int  # digit errors (edit distance) of the accepted reading vs expected; len(expected) when none
    spoken: bool  # the audio holds the expected digits in order, with at most MAX_DIGIT_ERRORS wrong
    spans: list[tuple[float, float]]  # (start_s, end_s) of each recognised digit word, from the audio start
    speech_span: tuple[float, float] | None  # first digit start to last digit end; None when nothing recognised
    seconds: float  # wall time of recognition


@dataclass(frozen=True)
class _Reading:
    digits: str
    spans: list[tuple[float, float]]


def recognize_digits(audio: np.ndarray, *, rate: int, expected: str) -> SpokenDigits:
    """Whether ``audio`` (mono float samples in [-1, 1] at ``rate`` Hz) holds the digits of ``expected`` read aloud."""
    if not (expected.isascii() and expected.isdigit()):
        raise ValueError("expected must be a non-empty string of the digits 0-9")
    if rate <= 0:
        raise ValueError("rate must be a positive number of samples per second")
    samples = np.asarray(audio, dtype=np.float64)
    if samples.ndim != 1:
        raise ValueError("audio must be mono: one dimension of samples")

    started = time.perf_counter()
    if samples.size < MIN_SECONDS * rate:
        return _result(expected, heard=None, reading=None, started=started)
    pcm = _pcm16(samples, rate=int(rate))
    duration = samples.size / rate
    decoder = _decoder()
    with _DECODER_LOCK:
        heard = _decode(decoder, pcm, expected=expected, prior=1.0, duration=duration)
        reading = heard
        if heard is not None and heard.digits != expected:
            # Same grammar shape, expected digits favoured: had the free reading been the expected string, this
            # one would be too, so it is needed only when they differ. When the free decode finds no complete
            # reading at all, there are no digits to favour: the prior alone would carry a reading through audio
            # that holds none (a held "aaah" read as 8888).
            reading = _decode(decoder, pcm, expected=expected, prior=SUBSTITUTION_PRIOR, duration=duration)
    return _result(expected, heard=heard, reading=reading, started=started)


def _result(expected: str, *, heard: _Reading | None, reading: _Reading | None, started: float) -> SpokenDigits:
    errors = len(expected) if reading is None else _edit_distance(reading.digits, expected)
    spans = [] if reading is None else reading.spans
    return SpokenDigits(
        expected=expected,
        heard="" if heard is None else heard.digits,
        errors=errors,
        spoken=reading is not None and errors <= MAX_DIGIT_ERRORS,
        spans=spans,
        speech_span=(spans[0][0], spans[-1][1]) if spans else None,
        seconds=time.perf_counter() - started,
    )


@functools.cache
def _decoder():
    """One decoder per process: loading the model and its 130k-word dictionary takes about 0.3 s.

    pocketsphinx is imported here, so that importing cameos.verification stays cheap where digits are not heard.
    """
    from pocketsphinx import Decoder

    return Decoder(samprate=SAMPLE_RATE, lm=None, logfn=os.devnull, **DECODER_SETTINGS)


# A decoder holds one utterance at a time; threads of one process take turns.
_DECODER_LOCK = threading.Lock()


def _pcm16(samples: np.ndarray, *, rate: int) -> bytes:
    """16 kHz 16-bit little-endian PCM, levelled and dithered (see LEVEL and DITHER_RMS)."""
    samples = np.nan_to_num(samples, nan=0.0, posinf=1.0, neginf=-1.0)
    if rate != SAMPLE_RATE:
        from scipy.signal import resample_poly

        common = math.gcd(SAMPLE_RATE, rate)
        samples = resample_poly(samples, SAMPLE_RATE // common, rate // common)
    level = float(np.percentile(np.abs(samples), 99.9))
    samples = samples * min(LEVEL / max(level, 1e-12), MAX_GAIN)
    samples = samples + np.random.default_rng(0).normal(0.0, DITHER_RMS, samples.size)
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def _grammar(decoder, *, expected: str, prior: float):
    """Exactly len(expected) digit words; at each position the expected digit has probability 1, others ``prior``."""
    transitions = []
    for position, digit in enumerate(expected):
        for value, word in enumerate(DIGIT_WORDS):
            transitions.append((position, position + 1, 1.0 if value == int(digit) else prior, word))
        transitions.append((position, position + 1, 1.0 if digit == "0" else prior, OH))
    return decoder.create_fsg("digits", 0, len(expected), transitions)


def _decode(decoder, pcm: bytes, *, expected: str, prior: float, duration: float) -> _Reading | None:
    """The best complete reading under the grammar, or None when no digit path survives to its end."""
    decoder.add_fsg("digits", _grammar(decoder, expected=expected, prior=prior))
    decoder.activate_search("digits")
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    if decoder.hyp() is None:
        return None
    digits, spans = [], []
    for segment in decoder.seg() or ():
        word = segment.word.split("(")[0]  # "zero(2)" is an alternative pronunciation of "zero"
        if word in DIGIT_WORDS or word == OH:
            digits.append("0" if word == OH else str(DIGIT_WORDS.index(word)))
            start = min(segment.start_frame / FRAMES_PER_SECOND, duration)
            end = min((segment.end_frame + 1) / FRAMES_PER_SECOND, duration)
            spans.append((round(start, 3), round(end, 3)))
    if len(digits) != len(expected):
        return None  # a partial path: the grammar's end was not reached
    return _Reading(digits="".join(digits), spans=spans)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: substitutions, insertions and deletions each count one."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]
