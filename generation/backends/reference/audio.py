"""Sound for the reference renderer: impacts, ambience and synthetic speech (float32 mono, made on the CPU).

Impacts
    A sum of exponentially decaying modes (cosines, so the first sample is the peak) plus a short burst of
    band-limited noise that starts at zero. The first sample equals the impact's amplitude, which grows
    with the normal speed of the contact; the mode set depends on the body and the surface (a rim rings,
    sand is dull). The renderer places sample 0 at the collision's exact sample.

Ambience (peak-normalised to a low level)
    beach: low-passed noise swelling with the waves plus hiss; space: a 55 Hz hum with harmonics and a slow
    beat; street: a crowd murmur band plus traffic rumble; park: wind plus bird chirps; gym and stage: room
    tone and a distant murmur; kitchen: a fridge hum; studio: quiet room tone.

Speech
    The text becomes syllables (vowel groups), each with its consonants: fricatives (s, f, sh ...) are
    noise bands, stops a short silence and burst, sonorants (m, n, l, r, w) a quiet voiced hum. Vowels
    are a glottal pulse train at the voice's pitch (a band-limited harmonic series with a -6 dB/octave
    tilt) passed through three complex formant resonances for that vowel and through the voice profile's
    spectral envelope. Pitch falls gently over a line, rises at the end of a question, sits higher in a
    shout, follows notes when sung; a whisper replaces the voice with breath noise. The amplitude
    envelope (attack, sustain, release per syllable, stressed first syllables) is returned with the
    samples so the picture can open the mouth with it.

``spectral_envelope`` is read as band energies on log-spaced bands from 80 Hz to 8 kHz (any length); values
are powers on any scale, or decibels if any is negative. The gain is clipped to ±12 dB.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

Tensor = torch.Tensor
AMBIENCE_PEAK = {"studio": 0.015}
DEFAULT_AMBIENCE_PEAK = 0.045
IMPACT_SECONDS = 0.3
CONTROL_S = 0.001

# (frequency Hz, weight, decay seconds) per body, and per special surface.
BODY_MODES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "basketball": ((120, 0.5, 0.05), (310, 0.3, 0.025), (690, 0.2, 0.012)),
    "ball": ((200, 0.5, 0.035), (520, 0.3, 0.018), (1100, 0.2, 0.008)),
    "tennis_ball": ((650, 0.5, 0.015), (1500, 0.3, 0.008), (3100, 0.2, 0.004)),
    "soccer_ball": ((150, 0.5, 0.04), (400, 0.3, 0.02), (900, 0.2, 0.01)),
    "beach_ball": ((90, 0.6, 0.06), (240, 0.4, 0.03)),
    "box": ((160, 0.45, 0.03), (380, 0.35, 0.02), (850, 0.2, 0.01)),
}
SURFACE_MODES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "rim": ((560, 0.35, 0.12), (1230, 0.3, 0.08), (2270, 0.2, 0.05), (3650, 0.15, 0.03)),
    "backboard": ((140, 0.4, 0.04), (330, 0.35, 0.03), (800, 0.25, 0.015)),
}
BODY_GAIN = {"beach_ball": 0.6, "tennis_ball": 0.8}
# Floor materials by setting: (decay factor, gain, noise band).
FLOORS: dict[str, tuple[float, float, tuple[float, float]]] = {
    "beach": (0.5, 0.6, (80, 1500)),
    "park": (0.6, 0.75, (80, 2500)),
    "space": (1.4, 1.0, (500, 9000)),
    "street": (0.9, 1.0, (300, 8000)),
    "kitchen": (0.9, 1.0, (500, 9000)),
}
DEFAULT_FLOOR = (1.0, 1.0, (200, 6000))


def seeded(seed: int, *labels: object) -> torch.Generator:
    """A CPU generator whose stream depends only on the seed and the labels (never on global state)."""
    digest = hashlib.sha256(repr((seed, *labels)).encode()).digest()
    gen = torch.Generator(device="cpu")
    gen.manual_seed(int.from_bytes(digest[:8], "little") & 0x7FFF_FFFF_FFFF_FFFF)
    return gen


def band_noise(n: int, sample_rate: int, gen: torch.Generator, lo: float, hi: float, *, tilt: float = 0.0) -> Tensor:
    """Unit-RMS noise band-limited to [lo, hi] Hz with smooth edges and a spectral tilt (dB/octave / 6)."""
    if n <= 0:
        return torch.zeros(0, dtype=torch.float64)
    white = torch.randn(n, generator=gen, dtype=torch.float64)
    spec = torch.fft.rfft(white)
    f = torch.fft.rfftfreq(n, d=1.0 / sample_rate).to(torch.float64)
    hi = min(hi, 0.95 * sample_rate / 2)
    edge_lo = torch.sigmoid((f - lo) / max(lo * 0.15, 5.0))
    edge_hi = torch.sigmoid((hi - f) / max(hi * 0.08, 5.0))
    shape = edge_lo * edge_hi * (f.clamp_min(lo) / lo) ** (tilt / 2)
    out = torch.fft.irfft(spec * shape, n=n)
    return out / out.std().clamp_min(1e-12)


def _lfo(n: int, sample_rate: int, gen: torch.Generator, rate_hz: float) -> Tensor:
    """A smooth random modulation in 0..1 that changes about rate_hz times a second."""
    points = max(int(n / sample_rate * rate_hz) + 3, 3)
    values = torch.rand(1, 1, points, generator=gen, dtype=torch.float64)
    return F.interpolate(values, size=n, mode="linear", align_corners=True)[0, 0]


def impact_sound(*, body: str, surface: str, floor: str, speed: float, sample_rate: int,
                 gen: torch.Generator) -> Tensor:
    """The sound of one collision; sample 0 is its onset and its peak."""
    modes = SURFACE_MODES.get(surface) or BODY_MODES.get(body, BODY_MODES["ball"])
    decay, gain, band = DEFAULT_FLOOR
    if surface == "floor":
        decay, gain, band = FLOORS.get(floor, DEFAULT_FLOOR)
    amplitude = gain * BODY_GAIN.get(body, 1.0) * min(max(0.1 + 0.08 * speed, 0.2), 0.9)
    n = int(IMPACT_SECONDS * sample_rate)
    t = torch.arange(n, dtype=torch.float64) / sample_rate
    total_w = sum(w for _, w, _ in modes)
    modal = sum(w / total_w * torch.exp(-t / (tau * decay)) * torch.cos(2 * math.pi * f * t) for f, w, tau in modes)
    noise = band_noise(n, sample_rate, gen, *band)
    # The noise burst ramps up from zero over a few samples so sample 0 is exactly the modal peak.
    burst = noise * torch.exp(-t / 0.006) * (1 - torch.exp(-torch.arange(n, dtype=torch.float64) / 3.0))
    out = amplitude * (modal + 0.35 * burst)
    fade = max(int(0.01 * sample_rate), 1)
    out[-fade:] *= torch.linspace(1, 0, fade, dtype=torch.float64)
    return out.to(torch.float32)


def ambience(setting: str, *, num_samples: int, sample_rate: int, gen: torch.Generator) -> Tensor:
    """Low-level background sound for a setting, peak-normalised."""
    n, sr = num_samples, sample_rate
    if n <= 0:
        return torch.zeros(0)
    t = torch.arange(n, dtype=torch.float64) / sr
    if setting == "beach":
        phase = float(torch.rand(1, generator=gen)) * 2 * math.pi
        swell = (0.55 + 0.45 * torch.sin(2 * math.pi * t / 6.5 + phase)) ** 2
        hiss_swell = (0.55 + 0.45 * torch.sin(2 * math.pi * t / 6.5 + phase - 0.6)) ** 2
        out = band_noise(n, sr, gen, 40, 900, tilt=-1) * swell + 0.35 * band_noise(n, sr, gen, 2000, 7000) * hiss_swell
    elif setting == "space":
        hum = (torch.sin(2 * math.pi * 55 * t) + 0.5 * torch.sin(2 * math.pi * 110 * t)
               + 0.25 * torch.sin(2 * math.pi * 165 * t) + 0.6 * torch.sin(2 * math.pi * 55.35 * t))
        out = hum + 0.3 * band_noise(n, sr, gen, 20, 120)
    elif setting in ("street", "stage"):
        lo, hi = (250, 2500) if setting == "street" else (200, 2000)
        murmur = band_noise(n, sr, gen, lo, hi) * (0.6 + 0.4 * _lfo(n, sr, gen, 3.5))
        out = murmur + 0.8 * band_noise(n, sr, gen, 30, 200, tilt=-1) * _lfo(n, sr, gen, 0.2)
    elif setting == "park":
        out = band_noise(n, sr, gen, 60, 500, tilt=-1) * (0.3 + 0.7 * _lfo(n, sr, gen, 0.3))
        out = out + _birds(n, sr, gen)
    elif setting == "gym":
        out = band_noise(n, sr, gen, 50, 1500, tilt=-1) + 0.3 * torch.sin(2 * math.pi * 120 * t)
        out = out + 0.4 * band_noise(n, sr, gen, 300, 2000) * _lfo(n, sr, gen, 2.0)
    elif setting == "kitchen":
        out = (torch.sin(2 * math.pi * 60 * t) + 0.6 * torch.sin(2 * math.pi * 120 * t)
               + 0.3 * torch.sin(2 * math.pi * 180 * t) + 0.3 * band_noise(n, sr, gen, 40, 3000, tilt=-1))
    else:
        out = band_noise(n, sr, gen, 40, 4000, tilt=-1)
    peak = AMBIENCE_PEAK.get(setting, DEFAULT_AMBIENCE_PEAK)
    return (out * (peak / out.abs().max().clamp_min(1e-12))).to(torch.float32)


def _birds(n: int, sr: int, gen: torch.Generator) -> Tensor:
    out = torch.zeros(n, dtype=torch.float64)
    count = int(n / sr * 0.8)
    for start_u, pitch_u in torch.rand(count, 2, generator=gen, dtype=torch.float64).tolist():
        length = int(0.08 * sr)
        start = int(start_u * max(n - length, 1))
        tt = torch.arange(length, dtype=torch.float64) / sr
        f0 = 3000 + 2000 * pitch_u
        chirp = torch.sin(2 * math.pi * (f0 * tt + 6000 * tt * tt)) * torch.hann_window(length, dtype=torch.float64)
        out[start:start + length] += 0.8 * chirp[: n - start]
    return out


# ---------------------------------------------------------------------------------------------- speech

VOWELS: dict[str, tuple[tuple[float, float, float], float]] = {
    # (F1, F2, F3) in Hz for an adult voice, and how open the mouth (and how loud the vowel) is.
    "a": ((730, 1090, 2440), 1.0),
    "o": ((570, 840, 2410), 0.85),
    "e": ((530, 1840, 2480), 0.8),
    "u": ((440, 1020, 2240), 0.6),
    "i": ((390, 1990, 2550), 0.6),
    "y": ((390, 1990, 2550), 0.6),
}
FORMANT_BANDWIDTHS = (90.0, 110.0, 170.0)
FORMANT_GAINS = (1.0, 0.6, 0.3)
FRICATIVES = {"s": "s", "z": "s", "c": "s", "x": "s", "j": "sh", "f": "f", "v": "f", "h": "f"}
STOPS = set("ptkbdgq")
SONORANTS = set("mnlrw")
DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NOISE_BANDS = {"s": (3500.0, 9000.0), "sh": (1800.0, 6000.0), "f": (800.0, 7000.0), "h": (300.0, 4500.0)}
LEVELS = {"say": 0.32, "ask": 0.32, "shout": 0.55, "whisper": 0.14, "sing": 0.34}


@dataclass(frozen=True)
class Segment:
    """One piece of a spoken line at control rate."""

    kind: str  # "vowel", "fricative", "stop", "sonorant", "pause"
    seconds: float
    vowel: str = "a"
    noise: str = "f"
    stress: float = 1.0
    syllable: int = -1


@dataclass(frozen=True)
class Speech:
    """A synthesised line: samples, and the mouth-opening envelope (0..1) at the same sample rate."""

    samples: Tensor  # float32
    mouth: Tensor  # float32, 0..1


def _words(text: str) -> list[str]:
    tokens = re.findall(r"[a-z']+|\d|[,.!?;:]", text.lower())
    return [DIGITS[int(t)] if t.isdigit() else t for t in tokens]


def segments_for(text: str, *, manner: str, gen: torch.Generator) -> list[Segment]:
    """The line as syllable segments, with seeded jitter in their lengths."""
    segs: list[Segment] = [Segment("pause", 0.03)]
    syllable = 0
    stretch = {"sing": 2.2, "shout": 1.1}.get(manner, 1.0)
    for word in _words(text):
        if word in ",;:":
            segs.append(Segment("pause", 0.18))
            continue
        if word in ".!?":
            segs.append(Segment("pause", 0.3))
            continue
        letters = word.replace("'", "")
        groups = list(re.finditer(r"[aeiouy]+", letters))
        if len(groups) > 1 and groups[-1].group() == "e" and groups[-1].end() == len(letters):
            groups = groups[:-1]  # a silent final e
        if not groups:
            segs.append(Segment("sonorant", 0.12 * stretch, vowel="u"))
            segs.append(Segment("pause", 0.05))
            continue
        prev_end = 0
        for i, group in enumerate(groups):
            onset = letters[prev_end:group.start()]
            coda = letters[group.end():] if i == len(groups) - 1 else ""
            jitter = float(torch.rand(1, generator=gen, dtype=torch.float64)) * 0.3 - 0.15
            segs.extend(_consonants(onset))
            segs.append(Segment("vowel", (0.15 + 0.03 * (i == 0)) * (1 + jitter) * stretch, vowel=group.group()[0],
                                stress=1.0 if i == 0 else 0.8, syllable=syllable))
            segs.extend(_consonants(coda))
            syllable += 1
            prev_end = group.end()
        segs.append(Segment("pause", 0.05))
    return segs


def _consonants(cluster: str) -> list[Segment]:
    out: list[Segment] = []
    scale = 0.7 if len(cluster) > 1 else 1.0
    i = 0
    while i < len(cluster):
        pair = cluster[i:i + 2]
        if pair in ("sh", "ch", "th"):
            out.append(Segment("fricative", 0.075 * scale, noise="sh" if pair != "th" else "f"))
            i += 2
            continue
        letter = cluster[i]
        if letter in FRICATIVES:
            out.append(Segment("fricative", 0.075 * scale, noise=FRICATIVES[letter]))
        elif letter in STOPS:
            out.append(Segment("pause", 0.012 * scale))
            out.append(Segment("stop", 0.02 * scale))
        elif letter in SONORANTS:
            out.append(Segment("sonorant", 0.045 * scale, vowel="u"))
        i += 1
    return out


def _smooth(x: Tensor, steps: int) -> Tensor:
    if steps <= 1:
        return x
    kernel = torch.ones(1, 1, steps, dtype=x.dtype) / steps
    pad = steps // 2
    return F.conv1d(F.pad(x[None, None], (pad, steps - 1 - pad), mode="replicate"), kernel)[0, 0]


def _voice_gain(freqs: Tensor, envelope: tuple[float, ...]) -> Tensor:
    if not envelope:
        return torch.ones_like(freqs)
    values = np.asarray(envelope, dtype=np.float64)
    amp = 10 ** (values / 20) if (values < 0).any() else np.sqrt(np.clip(values, 1e-12, None))
    amp = amp / amp.mean()
    centres = np.geomspace(80.0, 8000.0, len(values)) if len(values) > 1 else np.array([1000.0])
    gain = np.interp(np.log(np.clip(freqs.numpy(), 1.0, None)), np.log(centres), amp)
    return torch.from_numpy(np.clip(gain, 0.25, 4.0))


def synthesize_speech(text: str, *, pitch_hz: float, spectral_envelope: tuple[float, ...], manner: str,
                      sample_rate: int, gen: torch.Generator) -> Speech:
    """A spoken (or shouted, whispered, sung) line at the voice's pitch, with its mouth envelope."""
    segs = segments_for(text, manner=manner, gen=gen)
    steps = [max(int(round(s.seconds / CONTROL_S)), 1) for s in segs]
    k = sum(steps)
    voiced, noise_amp = torch.zeros(k, dtype=torch.float64), {b: torch.zeros(k, dtype=torch.float64) for b in NOISE_BANDS}
    formants = torch.zeros(3, k, dtype=torch.float64)
    f0 = torch.zeros(k, dtype=torch.float64)
    syllables = max(max((s.syllable for s in segs), default=0) + 1, 1)
    pitch = pitch_hz * (1.25 if manner == "shout" else 1.0)
    fscale = min(max((pitch_hz / 120.0) ** 0.25, 0.9), 1.25)
    notes = torch.randint(0, 5, (syllables,), generator=gen).tolist()
    pos = 0
    last_formants = VOWELS["e"][0]
    for seg, n in zip(segs, steps, strict=True):
        sl = slice(pos, pos + n)
        progress = pos / max(k - 1, 1)
        base = pitch * (1.06 - 0.12 * progress)
        if seg.kind in ("vowel", "sonorant"):
            shape, openness = VOWELS[seg.vowel]
            ramp = torch.ones(n, dtype=torch.float64)
            attack, release = min(20, n // 3), min(30, n // 3)
            if attack:
                ramp[:attack] = 0.5 - 0.5 * torch.cos(torch.linspace(0, math.pi, attack, dtype=torch.float64))
            if release:
                ramp[-release:] = 0.5 + 0.5 * torch.cos(torch.linspace(0, math.pi, release, dtype=torch.float64))
            level = openness * seg.stress if seg.kind == "vowel" else 0.3
            voiced[sl] = level * ramp
            formants[:, sl] = torch.tensor(shape, dtype=torch.float64)[:, None] * fscale
            last_formants = shape
            if manner == "sing" and seg.kind == "vowel":
                semis = (0, 2, 4, 7, 9)[notes[seg.syllable % syllables]]
                base = pitch * 2 ** (semis / 12)
            bump = 1.04 if seg.stress >= 1.0 and seg.kind == "vowel" else 1.0
            f0[sl] = base * bump
        else:
            formants[:, sl] = torch.tensor(last_formants, dtype=torch.float64)[:, None] * fscale
            f0[sl] = base
            if seg.kind == "fricative":
                ramp = torch.ones(n, dtype=torch.float64)
                edge = min(10, n // 2)
                if edge:
                    ramp[:edge] = torch.linspace(0, 1, edge, dtype=torch.float64)
                    ramp[-edge:] = torch.linspace(1, 0, edge, dtype=torch.float64)
                noise_amp[seg.noise][sl] = 0.3 * ramp
            elif seg.kind == "stop":
                noise_amp["f"][sl] = 0.45 * torch.exp(-torch.arange(n, dtype=torch.float64) / 6.0)
        pos += n
    if manner == "ask":
        tail = max(int(0.3 / CONTROL_S), 1)
        f0[-tail:] *= torch.linspace(1.0, 1.3, min(tail, k), dtype=torch.float64)
    if manner == "sing":
        vib = torch.sin(2 * math.pi * 5.0 * torch.arange(k, dtype=torch.float64) * CONTROL_S)
        f0 = f0 * (1 + 0.015 * vib)
    f0 = _smooth(f0, 25)
    formants = torch.stack([_smooth(row, 25) for row in formants])
    voiced = _smooth(voiced, 8)
    noise_amp = {b: _smooth(a, 4) for b, a in noise_amp.items()}
    mouth_control = (voiced + 0.4 * sum(noise_amp.values())).clamp(0, 1)
    if manner == "whisper":
        noise_amp["h"] = noise_amp["h"] + voiced
        voiced = torch.zeros_like(voiced)

    n = int(round(k * CONTROL_S * sample_rate))

    def up(x: Tensor) -> Tensor:
        return F.interpolate(x.reshape(1, -1, k), size=n, mode="linear", align_corners=True)[0]

    f0_s = up(f0)[0]
    phase = 2 * math.pi * torch.cumsum(f0_s, 0) / sample_rate
    harmonics = int(min(5500.0, 0.45 * sample_rate) // max(float(f0.min()), 50.0))
    h = torch.arange(1, harmonics + 1, dtype=torch.float64)
    # Complex formant response at each harmonic, at control rate: |H| shapes, arg(H) spreads the phases.
    freqs = h[:, None] * f0[None, :]  # (H, K)
    response = torch.zeros(harmonics, k, dtype=torch.complex128)
    for i in range(3):
        x = (freqs - formants[i][None, :]) / (FORMANT_BANDWIDTHS[i] / 2)
        response = response + FORMANT_GAINS[i] / torch.complex(torch.ones_like(x), x)
    response = response / h[:, None] * _voice_gain(freqs.reshape(-1), spectral_envelope).reshape(harmonics, k)
    response = torch.where(freqs < 0.45 * sample_rate, response, torch.zeros_like(response))
    power = (response.abs() ** 2).sum(0, keepdim=True) / 2
    response = response / power.sqrt().clamp_min(1e-12)  # unit-RMS carrier at every instant
    # Sum the harmonics in chunks, interpolating the complex response linearly between control steps.
    # The phase is kept in float64 (it grows large) and reduced mod 2π before float32 trigonometry.
    carrier = torch.zeros(n, dtype=torch.float64)
    position = torch.arange(n, dtype=torch.float64) * ((k - 1) / max(n - 1, 1))
    re = response.real.T.contiguous().to(torch.float32)  # (K, H): rows gather fast
    im = response.imag.T.contiguous().to(torch.float32)
    chunk = 16_000
    for start in range(0, n, chunk):
        sl = slice(start, min(start + chunk, n))
        i0 = position[sl].floor().long().clamp(max=k - 1)
        i1 = (i0 + 1).clamp(max=k - 1)
        frac = (position[sl] - i0).to(torch.float32)[:, None]
        r_re = torch.lerp(re[i0], re[i1], frac)
        r_im = torch.lerp(im[i0], im[i1], frac)
        angle = torch.remainder(phase[sl, None] * h[None, :], 2 * math.pi).to(torch.float32)
        carrier[sl] = (r_re * torch.cos(angle) - r_im * torch.sin(angle)).sum(1, dtype=torch.float64)
    out = up(voiced)[0] * carrier
    for band, amp in noise_amp.items():
        if float(amp.max()) > 0:
            out = out + up(amp)[0] * band_noise(n, sample_rate, gen, *NOISE_BANDS[band])
    level = LEVELS.get(manner, LEVELS["say"])
    out = out * level
    peak = float(out.abs().max())
    if peak > 0.95:
        out = out * (0.95 / peak)
    return Speech(samples=out.to(torch.float32), mouth=up(mouth_control)[0].clamp(0, 1).to(torch.float32))
