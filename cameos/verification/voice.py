"""Voice checks on a clip's audio: is there speech-band energy, and the speaker's voice profile (pitch, envelope)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

VOICE_BAND_HZ = (85.0, 3000.0)
# Analysis frames: 40 ms windows hold two periods of a 60 Hz voice, the lowest pitch searched.
WINDOW_S = 0.040
HOP_S = 0.020
PITCH_RANGE_HZ = (60.0, 400.0)
# A frame is voice-active when its voice-band level is above this floor and the band holds most of the energy:
# silence and digital zero sit far below the floor; hiss and white noise spread energy over the whole spectrum
# (about 37% inside 85-3000 Hz at 16 kHz).
ACTIVE_FLOOR_DBFS = -55.0
ACTIVE_BAND_SHARE = 0.55
# YIN: a dip of the cumulative mean normalized difference below this marks a period; above it is unvoiced.
YIN_THRESHOLD = 0.15
YIN_VOICED_MAX = 0.30
# Is anyone speaking at all? Four digits read fast take about 1.3 s; in a 6 s clip with pauses that left only 0.2 of
# it voice-active, so honest clips failed at 0.2. The speech recogniser judges what was said (digits.py); this
# only tells silence and noise from a voice.
MIN_ACTIVE_FRACTION = 0.10
# And some of it must be periodic (voiced vowels), not only band-limited noise.
MIN_VOICED_SECONDS = 0.25
ENVELOPE_BANDS = 16
ENVELOPE_RANGE_HZ = (80.0, 8000.0)


@dataclass(frozen=True)
class VoiceAnalysis:
    """What the audio check found; `profile` is biometric and only for verified cameos."""

    active_fraction: float  # share of the clip with voice-band energy
    voiced_seconds: float  # periodic (pitched) time
    has_voice: bool
    profile: dict | None  # see voice_profile()


def _frames(signal: np.ndarray, *, rate: int) -> np.ndarray:
    window = int(round(WINDOW_S * rate))
    hop = int(round(HOP_S * rate))
    if signal.size < window:
        return np.zeros((0, window), dtype=np.float64)
    count = 1 + (signal.size - window) // hop
    index = np.arange(window)[None, :] + hop * np.arange(count)[:, None]
    return signal.astype(np.float64)[index]


def _band_powers(frames: np.ndarray, *, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-frame power spectrum (mean-square scale) and its frequencies."""
    window = np.hanning(frames.shape[1])
    spectrum = np.fft.rfft(frames * window, axis=1)
    # Scaled so that the sum over all bins is the mean square of the windowed frame (Parseval).
    power = (np.abs(spectrum) ** 2) * 2.0 / (frames.shape[1] * np.sum(window**2))
    freqs = np.fft.rfftfreq(frames.shape[1], d=1.0 / rate)
    return power, freqs


