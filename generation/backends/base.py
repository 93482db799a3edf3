"""The rendering backend interface: a spec goes in, frames and audio come out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from .weights import ModelIdentity

# Sizes of the long edge and short edge for each resolution name; the aspect ratio picks orientation.
RESOLUTIONS: dict[str, int] = {"360p": 360, "480p": 480, "720p": 720, "1080p": 1080}
ASPECT_RATIOS: dict[str, tuple[int, int]] = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1)}
STYLES = ("realistic", "cinematic", "anime")
MAX_DURATION_S = 20


def frame_size(resolution: str, aspect_ratio: str) -> tuple[int, int]:
    """(width, height) in pixels, both even, for a resolution name and an aspect ratio."""
    short = RESOLUTIONS[resolution]
    aw, ah = ASPECT_RATIOS[aspect_ratio]
    if aw >= ah:
        width, height = round(short * aw / ah), short
    else:
        width, height = short, round(short * ah / aw)
    return width - width % 2, height - height % 2


@dataclass(frozen=True)
class CameoRef:
    """A cameo as the renderer sees it: who, how they look and sound, and what they prefer."""

    handle: str  # without the "@", lowercase, as written in the prompt
    reference_face: np.ndarray  # H×W×3 uint8 RGB: the verified face crop, or a character's whole picture
    voice_pitch_hz: float = 140.0  # median speaking pitch from the voice profile
    spectral_envelope: tuple[float, ...] = ()  # coarse band energies from the voice profile
    preferences: str = ""  # free text such as "always wears a red hat"
    # The cameo's kind: "self" is a verified person, anything else ("pet", "object", "drawing") a character,
    # whose picture is drawn whole and never searched for a face, even when one is in it.
    kind: str = "self"

    @property
    def is_person(self) -> bool:
        return self.kind == "self"


@dataclass(frozen=True)
class RenderSpec:
    """Everything a backend needs to render one video."""

    prompt: str
    duration_s: float
    resolution: str = "720p"
    aspect_ratio: str = "16:9"
    style: str = "realistic"
    seed: int = 0
    fps: int = 24
    sample_rate: int = 48_000
    cameos: tuple[CameoRef, ...] = ()
    # The backend to render with (generation.backends.catalog); "" is the deployment's default, RENDER_BACKEND.
    backend: str = ""

    def on_backend(self, backend: str) -> RenderSpec:
        """This spec, rendered by `backend` ("" keeps the default)."""
        return replace(self, backend=backend or "")

    @property
    def size(self) -> tuple[int, int]:
        return frame_size(self.resolution, self.aspect_ratio)

    @property
    def frame_count(self) -> int:
        return round(self.duration_s * self.fps)


@dataclass(frozen=True)
class RenderEvent:
    """Something the renderer placed at an exact time, so tests can measure sync."""

    kind: str  # "impact", "dialogue_start", "dialogue_end", "shot_cut"
    time_s: float
    sample: int  # index into the audio track
    frame: int  # index into the frames
    detail: str = ""


@dataclass
class RenderResult:
    """What a backend returns: frames, audio and where it put things."""

    frames: np.ndarray  # T×H×W×3 uint8 RGB
    audio: np.ndarray  # float32 mono PCM in [-1, 1]
    sample_rate: int
    fps: int
    events: list[RenderEvent] = field(default_factory=list)
    # Per frame, the face boxes (top, right, bottom, left) where cameo faces were composited;
    # the watermark keeps off them.
    face_boxes: list[list[tuple[int, int, int, int]]] = field(default_factory=list)
    # Per frame, how open each cameo's mouth was drawn (0..1), keyed by handle, for lip-sync tests.
    mouth_openness: dict[str, np.ndarray] = field(default_factory=dict)
    # The learned model that made it (name and version from its weights folder), for the C2PA manifest;
    # None for the built-in reference renderer.
    model: ModelIdentity | None = None


ProgressCallback = Callable[[float], None]  # fraction done, 0..1


class RenderBackend(Protocol):
    """A model that turns a spec into frames and audio. Loaded once per worker process."""

    name: str

    def render(self, spec: RenderSpec, device: str, progress: ProgressCallback | None = None) -> RenderResult: ...
