"""Benchmark of recognize_digits(): how often honest readings are accepted and wrong ones refused, and how fast.

Readings are synthesised by espeak-ng in 5 voices at 2 speeds (tests/cameos/speech.py). For each voice and speed,
--sequences random 4-6 digit strings are read; each reading is judged against:
- its own digits (honest; also with 1.0 s of silence before, 0.7 s after and noise at 20 dB SNR),
- the digits with one changed (tolerated: MAX_DIGIT_ERRORS = 1),
- the digits with two changed, with two neighbours swapped, and a different random string (refused).
Other English speech and non-speech sounds are judged against random digits (refused).

Run: .venv/bin/python bench/bench_spoken_digits.py [--sequences 10] [--seed 7]
Needs espeak-ng (apt-get install espeak-ng). No Django.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cameos.verification.digits import EXPECTED_PRIOR, MAX_DIGIT_ERRORS, recognize_digits  # noqa: E402

SENTENCES = (
    "the quick brown fox jumps over",
    "hello my name is john and i am here",
    "please call me tomorrow morning",
    "i would like a cup of coffee",
    "can you hear me now",
    "thank you very much for your help",
)


def random_digits(rng: random.Random, count: int | None = None) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count or rng.randint(4, 6)))


def changed(digits: str, count: int, rng: random.Random) -> str:
    """The digits with ``count`` positions replaced by other digits."""
    out = list(digits)
    for index in rng.sample(range(len(digits)), count):
        out[index] = rng.choice([d for d in "0123456789" if d != digits[index]])
    return "".join(out)


def swapped(digits: str, rng: random.Random) -> str | None:
    """Two neighbouring, different digits swapped; None when all digits are the same."""
    pairs = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]]
    if not pairs:
        return None
    i = rng.choice(pairs)
    return digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]


def padded_noisy(samples: np.ndarray, rate: int, seed: int) -> np.ndarray:
    """1.0 s of silence before, 0.7 s after, white noise 20 dB below the speech."""
    audio = np.concatenate([np.zeros(rate), samples, np.zeros(int(0.7 * rate))]).astype(np.float32)
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return audio + np.random.default_rng(seed).normal(0, rms / 10, audio.size).astype(np.float32)


def non_speech(rate: int = 16_000, seconds: float = 4.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    t = np.arange(int(rate * seconds)) / rate
    white = rng.normal(0, 0.1, t.size)
    spectrum = np.fft.rfft(rng.normal(size=t.size))
    pink = np.fft.irfft(spectrum / np.sqrt(np.maximum(np.arange(spectrum.size), 1)), t.size)
    return {
        "silence": np.zeros(t.size),
        "white noise": white,
        "pink noise": pink / np.abs(pink).max() * 0.3,
        "vowel tone 120 Hz": sum(np.sin(2 * np.pi * 120 * k * t) / k for k in range(1, 20)) * 0.1,
        "hum 50 Hz": np.sin(2 * np.pi * 50 * t) * 0.3,
        "noise bursts": rng.normal(0, 0.3, t.size) * (np.sin(2 * np.pi * 2 * t) > 0.7),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sequences", type=int, default=10, help="random digit strings per voice and speed")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed (apt-get install espeak-ng)")
        return 1
    from tests.cameos.speech import SPEEDS, VOICES, espeak, spoken_digits

    started = time.perf_counter()
    recognize_digits(np.zeros(16_000, dtype=np.float32), rate=16_000, expected="1234")
    print(f"first call (loads the model): {time.perf_counter() - started:.2f} s")
    print(f"MAX_DIGIT_ERRORS={MAX_DIGIT_ERRORS}, 1 / EXPECTED_PRIOR={1 / EXPECTED_PRIOR:g}")

    rng = random.Random(args.seed)
    # category -> [accepted, total]; "exact" counts honest readings heard exactly without the prior.
    counts: dict[str, list[int]] = {}
    times: list[float] = []
    misses: list[str] = []

    def judge(category: str, audio: np.ndarray, rate: int, expected: str, label: str = "") -> None:
        result = recognize_digits(audio, rate=rate, expected=expected)
        times.append(result.seconds)
        tally = counts.setdefault(category, [0, 0])
        tally[0] += result.spoken
        tally[1] += 1
        if category.startswith("honest"):
            exact = counts.setdefault(category + ", heard exactly", [0, 0])
            exact[0] += result.heard == expected
            exact[1] += 1
        wrong = not result.spoken if category.startswith(("honest", "one wrong")) else result.spoken
        if wrong:
            misses.append(f"  {category}: {label} expected {expected} heard {result.heard!r} errors {result.errors}")

    for voice in VOICES:
        for speed in SPEEDS:
            for _ in range(args.sequences):
                digits = random_digits(rng)
                samples, rate = spoken_digits(digits, voice=voice, speed=speed)
                label = f"{voice} {speed} wpm said {digits}:"
                judge("honest", samples, rate, digits, label)
                judge(
                    "honest, silence around + 20 dB noise", padded_noisy(samples, rate, len(times)), rate, digits, label
                )
                judge("one wrong digit (tolerated)", samples, rate, changed(digits, 1, rng), label)
                judge("two wrong digits", samples, rate, changed(digits, 2, rng), label)
                pair = swapped(digits, rng)
                if pair is not None:
                    judge("two neighbours swapped", samples, rate, pair, label)
                other = random_digits(rng, len(digits))
                while other == digits:
                    other = random_digits(rng, len(digits))
                judge("a different random sequence", samples, rate, other, label)
    for voice in VOICES:
        for text in SENTENCES:
            samples, rate = espeak(text, voice=voice)
            judge("other English speech", samples, rate, random_digits(rng), f"{voice} said {text!r}:")
    for name, samples in non_speech().items():
        judge("non-speech sounds", samples, 16_000, random_digits(rng), f"{name}:")

    print(f"\n{'category':44s} {'accepted':>9s} {'refused':>9s}    n")
    for category, (accepted, total) in counts.items():
        print(f"{category:44s} {accepted / total:9.1%} {1 - accepted / total:9.1%} {total:4d}")
    print("\nmisjudged:" if misses else "\nmisjudged: none")
    print("\n".join(misses))

    samples, rate = spoken_digits("407215", voice="en-us", speed=140)
    clip = np.zeros(5 * rate, dtype=np.float32)
    clip[rate : rate + samples.size] = samples[: 4 * rate]
    print(f"\nrecognition time per clip (1-4.5 s long): mean {statistics.mean(times):.3f} s, max {max(times):.3f} s")
    for expected in ("407215", "407216"):
        results = [recognize_digits(clip, rate=rate, expected=expected) for _ in range(3)]
        decodes = 1 if results[0].heard == expected else 2
        print(
            f"5 s clip read as 407215, expected {expected}: spoken={results[0].spoken} heard {results[0].heard}, "
            f"{decodes} decode(s), best {min(r.seconds for r in results):.3f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
