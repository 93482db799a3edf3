"""Lip sync: does the mouth in a clip open and close with the voice that reads the digits?

A replayed photo, a puppet warp or a face pasted over someone else's voice can turn its head on cue, but its mouth
either does not move or does not move with the audio. Per frame, ``mouth_opening`` measures the inner-lip gap of
face_recognition's 68 landmarks in face-size units; ``speech_envelope`` measures the speech-band loudness around
the same times; ``lip_sync`` correlates the two over the span where the digits are spoken, trying small lags (a
real mouth leads its sound a little, and encoders shift audio by tens of milliseconds).

Calibration, on clips built by tests/cameos/talking.py (a fixture photo whose head turns left, up and right while
it reads 4 digits at 190 or 6 digits at 140 words a minute in each of espeak-ng's five test voices; mouth opening
with the loudness of the voice; 15 fps, H.264 + AAC, decoded back, HOG boxes and 68 landmarks on every frame):
- honest clips of obama.jpg, biden.jpg and obama3.jpg (30 clips): correlation 0.87-0.99 (obama.jpg 0.87-0.98, biden.jpg
  0.89-0.97), best lag 0.00 s in 29 and -0.02 s in one, mouth_range 0.19-0.28. span=None gives the same figures
  within 0.01. Three obama3.jpg clips at 190 wpm fall short of MIN_FRAMES (11 frames): its "up" pose loses the face
  while the four digits are read. That is "too little to judge" (see frames_used), not an attack.
- a still photo with the spoken digits: mouth_range 0.003-0.006 (its correlation, 0.19-0.65, is noise on a flat line).
- the photo and its mirror image alternating: mouth_range 0.001-0.028.
- the photo turning its head (yaw and pitch warps) with the mouth shut: mouth_range 0.011-0.055, correlation 0.29-0.53.
- a mouth that opens three times a second at random moments (6 seeds x 2 photos x 2 speeds): correlation 0.32-0.57
  (median 0.45) at lags anywhere in +-0.5 s, mouth_range 0.14-0.24.
- a mouth that follows the voice 1 s late: best correlation within +-0.5 s 0.56-0.67, always at +0.4 to +0.5 s (the
  edge of the range); at zero lag -0.11 to 0.41.
MIN_MOUTH_RANGE (0.10) sits between the shut-mouth warps (at most 0.055) and the least-moving honest mouth (0.19).
MIN_CORRELATION (0.70) sits between the random and late mouths (at most 0.67) and honest clips (at least 0.87);
MAX_SYNC_LAG_S (0.2 s) allows for a mouth that leads its sound and for encoder delays, and stops the late mouth.
Real faces have not been measured yet. These synthetic mouths open exactly with the loudness; a real mouth follows
it less closely (published frame-level correlations between mouth area and the acoustic envelope are moderate,
roughly 0.3-0.6 over whole sentences). So until the thresholds are checked on real recordings, a failed lip-sync
check should send a clip to review rather than reject it outright.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

SPEECH_BAND_HZ = (300.0, 3000.0)
# Loudness is measured over windows of this length (Hann-weighted), about two frames at 15 fps.
ENVELOPE_WINDOW_S = 0.12
# The envelope is compressed to dB and floored this far below its loudest point (pauses between digits are 0).
ENVELOPE_FLOOR_DB = -40.0
_BLOCK_S = 0.005
# Lags tried, in seconds; positive lag = the mouth moves after the sound.
MAX_LAG_S = 0.5
LAG_STEP_S = 0.02
# The verdict.
MIN_FRAMES = 12
MIN_MOUTH_RANGE = 0.10
MIN_CORRELATION = 0.70
MAX_SYNC_LAG_S = 0.20
# Frames this long before and after the spoken span still count: the mouth opens before the first sound.
SPAN_MARGIN_S = 0.25
# Without a span: where the speech-band level is within this of its loudest point.
ACTIVE_SPEECH_DB = -25.0

Landmarks = Mapping[str, Sequence[tuple[int, int]]]


def mouth_opening(landmarks: Landmarks) -> float:
    """The inner-lip gap over the height from the eyes to the mouth corners: 0 shut, about 0.2-0.5 wide open.

    The gap is the mean distance between inner upper-lip points 61-63 and inner lower-lip points 67-65, measured
    across the eye line (so head roll does not count). The face size is the height from the midpoint of the eye
    centres to the midpoint of the mouth corners (points 48 and 54), across the eye line too: it hardly changes
    when the mouth opens (the jaw drops, the corners stay), does not change with yaw (a vertical length), and
    shrinks with pitch about as the lip gap does (both lie on the front of the face, unlike the nose).
    """
    top_lip = np.asarray(landmarks["top_lip"], dtype=np.float64)
    bottom_lip = np.asarray(landmarks["bottom_lip"], dtype=np.float64)
    # face_recognition's top_lip is points 48-54, 64, 63, 62, 61, 60; bottom_lip is 54-59, 48, 60, 67, 66, 65, 64.
    upper = top_lip[[10, 9, 8]]  # 61, 62, 63
    lower = bottom_lip[[8, 9, 10]]  # 67, 66, 65
    corners = (top_lip[0] + top_lip[6]) / 2  # 48 and 54
    left_eye = np.asarray(landmarks["left_eye"], dtype=np.float64).mean(axis=0)
    right_eye = np.asarray(landmarks["right_eye"], dtype=np.float64).mean(axis=0)
    across = right_eye - left_eye
    length = float(np.hypot(*across))
    if length <= 1e-6:
        return 0.0
    # The face's downward axis: perpendicular to the eye line, pointing from the eyes toward the mouth.
    down = np.array([-across[1], across[0]]) / length
    if down @ (corners - (left_eye + right_eye) / 2) < 0:
        down = -down
    size = float((corners - (left_eye + right_eye) / 2) @ down)
    if size <= 1e-6:
        return 0.0
    gap = float(np.mean((lower - upper) @ down))
    return max(0.0, gap) / size


def _band_levels(audio: np.ndarray, *, rate: int, window_s: float) -> tuple[np.ndarray, np.ndarray]:
    """Speech-band RMS at regular block times: (times_s, rms)."""
    signal = np.asarray(audio, dtype=np.float64).reshape(-1)
    if signal.size == 0:
        return np.zeros(1), np.zeros(1)
    signal = signal - signal.mean()
    spectrum = np.fft.rfft(signal)
    freqs = np.fft.rfftfreq(signal.size, d=1.0 / rate)
    low, high = SPEECH_BAND_HZ
    # Soft band edges (a half octave each side) so the filter does not ring.
    gain = np.clip(np.log2(np.maximum(freqs, 1e-9) / (low / math.sqrt(2))) * 2, 0, 1)
    gain *= np.clip(np.log2((high * math.sqrt(2)) / np.maximum(freqs, 1e-9)) * 2, 0, 1)
    band = np.fft.irfft(spectrum * gain, signal.size)
    block = max(1, int(round(_BLOCK_S * rate)))
    count = max(1, band.size // block)
    power = np.mean(band[: count * block].reshape(count, block) ** 2, axis=1) if band.size >= block else np.zeros(1)
    taps = max(3, int(round(window_s / (block / rate))) | 1)
    kernel = np.hanning(taps + 2)[1:-1]
    kernel /= kernel.sum()
    smoothed = np.convolve(power, kernel, mode="same")
    times = (np.arange(smoothed.size) + 0.5) * block / rate
    return times, np.sqrt(np.maximum(smoothed, 0.0))


def speech_envelope(
    audio: np.ndarray, *, rate: int, times_s: Sequence[float], window_s: float = ENVELOPE_WINDOW_S
) -> np.ndarray:
    """Speech-band (300-3000 Hz) RMS level around each time, Hann-smoothed over window_s (linear amplitude)."""
    block_times, levels = _band_levels(audio, rate=rate, window_s=window_s)
    return np.interp(np.asarray(times_s, dtype=np.float64), block_times, levels, left=0.0, right=0.0)


def _compressed(levels: np.ndarray, peak: float) -> np.ndarray:
    """Levels in dB above a floor ENVELOPE_FLOOR_DB under the peak: 0 in pauses, -ENVELOPE_FLOOR_DB at the peak."""
    if peak <= 0:
        return np.zeros_like(levels)
    db = 20 * np.log10(np.maximum(levels, 1e-12) / peak)
    return np.maximum(db - ENVELOPE_FLOOR_DB, 0.0)


def speech_span(audio: np.ndarray, *, rate: int) -> tuple[float, float] | None:
    """First to last moment where the speech-band level is within ACTIVE_SPEECH_DB of its loudest, or None."""
    return _active_span(*_band_levels(audio, rate=rate, window_s=ENVELOPE_WINDOW_S))


def _active_span(times: np.ndarray, levels: np.ndarray) -> tuple[float, float] | None:
    peak = float(levels.max()) if levels.size else 0.0
    if peak <= 1e-6:
        return None
    active = np.nonzero(levels >= peak * 10 ** (ACTIVE_SPEECH_DB / 20))[0]
    return float(times[active[0]]), float(times[active[-1]])


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    a = a - a.mean()
    b = b - b.mean()
    norm = math.sqrt(float(a @ a) * float(b @ b))
    return float(a @ b) / norm if norm > 1e-12 else 0.0


@dataclass(frozen=True)
class LipSync:
    """How the mouth moved against the voice, and the verdict."""

    correlation: float  # best Pearson correlation between opening and envelope over lags within +-MAX_LAG_S
    lag_s: float  # lag of that best correlation (positive: the mouth moves after the sound)
    zero_lag_correlation: float
    mouth_range: float  # 90th minus 10th percentile of the opening over the span, in face-size units
    frames_used: int
    in_sync: bool


def lip_sync(
    openings: Sequence[float | None],
    times_s: Sequence[float],
    audio: np.ndarray,
    *,
    rate: int,
    span: tuple[float, float] | None,
) -> LipSync:
    """Whether the mouth opened and closed with the voice over the spoken span.

    openings are mouth_opening() per frame (None where no face was measured), at times_s. span is where the digits
    are spoken; None uses the stretch of the clip with speech energy. The envelope is compared in dB above a floor
    ENVELOPE_FLOOR_DB under its peak (loudness as heard, pauses at 0). In sync means: at least MIN_FRAMES frames,
    a mouth that moved (mouth_range >= MIN_MOUTH_RANGE), and a best correlation >= MIN_CORRELATION at a lag within
    +-MAX_SYNC_LAG_S.
    """
    if len(openings) != len(times_s):
        raise ValueError("openings and times_s must have the same length")
    block_times, levels = _band_levels(audio, rate=rate, window_s=ENVELOPE_WINDOW_S)
    if span is None:
        span = _active_span(block_times, levels)
    values = np.array([np.nan if o is None else float(o) for o in openings], dtype=np.float64)
    times = np.asarray(times_s, dtype=np.float64)
    keep = np.isfinite(values)
    if span is not None:
        keep &= (times >= span[0] - SPAN_MARGIN_S) & (times <= span[1] + SPAN_MARGIN_S)
    else:
        keep[:] = False
    used = int(keep.sum())
    if used < 3:
        return LipSync(0.0, 0.0, 0.0, 0.0, used, False)
    mouth = values[keep]
    mouth_times = times[keep]
    mouth_range = float(np.percentile(mouth, 90) - np.percentile(mouth, 10))

    peak = float(levels.max())
    steps = int(round(MAX_LAG_S / LAG_STEP_S))
    lags = np.arange(-steps, steps + 1) * LAG_STEP_S
    # Positive lag: the mouth at t goes with the sound at t - lag.
    envelopes = _compressed(
        np.interp(mouth_times[None, :] - lags[:, None], block_times, levels, left=0.0, right=0.0), peak
    )
    correlations = np.array([_pearson(mouth, envelope) for envelope in envelopes])
    best = int(np.argmax(correlations))
    correlation = float(correlations[best])
    lag = float(lags[best])
    in_sync = (
        used >= MIN_FRAMES
        and mouth_range >= MIN_MOUTH_RANGE
        and correlation >= MIN_CORRELATION
        and abs(lag) <= MAX_SYNC_LAG_S
    )
    return LipSync(
        correlation=round(correlation, 4),
        lag_s=round(lag, 3),
        zero_lag_correlation=round(float(correlations[steps]), 4),
        mouth_range=round(mouth_range, 4),
        frames_used=used,
        in_sync=bool(in_sync),
    )