def _yin(frames: np.ndarray, *, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Pitch (Hz) and aperiodicity per frame by YIN (de Cheveigné and Kawahara 2002), vectorized over frames."""
    count, window = frames.shape
    max_lag = int(rate / PITCH_RANGE_HZ[0])
    min_lag = int(rate / PITCH_RANGE_HZ[1])
    size = window - max_lag
    if count == 0 or size <= 0:
        return np.zeros(0), np.ones(0)
    lags = np.arange(max_lag + 1)
    squares = np.concatenate([np.zeros((count, 1)), np.cumsum(frames**2, axis=1)], axis=1)
    energy_head = squares[:, size]
    energy_lagged = squares[:, lags + size] - squares[:, lags]
    nfft = 1 << int(np.ceil(np.log2(window + size)))
    head = np.fft.rfft(frames[:, :size], nfft, axis=1)
    full = np.fft.rfft(frames, nfft, axis=1)
    correlation = np.fft.irfft(np.conj(head) * full, nfft, axis=1)[:, : max_lag + 1]
    difference = energy_head[:, None] + energy_lagged - 2.0 * correlation
    difference[:, 0] = 0.0
    running = np.cumsum(difference[:, 1:], axis=1)
    cmnd = np.ones_like(difference)
    with np.errstate(divide="ignore", invalid="ignore"):
        cmnd[:, 1:] = np.where(running > 0, difference[:, 1:] * lags[1:] / running, 1.0)

    pitches = np.zeros(count)
    aperiodicity = np.ones(count)
    for row in range(count):
        curve = cmnd[row]
        below = np.nonzero(curve[min_lag : max_lag + 1] < YIN_THRESHOLD)[0]
        if below.size:
            lag = min_lag + int(below[0])
            # Walk down to the bottom of this dip.
            while lag + 1 <= max_lag and curve[lag + 1] < curve[lag]:
                lag += 1
        else:
            lag = min_lag + int(np.argmin(curve[min_lag : max_lag + 1]))
        aperiodicity[row] = curve[lag]
        offset = 0.0
        if min_lag < lag < max_lag:
            left, mid, right = curve[lag - 1], curve[lag], curve[lag + 1]
            denominator = left - 2 * mid + right
            if denominator > 0:
                offset = 0.5 * (left - right) / denominator
        pitches[row] = rate / (lag + offset)
    return pitches, aperiodicity


def _envelope(power: np.ndarray, freqs: np.ndarray) -> tuple[list[float], list[float]]:
    """Mean spectrum of the voice frames in log-spaced bands, as shares summing to 1."""
    edges = np.geomspace(ENVELOPE_RANGE_HZ[0], ENVELOPE_RANGE_HZ[1], ENVELOPE_BANDS + 1)
    mean_power = power.mean(axis=0) if power.size else np.zeros(freqs.size)
    energies = np.array(
        [mean_power[(freqs >= lo) & (freqs < hi)].sum() for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    )
    total = energies.sum()
    shares = energies / total if total > 0 else np.zeros_like(energies)
    return [round(float(v), 6) for v in shares], [round(float(v), 2) for v in edges]


def analyze_voice(signal: np.ndarray | None, *, rate: int) -> VoiceAnalysis:
    """Measure voice activity in mono float audio and build the voice profile when there is a voice."""
    if signal is None or signal.size == 0:
        return VoiceAnalysis(active_fraction=0.0, voiced_seconds=0.0, has_voice=False, profile=None)
    frames = _frames(signal, rate=rate)
    if frames.shape[0] == 0:
        return VoiceAnalysis(active_fraction=0.0, voiced_seconds=0.0, has_voice=False, profile=None)
    power, freqs = _band_powers(frames, rate=rate)
    in_band = (freqs >= VOICE_BAND_HZ[0]) & (freqs <= VOICE_BAND_HZ[1])
    band_power = power[:, in_band].sum(axis=1)
    total_power = power.sum(axis=1)
    band_db = 10.0 * np.log10(band_power + 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total_power > 0, band_power / total_power, 0.0)
    active = (band_db >= ACTIVE_FLOOR_DBFS) & (share >= ACTIVE_BAND_SHARE)

    pitches = np.zeros(0)
    voiced = np.zeros(frames.shape[0], dtype=bool)
    if active.any():
        pitch_all, aperiodicity = _yin(frames[active], rate=rate)
        voiced_active = aperiodicity <= YIN_VOICED_MAX
        voiced[np.nonzero(active)[0][voiced_active]] = True
        pitches = pitch_all[voiced_active]

    hop_s = HOP_S
    active_fraction = float(active.mean())
    voiced_seconds = float(voiced.sum() * hop_s)
    has_voice = active_fraction >= MIN_ACTIVE_FRACTION and voiced_seconds >= MIN_VOICED_SECONDS
    profile = None
    if has_voice:
        envelope, edges = _envelope(power[active], freqs)
        profile = {
            "version": 1,
            "pitch_hz": round(float(np.median(pitches)), 2),
            "pitch_p10_hz": round(float(np.percentile(pitches, 10)), 2),
            "pitch_p90_hz": round(float(np.percentile(pitches, 90)), 2),
            "voiced_seconds": round(voiced_seconds, 2),
            "envelope": envelope,
            "envelope_edges_hz": edges,
        }
    return VoiceAnalysis(
        active_fraction=round(active_fraction, 4),
        voiced_seconds=round(voiced_seconds, 2),
        has_voice=has_voice,
        profile=profile,
    )
